import ClaimKit

/// Claims of Brutzkus & Globerson, "An Optimization and Generalization
/// Analysis for Max-Pooling Networks" (its catalog: Catalog.swift, drawn from brutzkus-maxpool.md).
public enum BrutzkusClaims {
    /// In the order of the catalog's index.
    /// Every claim of this paper, in catalog order.
    public static let all: [Claim] = [
        distributionFacts, poolingIdentity, vcLowerBound, shermanMorrison, mainTheorem, luckyChannelCounts,
        luckyChannelProbability, hoeffdingStep, positiveDynamics, negativeDynamics, activationBound, normGrowth,
        outputBound, balancedHalfEvent, separableRepresentation, separatorNorm, featureScales, secondLayerConvergence,
        lowNormSolution, normalizedMargin, confidenceRate, linearSeparability, maxMarginNorm, fullyConnectedBound,
        layerwiseTraining, noiselessExperiment, noisyExperiment, patternCountExperiment,
    ]
}
