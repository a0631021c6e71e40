import GSL

/// The excess convexity functional of the layer-norm paper, App. A.3: for
/// g: [0, 1] → [0, 1] non-decreasing, convex and continuous with g(0) = 0 and
/// g(1) = 1, the graph of g meets the line x + y = 1 at a unique t ∈ (0, 1/2]
/// with g(1 − t) = t, and
///
///     e(g) = 1/t − 2.
///
/// (The extracted text prints "e(g) = 1/4 − 2"; the proofs of Properties 2, 4
/// and 8 use 1/t − 2.) t is found by Brent's method on h(t) = g(1 − t) − t
/// over all of [0, 1], from h(0) = 1 to h(1) = −1: t ≤ 1/2 (g(1/2) ≤ 1/2) is a
/// consequence of convexity, not an assumption of the evaluator, so a g outside
/// the class yields t > 1/2 and e < 0.
public enum ExcessConvexity {
    /// e(g) with the crossing t and an error bound on e.
    public struct Value: Sendable, Equatable {
        /// e(g) = 1/t − 2.
        public let value: Double
        /// t with g(1 − t) = t.
        public let crossing: Double
        /// |δe| ≤ (bracket width + rounding of h)/t², from e = 1/t − 2.
        public let error: Double
    }

    /// e(g) for g given by its values.
    public static func of(_ g: (Double) throws -> Double) throws -> Value {
        try ofComplement { s in 1 - (try g(1 - s)) }
    }

    /// e(g) for g given in complement form c(s) = 1 − g(1 − s), the accurate form for crops of maps
    /// near ρ = 1: then h(t) = 1 − c(t) − t.
    public static func ofComplement(_ c: (Double) throws -> Double) throws -> Value {
        let context = "ExcessConvexity"
        let atZero = try c(0), atOne = try c(1)
        guard abs(atZero) <= 1e-9, abs(atOne - 1) <= 1e-9 else {
            throw ParameterError(context, parameter: "g", value: "g(1) = \(1 - atZero), g(0) = \(1 - atOne)",
                                 requirement: "g(0) = 0 and g(1) = 1")
        }
        func h(_ t: Double) throws -> Double { 1 - (try c(t)) - t }
        let rounding = 8 * Double.ulpOfOne
        let middle = try h(0.5)
        if abs(middle) <= rounding { return Value(value: 0, crossing: 0.5, error: 4 * (rounding + abs(middle))) }
        // The whole of [0, 1] (h(0) = 1, h(1) = −1): for a g outside the class (g(1/2) > 1/2) the crossing
        // lies beyond 1/2 and e < 0 is returned, so Properties 2 and the bracket t ≤ 1/2 stay checkable.
        let root = try RootFinding.brent(h, lower: 0, upper: 1, absoluteTolerance: 0, relativeTolerance: 1e-15)
        let t = root.value
        return Value(value: 1 / t - 2, crossing: t, error: (root.upper - root.lower + rounding) / (t * t))
    }

    /// e of the quadratic g(t) = (1 − Q) t + Q t², Q ∈ [0, 1], in closed form: with t = 1/(2 + e) the
    /// definition becomes e² + (2 − Q) e − Q = 0, so e = 2Q / (2 − Q + √(4 + Q²)) (e(x²) = (√5 − 1)/2).
    public static func ofQuadratic(curvature q: Double) throws -> Double {
        try Require.within(q, 0...1, "curvature", in: "ExcessConvexity.ofQuadratic")
        return 2 * q / (2 - q + (4 + q * q).squareRoot())
    }

    /// The piecewise-linear bound of Property 1: if e(g) ≥ C then g(t) ≤ B_C(t) with
    /// B_C(t) = t/(1 + C) for t ≤ 1 − 1/(2 + C) and (1 + C) t − C beyond.
    public static func bound(excess c: Double, at t: Double) throws -> Double {
        try Require.nonNegative(c, "excess", in: "ExcessConvexity.bound")
        try Require.within(t, 0...1, "t", in: "ExcessConvexity.bound")
        return t <= 1 - 1 / (2 + c) ? t / (1 + c) : (1 + c) * t - c
    }

    /// How far g is from the class of App. A.3 on a grid of `points` points: the most negative of
    /// the first differences (monotonicity) and second differences (convexity), and of −|g(0)|,
    /// −|g(1) − 1|; 0 or more (up to rounding) for a member of the class.
    public static func classViolation(_ g: (Double) throws -> Double, points: Int = 401) throws -> Double {
        try Require.atLeast(points, 3, "points", in: "ExcessConvexity.classViolation")
        let values = try (0..<points).map { try g(Double($0) / Double(points - 1)) }
        var worst = min(-abs(values[0]), -abs(values[points - 1] - 1))
        for i in 1..<points {
            worst = min(worst, values[i] - values[i - 1])
            if i > 1 { worst = min(worst, values[i] - 2 * values[i - 1] + values[i - 2]) }
        }
        return worst
    }
}
