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
        guard pooling.output.count == 1 else {
            throw ParameterError("WhiteNoiseConvolution.squaredReLUDerivative", parameter: "pooling",
                                 value: "\(pooling.output) output", requirement: "a single window (Δz = 1 has one entry)")
        }
        let n = pooling.input.count
        // u, v = ReLU(u), Δv and the pooled z = g(v) and Δz = 1, on the stack: this runs once per trial.
        let derivative = withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n + 2) { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 1) { winners in
                let u = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
                let v = UnsafeMutableBufferPointer(rebasing: buffer[n..<(2 * n)])
                let deltaV = UnsafeMutableBufferPointer(rebasing: buffer[(2 * n)..<(3 * n)])
                let z = UnsafeMutableBufferPointer(rebasing: buffer[(3 * n)..<(3 * n + 1)])
                let deltaZ = UnsafeMutableBufferPointer(rebasing: buffer[(3 * n + 1)...])
                for i in 0..<n { u[i] = sampler.next(using: &rng) }
                for i in 0..<n { v[i] = Activation.relu(u[i]) }
                deltaZ[0] = 1
                pooling.forward(UnsafeBufferPointer(v), z: z, winners: winners)
                pooling.backward(UnsafeBufferPointer(deltaZ), winners: UnsafeBufferPointer(winners), into: deltaV)
                return deltaV[0] * Activation.relu.derivative(u[0])
            }
        }
        return derivative * derivative
    }
}
