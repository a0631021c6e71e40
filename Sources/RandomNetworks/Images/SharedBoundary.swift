import GSL

/// The shared r-boundary ∂_r(A, B) of Nachum et al., Definition 2: pixel (i, j)
/// of Z_n × Z_n belongs to it iff the (2r+1) × (2r+1) window W_ij centered at
/// (i, j) (indices mod n) meets A and meets B (15a), and is not contained in A
/// or not contained in B (15b).
///
/// Computed exactly from the window maxima and minima of the 0/1 pictures:
/// (15a) ⟺ max_W A = 1 ∧ max_W B = 1, and given (15a), (15b) ⟺ ¬(A and B
/// both constant on W). The same rule on non-negative grayscale images is the
/// extension of §4.1: a pixel is on the boundary iff both windows are non-zero
/// and not both constant — off it, the summand of eq. (8) for the centered
/// window equals A_ij B_ij exactly, as in the proof of Theorem 5 (App. G).
public struct SharedBoundary: Sendable, Equatable {
    /// The radius r (windows of side 2r+1).
    public let radius: Int
    /// The image side n.
    public let size: Int
    /// Membership of pixel (i, j) at i·n + j.
    public let members: [Bool]

    /// |∂_r(A, B)|, the number the bounds (16), (17) and the text after Theorem 5 use.
    public var count: Int { members.lazy.filter { $0 }.count }

    /// ∂_r(A, B) of Definition 2 for black-and-white images, r ∈ [n].
    public init(_ a: BinaryImage, _ b: BinaryImage, radius r: Int) throws {
        try self.init(a.image, b.image, radius: r)
    }

    /// The boundary of two non-negative single-channel (grayscale) images: both windows non-zero,
    /// and not both constant. On 0/1 images this is Definition 2 exactly.
    public init(_ a: Image, _ b: Image, radius r: Int) throws {
        let context = "SharedBoundary"
        try a.requireSameShape(b, context)
        guard a.channels == 1 else {
            throw ParameterError(context, parameter: "images", value: "\(a.channels) channels", requirement: "single-channel images")
        }
        for v in a.pixels + b.pixels where !(v.isFinite && v >= 0) {
            throw ParameterError(context, parameter: "pixel", value: "\(v)", requirement: "finite and >= 0")
        }
        try Require.atLeast(r, 1, "radius", in: context)
        guard r <= a.size else {
            throw ParameterError(context, parameter: "radius", value: "\(r)", requirement: "in [n] = 1...\(a.size)")
        }
        let n = a.size
        let maxA = Self.windowExtremum(a.pixels, n, r, max), minA = Self.windowExtremum(a.pixels, n, r, min)
        let maxB = Self.windowExtremum(b.pixels, n, r, max), minB = Self.windowExtremum(b.pixels, n, r, min)
        radius = r
        size = n
        members = (0..<(n * n)).map { p in
            maxA[p] > 0 && maxB[p] > 0 && !(minA[p] == maxA[p] && minB[p] == maxB[p])
        }
    }

    /// Definition 2 with its quantifiers written out, (15a) ∧ (15b), for reference: O(n² (2r+1)⁴).
    public static func literalMembers(_ a: BinaryImage, _ b: BinaryImage, radius r: Int) throws -> [Bool] {
        guard a.size == b.size else {
            throw ParameterError("SharedBoundary.literalMembers", parameter: "images", value: "sizes \(a.size), \(b.size)",
                                 requirement: "equal sizes")
        }
        try Require.atLeast(r, 1, "radius", in: "SharedBoundary.literalMembers")
        try Require.atMost(r, a.size, "radius", in: "SharedBoundary.literalMembers")
        let n = a.size, offsets = Array(-r...r)
        return (0..<(n * n)).map { p in
            let i = p / n, j = p % n
            var meetsBoth = false, notInside = false
            for a1 in offsets { for b1 in offsets { for c1 in offsets { for d1 in offsets {
                if a[i + a1, j + b1] && b[i + c1, j + d1] { meetsBoth = true }
                if !a[i + a1, j + b1] || !b[i + c1, j + d1] { notInside = true }
            } } } }
            return meetsBoth && notInside
        }
    }

    /// The extremum of `values` over every cyclic (2r+1) × (2r+1) window, rows then columns.
    private static func windowExtremum(_ values: [Double], _ n: Int, _ r: Int,
                                       _ pick: (Double, Double) -> Double) -> [Double] {
        // wrapped[j · (2r + 1) + r + b] = (j + b) mod n for b = −r … r, computed once (no division in the loops).
        let side = 2 * r + 1
        let wrapped = (0..<(n * side)).map { e in ((e / side + e % side - r) % n + n) % n }
        var rows = values
        for u in 0..<n {
            for j in 0..<n {
                var e = values[u * n + j]
                for b in 0..<side { e = pick(e, values[u * n + wrapped[j * side + b]]) }
                rows[u * n + j] = e
            }
        }
        var out = rows
        for i in 0..<n {
            for j in 0..<n {
                var e = rows[i * n + j]
                for a in 0..<side { e = pick(e, rows[wrapped[i * side + a] * n + j]) }
                out[i * n + j] = e
            }
        }
        return out
    }
}
