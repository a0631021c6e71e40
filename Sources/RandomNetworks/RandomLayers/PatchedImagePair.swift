import GSL

/// The two n² × r²d patch matrices (im2col for Nachum et al. eq. (4)) of a pair of images, stacked: rows
/// 0 ..< n² for x, then n² ..< 2n² for y. They depend only on the images and the filter shape, not on the
/// filters, so a Monte Carlo loop over fresh filters builds them once and lends them to every draw
/// (`CyclicConvolution.activatedInnerProducts(_:activation:)`).
public struct PatchedImagePair: Sendable {
    /// The side r of the filters the patches are cut for.
    public let filterSize: Int
    /// The channels d of both images.
    public let channels: Int
    /// n², the positions of one image.
    public let positions: Int
    /// 2n² × r²d, row-major.
    let patches: [Double]

    /// The patches of `x` and `y` for filters of side `filterSize`; throws when the images differ in size or
    /// channels, or the filter is wider than the images (r > n).
    public init(_ x: Image, _ y: Image, filterSize: Int) throws {
        try Require.atLeast(filterSize, 1, "filterSize", in: "PatchedImagePair")
        guard x.size == y.size, x.channels == y.channels else {
            throw ParameterError("PatchedImagePair", parameter: "y", value: "size \(y.size), \(y.channels) channels",
                                 requirement: "the size \(x.size) and channels \(x.channels) of x")
        }
        guard filterSize <= x.size else {
            throw ParameterError("PatchedImagePair", parameter: "filterSize", value: "\(filterSize)",
                                 requirement: "at most the image size n = \(x.size)")
        }
        let positions = x.size * x.size
        let length = try Require.product([filterSize, filterSize, x.channels], "filterSize² · channels",
                                         in: "PatchedImagePair")
        let half = try Require.product([positions, length], "n² · r² · d", in: "PatchedImagePair")
        patches = [Double](unsafeUninitializedCapacity: 2 * half) { buffer, initialized in
            CyclicConvolution.writePatches(of: x, filterSize: filterSize, into: buffer.baseAddress!)
            CyclicConvolution.writePatches(of: y, filterSize: filterSize, into: buffer.baseAddress! + half)
            initialized = 2 * half
        }
        self.filterSize = filterSize
        channels = x.channels
        self.positions = positions
    }
}
