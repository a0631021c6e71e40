import GSL

/// The largest eigenvalue of a symmetric positive semi-definite matrix by
/// power iteration, with a residual bound.
public struct PowerIteration: Sendable, Equatable {
    /// The Rayleigh quotient λ = vᵀAv of the final unit vector v: a lower bound
    /// on the largest eigenvalue.
    public let value: Double
    /// ‖Av − λv‖: some eigenvalue lies within this distance of `value`.
    public let residual: Double
    public let iterations: Int

    /// Iterates v ← Av/‖Av‖ from v_i ∝ 1 + 1/(i + 2) (positive, so not
    /// orthogonal to the Perron vector of a matrix with non-negative entries)
    /// until the residual is below `tolerance` × λ or `maxIterations` is
    /// reached. Used for σ²_max(Z) = λ_max(ZZᵀ) (App. E), Z ≥ 0 entrywise.
    public static func largestEigenvalue(of matrix: Matrix, tolerance: Double = 1e-12, maxIterations: Int = 100_000)
        throws -> PowerIteration {
        let context = "PowerIteration.largestEigenvalue"
        guard matrix.rows == matrix.columns else {
            throw ParameterError(context, parameter: "matrix", value: "\(matrix.rows) × \(matrix.columns)",
                                 requirement: "square")
        }
        try Require.positive(tolerance, "tolerance", in: context)
        let n = matrix.rows
        var v = (0..<n).map { 1 + 1 / Double($0 + 2) }
        normalize(&v)
        var value = 0.0, residual = Double.infinity, iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let av = multiply(matrix, v)
            value = Vector.dot(v, av)
            var squares = 0.0
            for i in 0..<n {
                let r = av[i] - value * v[i]
                squares += r * r
            }
            residual = squares.squareRoot()
            if residual <= tolerance * abs(value) || value == 0 { break }
            v = av
            normalize(&v)
        }
        return PowerIteration(value: value, residual: residual, iterations: iterations)
    }

    private static func multiply(_ a: Matrix, _ v: [Double]) -> [Double] {
        (0..<a.rows).map { r in (0..<a.columns).reduce(0.0) { $0 + a.storage[r * a.columns + $1] * v[$1] } }
    }

    private static func normalize(_ v: inout [Double]) {
        let norm = Vector.norm(v)
        guard norm > 0 else { return }
        for i in v.indices { v[i] /= norm }
    }
}
