import GSL
import Randomness

/// One Conv+Pool layer driven by synthetic signals that satisfy the independence
/// assumptions of the ASV paper's App. B exactly: i.i.d. N(0, q) pre-activations and, for the
/// backward pass, i.i.d. N(0, r) output gradients, both independent of freshly
/// drawn weights N(0, σ²_w) and biases N(0, σ²_b).
public struct SyntheticLayer: Sendable {
    /// The layer whose activation and pooling turn u^(ℓ−1) into z^(ℓ−1) (forward) or whose
    /// convolution, activation and pooling are backpropagated (backward).
    public let layer: ConvPoolLayer
    /// q, the variance of the synthetic pre-activations u^(ℓ−1) (forward) or u^(ℓ) (backward).
    public let preActivationVariance: Double
    /// σ²_w of the freshly drawn weights.
    public let weightVariance: Double
    /// σ²_b of the freshly drawn biases (forward pass only).
    public let biasVariance: Double

    /// A synthetic layer around `layer` with pre-activation variance q and fresh weights N(0, σ²_w), biases N(0, σ²_b).
    public init(layer: ConvPoolLayer, preActivationVariance: Double, weightVariance: Double, biasVariance: Double) {
        self.layer = layer
        self.preActivationVariance = preActivationVariance
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
    }

    /// Forward (B.1): u ~ N(0, q) on the map of `layer`'s convolution output, z = g(f(u)), then the
    /// convolution `next` with fresh weights; returns u^(ℓ) = next(z).
    public func forward(through next: ConvolutionGeometry, rng: inout Xoshiro256) throws -> [Double] {
        let sampler = NormalSampler()
        let sd = preActivationVariance.squareRoot()
        let u = (0..<layer.convolutionCount).map { _ in sd * sampler.next(using: &rng) }
        let v = layer.activation.values(u)
        let z = layer.poolSize == 1 ? v : try layer.pooling.forward(v).z
        let conv = try PaddedConvolution.gaussian(geometry: next, weightVariance: weightVariance, biasVariance: biasVariance,
                                                  rng: &rng)
        return try conv(z)
    }

    /// Backward (B.2): u^(ℓ) ~ N(0, q) on the convolution output of `layer`, Δz^(ℓ) ~ N(0, r) on its
    /// pooled map; returns (∂z_{d(ℓ,j)}/∂u_j)² for every j (Δz = 1) and Δz^(ℓ−1) = conv backward of
    /// Δu_j = Δz_{d(ℓ,j)} ∂z_{d(ℓ,j)}/∂u_j (eqs. (7)–(9)).
    public func backward(outputGradientVariance r: Double, rng: inout Xoshiro256) throws
        -> (derivativeSquares: [Double], inputGradient: [Double]) {
        let sampler = NormalSampler()
        let sd = preActivationVariance.squareRoot(), rd = r.squareRoot()
        let u = (0..<layer.convolutionCount).map { _ in sd * sampler.next(using: &rng) }
        let v = layer.activation.values(u)
        let winners = layer.poolSize == 1 ? [] : try layer.pooling.forward(v).winners
        let ones = [Double](repeating: 1, count: layer.outputCount)
        let routing = layer.poolSize == 1 ? ones : try layer.pooling.backward(ones, winners: winners)
        let derivatives = layer.activation.backpropagate(routing, at: u)
        let deltaZ = (0..<layer.outputCount).map { _ in rd * sampler.next(using: &rng) }
        let deltaV = layer.poolSize == 1 ? deltaZ : try layer.pooling.backward(deltaZ, winners: winners)
        let deltaU = layer.activation.backpropagate(deltaV, at: u)
        let conv = try PaddedConvolution.gaussian(geometry: layer.convolution, weightVariance: weightVariance, rng: &rng)
        return (derivatives.map { $0 * $0 }, try conv.backward(deltaU))
    }
}
