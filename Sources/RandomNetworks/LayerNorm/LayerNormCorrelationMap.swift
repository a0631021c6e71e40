import GSL

/// The infinite-width correlation map of one layer-norm MLP layer, eq. (2.3),
/// for any activation kernel k = 𝔆[φ|·]:
///
///     P(ρ) = (σ_b² + σ_w² k(ρ)) / (σ_b² + σ_w² k(1)),   P'(ρ) = σ_w² 𝔆[φ'|ρ] / (σ_b² + σ_w² k(1)),
///     1 − P(1 − ε) = σ_w² (k(1) − k(1 − ε)) / (σ_b² + σ_w² k(1)).
///
/// With an `ActivationKernel` on the quadrature route, `kernel.absoluteError` is the error of the norms
/// ‖φ‖², ‖φ'‖² and of each evaluation of 𝔆[φ|ρ] and 𝔆[φ'|ρ], so P and P' are within σ_w²(1 + |P|)·absoluteError
/// over the normalization; the complement there is a difference of QUADPACK values, within 2σ_w²·absoluteError
/// over the normalization in absolute terms only (no relative accuracy as ε → 0).
public struct LayerNormCorrelationMap: CorrelationMap {
    /// k = 𝔆[φ|·] of the layer's activation.
    public let kernel: any GaussianKernel
    /// σ_w² (> 0).
    public let weightVariance: Double
    /// σ_b² (≥ 0).
    public let biasVariance: Double

    /// The map of a layer with kernel k. Throws `ParameterError` for σ_w² ≤ 0 or σ_b² < 0 (or not finite).
    public init(kernel: any GaussianKernel, weightVariance: Double, biasVariance: Double) throws {
        try Require.positive(weightVariance, "weightVariance", in: "LayerNormCorrelationMap")
        try Require.nonNegative(biasVariance, "biasVariance", in: "LayerNormCorrelationMap")
        self.kernel = kernel
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
    }

    /// The layer of `activation`, its kernel by `route`; by default in closed form when one is known
    /// (QUADPACK for tanh).
    public init(_ activation: Activation, route: ActivationKernel.Route? = nil, weightVariance: Double = 1,
                biasVariance: Double = 0) throws {
        let route = route ?? (ActivationKernel.hasClosedForm(activation) ? .closedForm : .quadrature)
        try self.init(kernel: ActivationKernel(activation, route: route), weightVariance: weightVariance,
                      biasVariance: biasVariance)
    }

    /// The same layer with another bias variance (the kernel is reused).
    public func withBiasVariance(_ biasVariance: Double) throws -> LayerNormCorrelationMap {
        try LayerNormCorrelationMap(kernel: kernel, weightVariance: weightVariance, biasVariance: biasVariance)
    }

    /// σ_b² + σ_w² ‖φ‖², the variance of a preactivation before the layer norm.
    public var normalization: Double { biasVariance + weightVariance * kernel.normSquared }

    /// P(ρ) = (σ_b² + σ_w² k(ρ)) / (σ_b² + σ_w² k(1)). Throws `ParameterError` for ρ outside [−1, 1].
    public func callAsFunction(_ rho: Double) throws -> Double {
        (biasVariance + weightVariance * (try kernel.covariance(rho))) / normalization
    }

    /// P'(ρ) = σ_w² 𝔆[φ'|ρ] / (σ_b² + σ_w² k(1)). Throws `ParameterError` for ρ outside [−1, 1].
    public func derivative(_ rho: Double) throws -> Double {
        weightVariance * (try kernel.derivativeCovariance(rho)) / normalization
    }

    /// 1 − P(1 − ε) = σ_w² (k(1) − k(1 − ε)) / (σ_b² + σ_w² k(1)). Throws `ParameterError` for ε outside [0, 2].
    public func complement(_ epsilon: Double) throws -> Double {
        weightVariance * (try kernel.covarianceGap(epsilon)) / normalization
    }

    /// P'(1) = σ_w² ‖φ'‖² / (σ_b² + σ_w² ‖φ‖²).
    public var slopeAtOne: Double { weightVariance * kernel.derivativeNormSquared / normalization }

    /// "LN layer <kernel> (σ_w² = …, σ_b² = …)".
    public var description: String {
        "LN layer \(kernel) (σ_w² = \(weightVariance), σ_b² = \(biasVariance))"
    }
}
