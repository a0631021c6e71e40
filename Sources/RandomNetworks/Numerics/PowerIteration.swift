import BLAS
import GSL

/// The largest eigenvalue of a symmetric positive semi-definite matrix by
/// power iteration, with a residual bound.
public struct PowerIteration: Sendable, Equatable {
    /// The Rayleigh quotient λ = vᵀAv of the final unit vector v: a lower bound
    /// on the largest eigenvalue.
    public let value: Double
    /// ‖Av − λv‖: some eigenvalue lies within this distance of `value`.
    public let residual: Double
    /// The iterations made.
    public let iterations: Int
    /// The final unit iterate v (the top eigenvector found).
    public let vector: [Double]

    /// Iterates v ← Av/‖Av‖ (A·v by OpenBLAS) until the residual is below
    /// `tolerance` × λ or `maxIterations` is reached.
    ///
    /// The default start v_i ∝ 1 + 1/(i + 2) is positive, so not orthogonal to
    /// the Perron vector of a matrix with non-negative entries: the Brutzkus
    /// paper's σ²_max(Z) = λ_max(ZZᵀ) (App. E), Z ≥ 0 entrywise. Gram matrices
    /// with entries of both signs want a generic start (`JacobianNorm`).
    public static func largestEigenvalue(of matrix: Matrix, start: [Double]? = nil, tolerance: Double = 1e-12,
                                         maxIterations: Int = 100_000) throws -> PowerIteration {
        let context = "PowerIteration.largestEigenvalue"
        guard matrix.rows == matrix.columns else {
            throw ParameterError(context, parameter: "matrix", value: "\(matrix.rows) × \(matrix.columns)",
                                 requirement: "square")
        }
        try Require.positive(tolerance, "tolerance", in: context)
        try Require.atLeast(maxIterations, 1, "maxIterations", in: context)
        let n = matrix.rows
        var v = start ?? (0..<n).map { 1 + 1 / Double($0 + 2) }
        guard v.count == n, Vector.norm(v) > 0, v.allSatisfy(\.isFinite) else {
            throw ParameterError(context, parameter: "start", value: "\(v.count) entries",
                                 requirement: "\(n) finite entries, not all zero")
        }
        normalize(&v)
        var av = [Double](repeating: 0, count: n)
        var value = 0.0, residual = Double.infinity, iterations = 0
        while iterations < maxIterations {
            iterations += 1
            multiply(matrix, v, into: &av)
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
        return PowerIteration(value: value, residual: residual, iterations: iterations, vector: v)
    }

    private static func multiply(_ a: Matrix, _ v: [Double], into w: inout [Double]) {
        a.storage.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { v in
                w.withUnsafeMutableBufferPointer { w in
                    BLAS.gemm(m: w.count, n: 1, k: v.count, a: a.baseAddress!, lda: v.count, b: v.baseAddress!, ldb: 1,
                              c: w.baseAddress!, ldc: 1)
                }
            }
        }
    }

    private static func normalize(_ v: inout [Double]) {
        let norm = Vector.norm(v)
        guard norm > 0 else { return }
        for i in v.indices { v[i] /= norm }
    }
}
