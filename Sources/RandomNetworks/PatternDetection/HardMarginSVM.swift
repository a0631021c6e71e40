import GSL

/// The linear max-margin classifier without bias,
/// ŵ = argmin ‖w‖² s.t. y_i w · x_i ≥ 1 (Brutzkus & Globerson eq. (9) on the
/// support of D, and eq. (25) on the features z(x) of S2), found by dual
/// coordinate ascent on max_{α ≥ 0} Σ α_i − ½‖Σ α_i y_i x_i‖², with the box
/// α_i ≤ C for the soft-margin variant (data that are not separable).
///
/// For the hard margin, up to a few thousand sweeps warm-start an active-set
/// (Lawson–Hanson) refinement that solves the optimality conditions on the
/// support vectors exactly by LU (GSL), kept when it satisfies them better:
/// coordinate ascent alone crawls on the nearly collinear non-negative
/// features of App. E, and stops at its tolerance short of machine precision.
///
/// The result brackets ‖ŵ‖² rigorously: by weak duality 2(Σα − ½‖w_α‖²) ≤ ‖ŵ‖²
/// for any α ≥ 0, and w_α / min_i y_i w_α · x_i is feasible, so
/// ‖ŵ‖² ≤ ‖w_α‖² / (min margin)² whenever the minimum margin is positive.
public struct HardMarginSVM: Sendable, Equatable {
    /// α ≥ 0, one per example (w = Σ α_i y_i x_i).
    public let dual: [Double]
    /// ‖w_α‖² of the final iterate.
    public let normSquared: Double
    /// y_i w_α · x_i.
    public let margins: [Double]
    /// 2 × the dual objective: a lower bound on ‖ŵ‖² (hard margin).
    public let normSquaredLowerBound: Double
    /// ‖w_α‖²/(min margin)²: an upper bound on ‖ŵ‖² (hard margin; +∞ if some margin ≤ 0).
    public let normSquaredUpperBound: Double
    /// The largest violation of the optimality conditions (the projected gradient of the dual; margins are unit-free).
    public let violation: Double
    /// The coordinate-ascent sweeps made over the dual variables.
    public let sweeps: Int
    /// Whether the violation fell below the tolerance within the sweeps allowed.
    public let converged: Bool

    /// Solves the dual for the Gram matrix G_ij = x_i · x_j and labels ±1.
    /// The data are rescaled internally to unit largest norm; `tolerance`
    /// applies to the rescaled optimality conditions. `box` C = ∞ is the hard
    /// margin, for which at most 2000 sweeps warm-start the active-set refinement
    /// (and the sweeps resume, up to `maxSweeps`, if it does not converge).
    public static func fit(gram: Matrix, labels: [Double], box: Double = .infinity, tolerance: Double = 1e-10,
                           maxSweeps: Int = 100_000) throws -> HardMarginSVM {
        let context = "HardMarginSVM.fit"
        let n = labels.count
        guard gram.rows == n, gram.columns == n else {
            throw ParameterError(context, parameter: "gram", value: "\(gram.rows) × \(gram.columns)",
                                 requirement: "\(n) × \(n) (one row per label)")
        }
        try Shape.requireLabels(labels, in: context)
        try Require.positive(tolerance, "tolerance", in: context)
        try Require.atLeast(maxSweeps, 0, "maxSweeps", in: context)
        guard box > 0 else { throw ParameterError(context, parameter: "box", value: "\(box)", requirement: "> 0") }
        if !Vector.allFinite(gram.storage) { for v in gram.storage { try Require.finite(v, "Gram entry", in: context) } }
        let scale = (0..<n).map { gram[$0, $0] }.max() ?? 0
        for i in 0..<n where !(gram[i, i] > 0) {
            throw ParameterError(context, parameter: "example \(i)", value: "x · x = \(gram[i, i])", requirement: "> 0")
        }
        // Rescaled data x' = x/√scale: α' = scale · α, the same margins, ‖w'‖² = scale · ‖w‖².
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { q[i * n + j] = gram.storage[i * n + j] / scale * labels[i] * labels[j] }
        }
        let c = box * scale
        /// The margins y_i w_α · x_i, and the largest projected gradient of the dual (the optimality violation).
        func marginsOf(_ alpha: [Double]) -> [Double] {
            dualMargins(q, n: n, alpha: alpha, support: (0..<n).filter { alpha[$0] != 0 })
        }
        func violationOf(_ alpha: [Double], _ margins: [Double]) -> Double {
            (0..<n).reduce(0.0) { worst, i in
                let gradient = 1 - margins[i]
                return max(worst, abs(alpha[i] <= 0 ? max(0, gradient) : (alpha[i] >= c ? min(0, gradient) : gradient)))
            }
        }
        /// Coordinate ascent sweeps from α until the violation is below the tolerance or `limit` sweeps in all.
        var sweeps = 0
        func ascend(_ alpha: inout [Double], limit: Int) -> Double {
            var margins = marginsOf(alpha), violation = violationOf(alpha, margins)
            while sweeps < limit && violation > tolerance {
                sweeps += 1
                q.withUnsafeBufferPointer { q in
                    alpha.withUnsafeMutableBufferPointer { alpha in
                        margins.withUnsafeMutableBufferPointer { margins in
                            let s = margins.baseAddress!
                            for i in 0..<n {
                                let updated = min(c, max(0, alpha[i] + (1 - s[i]) / q[i * n + i]))
                                let change = updated - alpha[i]
                                guard change != 0 else { continue }
                                alpha[i] = updated
                                // Independent entries: a loop the compiler vectorizes, each entry the same sum.
                                let row = q.baseAddress! + i * n
                                for j in 0..<n { s[j] += change * row[j] }
                            }
                        }
                    }
                }
                violation = violationOf(alpha, margins)
            }
            return violation
        }
        var alpha = [Double](repeating: 0, count: n)
        _ = ascend(&alpha, limit: box.isInfinite ? min(maxSweeps, 2000) : maxSweeps)
        // The margins recomputed exactly from α (no accumulated rounding). For the hard margin, the active-set
        // solution replaces α when it satisfies the optimality conditions better; if neither converged, the
        // sweeps resume from the better one.
        var exact = marginsOf(alpha)
        var violation = violationOf(alpha, exact)
        if box.isInfinite {
            let refined = activeSetRefinement(q, n: n, start: alpha, tolerance: tolerance)
            let refinedMargins = marginsOf(refined)
            let refinedViolation = violationOf(refined, refinedMargins)
            if refinedViolation < violation { (alpha, exact, violation) = (refined, refinedMargins, refinedViolation) }
            if violation > tolerance {
                _ = ascend(&alpha, limit: maxSweeps)
                exact = marginsOf(alpha)
                violation = violationOf(alpha, exact)
            }
        }
        let normRescaled = (0..<n).reduce(0.0) { $0 + alpha[$1] * exact[$1] }
        let minMargin = exact.min() ?? 0
        let dualObjective = alpha.reduce(0, +) - normRescaled / 2
        return HardMarginSVM(
            dual: alpha.map { $0 / scale }, normSquared: normRescaled / scale, margins: exact,
            normSquaredLowerBound: 2 * dualObjective / scale,
            normSquaredUpperBound: minMargin > 0 ? normRescaled / scale / (minMargin * minMargin) : .infinity,
            violation: violation, sweeps: sweeps, converged: violation <= tolerance)
    }

    /// Lawson–Hanson's active-set method for min ½αᵀQα − 1ᵀα, α ≥ 0, from the support of `start`:
    /// solve Q_FF β = 1 on the passive set F; if β > 0, add the point of smallest margin outside F while
    /// one is below 1; otherwise step towards β until a coordinate reaches 0 and drop it. Repeated
    /// points (identical rows of Q) are kept out of F. Stops at the optimum, on a singular system, or
    /// after 10n iterations, returning the best feasible α found.
    private static func activeSetRefinement(_ q: [Double], n: Int, start: [Double], tolerance: Double) -> [Double] {
        let distinct = (0..<n).filter { i in
            !(0..<i).contains { j in q[i * n + i] == q[j * n + j] && q[i * n + j] == q[i * n + i] }
        }
        var alpha = start
        var isDistinct = [Bool](repeating: false, count: n)
        for i in distinct { isDistinct[i] = true }
        for i in 0..<n where !isDistinct[i] { alpha[i] = 0 }
        var passive = distinct.filter { alpha[$0] > 0 }
        for _ in 0..<(10 * n) {
            if passive.isEmpty, let first = distinct.first { passive = [first] }
            let system = passive.flatMap { i in passive.map { q[i * n + $0] } }
            guard let beta = try? LinearAlgebra.solve(system, [Double](repeating: 1, count: passive.count)) else { break }
            if beta.allSatisfy({ $0 > 0 }) {
                for (slot, i) in passive.enumerated() { alpha[i] = beta[slot] }
                let s = dualMargins(q, n: n, alpha: alpha, support: passive)
                var inPassive = [Bool](repeating: false, count: n)
                for i in passive { inPassive[i] = true }
                guard let worst = distinct.filter({ !inPassive[$0] }).min(by: { s[$0] < s[$1] }), s[worst] < 1 - tolerance
                else { break }
                passive.append(worst)
            } else {
                var step = 1.0
                for (slot, i) in passive.enumerated() where beta[slot] <= 0 {
                    step = min(step, alpha[i] / (alpha[i] - beta[slot]))
                }
                for (slot, i) in passive.enumerated() { alpha[i] += step * (beta[slot] - alpha[i]) }
                passive = passive.filter { alpha[$0] > 1e-300 }
                var inPassive = [Bool](repeating: false, count: n)
                for i in passive { inPassive[i] = true }
                for i in 0..<n where !inPassive[i] { alpha[i] = 0 }
            }
        }
        return alpha
    }

    /// The margins Σ_{j ∈ support} Q_ij α_j for every i, each summed over `support` in its order. Terms with α_j = 0
    /// left out of `support` change no sum (a running sum from +0 never becomes −0, and adding ±0 to it is exact).
    /// Four rows at a time run four independent chains: the same sums, term for term, as one row after another.
    private static func dualMargins(_ q: [Double], n: Int, alpha: [Double], support: [Int]) -> [Double] {
        [Double](unsafeUninitializedCapacity: n) { out, initialized in
            q.withUnsafeBufferPointer { q in
                alpha.withUnsafeBufferPointer { a in
                    support.withUnsafeBufferPointer { support in
                        let q = q.baseAddress!
                        var i = 0
                        while i + 4 <= n {
                            let r0 = q + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
                            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                            for j in support {
                                let weight = a[j]
                                s0 += r0[j] * weight
                                s1 += r1[j] * weight
                                s2 += r2[j] * weight
                                s3 += r3[j] * weight
                            }
                            (out[i], out[i + 1], out[i + 2], out[i + 3]) = (s0, s1, s2, s3)
                            i += 4
                        }
                        while i < n {
                            var sum = 0.0
                            for j in support { sum += q[i * n + j] * a[j] }
                            out[i] = sum
                            i += 1
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// Fits the examples given as the rows of `features` (Gram matrix by GEMM).
    public static func fit(features: Matrix, labels: [Double], box: Double = .infinity, tolerance: Double = 1e-10,
                           maxSweeps: Int = 100_000) throws -> HardMarginSVM {
        try fit(gram: features.gram(), labels: labels, box: box, tolerance: tolerance, maxSweeps: maxSweeps)
    }

    /// The primal weights w = Σ α_i y_i x_i for the examples `features` (rows) and labels it was fitted on.
    public func weights(features: Matrix, labels: [Double]) throws -> [Double] {
        try Shape.requireCount(features.rows, dual.count, "features.rows", in: "HardMarginSVM.weights")
        try Shape.requireCount(labels.count, dual.count, "labels", in: "HardMarginSVM.weights")
        var w = [Double](repeating: 0, count: features.columns)
        for i in 0..<dual.count where dual[i] != 0 {
            for c in 0..<features.columns { w[c] += dual[i] * labels[i] * features[i, c] }
        }
        return w
    }
}
