import ClaimKit
import Foundation

/// Eigenvalues of a small symmetric matrix by the cyclic Jacobi method (the GSL
/// module of the framework has no symmetric eigen-solver; see the README).
///
/// Each rotation is orthogonal, so the computed eigenvalues are those of a
/// matrix within about (sweeps · 6n) ε ‖A‖_F of A (Demmel–Veselić); rotations
/// stop once the off-diagonal Frobenius norm is below 1e-15 ‖A‖_F, and what is
/// left moves each diagonal entry by at most that norm (Weyl). `error` adds both.
public struct SymmetricEigenvalues: Sendable {
    public let values: [Double]
    /// A bound on |computed − exact| for every eigenvalue (rotation rounding plus the off-diagonal residual).
    public let error: Double
    public let sweeps: Int

    /// `matrix` is n × n, row-major, symmetric. Throws for a non-square or non-symmetric input,
    /// a non-finite entry, or no convergence in 60 sweeps.
    public init(_ matrix: [Double], size n: Int) throws {
        let context = "SymmetricEigenvalues"
        try Require.atLeast(n, 1, "size", in: context)
        try Require.that(matrix.count == n * n, "matrix", value: "\(matrix.count) entries", requirement: "n² = \(n * n)",
                         in: context)
        for v in matrix { try Require.finite(v, "matrix entry", in: context) }
        for i in 0..<n {
            for j in 0..<i where matrix[i * n + j] != matrix[j * n + i] {
                throw ParameterError(context, parameter: "matrix", value: "A[\(i)][\(j)] ≠ A[\(j)][\(i)]", requirement: "symmetric")
            }
        }
        var a = matrix
        let frobenius = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        func offDiagonal() -> Double {
            var s = 0.0
            for i in 0..<n { for j in 0..<n where i != j { s += a[i * n + j] * a[i * n + j] } }
            return s.squareRoot()
        }
        var sweeps = 0
        while offDiagonal() > 1e-15 * frobenius {
            guard sweeps < 60 else {
                throw ParameterError(context, parameter: "matrix", value: "off-diagonal norm \(offDiagonal())",
                                     requirement: "convergence within 60 Jacobi sweeps")
            }
            sweeps += 1
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    guard apq != 0 else { continue }
                    // The rotation that zeroes a_pq (Golub & Van Loan, Alg. 8.5.1).
                    let tau = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (tau >= 0 ? 1.0 : -1.0) / (abs(tau) + (1 + tau * tau).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = t * c
                    for k in 0..<n { // A ← A J (columns p, q)
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n { // A ← Jᵀ A (rows p, q)
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    a[p * n + q] = 0
                    a[q * n + p] = 0
                }
            }
        }
        values = (0..<n).map { a[$0 * n + $0] }.sorted()
        self.sweeps = sweeps
        error = Double(max(sweeps, 1) * 6 * n) * Double.ulpOfOne * frobenius + offDiagonal()
    }

    public var minimum: Double { values[0] }
}
