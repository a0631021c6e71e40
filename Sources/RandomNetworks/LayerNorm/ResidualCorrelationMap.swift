import GSL

/// The infinite-width correlation map of one residual block of §3, eq. (A.10):
///
///     P(ρ) = (ρ + σ² 𝔆[φ|ρ]) / (1 + σ² ‖φ‖²),   P'(ρ) = (1 + σ² 𝔆[φ'|ρ]) / (1 + σ² ‖φ‖²),
///     1 − P(1 − ε) = (ε + σ² (𝔆[φ|1] − 𝔆[φ|1 − ε])) / (1 + σ² ‖φ‖²),
///
/// σ² the variance of the block's output weights V (U has variance 1; no biases).
public struct ResidualCorrelationMap: CorrelationMap {
    /// 𝔆[φ|·] of the block's activation.
    public let kernel: any GaussianKernel
    /// σ²_(l).
    public let residualVariance: Double

    /// The map of a block with kernel 𝔆[φ|·]. Throws `ParameterError` for σ² < 0 (or not finite).
    public init(kernel: any GaussianKernel, residualVariance: Double) throws {
        try Require.nonNegative(residualVariance, "residualVariance", in: "ResidualCorrelationMap")
        self.kernel = kernel
        self.residualVariance = residualVariance
    }

    /// The block of `activation` with a closed-form kernel (QUADPACK for tanh).
    public init(_ activation: Activation, residualVariance: Double) throws {
        let route: ActivationKernel.Route = ActivationKernel.hasClosedForm(activation) ? .closedForm : .quadrature
        try self.init(kernel: ActivationKernel(activation, route: route), residualVariance: residualVariance)
    }

    /// 1 + σ² ‖φ‖², the squared norm per coordinate of y = z + V φ(·)/√m.
    public var normalization: Double { 1 + residualVariance * kernel.normSquared }

    /// P(ρ) = (ρ + σ² 𝔆[φ|ρ]) / (1 + σ² ‖φ‖²). Throws `ParameterError` for ρ outside [−1, 1].
    public func callAsFunction(_ rho: Double) throws -> Double {
        (rho + residualVariance * (try kernel.covariance(rho))) / normalization
    }

    /// P'(ρ) = (1 + σ² 𝔆[φ'|ρ]) / (1 + σ² ‖φ‖²). Throws `ParameterError` for ρ outside [−1, 1].
    public func derivative(_ rho: Double) throws -> Double {
        (1 + residualVariance * (try kernel.derivativeCovariance(rho))) / normalization
    }

    /// 1 − P(1 − ε) = (ε + σ² (𝔆[φ|1] − 𝔆[φ|1 − ε])) / (1 + σ² ‖φ‖²). Throws `ParameterError` for ε outside [0, 2].
    public func complement(_ epsilon: Double) throws -> Double {
        (epsilon + residualVariance * (try kernel.covarianceGap(epsilon))) / normalization
    }

    /// P'(1) = (1 + σ² ‖φ'‖²) / (1 + σ² ‖φ‖²).
    public var slopeAtOne: Double { (1 + residualVariance * kernel.derivativeNormSquared) / normalization }

    /// The decomposition of A.2: the crop of P at ρ̃ (P̃(t) = (P(ρ̃ + (1 − ρ̃)t) − P(ρ̃))/(1 − P(ρ̃)))
    /// is p·t + q·g(t), with A = ‖φ‖² − 𝔆[φ|ρ̃], p = (1 − ρ̃)/(1 − ρ̃ + σ²A), q = σ²A/(1 − ρ̃ + σ²A) and
    /// g the crop of 𝔆[φ|·] to [ρ̃, 1] (Property 7). `oneMinusRhoTilde` = 1 − ρ̃ keeps its digits near 1.
    public func residualDecomposition(oneMinusRhoTilde: Double) throws -> (p: Double, q: Double, a: Double) {
        try Require.within(oneMinusRhoTilde, 0...2, "oneMinusRhoTilde", in: "ResidualCorrelationMap.residualDecomposition")
        let a = try kernel.covarianceGap(oneMinusRhoTilde)
        let denominator = oneMinusRhoTilde + residualVariance * a
        return (oneMinusRhoTilde / denominator, residualVariance * a / denominator, a)
    }

    /// "residual block <kernel> (σ² = …)".
    public var description: String { "residual block \(kernel) (σ² = \(residualVariance))" }
}
