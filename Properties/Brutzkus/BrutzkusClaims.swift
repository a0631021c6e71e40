import ClaimKit

/// Claims of Brutzkus & Globerson, "An Optimization and Generalization
/// Analysis for Max-Pooling Networks" (catalog: ../shared/claims/brutzkus-maxpool.md).
enum BrutzkusClaims {
    static let all: [Claim] = [
        distributionFacts, poolingIdentity, vcLowerBound, shermanMorrison,
        luckyChannelProbability, hoeffdingStep, luckyChannelCounts, confidenceRate,
        normGrowth, outputBound, activationBound, positiveDynamics, negativeDynamics, balancedHalfEvent,
        separableRepresentation, separatorNorm, featureScales, lowNormSolution, normalizedMargin,
        secondLayerConvergence, mainTheorem, linearSeparability, maxMarginNorm, fullyConnectedBound,
        noiselessExperiment, noisyExperiment,
    ]
}
