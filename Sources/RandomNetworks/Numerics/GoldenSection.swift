import GSL

/// Golden-section search for the minimum of a unimodal function on an interval
/// (used to refine grid minima: min over ρ_0 of P_l ∘ … ∘ P_1 for ρ_max, the
/// sup of x − g(x) in Property 3, the largest violation of a bound).
public enum GoldenSection {
    /// The point and value of the minimum of `f` on [lower, upper], to an
    /// interval of width `tolerance`; the endpoints are candidates too, so a
    /// monotone f returns its endpoint minimum exactly.
    public static func minimize(_ f: (Double) throws -> Double, lower: Double, upper: Double,
                                tolerance: Double = 1e-12) throws -> (x: Double, value: Double) {
        try Require.finite(lower, "lower", in: "GoldenSection.minimize")
        try Require.finite(upper, "upper", in: "GoldenSection.minimize")
        try Require.positive(tolerance, "tolerance", in: "GoldenSection.minimize")
        guard lower <= upper else {
            throw ParameterError("GoldenSection.minimize", parameter: "interval", value: "[\(lower), \(upper)]",
                                 requirement: "lower <= upper")
        }
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lower, b = upper
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var fc = try f(c), fd = try f(d)
        while b - a > tolerance {
            if fc <= fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a); fc = try f(c)
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a); fd = try f(d)
            }
        }
        var best = fc <= fd ? (x: c, value: fc) : (x: d, value: fd)
        for x in [lower, upper] {
            let value = try f(x)
            if value < best.value { best = (x, value) }
        }
        return best
    }

    /// The largest value of `f` on [lower, upper]: a scan of `points` equally spaced points, refined by
    /// golden section inside the cells next to the best grid point (exact for a function unimodal there).
    public static func gridMaximum(_ f: (Double) throws -> Double, lower: Double = 0, upper: Double = 1,
                                   points: Int = 2001, tolerance: Double = 1e-13) throws -> (x: Double, value: Double) {
        try Require.atLeast(points, 2, "points", in: "GoldenSection.gridMaximum")
        let step = (upper - lower) / Double(points - 1)
        var best = (x: lower, value: -Double.infinity)
        for i in 0..<points {
            let x = i == points - 1 ? upper : lower + Double(i) * step
            let value = try f(x)
            guard !value.isNaN else {
                throw ParameterError("GoldenSection.gridMaximum", parameter: "f(\(x))", value: "NaN", requirement: "a number")
            }
            if value > best.value { best = (x, value) }
        }
        let refined = try minimize({ -(try f($0)) }, lower: max(lower, best.x - step), upper: min(upper, best.x + step),
                                   tolerance: tolerance)
        return -refined.value > best.value ? (refined.x, -refined.value) : best
    }
}
