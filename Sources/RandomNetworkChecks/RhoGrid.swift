/// Correlation grids shared by the dual-activation claims.
public enum RhoGrid {
    /// -1, 0 and 1, three points within 1e-6 of each end (1e-7, 1e-9, 1e-12
    /// away), and a regular interior: where closed forms lose accuracy if the
    /// angle is computed naively, and where a bound is tight.
    public static let standard: [Double] = [
        -1, -1 + 1e-12, -1 + 1e-9, -1 + 1e-7, -0.999, -0.99, -0.9, -0.75, -0.5, -0.25,
        0, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-7, 1 - 1e-9, 1 - 1e-12, 1,
    ]

    /// `count` evenly spaced points from `lower` to `upper` inclusive.
    public static func evenly(_ count: Int, from lower: Double, to upper: Double) -> [Double] {
        (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
    }
}
