/// Small vector helpers on flattened tensors.
public enum Vector {
    /// <x, y>; the arrays must have equal length (checked by callers).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for i in 0..<min(x.count, y.count) { s += x[i] * y[i] }
        return s
    }

    /// ||x||.
    public static func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }

    /// The cosine similarity ρ(x, y) = <x, y> / (||x|| ||y||) (Nachum et al. §1), or
    /// nil when x or y is zero (the similarity is then undefined).
    public static func cosine(_ x: [Double], _ y: [Double]) -> Double? {
        let nx = norm(x), ny = norm(y)
        guard nx > 0, ny > 0 else { return nil }
        return dot(x, y) / (nx * ny)
    }
}
