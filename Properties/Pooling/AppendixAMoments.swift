import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo of the blockwise statistic `f(A_i(x), A_i(y))` averaged over the m blocks of one
    /// draw (blocks are i.i.d., so this is an unbiased estimate of E f with m times less variance).
    static func blockwiseSampler(_ pooling: PartitionedPooling, rho: Double,
                                 _ f: @escaping @Sendable (Double, Double) -> Double)
        -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        let sampler = NormalSampler()
        return { rng, count in
            try RunningMoments.of(count: count) {
                let pair = try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler)
                return zip(pair.averageX, pair.averageY).map(f).reduce(0, +) / Double(pooling.groups)
            }
        }
    }

    /// POOL-PA-VAR: Var A_i = (1/2 − 1/(2π))/n, printed "≤ 1/(4n)".
    static let pooledVariance = Claim(
        id: "POOL-PA-VAR", paper: Papers.pooling, location: "App. A, proof of Theorem 4.1, line after eq. (10)",
        statement: """
        Var(A(F(x))_i) = Var(A(F(y))_i) = (1/2 − 1/(2π))(1/n) ≤ 1/(4n) (after assuming Var(x_i) = Var(y_i) = 1).
        """,
        assumptions: [
            "unit-variance pre-activations w·x ~ N(0, 1) (W i.i.d. N(0, 1), ‖x‖ = 1, App. A's WLOG); the n units of a block are independent",
            "Monte Carlo at n = 50 with the known mean E A_i = 1/√(2π), so n(A_i − 1/√(2π))² is unbiased for n Var A_i",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "Var A_i = (1/2 − 1/(2π))/n ≤ 1/(4n)",
            corrected: "Var A_i = (1/2 − 1/(2π))/n ≈ 0.3408/n, which exceeds 1/(4n); a valid bound is ≤ 0.35/n (< 1/(2n))")
    ) { ctx in
        let (mean, square) = try ReLUUnitMoments.quadrature()
        let quadrature = square.value - mean.value * mean.value
        let error = square.absoluteError + 2 * mean.value * mean.absoluteError
        let equalityRight = "the printed equality Var A_i = (1/2 − 1/(2π))/n is right; only the bound ≤ 1/(4n) is wrong"
        let variance = ctx.compare("Var r(Z) = E r² − (E r)² by QUADPACK vs 1/2 − 1/(2π)", route: .quadrature, value: quadrature,
                                   error: error, reference: ReLUUnitMoments.variance, referenceRoute: .closedForm, resolution: 1e-9)
        try ctx.expect(.confirmed, for: variance.key, because: equalityRight)
        let n = 50
        let pooling = try PartitionedPooling(groups: 20, poolSize: n)
        let mu = 1 / (2 * Double.pi).squareRoot()
        let sampled = try ctx.estimateMean(
            "n Var A_i at n = 50: Monte Carlo of n(A_i − 1/√(2π))² vs (1/2 − 1/(2π))", region: .equal(ReLUUnitMoments.variance),
            resolution: 0.01, alpha: try ctx.reserveAlpha(1), pilotSamples: 2000, chunkSize: 1000,
            sample: blockwiseSampler(pooling, rho: 1) { a, _ in Double(n) * (a - mu) * (a - mu) })
        try ctx.expect(.confirmed, for: sampled.key, because: equalityRight)
        ctx.bound("n Var A_i ≤ 1/4 (closed form 1/2 − 1/(2π))", route: .closedForm, value: ReLUUnitMoments.variance,
                  region: .atMost(0.25), resolution: 1e-13)
        ctx.bound("n Var A_i ≤ 0.35 (QUADPACK)", subject: .corrected, route: .quadrature, value: quadrature,
                  error: error, region: .atMost(0.35), resolution: 1e-9)
    }

    /// POOL-PA-DIFF: E(A_i(x) − A_i(y))² ≤ Var + Var = 2Var = 1/(2n), printed; exact (1 − r̂(ρ))/n.
    static let pooledDifference = Claim(
        id: "POOL-PA-DIFF", paper: Papers.pooling, location: "App. A, display after eq. (10)",
        statement: """
        E[(A(F(x))_i − A(F(y))_i)²] = E[(A(F(x))_i − E[A(F(x))_i] − A(F(y))_i + E[A(F(y))_i])²] \
        ≤ Var(A(F(x))_i) + Var(A(F(y))_i) = 2Var(A(F(x))_i) = 1/(2n).
        """,
        assumptions: [
            "unit-variance pre-activations; x, y with cosine ρ; the units of a block are independent",
            "exact value (derived): E(A_i(x) − A_i(y))² = 2Var − 2Cov = (1 − r̂(ρ))/n, since Cov(r(X), r(Y)) = r̂(ρ)/2 − 1/(2π)",
            "Monte Carlo at n = 10 (the identity holds for every n), averaging the m = 20 i.i.d. blocks of a draw",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "E(A_i(x) − A_i(y))² ≤ Var A_i(x) + Var A_i(y) = 2Var A_i = 1/(2n)",
            corrected: "E(A_i(x) − A_i(y))² = 2Var − 2Cov = (1 − r̂(ρ))/n ≤ 1/n; it is ≤ 1/(2n) only for ρ ≥ ρ* = 0.3287 (r̂(ρ*) = 1/2), and 2Var = 0.6817/n")
    ) { ctx in
        let n = 10
        let pooling = try PartitionedPooling(groups: 20, poolSize: n)
        ctx.compare("2 n Var A_i against the printed 1/2", route: .closedForm, value: 2 * ReLUUnitMoments.variance, reference: 0.5,
                    referenceRoute: .closedForm, resolution: 1e-13)
        let rhoStar = try RootFinding.brent({ try ReLUDualActivation.value($0) - 0.5 }, lower: 0, upper: 1,
                                            absoluteTolerance: 1e-15)
        ctx.compare("r̂(ρ*) = 1/2 at the Brent root ρ* = \(String(format: "%.10f", rhoStar.value))", subject: .corrected,
                    route: .rootFinding, value: try ReLUDualActivation.value(rhoStar.value), error: rhoStar.upper - rhoStar.lower,
                    reference: 0.5, referenceRoute: .closedForm, resolution: 1e-12)
        let rhos = [-1.0, 0.0, rhoStar.value, 0.5]
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * rhos.count)
        for rho in rhos {
            let exact = 1 - (try ReLUDualActivation.value(rho))
            let label = rho == rhoStar.value ? "ρ*" : "\(rho)"
            let statistic = blockwiseSampler(pooling, rho: rho) { a, b in Double(n) * (a - b) * (a - b) }
            let printed = try ctx.estimateMean("n E(A_i(x) − A_i(y))² ≤ 1/2 (printed), ρ = \(label), n = 10", region: .atMost(0.5),
                                               resolution: 0.02, alpha: alpha, label: "difference ρ=\(rho)", pilotSamples: 2000,
                                               chunkSize: 1000, sample: statistic)
            if rho >= rhoStar.value {
                try ctx.expect(.confirmed, for: printed.key,
                               because: "for ρ ≥ ρ* the exact value 1 − r̂(ρ) is at most 1/2 (equal at ρ*, inside the closed region)")
            }
            try ctx.estimateMean("n E(A_i(x) − A_i(y))² = 1 − r̂(ρ), ρ = \(label), n = 10", subject: .corrected,
                                 region: .equal(exact), resolution: 0.02, alpha: alpha, label: "difference ρ=\(rho) again",
                                 pilotSamples: 2000, chunkSize: 1000, sample: statistic)
        }
        // "≤ Var + Var" drops −2Cov, which is positive for ρ < 0: at ρ = −1 the exact value 1/n exceeds 2Var = 0.68/n.
        ctx.bound("n E(A_i(x) − A_i(y))² ≤ 2 n Var A_i at ρ = −1 (exact 1 − r̂(−1) = 1)", route: .closedForm,
                  value: 1 - (try ReLUDualActivation.value(-1)), region: .atMost(2 * ReLUUnitMoments.variance), resolution: 1e-13)
    }

    /// POOL-PA-IID: ‖A_x − A_y‖² is a sum of m i.i.d. terms.
    static let pooledDifferenceIID = Claim(
        id: "POOL-PA-IID", paper: Papers.pooling, location: "App. A, eq. (10) and the sentence after it",
        statement: """
        ‖A(F(x)) − A(F(y))‖² = Σ_{i=1}^m (A(F(x))_i − A(F(y))_i)² (10) is a sum of i.i.d. random variables.
        """,
        assumptions: [
            "the blocks use disjoint rows of W, which are i.i.d.; x, y fixed",
            "checked on the model itself: a BLAS layer W ∈ R^{32×6} (m = 4, n = 8), fixed unit inputs of cosine −0.5; T_i = n(A_i(x) − A_i(y))²",
            "identically distributed: E T_1 = E T_4 = 1 − r̂(−0.5); independent: Cov(T_1, T_4) = 0 and Cov(T_1, T_2) = 0",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let pooling = try PartitionedPooling(groups: 4, poolSize: 8)
        let rho = -0.5
        let exact = 1 - (try ReLUDualActivation.value(rho))
        let batch = try Matrix(rows: 6, columns: 2, storage: [1, rho, 0, ((1 - rho) * (1 + rho)).squareRoot(), 0, 0, 0, 0, 0, 0, 0, 0])
        let blockStatistics: @Sendable (inout Xoshiro256) throws -> [Double] = { rng in
            let layer = try FullyConnectedLayer.gaussian(inputs: 6, outputs: pooling.width, variance: 1, activation: .relu, rng: &rng)
            let features = try layer(batch)
            let ax = try pooling.average(features.column(0)), ay = try pooling.average(features.column(1))
            return zip(ax, ay).map { 8 * ($0 - $1) * ($0 - $1) }
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for block in [0, 3] {
            try ctx.estimateMean("E T_\(block + 1) = 1 − r̂(−0.5) (block \(block + 1) of 4, BLAS layer)", region: .equal(exact),
                                 resolution: 0.04, alpha: alpha, pilotSamples: 2000, chunkSize: 2000) { rng, count in
                try RunningMoments.of(count: count) { try blockStatistics(&rng)[block] }
            }
        }
        for other in [1, 3] {
            try ctx.estimateMean("Cov(T_1, T_\(other + 1)) = 0 (BLAS layer)", region: .equal(0), resolution: 0.04, alpha: alpha,
                                 pilotSamples: 2000, chunkSize: 2000) { rng, count in
                try RunningMoments.of(count: count) {
                    let t = try blockStatistics(&rng)
                    return (t[0] - exact) * (t[other] - exact)
                }
            }
        }
    }
}
