import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-L3: the covariance of two projections of jointly Gaussian vectors.
    static let lemma3 = Claim(
        id: "NACHUM-L3", paper: Papers.nachum, location: "App. A, Lemma 3 and its proof",
        statement: """
        Let u, v ∈ R^k be two (deterministic) vectors, and let G, H ∈ R^k be zero-mean jointly Gaussian vectors with \
        E[GGᵀ] = E[HHᵀ] = ν² I_k, E[GHᵀ] = ρν² I_k. Then Z = (⟨u, G⟩, ⟨v, H⟩) is a zero-mean Gaussian vector with a \
        covariance matrix E[ZZᵀ] = ν² [[‖u‖², ρ⟨u, v⟩], [ρ⟨u, v⟩, ‖v‖²]].
        """,
        assumptions: [
            "checked at k = 5, ν = 0.7, ρ = 0.3 and a random u, v; G = νg, H = ν(ρg + √(1−ρ²)g′) with independent "
                + "standard normal g, g′; Gaussianity through the fourth moment E Z₁⁴ = 3(E Z₁²)²",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let k = 5, nu = 0.7, rho = 0.3
        var rng = ctx.stream("vectors").generator()
        let sampler = NormalSampler()
        let u = (0..<k).map { _ in sampler.next(using: &rng) }, v = (0..<k).map { _ in sampler.next(using: &rng) }
        let covariance = [nu * nu * Vector.dot(u, u), nu * nu * rho * Vector.dot(u, v), nu * nu * Vector.dot(v, v)]
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        let s = (1 - rho * rho).squareRoot()
        let names = ["E Z₁²", "E Z₁Z₂", "E Z₂²"]
        // Each entry's resolution is 1% of its own scale ν²‖u‖², ν²‖u‖‖v‖, ν²‖v‖² (with ‖u‖² as the scale of all three,
        // a random v much longer than u asked for 2.9e8 draws of Z₂² at one seed in 100).
        let scales = [covariance[0], (covariance[0] * covariance[2]).squareRoot(), covariance[2]]
        for entry in 0..<3 {
            try ctx.estimateMean("\(names[entry]) by Monte Carlo vs the covariance of Lemma 3", region: .equal(covariance[entry]),
                                 resolution: 1e-2 * scales[entry], alpha: alpha) { rng, count in
                RunningMoments.of(count: count) {
                    var z1 = 0.0, z2 = 0.0
                    for i in 0..<k {
                        let g = sampler.next(using: &rng), h = rho * g + s * sampler.next(using: &rng)
                        z1 += u[i] * nu * g
                        z2 += v[i] * nu * h
                    }
                    return [z1 * z1, z1 * z2, z2 * z2][entry]
                }
            }
        }
        try ctx.estimateMean("E Z₁⁴ by Monte Carlo vs 3(E Z₁²)² (Gaussian fourth moment)",
                             region: .equal(3 * covariance[0] * covariance[0]),
                             resolution: 3e-2 * covariance[0] * covariance[0], alpha: alpha) { rng, count in
            RunningMoments.of(count: count) {
                var z1 = 0.0
                for i in 0..<k { z1 += u[i] * nu * sampler.next(using: &rng) }
                return z1 * z1 * z1 * z1
            }
        }
    }

    /// NACHUM-L4: the sub-Gaussian calculus the proof of Theorem 2 quotes from Vershynin (2018).
    static let lemma4 = Claim(
        id: "NACHUM-L4", paper: Papers.nachum, location: "App. B, Definition 3 and Lemma 4",
        statement: """
        Let X and Y be sub-Gaussian random variables. 1. If X and Y are also independent, ‖X + Y‖²_ψ2 ≤ \
        C(‖X‖²_ψ2 + ‖Y‖²_ψ2) for an absolute constant C. 2. ‖X − E[X]‖_ψ2 ≤ C‖X‖_ψ2. 3. XY is sub-exponential and \
        ‖XY‖_ψ1 ≤ ‖X‖_ψ2 ‖Y‖_ψ2.
        """,
        assumptions: [
            "Orlicz norm of Definition 3, ψ_p(x) = exp(x^p) − 1; ‖·‖ computed as the root of E exp((|X|/t)^p) = 2 "
                + "(QUADPACK, Brent)",
            "properties 1 and 2 carry an unspecified absolute constant C: not checkable, not checked",
            "property 3 (constant 1) checked where the proof of Theorem 2 uses it: standard normals (the ⟨F, [x]_ij⟩), "
                + "their ReLUs (the X_ijℓ of (20)), independent and fully correlated pairs",
            "(21) cites \"properties 1 and 2\" but uses 3 (product) and 2 (centering)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let normal = try OrliczNorm.psi2({ $0 }, bracket: 1.5...4)
        ctx.compare("‖Z‖_ψ2 for Z ~ N(0, 1) by quadrature and Brent vs √(8/3)", route: .rootFinding, value: normal.value,
                    error: normal.upper - normal.lower, reference: (8.0 / 3).squareRoot(), referenceRoute: .closedForm,
                    resolution: 1e-9)
        let relu = try OrliczNorm.psi2({ max(0, $0) }, kinks: [0], bracket: 1.47...4)
        ctx.compare("‖R(Z)‖_ψ2 by quadrature and Brent vs 3/2 (closed form: ½ + ½(1 − 2/t²)^{-1/2} = 2)",
                    route: .rootFinding, value: relu.value, error: relu.upper - relu.lower, reference: 1.5,
                    referenceRoute: .closedForm, resolution: 1e-9)
        // Property 3 for independent standard normals: E exp(|XY|/t) = E_X[2 e^{X²/(2t²)} Φ(|X|/t)].
        let product = try OrliczNorm.solve(lower: 1.1, upper: 4) { t in
            try Integration.gaussianExpectation({ x in
                2 * exp(x * x / (2 * t * t)) * Distributions.normalCDF(abs(x) / t)
            }, kinks: [0]).value
        }
        ctx.bound("independent X, Y ~ N(0, 1): ‖XY‖_ψ1 ≤ ‖X‖_ψ2‖Y‖_ψ2 = 8/3", route: .rootFinding, value: product.value,
                  error: product.upper - product.lower, region: .atMost(8.0 / 3), resolution: 1e-9,
                  note: "‖XY‖_ψ1 = \(product.value)")
        // X = Y: ‖X²‖_ψ1 = ‖X‖²_ψ2 by definition — the constant 1 is attained.
        let square = try OrliczNorm.solve(lower: 2.1, upper: 6) { t in
            try Integration.gaussianExpectation({ x in exp(x * x / t) }).value
        }
        ctx.compare("X = Y ~ N(0, 1): ‖X²‖_ψ1 vs ‖X‖²_ψ2 = 8/3 (equality)", route: .rootFinding, value: square.value,
                    error: square.upper - square.lower, reference: 8.0 / 3, referenceRoute: .closedForm, resolution: 1e-9)
        // The proof's product: R(X)R(Y) with corr(X, Y) = ρ ≥ 0; inner expectation over Y | X in closed form.
        // E exp(R(X)R(Y)/t) is finite iff t > 1 + ρ; the bracket starts 5 % above that.
        for rho in [0.5, 0.9] {
            let s = (1 - rho * rho).squareRoot()
            let reluProduct = try OrliczNorm.solve(lower: 1.05 * (1 + rho), upper: 6) { t in
                try Integration.gaussianExpectation({ x in
                    guard x > 0 else { return 1 }
                    let a = x / t // exp(a · R(ρx + sZ)) averaged over Z
                    return Distributions.normalCDF(-rho * x / s)
                        + exp(a * rho * x + a * a * s * s / 2) * Distributions.normalCDF(rho * x / s + a * s)
                }, kinks: [0]).value
            }
            ctx.bound("ρ = \(rho): ‖R(X)R(Y)‖_ψ1 ≤ ‖R(X)‖_ψ2‖R(Y)‖_ψ2 = 9/4", route: .rootFinding, value: reluProduct.value,
                      error: reluProduct.upper - reluProduct.lower, region: .atMost(2.25), resolution: 1e-9,
                      note: "‖R(X)R(Y)‖_ψ1 = \(reluProduct.value)")
        }
    }
}
