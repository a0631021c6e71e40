import Foundation
import GSL

/// The infinite-width correlation map of one layer-norm MLP layer
/// (layer-norm paper, eq. (2.3)):
///
///     P(ρ) = (σ_b² + σ_w² 𝔆[φ|ρ]) / (σ_b² + σ_w² 𝔆[φ|1]),
///     P'(1) = σ_w² ||φ'||² / (σ_b² + σ_w² ||φ||²)   (Stein: ∂_ρ 𝔆[φ|ρ] = 𝔆[φ'|ρ]).
///
/// P'(1) < 1 is the ordered phase, = 1 critical, > 1 chaotic (§2.2).
public struct MeanFieldCorrelationMap: Sendable {
    /// How the Gaussian moments are obtained.
    public enum Route: Sendable { case closedForm, quadrature }

    public let activation: Activation
    public let weightVariance: Double
    public let biasVariance: Double
    /// ||φ||² and ||φ'||² with their error estimates (0 for closed forms).
    public let norm: IntegralResult
    public let derivativeNorm: IntegralResult
    public let route: Route

    public init(activation: Activation, weightVariance: Double, biasVariance: Double, route: Route) throws {
        let context = "MeanFieldCorrelationMap"
        self.activation = try activation.validated()
        try Require.positive(weightVariance, "weightVariance", in: context)
        try Require.nonNegative(biasVariance, "biasVariance", in: context)
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
        self.route = route
        switch route {
        case .closedForm:
            guard let n = try GaussianCovariance.closedForm(activation, rho: 1),
                  let d = try GaussianCovariance.derivativeClosedForm(activation, rho: 1) else {
                throw ParameterError(context, parameter: "activation", value: activation.description,
                                     requirement: "one with closed-form Gaussian moments for route .closedForm")
            }
            norm = IntegralResult(value: n, absoluteError: 0)
            derivativeNorm = IntegralResult(value: d, absoluteError: 0)
        case .quadrature:
            norm = try GaussianCovariance.normSquared(activation)
            derivativeNorm = try GaussianCovariance.derivativeNormSquared(activation)
        }
    }

    /// P(ρ), with 𝔆[φ|ρ] from the same route as the norms.
    public func callAsFunction(_ rho: Double) throws -> Double {
        let c: Double
        switch route {
        case .closedForm: c = try GaussianCovariance.closedForm(activation, rho: rho) ?? .nan
        case .quadrature: c = try GaussianCovariance.quadrature(activation, rho: rho).value
        }
        return (biasVariance + weightVariance * c) / (biasVariance + weightVariance * norm.value)
    }

    /// P'(1) = σ_w² ||φ'||² / (σ_b² + σ_w² ||φ||²).
    public var slopeAtOne: Double {
        weightVariance * derivativeNorm.value / (biasVariance + weightVariance * norm.value)
    }

    /// The same layer with another bias variance (norms are reused).
    public func withBiasVariance(_ biasVariance: Double) throws -> MeanFieldCorrelationMap {
        try Require.nonNegative(biasVariance, "biasVariance", in: "MeanFieldCorrelationMap.withBiasVariance")
        return MeanFieldCorrelationMap(copying: self, biasVariance: biasVariance)
    }

    private init(copying other: MeanFieldCorrelationMap, biasVariance: Double) {
        activation = other.activation
        weightVariance = other.weightVariance
        self.biasVariance = biasVariance
        norm = other.norm
        derivativeNorm = other.derivativeNorm
        route = other.route
    }
}
