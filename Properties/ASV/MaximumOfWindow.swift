import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    /// Moments of `count` draws of g(u_1, …, u_T) for i.i.d. N(0, variance) u_t.
    static func windowSampler(poolSize: Int, variance: Double = 1, _ g: @escaping @Sendable ([Double]) -> Double)
        -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        let sampler = NormalSampler()
        let sd = variance.squareRoot()
        return { rng, count in
            var window = [Double](repeating: 0, count: poolSize)
            return RunningMoments.of(count: count) {
                for t in 0..<poolSize { window[t] = sd * sampler.next(using: &rng) }
                return g(window)
            }
        }
    }

    /// The number of `count` windows of T i.i.d. N(0, 1) (or equicorrelated, `correlation`) draws for which `event` holds.
    static func windowTrials(poolSize: Int, correlation: Double = 0, _ event: @escaping @Sendable ([Double]) -> Bool)
        -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        let sampler = NormalSampler()
        let shared = correlation.squareRoot(), own = (1 - correlation).squareRoot()
        return { rng, count in
            var window = [Double](repeating: 0, count: poolSize)
            var hits = 0
            for _ in 0..<count {
                let common = correlation == 0 ? 0 : shared * sampler.next(using: &rng)
                for t in 0..<poolSize { window[t] = common + own * sampler.next(using: &rng) }
                if event(window) { hits += 1 }
            }
            return hits
        }
    }

    static let maximumDensity = Claim(
        id: "ASV-LEMMA1", paper: Papers.asv, location: "App. B, Lemma 1, (B.2)–(B.4)",
        statement: """
        Let x_1, …, x_n be i.i.d. with density p. Then x̂ = max_i x_i has the density p̂(x) = n p(x) (∫_{−∞}^x p(s) ds)^{n−1} \
        (B.2), because its distribution function is F(x)^n (B.3).
        """,
        assumptions: ["checked for the standard normal (n = 2, 4, 9; the upper tail of n = 4 at x = 7, 8.5, 10) and the unit exponential (n = 3)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let exponentialPDF: (Double) -> Double = { exp(-$0) }, exponentialCDF: (Double) -> Double = { -expm1(-$0) }
        for n in [2, 4, 9] {
            let mass = try Integration.qagi({ try PoolingMoments.maximumDensity($0, count: n, density: Distributions.normalPDF,
                                                                               distribution: Distributions.normalCDF) })
            ctx.compare("normal, n = \(n): ∫ p̂ = 1 (QAGI)", route: .quadrature, value: mass.value, error: mass.absoluteError,
                        reference: 1, referenceRoute: .closedForm, resolution: 1e-8)
        }
        let exponentialMass = try Integration.qagiu({ try PoolingMoments.maximumDensity($0, count: 3, density: exponentialPDF,
                                                                                        distribution: exponentialCDF) }, from: 0)
        ctx.compare("exponential, n = 3: ∫ p̂ = 1 (QAGIU)", route: .quadrature, value: exponentialMass.value,
                    error: exponentialMass.absoluteError, reference: 1, referenceRoute: .closedForm, resolution: 1e-8)
        let mean = try Integration.qagi({ x in
            x * (try PoolingMoments.maximumDensity(x, count: 2, density: Distributions.normalPDF, distribution: Distributions.normalCDF))
        })
        ctx.compare("normal, n = 2: E max = ∫ x p̂ = 1/√π", route: .quadrature, value: mean.value, error: mean.absoluteError,
                    reference: 1 / Double.pi.squareRoot(), referenceRoute: .closedForm, resolution: 1e-8)
        // (B.3) in the far upper tail: 1 − Φ(x)⁴ must come from the tail Φ(−x) (1 − Φ(x) cancels to 0 from x ≈ 8.3 on);
        // the reference takes the tail from glibc's erfc, independently of GSL.
        for x in [7.0, 8.5, 10.0] {
            let tail = 0.5 * erfc(x / 2.0.squareRoot())
            let reference = -expm1(4 * log1p(-tail))
            ctx.compare("normal, n = 4: Pr(max > \(x)) = 1 − Φ(\(x))⁴ in the tail (B.3), over the same with glibc's erfc",
                        route: .closedForm, value: try MaxOfGaussians.survival(x, poolSize: 4) / reference,
                        error: 8 * Double.ulpOfOne, reference: 1, referenceRoute: .closedForm, resolution: 1e-10)
        }

        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for x in [0.0, 1.0] {
            try ctx.estimateProportion("normal, n = 4: Pr(max ≤ \(x)) = Φ(\(x))⁴ (B.3)",
                                       region: .equal(pow(Distributions.normalCDF(x), 4)), resolution: 4e-3, alpha: alpha,
                                       trials: windowTrials(poolSize: 4) { $0.max()! <= x })
        }
        try ctx.estimateProportion("exponential, n = 3: Pr(max ≤ 1) = (1 − e⁻¹)³ (B.3)", region: .equal(pow(-expm1(-1), 3)),
                                   resolution: 4e-3, alpha: alpha) { rng, count in
            var hits = 0
            for _ in 0..<count where (0..<3).allSatisfy({ _ in -log1p(-rng.nextUniform()) <= 1 }) { hits += 1 }
            return hits
        }
        let mean4 = try Integration.qagi({ x in
            x * (try PoolingMoments.maximumDensity(x, count: 4, density: Distributions.normalPDF, distribution: Distributions.normalCDF))
        })
        try ctx.estimateMean("normal, n = 4: E max by Monte Carlo against ∫ x p̂ (QAGI)", region: .equal(mean4.value),
                             resolution: 4e-3, alpha: alpha, sample: windowSampler(poolSize: 4) { $0.max()! })
    }

    static let reluCommutesWithMax = Claim(
        id: "ASV-B10", paper: Papers.asv, location: "App. B.1.1, (B.10)",
        statement: "z_s = max_{t∈t(ℓ−1,s)} max{0, u_t} = max{0, max_{t∈t(ℓ−1,s)} u_t} = max{0, û_s}.",
        assumptions: ["windows of T = 1 … 9 entries: Gaussian, all negative, with zeros, and with ties"],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("windows").generator()
        let sampler = NormalSampler()
        var mismatches = 0, windows = 0
        for case_ in 0..<4 {
            for _ in 0..<2500 {
                let size = Int.random(in: 1...9, using: &rng)
                var u = (0..<size).map { _ in sampler.next(using: &rng) }
                switch case_ {
                case 1: u = u.map { -abs($0) }
                case 2: u = u.map { rng.nextUniform() < 0.5 ? 0 : $0 }
                case 3: u = u.map { _ in Double(Int.random(in: -2...2, using: &rng)) }
                default: break
                }
                if u.map({ max(0, $0) }).max()! != max(0, u.max()!) { mismatches += 1 }
                windows += 1
            }
        }
        compareCount(ctx, "windows with max_t ReLU(u_t) ≠ ReLU(max_t u_t) (exact equality)", count: mismatches, reference: 0,
                     samples: windows)
    }

    static let gaussianMaximumDensity = Claim(
        id: "ASV-B11", paper: Papers.asv, location: "App. B.1.1, (B.11)",
        statement: """
        With β = 1/√q, the maximum û of T i.i.d. N(0, q) units has the density \
        p̂(x) = T 𝒩(x; 0, q) (∫_{−∞}^x 𝒩(s; 0, q) ds)^{T−1} = T β φ(βx) Φ(βx)^{T−1}.
        """,
        assumptions: ["q ∈ {0.25, 4}, T ∈ {2, 4}; the density against the derivative of Φ(βx)^T by central differences (step 1e-5 √q)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        for q in [0.25, 4] {
            for t in [2, 4] {
                let mass = try Integration.qagi({ try PoolingMoments.gaussianMaximumDensity($0, poolSize: t, variance: q) })
                ctx.compare("q = \(q), T = \(t): ∫ p̂ = 1 (QAGI)", route: .quadrature, value: mass.value,
                            error: mass.absoluteError, reference: 1, referenceRoute: .closedForm, resolution: 1e-8)
                let beta = 1 / q.squareRoot(), h = 1e-5 * q.squareRoot()
                for x in [-1.0, 0.5, 2.0].map({ $0 * q.squareRoot() }) {
                    let cdf: (Double) -> Double = { pow(Distributions.normalCDF(beta * $0), Double(t)) }
                    let slope = (cdf(x + h) - cdf(x - h)) / (2 * h)
                    ctx.compare("q = \(q), T = \(t), x = \(x): T β φ(βx) Φ(βx)^{T−1} = d/dx Φ(βx)^T", route: .closedForm,
                                value: try PoolingMoments.gaussianMaximumDensity(x, poolSize: t, variance: q),
                                error: h * h * Double(t * t) * beta * beta * beta + 4 * Double.ulpOfOne / h, reference: slope,
                                referenceRoute: .enumeration, resolution: 1e-6,
                                note: "error: the central difference's truncation h² |f'''|/6 ≤ h² T² β³ and its rounding 4ε/h")
                }
            }
        }
        let mean = try Integration.qagi({ x in x * (try PoolingMoments.gaussianMaximumDensity(x, poolSize: 4, variance: 4)) })
        try ctx.estimateMean("q = 4, T = 4: E û by Monte Carlo against ∫ x p̂ (QAGI)", region: .equal(mean.value),
                             resolution: 8e-3, alpha: try ctx.reserveAlpha(1),
                             sample: windowSampler(poolSize: 4, variance: 4) { $0.max()! })
    }

    static let argmaxProbability = Claim(
        id: "ASV-B24", paper: Papers.asv, location: "App. B.2.1, (B.24)",
        statement: "Under the i.i.d. assumption of u_i^(ℓ), Pr(û_{d(ℓ,j)} = u_j) = 1/T_ℓ.",
        assumptions: ["T = 2, 4, 9 i.i.d. N(0, 1); also an exchangeable window (equicorrelated, ρ = 0.6, T = 4), where symmetry alone gives 1/T"],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for (t, rho) in [(2, 0.0), (4, 0.0), (9, 0.0), (4, 0.6)] {
            try ctx.estimateProportion("T = \(t)\(rho > 0 ? ", equicorrelated ρ = \(rho)" : ""): Pr(u_1 is the window's maximum) = 1/T",
                                       region: .equal(1 / Double(t)), resolution: 4e-3, alpha: alpha,
                                       trials: windowTrials(poolSize: t, correlation: rho) { $0[0] == $0.max()! })
        }
    }

    static let maximumNonNegative = Claim(
        id: "ASV-B25", paper: Papers.asv, location: "App. B.2.1, (B.25)",
        statement: "Pr(û ≥ 0) = 1 − Π_{t∈t(ℓ,d(ℓ,j))} Pr(u_t < 0) = 1 − Φ(0)^{T_ℓ} = 1 − 2^{−T_ℓ}.",
        assumptions: ["T = 1, 2, 4, 9 i.i.d. N(0, 1)"],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for t in [1, 2, 4, 9] {
            let closed = 1 - pow(2, -Double(t))
            let mass = try Integration.qagiu({ try PoolingMoments.gaussianMaximumDensity($0, poolSize: t, variance: 1) }, from: 0)
            ctx.compare("T = \(t): ∫_0^∞ p̂ (QAGIU) = 1 − 2^{−T}", route: .quadrature, value: mass.value,
                        error: mass.absoluteError, reference: closed, referenceRoute: .closedForm, resolution: 1e-8)
            try ctx.estimateProportion("T = \(t): Pr(max_t u_t ≥ 0) = 1 − 2^{−T}", region: .equal(closed), resolution: 4e-3,
                                       alpha: alpha, trials: windowTrials(poolSize: t) { $0.max()! >= 0 })
        }
    }
}
