import Foundation
import GSL
import Randomness

extension LayerNormMLP {
    /// Two inputs x_α, x_β ∈ R^{N_0} with ‖x‖² = N_0 and cosine ρ (the columns of an N_0 x 2 matrix):
    /// √N_0 e_1 and √N_0 (ρ e_1 + √(1 − ρ²) e_2).
    public static func inputPair(cosine rho: Double, width: Int) throws -> Matrix {
        try Require.finite(rho, "cosine", in: "LayerNormMLP.inputPair")
        try Require.within(rho, -1...1, "cosine", in: "LayerNormMLP.inputPair")
        try Require.atLeast(width, 2, "width", in: "LayerNormMLP.inputPair")
        var storage = [Double](repeating: 0, count: try Require.product([2, width], "2 · width", in: "LayerNormMLP.inputPair"))
        let scale = Double(width).squareRoot()
        storage[0] = scale
        storage[1] = scale * rho
        storage[3] = scale * ((1 - rho) * (1 + rho)).squareRoot()
        return try Matrix(rows: width, columns: 2, storage: storage)
    }

    /// One draw of the correlations ρ_1, …, ρ_L (eq. (2.2)) of the two inputs `pair` (N_0 x 2), exactly in
    /// distribution for Gaussian weights but without forming W: given layer l − 1, the pairs
    /// (y_i^{(l)}(x_α), y_i^{(l)}(x_β)) of eq. (2.1) are i.i.d. over the neurons i with covariance
    ///
    ///     Σ = σ_w² AᵀA / N_{l−1} + σ_b² 11ᵀ,   A = φ_l(z^{(l−1)}) ∈ R^{N_{l−1}×2},
    ///
    /// so each layer draws N_l pairs through the Cholesky factor of Σ, then normalizes (O(N_l) per layer
    /// instead of O(N_l N_{l−1})). With `layerNorm` false the normalization is skipped: the plain MLP
    /// y^{(l)} = N_{l−1}^{−1/2} W^{(l)} φ_l(y^{(l−1)}) + b^{(l)} of Poole et al. (§5.1), same layers and draws;
    /// the returned correlations are y^{(l)}(x_α)·y^{(l)}(x_β)/(‖y^{(l)}(x_α)‖ ‖y^{(l)}(x_β)‖) either way.
    public func sampledCorrelations(_ pair: Matrix, rng: inout Xoshiro256, sampler: NormalSampler,
                                    layerNorm: Bool = true) throws -> [Double] {
        guard pair.rows == inputWidth, pair.columns == 2 else {
            throw ParameterError("LayerNormMLP.sampledCorrelations", parameter: "pair",
                                 value: "\(pair.rows) x \(pair.columns)", requirement: "\(inputWidth) x 2")
        }
        // y^{(l)} of the two inputs interleaved (y_α, y_β per neuron) in one buffer, with the layer norm kept as the
        // factors (f_α, f_β) that z = f y applies where z is read: the same products as normalizing in place.
        let capacity = max(inputWidth, layers.map(\.width).max()!)
        let y = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: capacity)
        defer { y.deallocate() }
        for i in 0..<inputWidth { y[i] = SIMD2(pair.storage[2 * i], pair.storage[2 * i + 1]) }
        var count = inputWidth, factors = SIMD2<Double>(1, 1)
        var correlations: [Double] = []
        correlations.reserveCapacity(layers.count)
        for layer in layers {
            let gram = Self.activatedGram(y, count: count, factors: factors, activation: layer.activation)
            let n = Double(count)
            let (l11, l21, l22) = Self.cholesky(layer.weightVariance * gram.aa / n + layer.biasVariance,
                                                layer.weightVariance * gram.ab / n + layer.biasVariance,
                                                layer.weightVariance * gram.bb / n + layer.biasVariance)
            var ya2 = 0.0, yb2 = 0.0, yab = 0.0
            for i in 0..<layer.width {
                let g1 = sampler.next(using: &rng), g2 = sampler.next(using: &rng)
                let a = l11 * g1, b = l21 * g1 + l22 * g2
                y[i] = SIMD2(a, b)
                ya2 += a * a; yb2 += b * b; yab += a * b
            }
            guard ya2 > 0, yb2 > 0 else {
                throw ParameterError("LayerNormMLP.sampledCorrelations", parameter: "y", value: "0",
                                     requirement: "non-zero for the layer norm to be defined")
            }
            count = layer.width
            factors = layerNorm ? SIMD2((Double(layer.width) / ya2).squareRoot(), (Double(layer.width) / yb2).squareRoot())
                : SIMD2(1, 1)
            correlations.append(yab / (ya2 * yb2).squareRoot())
        }
        return correlations
    }

    /// Σ_i φ(z_α,i)², Σ_i φ(z_α,i) φ(z_β,i) and Σ_i φ(z_β,i)² (summed in i order) for z_i = factors ⊙ y_i, the
    /// Gram matrix AᵀA of `sampledCorrelations`; erf, the hot case, inlined (both inputs at once) with its tables read once.
    private static func activatedGram(_ y: UnsafePointer<SIMD2<Double>>, count: Int, factors: SIMD2<Double>,
                                      activation: Activation) -> (aa: Double, ab: Double, bb: Double) {
        var aa = 0.0, ab = 0.0, bb = 0.0
        if case let .erf(beta) = activation {
            let tables = Erf.tables
            for i in 0..<count {
                let erf = Erf.pairValues(beta * (y[i] * factors), tables)
                let a = erf[0], b = erf[1]
                aa += a * a; ab += a * b; bb += b * b
            }
        } else {
            for i in 0..<count {
                let z = y[i] * factors
                let a = activation(z[0]), b = activation(z[1])
                aa += a * a; ab += a * b; bb += b * b
            }
        }
        return (aa, ab, bb)
    }

    /// The Cholesky factor [[l11, 0], [l21, l22]] of the 2 x 2 covariance [[a, b], [b, c]]; the Schur
    /// complement c − b²/a is a difference of rounded numbers and is floored at 0 (Σ is a Gram matrix).
    /// a = 0 (a zero first column, e.g. σ² = 0 in a residual block) forces b = 0: the factor is (0, 0, √c).
    static func cholesky(_ a: Double, _ b: Double, _ c: Double) -> (Double, Double, Double) {
        guard a > 0 else { return (0, 0, c.squareRoot()) }
        let l11 = a.squareRoot(), l21 = b / l11
        return (l11, l21, max(0, c - l21 * l21).squareRoot())
    }
}
