import Foundation
import GSL
import Randomness

/// One randomly initialized fully connected layer without bias,
/// F(x) = σ(W x) with W ∈ R^{N x D} i.i.d. N(0, s²) (Nachum et al. §1: linear
/// FNN with s² = 1/N and the ReLU FNN of eq. (2); pooling paper eq. (1)).
public struct FullyConnectedLayer: Sendable {
    /// W, N × D.
    public let weights: Matrix
    /// σ, applied entrywise to W x.
    public let activation: Activation

    /// A layer with `outputs` neurons on `inputs` inputs and weight variance `variance`.
    public static func gaussian(inputs: Int, outputs: Int, variance: Double, activation: Activation,
                                rng: inout Xoshiro256) throws -> FullyConnectedLayer {
        try Require.atLeast(inputs, 1, "inputs", in: "FullyConnectedLayer.gaussian")
        try Require.atLeast(outputs, 1, "outputs", in: "FullyConnectedLayer.gaussian")
        try Require.product([outputs, inputs], "outputs · inputs", in: "FullyConnectedLayer.gaussian")
        try Require.positive(variance, "variance", in: "FullyConnectedLayer.gaussian")
        return FullyConnectedLayer(
            weights: try Matrix.gaussian(rows: outputs, columns: inputs, variance: variance, rng: &rng),
            activation: try activation.validated())
    }

    /// σ(W X) for a batch X whose columns are inputs (D x B), by BLAS.
    public func callAsFunction(_ batch: Matrix) throws -> Matrix {
        var out = try weights.multiplied(by: batch)
        for i in out.storage.indices { out.storage[i] = activation(out.storage[i]) }
        return out
    }

    /// One draw of the output cosine ρ_out = <σ(Wx), σ(Wy)> / (||σ(Wx)|| ||σ(Wy)||)
    /// of a width-N layer, sampled without forming W: by rotation invariance
    /// the rows give i.i.d. pairs (w·x, w·y) ~ N(0, s² [[1, ρ], [ρ, 1]]) for unit
    /// x, y with cosine ρ, and the cosine does not depend on s or the norms
    /// when σ is positively homogeneous. Exact in distribution; O(N) per draw.
    /// Returns nil when an output is the zero vector (cosine undefined).
    public static func sampledOutputCosine(activation: Activation, inputCosine rho: Double, width: Int,
                                           rng: inout Xoshiro256, sampler: NormalSampler) throws -> Double? {
        let context = "FullyConnectedLayer.sampledOutputCosine"
        guard activation.isPositivelyHomogeneous else {
            throw ParameterError(context, parameter: "activation", value: activation.description,
                                 requirement: "positively homogeneous (the cosine must not depend on the scale)")
        }
        try Require.within(rho, -1...1, "inputCosine", in: context)
        try Require.atLeast(width, 1, "width", in: context)
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        var xy = 0.0, xx = 0.0, yy = 0.0
        for _ in 0..<width {
            let u = sampler.next(using: &rng)
            let v = rho * u + s * sampler.next(using: &rng)
            let a = activation(u), b = activation(v)
            xy += a * b
            xx += a * a
            yy += b * b
        }
        guard xx > 0, yy > 0 else { return nil }
        return xy / (xx * yy).squareRoot()
    }
}
