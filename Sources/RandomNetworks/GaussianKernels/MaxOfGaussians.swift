import Foundation
import GSL
import Randomness

/// The max pooling feature of one pool of the pooling paper's FCN with unit
/// inputs and N(0, 1) weights (App. B: max(r(x_1), …, r(x_n)) = max(0, x_1, …, x_n)):
///
///     M = max(0, Z_1, …, Z_n),  Z_j i.i.d. N(0, 1),   P(M ≤ s) = Φ(s)^n for s ≥ 0,
///
/// and the pair (M, M′) built from n i.i.d. pairs (Z_j, Z′_j) of correlation ρ
/// (the features of two inputs of cosine ρ). Moments by QUADPACK from the
/// tail formula E[g(M)] = g(0) + ∫_0^∞ g′(s) P(M > s) ds.
public enum MaxOfGaussians {
    /// P(M > s) = 1 − Φ(s)^n for s ≥ 0, computed as −expm1(n log1p(−Q(s))) (no cancellation in the tail).
    public static func survival(_ s: Double, poolSize n: Int) throws -> Double {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.survival")
        try Require.finite(s, "s", in: "MaxOfGaussians.survival")
        return s < 0 ? 1 : -expm1(Double(n) * log1p(-Distributions.normalUpperTail(s)))
    }

    /// The integration cut-off: P(M > s) < 1e-25 beyond it, for any n ≤ 10^9.
    static func cutoff(_ n: Int) -> Double { 11 + (2 * log(Double(n))).squareRoot() }

    /// E M = ∫_0^∞ P(M > s) ds (QAG on [0, cut-off]).
    public static func mean(poolSize n: Int) throws -> IntegralResult {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.mean")
        return try Integration.qag({ try survival($0, poolSize: n) }, from: 0, to: cutoff(n))
    }

    /// E M = ∫_0^∞ s · n φ(s) Φ(s)^{n−1} ds from the density of the maximum (an independent route).
    public static func meanFromDensity(poolSize n: Int) throws -> IntegralResult {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.meanFromDensity")
        let power = Double(n - 1)
        return try Integration.qagiu({ s in
            s * Double(n) * Distributions.normalPDF(s) * pow(Distributions.normalCDF(s), power)
        }, from: 0)
    }

    /// E M² = ∫_0^∞ 2s P(M > s) ds.
    public static func secondMoment(poolSize n: Int) throws -> IntegralResult {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.secondMoment")
        return try Integration.qag({ 2 * $0 * (try survival($0, poolSize: n)) }, from: 0, to: cutoff(n))
    }

    /// E[M M′] for correlation ρ ∈ {−1, 0, 1}: ρ = 1 gives E M², ρ = 0 gives (E M)²,
    /// and ρ = −1 (M′ = max(0, −Z_1, …, −Z_n)) the nested QUADPACK integral
    ///
    ///     E[M M′] = ∫_0^∞ ∫_0^∞ P(M > s, M′ > t) dt ds,
    ///     P(M > s, M′ > t) = 1 − Φ(s)^n − Φ(t)^n + (Φ(s) + Φ(t) − 1)^n.
    ///
    /// Other correlations have no such reduction here; Monte Carlo covers them.
    public static func crossMoment(poolSize n: Int, rho: Double) throws -> IntegralResult {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.crossMoment")
        switch rho {
        case 1: return try secondMoment(poolSize: n)
        case 0:
            let m = try mean(poolSize: n)
            return IntegralResult(value: m.value * m.value, absoluteError: 2 * m.value * m.absoluteError)
        case -1:
            let top = cutoff(n)
            let inner = QuadratureTolerance().tighter
            var innerError = 0.0
            var outer = try Integration.qag({ s in
                let a = Distributions.normalUpperTail(s)
                let fs = -expm1(Double(n) * log1p(-a))
                let row = try Integration.qag({ t in
                    let b = Distributions.normalUpperTail(t)
                    let ft = -expm1(Double(n) * log1p(-b))
                    let both = -expm1(Double(n) * log1p(-(a + b)))
                    return max(0, fs + ft - both)
                }, from: 0, to: top, tolerance: inner)
                innerError = max(innerError, row.absoluteError)
                return row.value
            }, from: 0, to: top)
            outer.absoluteError += innerError * top
            return outer
        default:
            throw ParameterError("MaxOfGaussians.crossMoment", parameter: "rho", value: "\(rho)",
                                 requirement: "−1, 0 or 1 (other correlations: Monte Carlo)")
        }
    }

    /// P(|M − c| > t) from the exact law (atom 2^{−n} at 0, P(M ≤ s) = Φ(s)^n):
    /// the probability of Borell–TIS's inequality (11) with c = E M.
    public static func deviationProbability(_ t: Double, around c: Double, poolSize n: Int) throws -> Double {
        try Require.positive(t, "t", in: "MaxOfGaussians.deviationProbability")
        try Require.finite(c, "c", in: "MaxOfGaussians.deviationProbability")
        let upper = try survival(c + t, poolSize: n)
        let below = c - t
        let lower = below > 0 ? pow(Distributions.normalCDF(below), Double(n)) : 0 // P(M < c − t)
        return upper + lower
    }

    /// One draw of (M, M′) for correlation ρ.
    public static func samplePair(poolSize n: Int, rho: Double, rng: inout Xoshiro256,
                                  sampler: NormalSampler) throws -> (Double, Double) {
        try Require.atLeast(n, 1, "poolSize", in: "MaxOfGaussians.samplePair")
        try Require.within(rho, -1...1, "rho", in: "MaxOfGaussians.samplePair")
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        var m = 0.0, mPrime = 0.0
        for _ in 0..<n {
            let z = sampler.next(using: &rng)
            m = max(m, z)
            mPrime = max(mPrime, rho * z + s * sampler.next(using: &rng))
        }
        return (m, mPrime)
    }
}
