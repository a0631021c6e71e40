import GSL

/// The linear max-margin classifier without bias,
/// ŵ = argmin ‖w‖² s.t. y_i w · x_i ≥ 1 (Brutzkus & Globerson eq. (9) on the
/// support of D, and eq. (25) on the features z(x) of S2), found by dual
/// coordinate ascent on max_{α ≥ 0} Σ α_i − ½‖Σ α_i y_i x_i‖², with the box
/// α_i ≤ C for the soft-margin variant (data that are not separable).
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
    /// The largest violation of the optimality conditions (projected gradient), in the units of the data.
    public let violation: Double
    public let sweeps: Int
    /// Whether the violation fell below the tolerance within the sweeps allowed.
    public let converged: Bool

    /// Solves the dual for the Gram matrix G_ij = x_i · x_j and labels ±1.
    /// The data are rescaled internally to unit largest norm; `tolerance`
    /// applies to the rescaled optimality conditions. `box` C = ∞ is the hard margin.
    public static func fit(gram: Matrix, labels: [Double], box: Double = .infinity, tolerance: Double = 1e-12,
                           maxSweeps: Int = 1_000_000) throws -> HardMarginSVM {
        let context = "HardMarginSVM.fit"
        let n = labels.count
        guard gram.rows == n, gram.columns == n else {
            throw ParameterError(context, parameter: "gram", value: "\(gram.rows) × \(gram.columns)",
                                 requirement: "\(n) × \(n) (one row per label)")
        }
        try Shape.requireLabels(labels, in: context)
        try Require.positive(tolerance, "tolerance", in: context)
        guard box > 0 else { throw ParameterError(context, parameter: "box", value: "\(box)", requirement: "> 0") }
        for v in gram.storage { try Require.finite(v, "Gram entry", in: context) }
        let scale = (0..<n).map { gram[$0, $0] }.max() ?? 0
        for i in 0..<n where !(gram[i, i] > 0) {
            throw ParameterError(context, parameter: "example \(i)", value: "x · x = \(gram[i, i])", requirement: "> 0")
        }
        // Rescaled data x' = x/√scale: α' = scale · α, the same margins, ‖w'‖² = scale · ‖w‖².
        let q = (0..<(n * n)).map { gram.storage[$0] / scale * labels[$0 / n] * labels[$0 % n] }
        let c = box * scale
        var alpha = [Double](repeating: 0, count: n)
        var margins = [Double](repeating: 0, count: n)
        var sweeps = 0, violation = Double.infinity
        while sweeps < maxSweeps {
            sweeps += 1
            for i in 0..<n {
                let updated = min(c, max(0, alpha[i] + (1 - margins[i]) / q[i * n + i]))
                let change = updated - alpha[i]
                guard change != 0 else { continue }
                alpha[i] = updated
                for j in 0..<n { margins[j] += change * q[i * n + j] }
            }
            violation = (0..<n).reduce(0.0) { worst, i in
                let gradient = 1 - margins[i]
                let projected = alpha[i] <= 0 ? max(0, gradient) : (alpha[i] >= c ? min(0, gradient) : gradient)
                return max(worst, abs(projected))
            }
            if violation <= tolerance { break }
        }
        // Recompute the margins exactly from α (no accumulated rounding), and the objective.
        var exact = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n where alpha[j] != 0 { exact[i] += q[i * n + j] * alpha[j] } }
        let normRescaled = (0..<n).reduce(0.0) { $0 + alpha[$1] * exact[$1] }
        let minMargin = exact.min() ?? 0
        let dualObjective = alpha.reduce(0, +) - normRescaled / 2
        return HardMarginSVM(
            dual: alpha.map { $0 / scale }, normSquared: normRescaled / scale, margins: exact,
            normSquaredLowerBound: 2 * dualObjective / scale,
            normSquaredUpperBound: minMargin > 0 ? normRescaled / scale / (minMargin * minMargin) : .infinity,
            violation: violation, sweeps: sweeps, converged: violation <= tolerance)
    }

    /// Fits the examples given as the rows of `features` (Gram matrix by GEMM).
    public static func fit(features: Matrix, labels: [Double], box: Double = .infinity, tolerance: Double = 1e-12,
                           maxSweeps: Int = 1_000_000) throws -> HardMarginSVM {
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
