import BLAS
import GSL
import Randomness

/// A layer of m kernels W¹ … W^m ∈ R^{k×k} (k odd) applied by the pooling
/// paper's centered convolution, eq. (6),
///
///     (W * x)_{uv} = Σ_{i,j ∈ [−(k−1)/2, (k−1)/2]} W_{ij} x_{u−i, v−j},
///
/// with the boundary rule of its `PatchGeometry` (the paper leaves it open),
/// computed for all positions and kernels at once as im2col × GEMM through
/// OpenBLAS. The CNN of eq. (7) is F(x) = (r(W¹ * x), …, r(W^m * x)).
public struct CenteredConvolution: Sendable {
    /// The kernel side k, the channels and the boundary rule.
    public let geometry: PatchGeometry
    /// m × k²c; row c is W^c flattened as [i + h][j + h][channel].
    public let kernels: Matrix

    /// The number of kernels m (output channels).
    public var count: Int { kernels.rows }

    /// The layer whose kernels are the rows of `kernels` (m × k²c); throws for a shape mismatch or a non-finite entry.
    public init(kernels: Matrix, geometry: PatchGeometry) throws {
        guard kernels.columns == geometry.patchLength else {
            throw ParameterError("CenteredConvolution", parameter: "kernels", value: "\(kernels.columns) columns",
                                 requirement: "k² c = \(geometry.patchLength) columns")
        }
        if !Vector.allFinite(kernels.storage) { for v in kernels.storage { try Require.finite(v, "kernel entry", in: "CenteredConvolution") } }
        self.kernels = kernels
        self.geometry = geometry
    }

    /// m kernels with i.i.d. N(0, variance) entries: variance 1 in the paper's
    /// theory (§4), He's 2/(k² c) in its experiments (§3).
    public static func gaussian(count: Int, geometry: PatchGeometry, variance: Double,
                                rng: inout Xoshiro256) throws -> CenteredConvolution {
        try Require.atLeast(count, 1, "count", in: "CenteredConvolution.gaussian")
        try Require.product([count, geometry.patchLength], "count · k²c", in: "CenteredConvolution.gaussian")
        try Require.positive(variance, "variance", in: "CenteredConvolution.gaussian")
        return try CenteredConvolution(
            kernels: try Matrix.gaussian(rows: count, columns: geometry.patchLength, variance: variance, rng: &rng),
            geometry: geometry)
    }

    /// (W^c * x)_p for all output positions p (rows) and kernels c (columns), eq. (6).
    public func callAsFunction(_ image: Image) throws -> Matrix {
        let positions = try geometry.positions(imageSize: image.size)
        let patches = UnsafeMutablePointer<Double>.allocate(capacity: positions * geometry.patchLength)
        defer { patches.deallocate() }
        try geometry.writePatches(of: image, into: patches)
        var out = [Double](repeating: 0, count: positions * count)
        out.withUnsafeMutableBufferPointer { multiply(patches, rows: positions, into: $0.baseAddress!) }
        return try Matrix(rows: positions, columns: count, storage: out)
    }

    /// The average and max pooling features of r(W * x), eqs. (8), (9).
    public func pooledFeatures(_ image: Image) throws -> (average: [Double], maximum: [Double]) {
        GlobalPooling.features(try self(image))
    }

    /// ρ(F(x), F(y)), ρ(A_x, A_y) and ρ(M_x, M_y) for a pair of equal-size
    /// images, through one GEMM; nil when a feature vector is zero.
    public func pooledCosines(_ x: Image, _ y: Image) throws -> PoolingCosines? {
        var scratch = PatchScratch()
        return try pooledCosines(x, y, scratch: &scratch)
    }

    /// The cosines of `pooledCosines(_:_:)`, with the patch matrices and the pre-activations of both images in
    /// `scratch`.
    public func pooledCosines(_ x: Image, _ y: Image, scratch: inout PatchScratch) throws -> PoolingCosines? {
        guard x.size == y.size else {
            throw ParameterError("CenteredConvolution.pooledCosines", parameter: "y", value: "size \(y.size)",
                                 requirement: "the size of x (\(x.size))")
        }
        let positions = try geometry.positions(imageSize: x.size)
        let length = geometry.patchLength, count = count
        let gather = try scratch.gather(geometry, imageSize: x.size)
        return try scratch.withBuffer(count: 2 * positions * (length + count)) { patches in
            let output = patches + 2 * positions * length
            try gather.writePatches(of: x, into: patches)
            try gather.writePatches(of: y, into: patches + positions * length)
            multiply(patches, rows: 2 * positions, into: output)
            return GlobalPooling.cosines(output, output + positions * count, positions: positions, channels: count)
        }
    }

    /// rows × m = patches (rows × k²c) · kernelsᵀ.
    private func multiply(_ patches: UnsafePointer<Double>, rows: Int, into c: UnsafeMutablePointer<Double>) {
        let length = geometry.patchLength
        kernels.storage.withUnsafeBufferPointer { w in
            BLAS.gemm(transposeB: true, m: rows, n: count, k: length, a: patches, lda: length,
                      b: w.baseAddress!, ldb: length, c: c, ldc: count)
        }
    }
}
