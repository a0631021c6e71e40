import Foundation
import GSL

/// The maximum of a pooling window (the ASV paper's Lemma 1 and (B.11)) and
/// routes to τ_max and γ_max that do not use the density of the maximum.
extension PoolingMoments {
    /// p̂(x) = n p(x) F(x)^{n−1} (Lemma 1, (B.2)): the density of the maximum of n i.i.d.
    /// variables with density p and distribution function F.
    public static func maximumDensity(_ x: Double, count n: Int, density p: (Double) -> Double,
                                      distribution F: (Double) -> Double) throws -> Double {
        try Require.atLeast(n, 1, "count", in: "PoolingMoments.maximumDensity")
        return Double(n) * p(x) * pow(F(x), Double(n - 1))
    }

    /// (B.11): the density T β φ(βx) Φ(βx)^{T−1}, β = q^{−1/2}, of the maximum of T i.i.d. N(0, q).
    public static func gaussianMaximumDensity(_ x: Double, poolSize: Int, variance q: Double) throws -> Double {
        try Require.positive(q, "variance", in: "PoolingMoments.gaussianMaximumDensity")
        let beta = 1 / q.squareRoot()
        return try beta * maximumDensity(beta * x, count: poolSize, density: Distributions.normalPDF,
                                         distribution: Distributions.normalCDF)
    }

    /// E[ReLU(M)²] = ∫_0^∞ 2x Pr(M > x) dx with Pr(M > x) = 1 − Φ(x)^T for the maximum M of T
    /// i.i.d. N(0, 1): τ_max (eq. (12)) from the distribution function instead of the density,
    /// by QAGIU. 1 − Φ^T is evaluated as −expm1(T log1p(−Q(x))) to keep the tail accurate.
    public static func tauMaxByTailIntegral(poolSize: Int,
                                            tolerance: QuadratureTolerance = .init(absolute: 0, relative: 1e-10))
        throws -> IntegralResult {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.tauMaxByTailIntegral")
        let t = Double(poolSize)
        return try Integration.qagiu({ x in
            2 * x * -expm1(t * log1p(-Distributions.normalUpperTail(x)))
        }, from: 0, tolerance: tolerance)
    }

    /// Pr(u_1 = max_t u_t ≥ 0) = ∫_0^∞ φ(s) Φ(s)^{T−1} ds for T i.i.d. N(0, 1) (the event of
    /// (B.23)) by QAGIU: γ_max of eq. (15) without the product step (B.24)·(B.25).
    public static func gammaMaxByQuadrature(poolSize: Int,
                                            tolerance: QuadratureTolerance = .init(absolute: 0, relative: 1e-10))
        throws -> IntegralResult {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.gammaMaxByQuadrature")
        let power = Double(poolSize - 1)
        return try Integration.qagiu({ s in
            Distributions.normalPDF(s) * pow(Distributions.normalCDF(s), power)
        }, from: 0, tolerance: tolerance)
    }
}
