import BLAS
import Foundation
import GSL
import Randomness

/// The operator norm the layer-norm paper induces by the root-mean-squared
/// norm (§2.1): for M ∈ R^{n×m},
///
///     ‖M‖_op = max_v (n^{−1/2} ‖M v‖) / (m^{−1/2} ‖v‖) = √(m/n) σ_max(M),
///
/// computed by power iteration on the Gram matrix MᵀM (formed by OpenBLAS).
public enum JacobianNorm {
    public struct Estimate: Sendable, Equatable {
        /// σ_max(M)², the Rayleigh quotient of the final iterate (a lower bound).
        public let largestSquaredSingularValue: Double
        /// ‖MᵀM v − λ v‖ at the final unit iterate v: some eigenvalue of MᵀM lies within it of λ.
        public let residual: Double
        public let iterations: Int
        /// m/n, so that ‖M‖²_op = (m/n) σ_max².
        public let aspect: Double
        /// The top right singular vector found (unit norm).
        public let vector: [Double]

        /// ‖M‖²_op = (m/n) σ_max(M)².
        public var operatorNormSquared: Double { aspect * largestSquaredSingularValue }
    }

    /// ‖M‖_op by power iteration from a fixed pseudo-random start (so the result is deterministic),
    /// until the residual is below `relativeTolerance` · λ or `maxIterations` is reached.
    public static func operatorNorm(_ m: Matrix, relativeTolerance: Double = 1e-10,
                                    maxIterations: Int = 20_000) throws -> Estimate {
        try Require.positive(relativeTolerance, "relativeTolerance", in: "JacobianNorm.operatorNorm")
        try Require.atLeast(maxIterations, 1, "maxIterations", in: "JacobianNorm.operatorNorm")
        let gram = try Self.gram(m)
        let size = m.columns
        var rng = Xoshiro256(seed: 0x5eed)
        let sampler = NormalSampler()
        var v = (0..<size).map { _ in sampler.next(using: &rng) }
        normalize(&v)
        var w = [Double](repeating: 0, count: size)
        var lambda = 0.0, residual = Double.infinity, iterations = 0
        while iterations < maxIterations {
            iterations += 1
            multiply(gram, size, v, into: &w)
            lambda = Vector.dot(v, w)
            residual = zip(w, v).reduce(0) { $0 + ($1.0 - lambda * $1.1) * ($1.0 - lambda * $1.1) }.squareRoot()
            let norm = Vector.norm(w)
            guard norm > 0 else { break }
            if residual <= relativeTolerance * lambda { break }
            v = w.map { $0 / norm }
        }
        return Estimate(largestSquaredSingularValue: lambda, residual: residual, iterations: iterations,
                        aspect: Double(m.columns) / Double(m.rows), vector: v)
    }

    /// MᵀM (m × m, row-major) by OpenBLAS.
    static func gram(_ m: Matrix) throws -> [Double] {
        var result = [Double](repeating: 0, count: m.columns * m.columns)
        m.storage.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { c in
                BLAS.gemm(transposeA: true, m: m.columns, n: m.columns, k: m.rows, a: a.baseAddress!, lda: m.columns,
                          b: a.baseAddress!, ldb: m.columns, c: c.baseAddress!, ldc: m.columns)
            }
        }
        return result
    }

    private static func multiply(_ a: [Double], _ size: Int, _ v: [Double], into w: inout [Double]) {
        a.withUnsafeBufferPointer { a in
            v.withUnsafeBufferPointer { v in
                w.withUnsafeMutableBufferPointer { w in
                    BLAS.gemm(m: size, n: 1, k: size, a: a.baseAddress!, lda: size, b: v.baseAddress!, ldb: 1,
                              c: w.baseAddress!, ldc: 1)
                }
            }
        }
    }

    private static func normalize(_ v: inout [Double]) {
        let norm = Vector.norm(v)
        for i in v.indices { v[i] /= norm }
    }
}
