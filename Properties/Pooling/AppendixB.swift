import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo of f(M, M′) for the max pooling features of one pool, correlation ρ.
    static func maxPairSampler(poolSize n: Int, rho: Double, _ f: @escaping @Sendable (Double, Double) -> Double)
        -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        let sampler = NormalSampler()
        return { rng, count in
            try RunningMoments.of(count: count) {
                let (a, b) = try MaxOfGaussians.samplePair(poolSize: n, rho: rho, rng: &rng, sampler: sampler)
                return f(a, b)
            }
        }
    }

    /// POOL-PB-14: E(M_i(x) − M_i(y))² ≤ 2/log n (Talagrand's L¹–L² inequality).
    static let superconcentration = Claim(
        id: "POOL-PB-14", paper: Papers.pooling, location: "App. B, eq. (14)",
        statement: "E[(M(F(x))_i − M(F(y))_i)²] ≤ 2/log(n) (from Talagrand's L¹ − L² inequality).",
        assumptions: [
            "unit inputs, N(0, 1) weights: M_i(x) = max(0, Z_1, …, Z_n), M_i(y) = max(0, Z′_1, …, Z′_n), corr(Z_j, Z′_j) = ρ; n ≥ 2 (log 1 = 0)",
            "the worst case is ρ = −1: E[M M′] increases with ρ (both maxima are increasing functions of Gaussian vectors), so E(M − M′)² = 2E M² − 2E[M M′] is largest there; checked by QUADPACK on n = 2 … 10⁴ and by Monte Carlo at ρ = −1, 0.5",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        // Two routes to the one-pool moments: E M by the tail and the density, E M² against the ASV paper's τ_max.
        for n in [2, 10, 1000] {
            let tail = try MaxOfGaussians.mean(poolSize: n), density = try MaxOfGaussians.meanFromDensity(poolSize: n)
            ctx.compare("E M, n = \(n): ∫ P(M > s) ds vs ∫ s n φ Φ^{n−1} ds", route: .quadrature, value: tail.value,
                        error: tail.absoluteError, reference: density.value, referenceRoute: .quadrature,
                        referenceError: density.absoluteError, resolution: 1e-9 * density.value)
            let second = try MaxOfGaussians.secondMoment(poolSize: n), tau = try PoolingMoments.tauMax(poolSize: n)
            ctx.compare("E M², n = \(n): ∫ 2s P(M > s) ds vs τ_max (density route)", route: .quadrature,
                        value: second.value, error: second.absoluteError, reference: tau.value,
                        referenceRoute: .quadrature, referenceError: tau.absoluteError, resolution: 1e-9 * tau.value)
        }
        // The bound on a dense grid of n at ρ = −1, and where it is tightest.
        let grid = Array(2...30) + [40, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000, 5000, 10_000]
        var worst = (ratio: 0.0, n: 0, error: 0.0)
        var ratios: [Double] = []
        for n in grid {
            let difference = try MaxOfGaussians.differenceSecondMomentAtMinusOne(poolSize: n)
            let ratio = difference.value * log(Double(n)) / 2
            ratios.append(ratio)
            if ratio > worst.ratio { worst = (ratio, n, difference.absoluteError * log(Double(n)) / 2) }
        }
        ctx.bound("max over n ∈ [2, 10⁴] of E(M − M′)² / (2/log n) at ρ = −1 (largest at n = \(worst.n))",
                  route: .quadrature, value: worst.ratio, error: worst.error, region: .atMost(1), resolution: 1e-9,
                  samples: grid.count)
        ctx.attach(Figure(name: "superconcentration", title: "App. B (14): E(M − M′)² log n / 2 at ρ = −1 (≤ 1 claimed)",
                          xLabel: "log n", yLabel: "E(M − M′)² / (2/log n)", series: [
                              .init(label: "QUADPACK", style: .line, x: grid.map { log(Double($0)) }, y: ratios),
                              .init(label: "bound", style: .line, x: [log(2), log(10_000)], y: [1, 1]),
                          ]))
        // Monte Carlo: the quadrature at ρ = −1 (n = 10, the tightest region), and ρ = 0.5 below the bound.
        let n = 10
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        let exact = try MaxOfGaussians.differenceSecondMomentAtMinusOne(poolSize: n).value
        try ctx.estimateMean("E(M − M′)² at n = 10, ρ = −1: Monte Carlo vs QUADPACK", region: .equal(exact),
                             resolution: 0.01, alpha: alpha, pilotSamples: 5000,
                             sample: maxPairSampler(poolSize: n, rho: -1) { ($0 - $1) * ($0 - $1) })
        try ctx.estimateMean("E(M − M′)² ≤ 2/log n at n = 10, ρ = 0.5 (Monte Carlo)", region: .atMost(2 / log(10.0)),
                             resolution: 0.01, alpha: alpha, pilotSamples: 5000,
                             sample: maxPairSampler(poolSize: n, rho: 0.5) { ($0 - $1) * ($0 - $1) })
    }

    /// The largest P(|M − E M| > t)/(2e^{−t²/2}) over t ∈ [1.18, 8] (step 0.01), and where it is.
    static func largestBorellTISRatio(poolSize n: Int, mean: Double) throws -> (ratio: Double, t: Double) {
        var largest = (ratio: 0.0, t: 0.0)
        for step in 118...800 {
            let t = Double(step) / 100
            let ratio = try MaxOfGaussians.deviationProbability(t, around: mean, poolSize: n) / (2 * exp(-t * t / 2))
            if ratio > largest.ratio { largest = (ratio, t) }
        }
        return largest
    }

    /// POOL-PB-11: Borell–TIS concentration of one max pooling feature.
    static let borellTIS = Claim(
        id: "POOL-PB-11", paper: Papers.pooling, location: "App. B, eq. (11)",
        statement: """
        max(r(x_1), …, r(x_n)) = max(0, x_1, …, x_n), and by the Borell–TIS inequality \
        P{|M(x)_i − E[M(x)_i]| > t} < 2exp(−t²/2) for all i ∈ [m] and t > 0 (11).
        """,
        assumptions: [
            "x_j i.i.d. N(0, 1) (unit inputs, N(0, 1) weights); M is a 1-Lipschitz function of a standard Gaussian vector",
            "exact law: atom 2^{−n} at 0 and P(M ≤ s) = Φ(s)^n for s ≥ 0; E M by QUADPACK",
            "probed where the bound says something, 2e^{−t²/2} < 1, i.e. t > √(2 ln 2) = 1.18: t on a grid of step 0.01 in [1.18, 8] (for smaller t the ratio is at most 1/(2e^{−t²/2}) < 1 trivially)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        for n in [1, 2, 5, 10, 50, 1000, 100_000] {
            let mean = try MaxOfGaussians.mean(poolSize: n)
            let largest = try largestBorellTISRatio(poolSize: n, mean: mean.value)
            // E M's quadrature error moves the centre c of P(|M − c| > t): the ratio at c = E M ± error bounds the change.
            let error = try [-1.0, 1].map {
                abs(try largestBorellTISRatio(poolSize: n, mean: mean.value + $0 * mean.absoluteError).ratio - largest.ratio)
            }.max()!
            ctx.bound("max_t P(|M − E M| > t) / (2e^{−t²/2}), n = \(n) (at t = \(largest.t))", route: .quadrature,
                      value: largest.ratio, error: error, region: .atMost(1), resolution: 1e-9, samples: 683,
                      note: "error: the ratio's change with E M ± its QUADPACK error \(String(format: "%.1e", mean.absoluteError))")
        }
        // The exact law's probability against the maximum's density n φ Φ^{n−1} integrated over [c − t, c + t] (plus the
        // atom 2^{−n} at 0 when it lies inside): both tails, including the lower one that t > 1.18 rarely reaches.
        for n in [5, 50] {
            let c = try MaxOfGaussians.mean(poolSize: n).value
            for t in [0.3, 0.8, 1.5] {
                let inside = try Integration.qag({ s in
                    Double(n) * Distributions.normalPDF(s) * pow(Distributions.normalCDF(s), Double(n - 1))
                }, from: max(c - t, 0), to: c + t)
                let atom = c - t <= 0 ? pow(0.5, Double(n)) : 0
                ctx.compare("P(|M − E M| > \(t)), n = \(n): exact law vs the density integrated over [c − t, c + t]",
                            route: .closedForm, value: try MaxOfGaussians.deviationProbability(t, around: c, poolSize: n),
                            error: 1e-15, reference: 1 - atom - inside.value, referenceRoute: .quadrature,
                            referenceError: inside.absoluteError, resolution: 1e-9)
            }
        }
        // Monte Carlo of the probability at n = 50, at the t where the ratio peaks, against the exact law.
        let n = 50
        let mean = try MaxOfGaussians.mean(poolSize: n).value
        let t = try largestBorellTISRatio(poolSize: n, mean: mean).t
        let exact = try MaxOfGaussians.deviationProbability(t, around: mean, poolSize: n)
        let sampler = NormalSampler()
        try ctx.estimateProportion(
            "P(|M − E M| > \(t)) at n = 50: Monte Carlo vs the exact law", region: .equal(exact), resolution: 0.004,
            alpha: try ctx.reserveAlpha(1), pilotTrials: 5000
        ) { rng, count in
            var hits = 0
            for _ in 0..<count {
                let (m, _) = try MaxOfGaussians.samplePair(poolSize: n, rho: 1, rng: &rng, sampler: sampler)
                if abs(m - mean) > t { hits += 1 }
            }
            return hits
        }
    }

    /// POOL-PB-12-13-15: the ψ-norm statements of App. B.
    static let maxPoolingOrliczNorms = Claim(
        id: "POOL-PB-12-13-15", paper: Papers.pooling, location: "App. B, eqs. (12), (13), (15)",
        statement: """
        With high probability ‖M(F(x))_i − M(F(y))_i‖_ψ2 ≤ K (12); ‖‖M(F(x)) − M(F(y))‖²‖_ψ1 ≤ nK² (13); \
        ‖‖M(F(x))‖²‖_ψ1 ≥ C n log n (15); K > 0 a universal constant.
        """,
        assumptions: [
            "unit inputs, N(0, 1) weights, M(F(x)) ∈ R^m (m pools of n); K is not given: K² = 12 is used, which satisfies (12) for every n and ρ (M_i(x) − M_i(y) is √2-Lipschitz in a standard Gaussian vector with mean 0, so P(|D| > s) ≤ 2e^{−s²/4} and E exp(D²/12) ≤ 2); it is checked at n = 2, 50 and ρ = −1",
            "(13) and (15) sum over the m pools: as printed with n, (13) fails for every fixed K once m > nK² ln 2 / E(M_i(x) − M_i(y))² (Jensen: ‖X‖_ψ1 ≥ E X / ln 2); shown at n = 2, m = 100, ρ = −1 with K² = 12",
            "(15) as a lower bound on a ψ1 norm is read as the intended concentration statement ‖M(F(x))‖² ≳ m log n with high probability; checked: E M²/log n ≥ 1 for n ∈ [16, 10⁴] and P(‖M(F(x))‖² < (m/2) log n) ≤ 1% at m = 20, n = 16, 256",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "(13) ‖‖M(F(x)) − M(F(y))‖²‖_ψ1 ≤ nK² and (15) ‖‖M(F(x))‖²‖_ψ1 ≥ C n log n",
            corrected: "(13) ≤ mK² (triangle inequality over the m pools) and (15) ‖M(F(x))‖² ≥ c m log n with high probability")
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        let kSquared = 12.0
        for n in [2, 50] {
            let twelve = try ctx.estimateMean("(12): E exp((M_i(x) − M_i(y))²/K²) ≤ 2 with K² = 12, n = \(n), ρ = −1",
                                              region: .atMost(2), resolution: 0.02, alpha: alpha, pilotSamples: 5000,
                                              sample: maxPairSampler(poolSize: n, rho: -1) { exp(($0 - $1) * ($0 - $1) / kSquared) })
            try ctx.expect(.confirmed, for: twelve.key,
                           because: "(12) is right (K² = 12 suffices by Gaussian concentration); only (13) and (15) are misprinted")
        }
        let difference = try MaxOfGaussians.differenceSecondMomentAtMinusOne(poolSize: 2)
        let m = 100.0
        ctx.bound("(13) as printed at n = 2, m = 100, K² = 12: ‖‖M(x) − M(y)‖²‖_ψ1 ≥ m E(M − M′)²/ln 2 against nK² = 24",
                  route: .quadrature, value: m * difference.value / log(2), error: m * difference.absoluteError / log(2),
                  region: .atMost(2 * kSquared), resolution: 1e-9,
                  note: "the value is a lower bound on the ψ1 norm (Jensen), so exceeding nK² refutes (13)")
        let pairs = 20
        let sampler = NormalSampler()
        try ctx.estimateMean(
            "(13) with m: E exp(‖M(x) − M(y)‖²/(mK²)) ≤ 2, i.e. ‖·‖_ψ1 ≤ mK², m = 20, n = 2, ρ = −1", subject: .corrected,
            region: .atMost(2), resolution: 0.02, alpha: alpha, pilotSamples: 5000
        ) { rng, count in
            try RunningMoments.of(count: count) {
                var total = 0.0
                for _ in 0..<pairs {
                    let (a, b) = try MaxOfGaussians.samplePair(poolSize: 2, rho: -1, rng: &rng, sampler: sampler)
                    total += (a - b) * (a - b)
                }
                return exp(total / (Double(pairs) * kSquared))
            }
        }
        var smallest = (ratio: Double.infinity, n: 0, error: 0.0)
        for n in [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 10_000] {
            let second = try MaxOfGaussians.secondMoment(poolSize: n)
            let ratio = second.value / log(Double(n))
            if ratio < smallest.ratio { smallest = (ratio, n, second.absoluteError / log(Double(n))) }
        }
        ctx.bound("(15) with m: min over n ∈ [16, 10⁴] of E‖M(F(x))‖²/(m log n) = E M²/log n (at n = \(smallest.n))",
                  subject: .corrected, route: .quadrature, value: smallest.ratio, error: smallest.error,
                  region: .atLeast(1), resolution: 1e-9)
        for n in [16, 256] {
            let pooling = try PartitionedPooling(groups: 20, poolSize: n)
            let threshold = 10 * log(Double(n))
            try ctx.estimateProportion(
                "(15) with m: P(‖M(F(x))‖² < (m/2) log n) at m = 20, n = \(n)", subject: .corrected, region: .atMost(0.01),
                resolution: 0.005, alpha: alpha / 2, pilotTrials: 2000, chunkSize: 500,
                trials: pooledTrials(pooling, rho: 1) { Vector.dot($0.maximumX, $0.maximumX) < threshold })
        }
    }
}
