import CGSL

/// Dense linear algebra through GSL.
public enum LinearAlgebra {
    /// Solves A x = b by LU decomposition with partial pivoting
    /// (`gsl_linalg_LU_decomp`, `gsl_linalg_LU_solve`).
    /// - Parameters:
    ///   - matrix: A, n x n, row-major.
    ///   - rhs: b, length n.
    /// - Throws: `ParameterError` for mismatched sizes or non-finite entries,
    ///   `GSLError` (EDOM, "matrix is singular") when A is singular.
    public static func solve(_ matrix: [Double], _ rhs: [Double]) throws -> [Double] {
        let n = rhs.count
        let context = "LinearAlgebra.solve"
        try Require.atLeast(n, 1, "size", in: context)
        guard matrix.count == n * n else {
            throw ParameterError(context, parameter: "matrix", value: "\(matrix.count) entries",
                                 requirement: "n * n = \(n * n) entries for a right-hand side of length \(n)")
        }
        for v in matrix { try Require.finite(v, "matrix entry", in: context) }
        for v in rhs { try Require.finite(v, "right-hand side entry", in: context) }
        var a = matrix
        var b = rhs
        var x = [Double](repeating: 0, count: n)
        let permutation = try GSLCall.pointer("gsl_permutation_alloc") { gsl_permutation_alloc(n) }
        defer { gsl_permutation_free(permutation) }
        try a.withUnsafeMutableBufferPointer { aBuf in
            try b.withUnsafeMutableBufferPointer { bBuf in
                try x.withUnsafeMutableBufferPointer { xBuf in
                    var aView = gsl_matrix_view_array(aBuf.baseAddress, n, n)
                    var bView = gsl_vector_view_array(bBuf.baseAddress, n)
                    var xView = gsl_vector_view_array(xBuf.baseAddress, n)
                    var signum: Int32 = 0
                    try GSLCall.status("gsl_linalg_LU_decomp") {
                        gsl_linalg_LU_decomp(&aView.matrix, permutation, &signum)
                    }
                    try GSLCall.status("gsl_linalg_LU_solve") {
                        gsl_linalg_LU_solve(&aView.matrix, permutation, &bView.vector, &xView.vector)
                    }
                }
            }
        }
        return x
    }
}
