import GSL

/// The shape w × h × d of a feature map (width, height, channels) with the
/// column-major vectorization μ of the ASV paper (Henmi et al., Def. 1,
/// (A.1)–(A.3)): the first index runs fastest,
///
///     vec(T) = [T_{1,1,1}, T_{2,1,1}, …, T_{w,1,1}, T_{1,2,1}, …, T_{w,h,d}]ᵀ.
///
/// Coordinates and vector indices are 0-based here (the paper's are 1-based):
/// μ(i, j, k) = i + w (j + h k).
public struct FeatureMapShape: Sendable, Hashable, CustomStringConvertible {
    /// w, the number of columns (the fastest index).
    public let width: Int
    /// h, the number of rows.
    public let height: Int
    /// d, the number of channels (the slowest index).
    public let channels: Int

    /// A w × h × d map. Throws `ParameterError` for a side below 1 or an entry count that overflows `Int`.
    public init(width: Int, height: Int, channels: Int) throws {
        try Require.atLeast(width, 1, "width", in: "FeatureMapShape")
        try Require.atLeast(height, 1, "height", in: "FeatureMapShape")
        try Require.atLeast(channels, 1, "channels", in: "FeatureMapShape")
        try Require.product([width, height, channels], "width · height · channels", in: "FeatureMapShape")
        self.width = width
        self.height = height
        self.channels = channels
    }

    /// w · h · d, the length of the vectorized map (M_ℓ of (A.14)).
    public var count: Int { width * height * channels }
    /// w · h, the number of spatial positions.
    public var positions: Int { width * height }

    /// μ(i, j, k) of (A.3), 0-based; throws for a coordinate outside the map.
    public func index(_ i: Int, _ j: Int, _ k: Int) throws -> Int {
        guard (0..<width).contains(i), (0..<height).contains(j), (0..<channels).contains(k) else {
            throw ParameterError("FeatureMapShape.index", parameter: "(i, j, k)", value: "(\(i), \(j), \(k))",
                                 requirement: "inside [0, \(width)) × [0, \(height)) × [0, \(channels))")
        }
        return unchecked(i, j, k)
    }

    /// μ⁻¹(t) of (A.1), 0-based; throws for an index outside [0, count).
    public func coordinates(of t: Int) throws -> (i: Int, j: Int, k: Int) {
        guard (0..<count).contains(t) else {
            throw ParameterError("FeatureMapShape.coordinates", parameter: "index", value: "\(t)",
                                 requirement: "in [0, \(count))")
        }
        return (t % width, (t / width) % height, t / (width * height))
    }

    /// vec T (A.2) of the tensor whose entry at (i, j, k) is `entry(i, j, k)`.
    public func vectorized(_ entry: (Int, Int, Int) throws -> Double) rethrows -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for k in 0..<channels {
            for j in 0..<height {
                for i in 0..<width { out[unchecked(i, j, k)] = try entry(i, j, k) }
            }
        }
        return out
    }

    /// Throws unless `vector` has `count` entries.
    func validate(_ vector: [Double], _ name: String, in context: String) throws {
        guard vector.count == count else {
            throw ParameterError(context, parameter: name, value: "\(vector.count) entries",
                                 requirement: "\(count) entries (a \(self) map)")
        }
    }

    /// The map pooled by t_w × t_h windows that divide it (the caller checked).
    func pooled(by windowWidth: Int, _ windowHeight: Int) -> FeatureMapShape {
        FeatureMapShape(uncheckedWidth: width / windowWidth, height: height / windowHeight, channels: channels)
    }

    private init(uncheckedWidth width: Int, height: Int, channels: Int) {
        self.width = width
        self.height = height
        self.channels = channels
    }

    func unchecked(_ i: Int, _ j: Int, _ k: Int) -> Int { i + width * (j + height * k) }

    /// "w×h×d".
    public var description: String { "\(width)×\(height)×\(channels)" }
}
