import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    /// The pool sizes of the τ and γ tables.
    static let poolSizes = [1, 2, 3, 4, 6, 8, 9, 16, 25, 49, 64]

    static let tauMax = Claim(
        id: "ASV-TAU-MAX", paper: Papers.asv, location: "eq. (12); App. B.1.1, (B.12)",
        statement: """
        With ReLU and max pooling of T i.i.d. N(0, q) units, E[(z_s)²] = q τ with τ = T ∫_0^∞ s² φ(s) Φ(s)^{T−1} ds (12), \
        by the chain (B.12): E[(max{0, û})²] = ∫_0^∞ x² p̂(x) dx = T ∫_0^∞ x² β φ(βx) Φ(βx)^{T−1} dx \
        = T ∫_0^∞ y² φ(y) Φ(y)^{T−1} dy = q T ∫_0^∞ y² φ(y) Φ(y)^{T−1} dy.
        """,
        assumptions: [
            "routes: τ by QAGIU on the density (12), by QAGIU on the tail Pr(max > x) = 1 − Φ(x)^T, by Monte Carlo, and the closed forms τ(1) = 1/2, τ(2) = 3/4 + 1/(2π) (derived here: E[max² ; both negative] = (1 − 2/π)/4)",
            "the chain of (B.12) checked at q = 4, T = 4",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "(B.12), penultimate step: T ∫_0^∞ x² β φ(βx) Φ(βx)^{T−1} dx = T ∫_0^∞ y² φ(y) Φ(y)^{T−1} dy",
            corrected: "the substitution y = βx gives x² = q y², so the step reads = q T ∫_0^∞ y² φ Φ^{T−1} dy; the final result q τ is right")
    ) { ctx in
        // Only the penultimate step of (B.12) is misprinted: (12) and the result q τ are right.
        let right = "(12) and the result q τ of (B.12) are right; only the penultimate step of (B.12) is misprinted"
        for t in poolSizes {
            let density = try PoolingMoments.tauMax(poolSize: t), tail = try PoolingMoments.tauMaxByTailIntegral(poolSize: t)
            let routes = ctx.compare("τ_max(\(t)): density integral (12) against the tail integral ∫ 2x(1 − Φ^T)",
                                     route: .quadrature, value: density.value, error: density.absoluteError, reference: tail.value,
                                     referenceRoute: .quadrature, referenceError: tail.absoluteError, resolution: 1e-8)
            try ctx.expect(.confirmed, for: routes.key, because: right)
        }
        let one = ctx.compare("τ_max(1) = 1/2", route: .quadrature, value: try PoolingMoments.tauMax(poolSize: 1).value,
                              error: try PoolingMoments.tauMax(poolSize: 1).absoluteError, reference: 0.5,
                              referenceRoute: .closedForm, resolution: 1e-8)
        try ctx.expect(.confirmed, for: one.key, because: right)
        let two = try PoolingMoments.tauMax(poolSize: 2)
        let closedTwo = ctx.compare("τ_max(2) = 3/4 + 1/(2π)", route: .quadrature, value: two.value, error: two.absoluteError,
                                    reference: 0.75 + 1 / (2 * Double.pi), referenceRoute: .closedForm, resolution: 1e-8)
        try ctx.expect(.confirmed, for: closedTwo.key, because: right)

        let (q, t) = (4.0, 4)
        let tau = try PoolingMoments.tauMax(poolSize: t)
        let beta = 1 / q.squareRoot()
        let scaled = try Integration.qagiu({ x in
            Double(t) * x * x * beta * Distributions.normalPDF(beta * x) * pow(Distributions.normalCDF(beta * x), Double(t - 1))
        }, from: 0)
        let viaDensity = try Integration.qagiu({ x in x * x * (try PoolingMoments.gaussianMaximumDensity(x, poolSize: t, variance: q)) },
                                               from: 0)
        let result = ctx.compare("q = 4, T = 4: ∫_0^∞ x² p̂(x) dx (B.11 density) = q τ (the result of (B.12))",
                                 route: .quadrature, value: viaDensity.value, error: viaDensity.absoluteError,
                                 reference: q * tau.value, referenceRoute: .quadrature, referenceError: q * tau.absoluteError,
                                 resolution: 1e-8 * q)
        try ctx.expect(.confirmed, for: result.key, because: right)
        ctx.compare("q = 4, T = 4: T∫x²βφ(βx)Φ(βx)^{T−1}dx = T∫y²φΦ^{T−1}dy (B.12 as printed)", route: .quadrature,
                    value: scaled.value, error: scaled.absoluteError, reference: tau.value, referenceRoute: .quadrature,
                    referenceError: tau.absoluteError, resolution: 1e-8 * q)
        ctx.compare("q = 4, T = 4: T∫x²βφ(βx)Φ(βx)^{T−1}dx = q T∫y²φΦ^{T−1}dy", subject: .corrected, route: .quadrature,
                    value: scaled.value, error: scaled.absoluteError, reference: q * tau.value, referenceRoute: .quadrature,
                    referenceError: q * tau.absoluteError, resolution: 1e-8 * q)

        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        for size in [4, 9] {
            let sampled = try ctx.estimateMean(
                "τ_max(\(size)) = E[ReLU(max u)²] by Monte Carlo", region: .equal(try PoolingMoments.tauMax(poolSize: size).value),
                resolution: 8e-3, alpha: alpha, sample: windowSampler(poolSize: size) { max(0, $0.max()!) * max(0, $0.max()!) })
            try ctx.expect(.confirmed, for: sampled.key, because: right)
        }
        let sampled = try ctx.estimateMean(
            "q = 4, T = 4: E[(z_s)²] by Monte Carlo = q τ", region: .equal(q * tau.value), resolution: 3e-2,
            alpha: alpha, sample: windowSampler(poolSize: t, variance: q) { max(0, $0.max()!) * max(0, $0.max()!) })
        try ctx.expect(.confirmed, for: sampled.key, because: right)
    }

    /// E[ReLU(u)^power] for u ~ N(0, q) by QUADPACK against `closedForm(q)` at q ∈ {0.25, 1, 4}, and by Monte Carlo at q = 4.
    static func assertReLUMoment(_ ctx: ClaimContext, power: Double, label: String, closedForm: (Double) -> Double,
                                 resolution: Double) throws {
        for q in [0.25, 1, 4] {
            let integral = try Integration.gaussianExpectation({ pow(max(0, q.squareRoot() * $0), power) })
            ctx.compare("q = \(q): \(label) by QUADPACK", route: .quadrature, value: integral.value,
                        error: integral.absoluteError, reference: closedForm(q), referenceRoute: .closedForm, resolution: 1e-8)
        }
        try ctx.estimateMean("q = 4: \(label) by Monte Carlo", region: .equal(closedForm(4)), resolution: resolution,
                             alpha: try ctx.reserveAlpha(1), sample: windowSampler(poolSize: 1, variance: 4) { pow(max(0, $0[0]), power) })
    }

    static let reluMean = Claim(
        id: "ASV-B14", paper: Papers.asv, location: "App. B.1.2, (B.14)",
        statement: "For u ~ N(0, q): E[max{0, u}] = ∫_0^∞ s 𝒩(s; 0, q) ds = √q ∫_0^∞ y φ(y) dy = √(q/(2π)).",
        assumptions: ["q ∈ {0.25, 1, 4}"],
        kind: .identity, expectation: .holds
    ) { ctx in
        try assertReLUMoment(ctx, power: 1, label: "E ReLU(u) = √(q/2π)", closedForm: { ($0 / (2 * Double.pi)).squareRoot() },
                             resolution: 6e-3)
    }

    static let reluSecondMoment = Claim(
        id: "ASV-B15", paper: Papers.asv, location: "App. B.1.2, (B.15)",
        statement: "For u ~ N(0, q): E[(max{0, u})²] = ∫_0^∞ s² 𝒩(s; 0, q) ds = q ∫_0^∞ y² φ(y) dy = q/2.",
        assumptions: ["q ∈ {0.25, 1, 4}; the extraction drops the \"=\" before the last line of (B.15)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        try assertReLUMoment(ctx, power: 2, label: "E ReLU(u)² = q/2", closedForm: { $0 / 2 }, resolution: 2e-2)
    }

    static let tauAverage = Claim(
        id: "ASV-TAU-AVG", paper: Papers.asv, location: "eq. (13); App. B.1.2, (B.13), (B.16)",
        statement: """
        With ReLU and average pooling of T i.i.d. N(0, q) units, E[(z_s)²] = (1/T²) Σ_t E[max{0, u_t}²] + (1/T²) \
        Σ_{t≠t'} E[max{0, u_t}] E[max{0, u_t'}] = q (1/(2T)) (1 + (T − 1)/π) (B.16), i.e. τ = (1/(2T))(1 + (T − 1)/π) (13).
        """,
        assumptions: [
            "(B.13) sums over t(ℓ, s); read t(ℓ − 1, s)",
            "route: (1/T) E ReLU(u)² + ((T − 1)/T) E[ReLU(X) ReLU(Y)] for independent X, Y, both by QUADPACK (the cross term by nested quadrature, not by the product of (B.14)); and Monte Carlo",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let square = try Integration.gaussianExpectation({ max(0, $0) * max(0, $0) })
        let cross = try GaussianCovariance.quadrature(.relu, rho: 0)
        for t in poolSizes {
            let w = 1 / Double(t)
            ctx.compare("τ_avg(\(t)): (B.16) from QUADPACK moments against (13)", route: .quadrature,
                        value: w * square.value + (1 - w) * cross.value,
                        error: w * square.absoluteError + (1 - w) * cross.absoluteError,
                        reference: try PoolingMoments.tauAverage(poolSize: t), referenceRoute: .closedForm, resolution: 1e-8)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for t in [4, 9] {
            try ctx.estimateMean("τ_avg(\(t)) = E[(mean_t ReLU(u_t))²] by Monte Carlo", region: .equal(try PoolingMoments.tauAverage(poolSize: t)),
                                 resolution: 2e-3, alpha: alpha, sample: windowSampler(poolSize: t) { window in
                                     let mean = window.reduce(0) { $0 + max(0, $1) } / Double(window.count)
                                     return mean * mean
                                 })
        }
    }

    static let singleUnitPooling = Claim(
        id: "ASV-TAU-T1", paper: Papers.asv, location: "§5, (19)–(20) (\"T_ℓ = 1 and thereby τ_ℓ = 1/2\", \"γ_ℓ = 1/2\")",
        statement: "Setting g_ℓ to the identity gives T_ℓ = 1 and thereby τ_ℓ = 1/2 (19); for the backward method γ_ℓ = 1/2 (20).",
        assumptions: ["both pooling formulas at T = 1: (12) by QAGIU and (13); (15), (16), and (15) by quadrature"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let tau = try PoolingMoments.tauMax(poolSize: 1)
        ctx.compare("τ_max(1), (12) by QAGIU", route: .quadrature, value: tau.value, error: tau.absoluteError, reference: 0.5,
                    referenceRoute: .closedForm, resolution: 1e-8)
        ctx.compare("τ_avg(1), (13)", route: .closedForm, value: try PoolingMoments.tauAverage(poolSize: 1), reference: 0.5,
                    referenceRoute: .closedForm, resolution: 1e-13)
        ctx.compare("γ_max(1), (15)", route: .closedForm, value: try PoolingMoments.gammaMax(poolSize: 1), reference: 0.5,
                    referenceRoute: .closedForm, resolution: 1e-13)
        ctx.compare("γ_avg(1), (16)", route: .closedForm, value: try PoolingMoments.gammaAverage(poolSize: 1), reference: 0.5,
                    referenceRoute: .closedForm, resolution: 1e-13)
        let gamma = try PoolingMoments.gammaMaxByQuadrature(poolSize: 1)
        ctx.compare("γ_max(1) = ∫_0^∞ φ by QAGIU", route: .quadrature, value: gamma.value, error: gamma.absoluteError,
                    reference: 0.5, referenceRoute: .closedForm, resolution: 1e-8)
    }

    static let tauMonotonicity = Claim(
        id: "ASV-MONO-TAU", paper: Papers.asv, location: "§5, fourth paragraph",
        statement: """
        For max pooling, a larger T_ℓ yields a larger τ_ℓ, making σ² of (17) smaller. "Actually, the maximum of multiple \
        random variables with zero mean has a larger second moment than that of the individual random variable." For \
        average pooling, a larger T_ℓ gets τ_ℓ smaller and σ² larger; "taking the average of random variables with zero \
        mean yields a smaller signal variance".
        """,
        assumptions: [
            "T = 1 … 64; τ_max by QAGIU with its error estimate; τ_avg in closed form",
            "the second-moment sentence read literally for two i.i.d. zero-mean variables: the standard normal (by QAGI) and the two-point law P(X = −4) = 0.2, P(X = 1) = 0.8 (by enumeration)",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "the maximum of multiple zero-mean random variables has a larger second moment than one of them",
            corrected: """
            for T i.i.d. N(0, q), E max² = q at T = 2 and > q only for T ≥ 3, while the quantity (17) uses, \
            E ReLU(max)² = q τ_max(T), does grow strictly with T; for skewed zero-mean laws E max² can be smaller than E X²
            """)
    ) { ctx in
        let taus = try (1...64).map { try PoolingMoments.tauMax(poolSize: $0) }
        let steps = zip(taus, taus.dropFirst()).map { ($1.value - $0.value, $1.absoluteError + $0.absoluteError) }
        let smallest = steps.min { $0.0 < $1.0 }!
        let growing = ctx.bound("min_T τ_max(T + 1) − τ_max(T), T = 1 … 63", route: .quadrature, value: smallest.0,
                                error: smallest.1, region: .atLeast(1e-9), samples: 63)
        try ctx.expect(.confirmed, for: growing.key,
                       because: "the monotonicity of τ_max in T is right; only the second-moment sentence is wrong")
        let averages = try (1...64).map { try PoolingMoments.tauAverage(poolSize: $0) }
        let shrinking = ctx.bound("max_T τ_avg(T + 1) − τ_avg(T), T = 1 … 63", route: .closedForm,
                                  value: zip(averages, averages.dropFirst()).map { $1 - $0 }.max()!, region: .atMost(-1e-9),
                                  samples: 63)
        try ctx.expect(.confirmed, for: shrinking.key,
                       because: "the monotonicity of τ_avg in T is right; only the second-moment sentence is wrong")
        let secondMoment = { (t: Int) throws -> IntegralResult in
            try Integration.qagi({ x in x * x * (try PoolingMoments.gaussianMaximumDensity(x, poolSize: t, variance: 1)) })
        }
        let pair = try secondMoment(2)
        ctx.bound("N(0, 1), T = 2: E max² − E X² > 0", route: .quadrature, value: pair.value - 1, error: pair.absoluteError,
                  region: .atLeast(1e-9))
        // X = −4 w.p. 0.2, 1 w.p. 0.8: E X = 0; max(X1, X2) = −4 only if both are −4.
        let skewedMax = 0.04 * 16 + 0.96 * 1, skewedSquare = 0.2 * 16 + 0.8 * 1
        ctx.bound("two-point zero-mean law: E max(X1, X2)² − E X² > 0", route: .enumeration, value: skewedMax - skewedSquare,
                  region: .atLeast(1e-9))
        ctx.compare("N(0, 1), T = 2: E max² = E X² = 1", subject: .corrected, route: .quadrature, value: pair.value,
                    error: pair.absoluteError, reference: 1, referenceRoute: .closedForm, resolution: 1e-8)
        for t in [3, 4, 9] {
            let moment = try secondMoment(t)
            ctx.bound("N(0, 1), T = \(t): E max² − E X² > 0", subject: .corrected, route: .quadrature, value: moment.value - 1,
                      error: moment.absoluteError, region: .atLeast(1e-9))
        }
        ctx.bound("min_T τ_max(T + 1) − τ_max(T) > 0 (E ReLU(max)² grows), T = 1 … 63", subject: .corrected,
                  route: .quadrature, value: smallest.0, error: smallest.1, region: .atLeast(1e-9), samples: 63)
    }
}
