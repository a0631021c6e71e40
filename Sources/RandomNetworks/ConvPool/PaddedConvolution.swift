import BLAS
import GSL
import Randomness

/// The convolution of a Conv+Pool layer (the ASV paper, eq. (3), (A.4)–(A.13))
/// with its weights: u_t = b_{c(ℓ,t)} + ⟨w_{c(ℓ,t), a(ℓ,t)}, z_{s(ℓ,t)}⟩, and its
/// backward pass (eq. (7), (A.15)–(A.21)).
///
/// Vectors are vectorized column-major (A.3); row c of `weights` is
/// w_c = vec W_c ∈ R^{S_ℓ} (A.12). Both passes are im2col × GEMM through
/// OpenBLAS, using the gather table of the geometry.
public struct PaddedConvolution: Sendable {
    /// The index sets of the convolution (input, kernel, padding, stride, output channels).
    public let geometry: ConvolutionGeometry
    /// d' × S_ℓ: row c is the kernel w_c.
    public let weights: Matrix
    /// b ∈ R^{d'}.
    public let biases: [Double]

    /// The convolution with kernels `weights` (d' × S_ℓ) and biases b (d'); throws for a shape mismatch or a
    /// non-finite entry.
    public init(geometry: ConvolutionGeometry, weights: Matrix, biases: [Double]) throws {
        guard weights.rows == geometry.output.channels, weights.columns == geometry.kernelLength else {
            throw ParameterError("PaddedConvolution", parameter: "weights", value: "\(weights.rows) × \(weights.columns)",
                                 requirement: "d' × S = \(geometry.output.channels) × \(geometry.kernelLength)")
        }
        guard biases.count == geometry.output.channels else {
            throw ParameterError("PaddedConvolution", parameter: "biases", value: "\(biases.count) entries",
                                 requirement: "d' = \(geometry.output.channels) entries")
        }
        if !Vector.allFinite(weights.storage) { for v in weights.storage { try Require.finite(v, "weight", in: "PaddedConvolution") } }
        if !Vector.allFinite(biases) { for v in biases { try Require.finite(v, "bias", in: "PaddedConvolution") } }
        self.geometry = geometry
        self.weights = weights
        self.biases = biases
    }

    /// Weights w ~ N(0, σ_w²) and biases b ~ N(0, σ_b²), all independent (eq. (10)).
    public static func gaussian(geometry: ConvolutionGeometry, weightVariance: Double, biasVariance: Double = 0,
                                rng: inout Xoshiro256) throws -> PaddedConvolution {
        try Require.nonNegative(weightVariance, "weightVariance", in: "PaddedConvolution.gaussian")
        try Require.nonNegative(biasVariance, "biasVariance", in: "PaddedConvolution.gaussian")
        let weights = try Matrix.gaussian(rows: geometry.output.channels, columns: geometry.kernelLength,
                                          variance: weightVariance, rng: &rng)
        let sampler = NormalSampler()
        let sd = biasVariance.squareRoot()
        let biases = (0..<geometry.output.channels).map { _ in biasVariance == 0 ? 0 : sd * sampler.next(using: &rng) }
        return try PaddedConvolution(geometry: geometry, weights: weights, biases: biases)
    }

    /// u^(ℓ) = conv(z^(ℓ−1)) (eq. (3), (A.13)): the patch matrix (positions × S_ℓ,
    /// zeros where the kernel meets padding) times the kernels, plus the biases.
    public func callAsFunction(_ z: [Double]) throws -> [Double] {
        var scratch = PatchScratch()
        return try callAsFunction(z, scratch: &scratch)
    }

    /// u^(ℓ) = conv(z^(ℓ−1)) as `callAsFunction(_:)`, building the patch matrix in `scratch`.
    public func callAsFunction(_ z: [Double], scratch: inout PatchScratch) throws -> [Double] {
        try geometry.input.validate(z, "z", in: "PaddedConvolution")
        let positions = geometry.output.positions, length = geometry.kernelLength
        return scratch.withBuffer(count: positions * length) { convolve(z, patches: $0) }
    }

    private func convolve(_ z: [Double], patches: UnsafeMutablePointer<Double>) -> [Double] {
        let positions = geometry.output.positions, length = geometry.kernelLength
        geometry.patchSources.withUnsafeBufferPointer { table in
            z.withUnsafeBufferPointer { source in
                for e in 0..<(positions * length) {
                    let s = Int(table[e])
                    patches[e] = s < 0 ? 0 : source[s]
                }
            }
        }
        // GEMM with beta = 0 writes every entry of u.
        var u = [Double](unsafeUninitializedCapacity: geometry.output.count) { out, initialized in
            weights.storage.withUnsafeBufferPointer { w in
                // u as a d' × positions row-major matrix is exactly vec U (A.12): index p + w'h' c.
                BLAS.gemm(transposeB: true, m: geometry.output.channels, n: positions, k: length,
                          a: w.baseAddress!, lda: length, b: patches, ldb: length, c: out.baseAddress!, ldc: positions)
            }
            initialized = geometry.output.count
        }
        for c in 0..<geometry.output.channels where biases[c] != 0 {
            for p in 0..<positions { u[c * positions + p] += biases[c] }
        }
        return u
    }

    /// Δz^(ℓ−1) from Δu^(ℓ) (eq. (7), (A.19)–(A.21)): Δz_t = Σ_{(j,h)} Δu_j w̃_{c̃(ℓ,t),h},
    /// i.e. the transposed convolution: (Δu as d' × positions)ᵀ times the kernels gives
    /// the gradient of every patch entry, scattered back onto the input pixels.
    public func backward(_ deltaU: [Double]) throws -> [Double] {
        var scratch = PatchScratch()
        return try backward(deltaU, scratch: &scratch)
    }

    /// Δz^(ℓ−1) from Δu^(ℓ) as `backward(_:)`, holding the patch gradients in `scratch`.
    public func backward(_ deltaU: [Double], scratch: inout PatchScratch) throws -> [Double] {
        try geometry.output.validate(deltaU, "deltaU", in: "PaddedConvolution.backward")
        let positions = geometry.output.positions, length = geometry.kernelLength
        return scratch.withBuffer(count: positions * length) { transposedConvolve(deltaU, patchGradients: $0) }
    }

    private func transposedConvolve(_ deltaU: [Double], patchGradients: UnsafeMutablePointer<Double>) -> [Double] {
        let positions = geometry.output.positions, length = geometry.kernelLength
        weights.storage.withUnsafeBufferPointer { w in
            deltaU.withUnsafeBufferPointer { du in
                BLAS.gemm(transposeA: true, m: positions, n: length, k: geometry.output.channels,
                          a: du.baseAddress!, lda: positions, b: w.baseAddress!, ldb: length,
                          c: patchGradients, ldc: length)
            }
        }
        var deltaZ = [Double](repeating: 0, count: geometry.input.count)
        geometry.patchSources.withUnsafeBufferPointer { table in
            deltaZ.withUnsafeMutableBufferPointer { out in
                for e in 0..<(positions * length) {
                    let s = Int(table[e])
                    if s >= 0 { out[s] += patchGradients[e] }
                }
            }
        }
        return deltaZ
    }
}
