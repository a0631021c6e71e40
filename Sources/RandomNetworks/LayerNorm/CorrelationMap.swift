/// The infinite-width map ρ_{l−1} ↦ ρ_l of one layer (layer-norm paper eq. (2.3)
/// for the layer-norm MLP, eq. (A.10) for a residual block). Every such map has
/// P(1) = 1; `complement(ε)` = 1 − P(1 − ε) is the form in which deep
/// compositions are iterated near ρ = 1 (A.2) without cancellation.
public protocol CorrelationMap: Sendable, CustomStringConvertible {
    /// P(ρ) for ρ ∈ [−1, 1].
    func callAsFunction(_ rho: Double) throws -> Double
    /// P'(ρ).
    func derivative(_ rho: Double) throws -> Double
    /// 1 − P(1 − ε) for ε ∈ [0, 2].
    func complement(_ epsilon: Double) throws -> Double
    /// P'(1): < 1 ordered, = 1 critical, > 1 chaotic (§2.2).
    var slopeAtOne: Double { get }
    /// The Gaussian covariance of the layer's activation.
    var kernel: any GaussianKernel { get }
}
