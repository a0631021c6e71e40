import BLAS
import Testing

@Suite("OpenBLAS products")
struct BLASTests {
    /// Row-major products, with and without transposes.
    @Test func gemmMultipliesRowMajorMatrices() {
        let a: [Double] = [1, 2, 3, 4, 5, 6] // 2 x 3
        let b: [Double] = [1, 0, 0, 1, 1, 1] // 3 x 2
        var c = [Double](repeating: 0, count: 4)
        BLAS.gemm(m: 2, n: 2, k: 3, a: a, lda: 3, b: b, ldb: 2, c: &c, ldc: 2)
        #expect(c == [4, 5, 10, 11])
        let bt: [Double] = [1, 0, 1, 0, 1, 1] // bᵀ, 2 x 3
        BLAS.gemm(transposeB: true, m: 2, n: 2, k: 3, a: a, lda: 3, b: bt, ldb: 3, beta: 1, c: &c, ldc: 2)
        #expect(c == [8, 10, 20, 22])
        let at: [Double] = [1, 4, 2, 5, 3, 6] // aᵀ, 3 x 2
        BLAS.gemm(transposeA: true, m: 2, n: 2, k: 3, a: at, lda: 2, b: b, ldb: 2, c: &c, ldc: 2)
        #expect(c == [4, 5, 10, 11])
    }

    @Test func openBLASReportsItsKernel() {
        #expect(!BLAS.coreName.isEmpty)
    }
}
