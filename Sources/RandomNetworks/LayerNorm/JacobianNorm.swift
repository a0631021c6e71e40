import GSL
import Randomness

/// The operator norm the layer-norm paper induces by the root-mean-squared
/// norm (§2.1): for M ∈ R^{n×m},
///
///     ‖M‖_op = max_v (n^{−1/2} ‖M v‖) / (m^{−1/2} ‖v‖) = √(m/n) σ_max(M),
///
/// computed by power iteration on the Gram matrix MᵀM (formed by OpenBLAS).
public enum JacobianNorm {
    /// The result of power iteration on MᵀM: the largest squared singular value with its residual.
    public struct Estimate: Sendable, Equatable {
        /// σ_max(M)², the Rayleigh quotient of the final iterate (a lower bound).
        public let largestSquaredSingularValue: Double
        /// ‖MᵀM v − λ v‖ at the final unit iterate v: some eigenvalue of MᵀM lies within it of λ.
        public let residual: Double
        /// The power iterations made.
        public let iterations: Int
        /// m/n, so that ‖M‖²_op = (m/n) σ_max².
        public let aspect: Double
        /// The top right singular vector found (unit norm).
        public let vector: [Double]

        /// ‖M‖²_op = (m/n) σ_max(M)².
        public var operatorNormSquared: Double { aspect * largestSquaredSingularValue }
    }

    /// ‖M‖_op by power iteration from a fixed pseudo-random Gaussian start (so the result is
    /// deterministic and, almost surely, not orthogonal to the top singular vector), until the
    /// residual is below `relativeTolerance` · λ or `maxIterations` is reached.
    public static func operatorNorm(_ m: Matrix, relativeTolerance: Double = 1e-10,
                                    maxIterations: Int = 20_000) throws -> Estimate {
        var rng = Xoshiro256(seed: 0x5eed)
        let sampler = NormalSampler()
        let start = (0..<m.columns).map { _ in sampler.next(using: &rng) }
        let power = try PowerIteration.largestEigenvalue(of: try m.columnGram(), start: start, tolerance: relativeTolerance,
                                                         maxIterations: maxIterations)
        return Estimate(largestSquaredSingularValue: power.value, residual: power.residual,
                        iterations: power.iterations, aspect: Double(m.columns) / Double(m.rows), vector: power.vector)
    }
}
