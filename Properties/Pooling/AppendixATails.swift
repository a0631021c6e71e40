import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo trials of an event about one draw of the pooled FCN features.
    static func pooledTrials(_ pooling: PartitionedPooling, rho: Double,
                             _ event: @escaping @Sendable (PooledFeaturePair) -> Bool)
        -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        let sampler = NormalSampler()
        return { rng, count in
            var hits = 0
            for _ in 0..<count where event(try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler)) { hits += 1 }
            return hits
        }
    }

    /// POOL-PA-BERNSTEIN: the tail bound on ‖A_x − A_y‖² from Bernstein's inequality.
    static let bernsteinTail = Claim(
        id: "POOL-PA-BERNSTEIN", paper: Papers.pooling, location: "App. A, Bernstein display",
        statement: """
        By Bernstein's inequality for sub-exponential random variables, P{‖A(F(x)) − A(F(y))‖² > 10Cm/n} ≤ \
        P{‖A(F(x)) − A(F(y))‖² − E[(A(F(x))_i − A(F(y))_i)²] > 9C E[(A(F(x))_i − A(F(y))_i)²]} ≤ \
        exp(−c min(m²/(4n), m/2)).
        """,
        assumptions: [
            "C, c are unspecified absolute constants and the middle line is garbled (it compares a sum of m terms with one term), so the constant-free content is checked: ‖A_x − A_y‖² = O(m/n) except on an event whose probability decays exponentially in m and does not grow with n",
            "as printed the exponent min(m²/(4n), m/2) tends to 0 as n grows (the bound becomes vacuous), which Bernstein's inequality does not give: its exponent is n-free, ∝ m",
            "checked: P(n‖A_x − A_y‖²/m > 2) ≤ 2% at m = 20 for n = 10, 50, 100 (ρ_in = −1, the worst case: E n‖A_x − A_y‖²/m = 1 − r̂(ρ) ≤ 1; the limit is P(χ²_20 > 40) = 0.5%), and at m = 5, n = 50 the tail of n‖A_x − A_y‖²/m > 3 matches the n-free χ²_m limit P(χ²_5 > 15) (CLT: n‖A_x − A_y‖² → (1 − r̂)χ²_m)",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for n in [10, 50, 100] {
            let pooling = try PartitionedPooling(groups: 20, poolSize: n)
            try ctx.estimateProportion(
                "P(n‖A_x − A_y‖²/m > 2) at m = 20, n = \(n), ρ_in = −1", region: .atMost(0.02), resolution: 0.01,
                alpha: alpha, pilotTrials: 2000, chunkSize: 500,
                trials: pooledTrials(pooling, rho: -1) { pair in
                    Double(n) * zip(pair.averageX, pair.averageY).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 20 > 2
                })
        }
        let limit = try Distributions.chiSquaredUpperTail(15, dof: 5)
        let pooling = try PartitionedPooling(groups: 5, poolSize: 50)
        try ctx.estimateProportion(
            "P(n‖A_x − A_y‖²/m > 3) at m = 5, n = 50, ρ_in = −1 vs the χ²_5 limit P(χ²_5 > 15) = \(String(format: "%.5f", limit))",
            region: .between(limit - 0.004, limit + 0.004), resolution: 0.004, alpha: alpha, pilotTrials: 5000,
            chunkSize: 2000,
            note: "the region allows the O(1/n) distance to the CLT limit",
            trials: pooledTrials(pooling, rho: -1) { pair in
                50 * zip(pair.averageX, pair.averageY).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 5 > 3
            })
    }

    /// POOL-PA-NORM: ‖A(F(x))‖² ≥ (m/2)(E A_i)² ≥ m/15 with high probability.
    static let pooledNorm = Claim(
        id: "POOL-PA-NORM", paper: Papers.pooling, location: "App. A, last display and the sentence after it",
        statement: """
        ‖A(F(x))‖² = Σ_i A(F(x))_i² ≥ (m/2)(E[A(F(x))_i])² ≥ m/15, "due to the Bernstein inequality and Hoeffding \
        inequality" (with high probability).
        """,
        assumptions: [
            "‖x‖ = 1 and W i.i.d. N(0, 1), so E A_i = 1/√(2π) and (m/2)(E A_i)² = m/(4π)",
            "with high probability read as: P(‖A(F(x))‖² < m/(4π)) ≤ 1% at m = 20 for n = 5 and n = 50",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        ctx.bound("(1/2)(E A_i)² = 1/(4π) ≥ 1/15", route: .closedForm, value: 1 / (4 * Double.pi),
                  region: .atLeast(1.0 / 15), resolution: 1e-13)
        let mean = try ReLUUnitMoments.quadrature().mean
        ctx.compare("E A_i = E r(Z) by QUADPACK vs 1/√(2π)", route: .quadrature, value: mean.value,
                    error: mean.absoluteError, reference: 1 / (2 * Double.pi).squareRoot(), referenceRoute: .closedForm,
                    resolution: 1e-9)
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let m = 20
        let pooling5 = try PartitionedPooling(groups: m, poolSize: 5)
        try ctx.estimateMean(
            "E‖A(F(x))‖²/m = 1/(2π) + (1/2 − 1/(2π))/n at n = 5", region: .equal(1 / (2 * Double.pi) + ReLUUnitMoments.variance / 5),
            resolution: 2e-3, alpha: alpha, pilotSamples: 2000, chunkSize: 1000,
            sample: blockwiseSampler(pooling5, rho: 1) { a, _ in a * a })
        for n in [5, 50] {
            let pooling = try PartitionedPooling(groups: m, poolSize: n)
            try ctx.estimateProportion(
                "P(‖A(F(x))‖² < (m/2)(E A_i)²) at m = 20, n = \(n)", region: .atMost(0.01), resolution: 0.005,
                alpha: alpha, pilotTrials: 2000, chunkSize: 1000,
                trials: pooledTrials(pooling, rho: 1) { pair in
                    Vector.dot(pair.averageX, pair.averageX) < Double(m) / (4 * Double.pi)
                })
        }
    }
}
