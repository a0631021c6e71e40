import GSL

/// The two n² × r²d patch matrices (im2col for Nachum et al. eq. (4)) of a pair of images, stacked: rows
/// 0 ..< n² for x, then n² ..< 2n² for y. They depend only on the images and the filter shape, not on the
/// filters, so a Monte Carlo loop over fresh filters builds them once and lends them to every draw
/// (`CyclicConvolution.activatedInnerProducts(_:activation:)`).
///
/// It also keeps the rows holding a nonzero entry apart (`activeRows`): a filter's output on an all-zero
/// patch is ±0, so for ReLU such a position adds ±0 to sums that are never −0 and changes no bit of them
/// (`CyclicConvolution+ActivePatches.swift`). Pictures on a zero background (Theorem 5's pairs) have mostly
/// such rows.
public struct PatchedImagePair: Sendable {
    /// The side r of the filters the patches are cut for.
    public let filterSize: Int
    /// The channels d of both images.
    public let channels: Int
    /// n², the positions of one image.
    public let positions: Int
    /// 2n² × r²d, row-major.
    let patches: [Double]
    /// The rows of `patches` with a nonzero entry, in order (x's, then y's), row-major.
    let activeRows: [Double]
    /// For each position u·n + v, the row of x's patch in `activeRows`, or −1 when that patch is all zero.
    let xActiveRow: [Int]
    /// For each position u·n + v, the row of y's patch in `activeRows`, or −1 when that patch is all zero.
    let yActiveRow: [Int]

    /// The number of rows of `activeRows`.
    var activeCount: Int { activeRows.count / (filterSize * filterSize * channels) }

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
        var active: [Double] = [], rowOf = [Int](repeating: -1, count: 2 * positions)
        for row in 0..<(2 * positions) {
            let entries = patches[(row * length)..<((row + 1) * length)]
            if entries.contains(where: { $0 != 0 }) {
                rowOf[row] = active.count / length
                active.append(contentsOf: entries)
            }
        }
        activeRows = active
        xActiveRow = Array(rowOf[..<positions])
        yActiveRow = Array(rowOf[positions...])
    }
}
