import COpenBLAS

/// Dense matrix products through OpenBLAS (Debian's libopenblas), the tuned
/// BLAS the heavy paths use. OpenBLAS is linked first, so GSL's internal
/// cblas_* calls resolve to it too (the GSL module makes it single-threaded
/// before its first call).
///
/// OpenBLAS runs single-threaded here: parallelism comes from the callers,
/// which split work into fixed blocks run on their own worker threads, so
/// results never depend on the thread count. `withThreads` lifts that only
/// for measuring the hardware's dgemm rate.
public enum BLAS {
    private static let singleThreaded: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// C = alpha · op(A) · op(B) + beta · C for row-major matrices: op(A) is
    /// m x k, op(B) is k x n, C is m x n, with leading dimensions lda, ldb, ldc
    /// (row strides). Sizes are the caller's responsibility: this is the inner
    /// kernel, called by validated layers.
    @inlinable
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        configure()
        // With beta = 0 OpenBLAS first zeroes C in a pass of its own (dgemm_beta), then adds alpha · op(A) op(B)
        // to it; zeroing C here and asking for C + alpha · op(A) op(B) (beta = 1) gives the same numbers bit for
        // bit (every entry is +0 + the same product) and is faster for the thin products of the models.
        var effectiveBeta = beta
        if beta == 0, m > 0, n > 0 {
            if ldc == n {
                c.update(repeating: 0, count: m * n)
            } else {
                for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            }
            effectiveBeta = 1
        }
        // Row-major C = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ: swap the operands.
        var (mm, nn, kk) = (Int32(n), Int32(m), Int32(k))
        var (ld1, ld2, ld3) = (Int32(ldb), Int32(lda), Int32(ldc))
        var (al, be) = (alpha, effectiveBeta)
        var ta: CChar = transposeB ? 84 : 78 // "T" : "N"
        var tb: CChar = transposeA ? 84 : 78
        dgemm_(&ta, &tb, &mm, &nn, &kk, &al, b, &ld1, a, &ld2, &be, c, &ld3)
    }

    @usableFromInline
    static func configure() { _ = singleThreaded }

    /// Runs `body` with OpenBLAS using `threads` threads, then returns to one.
    /// Only for measurements made while nothing else calls BLAS.
    public static func withThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
        configure()
        openblas_set_num_threads(Int32(clamping: max(1, threads)))
        defer { openblas_set_num_threads(1) }
        return try body()
    }

    /// OpenBLAS's name for the kernel it selected on this CPU (e.g. "Cooperlake").
    public static var coreName: String {
        String(cString: openblas_get_corename())
    }
}
