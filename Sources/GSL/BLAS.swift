import CGSL

/// Dense matrix products through the CBLAS interface.
public enum BLAS {
    /// C = alpha * op(A) op(B) + beta * C for row-major matrices, where op(A)
    /// is m x k and op(B) is k x n (`cblas_dgemm`). Sizes are the caller's
    /// responsibility: this is the inner kernel, called by validated layers.
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
