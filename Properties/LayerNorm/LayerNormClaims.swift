import ClaimKit
import GSL
import RandomNetworks

/// Claims of the anonymous submission "Gradient explosion and representation
/// shrinkage in infinite networks" (its catalog: Catalog.swift, drawn from layernorm-asv.md, LN part).
public enum LayerNormClaims {
    /// Every claim of this paper, in catalog order.
    public static let all: [Claim] = [
        operatorNormDefinition, hermiteOrthogonality, correlationIdentity, meanFieldMap, meanFieldHermiteSeries,
        monotoneConvexMap, attractingFixedPoint, linearNearOne, orderedPhase, criticalPhase, chaoticPhase,
        theoremOne, theoremOneInfiniteWidth, secantIdentity, jacobianLowerBound, composedMaps, tildeRhoBounds, croppedMaps,
        croppedCovariance, theoremOneExcessSteps, remarkTwoBound, remarkTwoLimit, remarkThree, rigorousSegment, proofSketch,
        theoremOneAlternatives,
        excessConvexityDefinition, excessConvexityBounding, excessConvexityNonNegativity, excessConvexityCoerciveness,
        excessConvexitySteepness, excessConvexitySuperadditivity, excessConvexityWeights, croppingPowerSeries,
        croppingMonotoneTerms, croppingGaussianCovariance, steinDerivative, croppingDenominator, excessConvexityMixing,
        theoremTwo, residualCorrelationMap, residualDecomposition, residualPropertyEightStep, residualCropBound,
        residualABound, residualPerLayerBound, residualIdentity,
        leakyCovariance, leakyLinearization, leakyResidual, leakyDerivativeNorm, leakyCriticality,
        erfCovariance, erfLinearization, erfResidual, erfDerivativeNorm, erfCriticality,
        leakyShrinkageBound, erfShrinkageBound, chaoticJacobianBound, remarkOne, trueRates, residualScaling,
        figureOne, figureTwo, figureThree, figureFour, mixingActivations, layerNormInsertion,
    ]

    /// The slopes a of LReLU_a the appendix-B checks sweep (ReLU, leaky, negative and near-linear).
    static let slopes = [0.0, 0.1, 0.5, -0.3, 0.9]
}

extension LayerNormClaims {
    /// Records 𝔆 (or another Gaussian moment) computed by QUADPACK against a
    /// closed form, at relative resolution 1e-9 (the nested two-dimensional
    /// integrals are computed to 1e-11).
    static func compareWithQuadrature(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted,
                                      integral: IntegralResult, closedForm: Double) {
        ctx.compare(name, subject: subject, route: .quadrature, value: integral.value, error: integral.absoluteError,
                    reference: closedForm, referenceRoute: .closedForm, resolution: 1e-9 * max(1, abs(closedForm)))
    }
}
