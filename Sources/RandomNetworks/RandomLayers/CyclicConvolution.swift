import BLAS
import Foundation
import GSL
import Randomness

/// A layer of N filters F_1 … F_N ∈ R^{r×r×d} applied by the cyclic
/// convolution of Nachum et al. eq. (4):
///
///     (F * x)_{uv} = Σ_{i ∈ Z_r, j ∈ Z_r, k ∈ Z_d} F_{ijk} · x_{u−i, v−j, k}   (indices mod n),
///
/// computed for all positions and filters at once as im2col × GEMM: the
/// n² × r²d patch matrix (row (u, v) holds x_{u−i, v−j, k} at column
/// (i·r + j)·d + k) times the filter matrix transposed, through OpenBLAS.
public struct CyclicConvolution: Sendable {
    /// The side r of each filter.
    public let filterSize: Int
    /// The channels d of the input.
    public let channels: Int
    /// N × r²d; row f is F_f flattened as [i][j][k].
    public let filters: Matrix

    /// N, the number of filters (output channels).
    public var count: Int { filters.rows }
    /// r² d, the length of a patch.
    public var patchLength: Int { filterSize * filterSize * channels }

    /// The layer whose filters are the rows of `filters` (N × r²d); throws for a shape mismatch or a non-finite entry.
    public init(filters: Matrix, filterSize: Int, channels: Int) throws {
        try Require.atLeast(filterSize, 1, "filterSize", in: "CyclicConvolution")
        try Require.atLeast(channels, 1, "channels", in: "CyclicConvolution")
        try Require.product([filterSize, filterSize, channels], "filterSize² · channels", in: "CyclicConvolution")
        guard filters.columns == filterSize * filterSize * channels else {
            throw ParameterError("CyclicConvolution", parameter: "filters", value: "\(filters.columns) columns",
                                 requirement: "r² d = \(filterSize * filterSize * channels) columns")
        }
        if !Vector.allFinite(filters.storage) { for v in filters.storage { try Require.finite(v, "filter entry", in: "CyclicConvolution") } }
        self.filters = filters
        self.filterSize = filterSize
        self.channels = channels
    }

    /// N filters with i.i.d. N(0, ν²) entries (ν is a standard deviation, as in Definition 1).
    public static func gaussian(count: Int, filterSize: Int, channels: Int, variance: Double,
                                rng: inout Xoshiro256) throws -> CyclicConvolution {
        let length = try checkedFilterLength(count: count, filterSize: filterSize, channels: channels, "CyclicConvolution.gaussian")
        return try CyclicConvolution(
            filters: try Matrix.gaussian(rows: count, columns: length, variance: variance, rng: &rng),
            filterSize: filterSize, channels: channels)
    }

    /// r² d for `count` filters of side r on d channels, after checking that all three are >= 1 and the
    /// filter matrix's size fits in Int.
    static func checkedFilterLength(count: Int, filterSize: Int, channels: Int, _ context: String) throws -> Int {
        try Require.atLeast(count, 1, "count", in: context)
        try Require.atLeast(filterSize, 1, "filterSize", in: context)
        try Require.atLeast(channels, 1, "channels", in: context)
        try Require.product([count, filterSize, filterSize, channels], "count · filterSize² · channels", in: context)
        return filterSize * filterSize * channels
    }

    private func validate(_ image: Image, _ context: String) throws {
        guard image.channels == channels else {
            throw ParameterError(context, parameter: "image", value: "\(image.channels) channels",
                                 requirement: "\(channels) channels, as the filters")
        }
        guard filterSize <= image.size else {
            throw ParameterError(context, parameter: "image", value: "size \(image.size)",
                                 requirement: "at least the filter size r = \(filterSize) (r <= n)")
        }
    }

    /// Writes the n² × r²d patch matrix of `image` (im2col for eq. (4)) for filters of side `r` at `patches`;
    /// r must be at most n and `patches` must hold n² r² d values (d the image's channels).
    static func writePatches(of image: Image, filterSize r: Int, into patches: UnsafeMutablePointer<Double>) {
        let n = image.size, d = image.channels
        image.pixels.withUnsafeBufferPointer { x in
            var row = patches
            // Indices mod n by one conditional wrap (r <= n, so u − i and v − j lie in (−n, n)): no division per entry.
            for u in 0..<n {
                for v in 0..<n {
                    var out = row
                    for i in 0..<r {
                        let su = u >= i ? u - i : u - i + n
                        for j in 0..<r {
                            let sv = v >= j ? v - j : v - j + n
                            let source = x.baseAddress! + (su * n + sv) * d
                            if d == 1 {
                                out[0] = source[0]
                            } else {
                                // An element loop, not `update(from:count:)`: d is a few channels, below a memmove call's cost.
                                for c in 0..<d { out[c] = source[c] }
                            }
                            out += d
                        }
                    }
                    row += r * r * d
                }
            }
        }
    }

    /// (F_f * x)_{uv} for all positions (rows, u·n + v) and filters (columns): n² × N.
    public func callAsFunction(_ image: Image) throws -> Matrix {
        try validate(image, "CyclicConvolution")
        let positions = image.size * image.size
        var out = [Double](repeating: 0, count: positions * count)
        let patches = UnsafeMutablePointer<Double>.allocate(capacity: positions * patchLength)
        defer { patches.deallocate() }
        Self.writePatches(of: image, filterSize: filterSize, into: patches)
        filters.storage.withUnsafeBufferPointer { f in
            out.withUnsafeMutableBufferPointer { c in
                BLAS.gemm(transposeB: true, m: positions, n: count, k: patchLength, a: patches, lda: patchLength,
                          b: f.baseAddress!, ldb: patchLength, c: c.baseAddress!, ldc: count)
            }
        }
        return try Matrix(rows: positions, columns: count, storage: out)
    }

    /// The inner products of the activated outputs of pairs of images over all
    /// filters and positions: (Σ_f ⟨σ(F_f*x), σ(F_f*y)⟩, Σ_f ‖σ(F_f*x)‖², Σ_f ‖σ(F_f*y)‖²),
    /// the ingredients of ρ_out (Nachum et al. eq. (12)). The two images of a
    /// pair go through one GEMM; scratch space is allocated once for all pairs;
    /// the sums are accumulated in double.
    public func activatedInnerProducts(_ pairs: [(Image, Image)], activation: Activation) throws
        -> [(xy: Double, xx: Double, yy: Double)] {
        guard let first = pairs.first?.0 else { return [] }
        for (x, y) in pairs {
            try validate(x, "CyclicConvolution.activatedInnerProducts")
            try validate(y, "CyclicConvolution.activatedInnerProducts")
            guard x.size == first.size, y.size == first.size else {
                throw ParameterError("CyclicConvolution.activatedInnerProducts", parameter: "pairs",
                                     value: "sizes \(x.size), \(y.size)", requirement: "all images of one size")
            }
        }
        let positions = first.size * first.size
        let patches = UnsafeMutablePointer<Double>.allocate(capacity: 2 * positions * patchLength)
        let output = UnsafeMutablePointer<Double>.allocate(capacity: 2 * positions * count)
        defer {
            patches.deallocate()
            output.deallocate()
        }
        return pairs.map { x, y in
            Self.writePatches(of: x, filterSize: filterSize, into: patches)
            Self.writePatches(of: y, filterSize: filterSize, into: patches + positions * patchLength)
            return activatedInnerProducts(patches: patches, positions: positions, output: output, activation: activation)
        }
    }

    /// `activatedInnerProducts(_:activation:)` of one pair whose patch matrices were built beforehand: the
    /// same GEMM on the same patches, so the same sums bit for bit. Throws when the patches were cut for
    /// another filter size or channel count.
    public func activatedInnerProducts(_ pair: PatchedImagePair, activation: Activation) throws
        -> (xy: Double, xx: Double, yy: Double) {
        guard pair.filterSize == filterSize, pair.channels == channels else {
            throw ParameterError("CyclicConvolution.activatedInnerProducts", parameter: "pair",
                                 value: "patches for r = \(pair.filterSize), d = \(pair.channels)",
                                 requirement: "the filters' r = \(filterSize), d = \(channels)")
        }
        if case .relu = activation, let sums = reluInnerProductsOnActiveRows(pair) { return sums }
        let output = UnsafeMutablePointer<Double>.allocate(capacity: 2 * pair.positions * count)
        defer { output.deallocate() }
        return pair.patches.withUnsafeBufferPointer { patches in
            activatedInnerProducts(patches: patches.baseAddress!, positions: pair.positions, output: output,
                                   activation: activation)
        }
    }

    /// The sums of `activatedInnerProducts` from the stacked patch matrices of x and y (2 · positions × r²d),
    /// with `output` (2 · positions × N) as the GEMM's result.
    private func activatedInnerProducts(patches: UnsafePointer<Double>, positions: Int, output: UnsafeMutablePointer<Double>,
                                        activation: Activation) -> (xy: Double, xx: Double, yy: Double) {
        filters.storage.withUnsafeBufferPointer { f in
            BLAS.gemm(transposeB: true, m: 2 * positions, n: count, k: patchLength, a: patches, lda: patchLength,
                      b: f.baseAddress!, ldb: patchLength, c: output, ldc: count)
        }
        return Self.innerProducts(output, output + positions * count, count: positions * count, activation: activation)
    }

    /// (Σ σ(a_i)σ(b_i), Σ σ(a_i)², Σ σ(b_i)²); ReLU, the hot case, has its own loop.
    private static func innerProducts(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int,
                                      activation: Activation) -> (xy: Double, xx: Double, yy: Double) {
        var xy = 0.0, xx = 0.0, yy = 0.0
        if case .relu = activation {
            addReLUProducts(a, b, count: count, xy: &xy, xx: &xx, yy: &yy)
        } else {
            for i in 0..<count {
                let p = activation(a[i]), q = activation(b[i])
                xy += p * q
                xx += p * p
                yy += q * q
            }
        }
        return (xy, xx, yy)
    }

    /// Adds max(0, a_i)·max(0, b_i), max(0, a_i)², max(0, b_i)² for i = 0 ..< count, in order, to xy, xx, yy.
    static func addReLUProducts(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int,
                                xy: inout Double, xx: inout Double, yy: inout Double) {
        for i in 0..<count {
            let p = max(0, a[i]), q = max(0, b[i])
            xy += p * q
            xx += p * p
            yy += q * q
        }
    }

    /// Adds max(0, a_i)² for i = 0 ..< count, in order, to `sum`.
    static func addReLUSquares(_ a: UnsafePointer<Double>, count: Int, to sum: inout Double) {
        for i in 0..<count {
            let p = max(0, a[i])
            sum += p * p
        }
    }
}
