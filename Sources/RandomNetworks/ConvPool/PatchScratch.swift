/// Reusable memory for the patch matrix of a `PaddedConvolution` (the im2col matrix of eq. (A.13) and its
/// gradient in eq. (A.21)) or of a `CenteredConvolution` with its products: a loop that runs many passes on one
/// thread keeps one scratch and lends it to every pass, instead of allocating, page-faulting in and freeing a
/// matrix of positions × S_ℓ entries per pass.
/// Every pass overwrites the entries it reads, so the contents left by an earlier pass never matter.
/// It also keeps the last im2col gather table it built, for passes of one geometry on images of one size.
public struct PatchScratch: Sendable {
    private var storage: [Double] = []
    private var cachedGather: PatchGather?

    /// An empty scratch; it grows to the largest patch matrix it is lent for.
    public init() {}

    /// Calls `body` with at least `count` writable entries.
    mutating func withBuffer<Result>(count: Int, _ body: (UnsafeMutablePointer<Double>) throws -> Result) rethrows
        -> Result {
        if storage.count < count {
            // Left uninitialized: every pass writes the entries before it reads them.
            storage = [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        }
        return try storage.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }

    /// `geometry.gather(imageSize: d)`, built once and returned again while the geometry and size stay the same.
    mutating func gather(_ geometry: PatchGeometry, imageSize d: Int) throws -> PatchGather {
        if let cachedGather, cachedGather.geometry == geometry, cachedGather.imageSize == d { return cachedGather }
        let gather = try geometry.gather(imageSize: d)
        cachedGather = gather
        return gather
    }
}
