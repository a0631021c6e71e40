import Randomness

/// Small random convolutions on white noise whose laws the ASV paper's remarks are about: the
/// conditional variance behind a second-layer unit (§4.1, "the normality assumption is justified if
/// channels in the layer are many") and the derivative of a ReLU unit through a pooling window (App. B.2).
public enum WhiteNoiseConvolution {
    /// V_C = Σ_{s ∈ s(2,i)} ReLU(u_s^(1))² / C for an interior unit i of layer 2 (3×3 kernels): the nine
    /// layer-1 positions of its receptive field, each a 3×3×3 patch of a 5×5×3 white-noise input, with C
    /// i.i.d. N(0, 1) kernels; for the first `prefix` channels and for all `channels`. Given V, u^(2) is
    /// N(0, σ² V): a Gaussian scale mixture whose excess kurtosis is 3 Var(V)/E(V)².
    public static func conditionalVariances(channels: Int, prefix: Int, rng: inout Xoshiro256) -> (prefix: Double, all: Double) {
        let sampler = NormalSampler()
        let image = (0..<75).map { _ in sampler.next(using: &rng) }
        var partial = 0.0, total = 0.0
        for c in 0..<channels {
            let kernel = (0..<27).map { _ in sampler.next(using: &rng) }
            for i in 0..<3 {
                for j in 0..<3 {
                    var u = 0.0
                    for a in 0..<3 { for b in 0..<3 { for d in 0..<3 { u += kernel[a + 3 * (b + 3 * d)] * image[(i + a) + 5 * ((j + b) + 5 * d)] } } }
                    let z = max(0, u)
                    total += z * z
                    if c < prefix { partial += z * z }
                }
            }
        }
        return (partial / Double(prefix), total / Double(channels))
    }

    /// (∂z/∂u_1)² for the first unit of one window of `pooling` (one channel, a single window covering the map),
    /// computed by the model's backward pass (ReLU, then the pooling; Δz = 1) at i.i.d. N(0, 1) pre-activations
    /// drawn from `rng`: the quantity whose mean is γ_ℓ, eqs. (15)–(16) and (B.21)–(B.28).
    public static func squaredReLUDerivative(through pooling: WindowPooling, rng: inout Xoshiro256,
                                             sampler: NormalSampler) throws -> Double {
        let u = (0..<pooling.input.count).map { _ in sampler.next(using: &rng) }
        let v = u.map { Activation.relu($0) }
        let deltaV = try pooling.backward([1], winners: try pooling.forward(v).winners)
        let derivative = deltaV[0] * Activation.relu.derivative(u[0])
        return derivative * derivative
    }
}
