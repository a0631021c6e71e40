import BLAS

extension Matrix {
    /// The Gram matrix X Xᵀ of the rows (rows × rows), by one GEMM.
    public func gram() throws -> Matrix {
        var out = [Double](repeating: 0, count: rows * rows)
        storage.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { c in
                BLAS.gemm(transposeB: true, m: rows, n: rows, k: columns, a: x.baseAddress!, lda: columns,
                          b: x.baseAddress!, ldb: columns, c: c.baseAddress!, ldc: rows)
            }
        }
        return try Matrix(rows: rows, columns: rows, storage: out)
    }

    /// The Gram matrix XᵀX of the columns (columns × columns), by one GEMM.
    public func columnGram() throws -> Matrix {
        var out = [Double](repeating: 0, count: columns * columns)
        storage.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { c in
                BLAS.gemm(transposeA: true, m: columns, n: columns, k: rows, a: x.baseAddress!, lda: columns,
                          b: x.baseAddress!, ldb: columns, c: c.baseAddress!, ldc: columns)
            }
        }
        return try Matrix(rows: columns, columns: columns, storage: out)
    }

    /// The squared Frobenius norm Σ x_ij².
    public var frobeniusNormSquared: Double { storage.reduce(0) { $0 + $1 * $1 } }
}
