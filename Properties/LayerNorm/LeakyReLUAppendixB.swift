import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks
import Randomness

extension LayerNormClaims {
    /// The App. B covariance of LReLU_a as extracted: the radical covers the whole numerator.
    static func printedLeakyCovariance(slope a: Double, rho: Double) -> Double {
        a * rho + (1 - a) * (1 - a) * (1 - rho * rho + rho * (Double.pi - acos(rho))).squareRoot() / (2 * Double.pi)
    }

    static let leakyCovariance = Claim(
        id: "LN-B-LRELU-COV", paper: Papers.layernorm, location: "App. B, first display",
        statement: "𝔆[LReLU_a|ρ] = aρ + (1 − a)² √(1 − ρ² + ρ(π − arccos ρ))/(2π), with LReLU_a(x) = ax + (1 − a)ReLU(x).",
        assumptions: ["(X, Y) standard bivariate normal with correlation ρ ∈ [−1, 1]", "a ∈ R (negative slope)"],
        kind: .identity,
        expectation: .erratum(
            printed: "aρ + (1 − a)² √(1 − ρ² + ρ(π − arccos ρ))/(2π) (radical over the whole numerator, as extracted)",
            corrected: "aρ + (1 − a)² (√(1 − ρ²) + ρ(π − arccos ρ))/(2π)")
    ) { ctx in
        for (a, rho) in [(0.0, 0.5), (0.1, 0.9), (-0.3, -0.2), (0.5, 1.0)] {
            let integral = try GaussianCovariance.quadrature(.leakyReLU(slope: a), rho: rho)
            compareWithQuadrature(ctx, "printed 𝔆[LReLU_\(a)|\(rho)] vs nested QUADPACK", integral: integral,
                                  closedForm: printedLeakyCovariance(slope: a, rho: rho))
        }
        ctx.bound("printed radicand 1 − ρ² + ρ(π − arccos ρ) ≥ 0 at ρ = −0.7", route: .closedForm,
                  value: 1 - 0.49 + -0.7 * (Double.pi - acos(-0.7)), region: .atLeast(0),
                  note: "a negative radicand leaves the printed formula undefined")
        for a in slopes {
            for rho in [-1, -0.7, -0.2, 0, 0.3, 0.6, 0.9, 0.99, 1 - 1e-7, 1] {
                let f = Activation.leakyReLU(slope: a)
                compareWithQuadrature(ctx, "𝔆[LReLU_\(a)|\(rho)] by nested QUADPACK vs corrected closed form",
                                      subject: .corrected, integral: try GaussianCovariance.quadrature(f, rho: rho),
                                      closedForm: try GaussianCovariance.closedForm(f, rho: rho) ?? .nan)
            }
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for (a, rho) in [(0.1, 0.5), (-0.3, -0.7)] {
            let f = Activation.leakyReLU(slope: a)
            try ctx.estimateMean("𝔆[LReLU_\(a)|\(rho)] by Monte Carlo pairs", subject: .corrected,
                                 region: .equal(try GaussianCovariance.closedForm(f, rho: rho) ?? .nan),
                                 resolution: 5e-3, alpha: alpha, sample: CorrelatedPairs.productSampler(f, rho: rho))
        }
    }

    static let leakyLinearization = Claim(
        id: "LN-B-LRELU-LIN", paper: Papers.layernorm, location: "App. B, second display",
        statement: "The linearization of LReLU_a is (1 − a)/√(2π) + ((1 + a)/2) x, i.e. φ̂_0 = (1 − a)/√(2π), φ̂_1 = (1 + a)/2.",
        assumptions: ["φ̄ = φ̂_0 + φ̂_1 x with φ̂_k = E[φ(X) h_k(X)], h_k normalized Hermite polynomials (§2.1)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: slopes.count)
        for a in slopes {
            let f = Activation.leakyReLU(slope: a)
            guard let (c0, c1) = try HermiteExpansion.closedFormLinearization(f) else { continue }
            compareWithQuadrature(ctx, "φ̂_0 of LReLU_\(a): E[φ h_0] by QUADPACK",
                                  integral: try HermiteExpansion.coefficient(f, order: 0), closedForm: c0)
            compareWithQuadrature(ctx, "φ̂_1 of LReLU_\(a): E[φ h_1] by QUADPACK",
                                  integral: try HermiteExpansion.coefficient(f, order: 1), closedForm: c1)
            compareWithQuadrature(ctx, "φ̂_1 of LReLU_\(a): E[φ'] (Stein) by QUADPACK",
                                  integral: try HermiteExpansion.coefficientByParts(f, order: 1), closedForm: c1)
            let sampler = NormalSampler()
            try ctx.estimateMean("φ̂_0 of LReLU_\(a) = E φ(X) by Monte Carlo", region: .equal(c0), resolution: 2e-3,
                                 alpha: alpha) { rng, count in
                RunningMoments.of(count: count) { f(sampler.next(using: &rng)) }
            }
        }
    }

    static let leakyResidual = Claim(
        id: "LN-B-LRELU-RES", paper: Papers.layernorm, location: "App. B, third display",
        statement: "‖LReLU_a − LReLU̅_a‖²_N = ((π − 2)/(4π)) (1 − a)².",
        assumptions: ["‖f‖²_N = E f(X)², X ~ N(0, 1)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        for a in slopes {
            let f = Activation.leakyReLU(slope: a)
            let closed = (Double.pi - 2) / (4 * Double.pi) * (1 - a) * (1 - a)
            compareWithQuadrature(ctx, "‖LReLU_\(a) − lin‖²: ‖φ‖² − φ̂_0² − φ̂_1² by QUADPACK",
                                  integral: try HermiteExpansion.residualNormSquared(f), closedForm: closed)
            guard [0.0, 0.5, -0.3].contains(a), let (c0, c1) = try HermiteExpansion.closedFormLinearization(f) else {
                continue
            }
            let sampler = NormalSampler()
            try ctx.estimateMean("‖LReLU_\(a) − lin‖² = E(φ(X) − φ̄(X))² by Monte Carlo", region: .equal(closed),
                                 resolution: 2e-3 * max(closed, 0.05), alpha: alpha) { rng, count in
                RunningMoments.of(count: count) {
                    let x = sampler.next(using: &rng)
                    let r = f(x) - c0 - c1 * x
                    return r * r
                }
            }
        }
    }

    static let leakyDerivativeNorm = Claim(
        id: "LN-B-LRELU-DNORM", paper: Papers.layernorm, location: "App. B, fourth display",
        statement: "‖LReLU'_a‖²_N = (1 + a²)/2.",
        assumptions: ["the derivative exists almost everywhere; ‖·‖_N as above"],
        kind: .identity, expectation: .holds
    ) { ctx in
        for a in slopes {
            let f = Activation.leakyReLU(slope: a)
            let closed = (1 + a * a) / 2
            compareWithQuadrature(ctx, "‖LReLU'_\(a)‖² by QUADPACK", integral: try GaussianCovariance.derivativeNormSquared(f),
                                  closedForm: closed)
            compareWithQuadrature(ctx, "‖LReLU_\(a)‖² by QUADPACK (equal to ‖LReLU'_a‖² by 1-homogeneity)",
                                  integral: try GaussianCovariance.normSquared(f), closedForm: closed)
        }
    }

    static let leakyCriticality = Claim(
        id: "LN-B-LRELU-CRIT", paper: Papers.layernorm, location: "App. B, after the fourth display",
        statement: "And the critical initialization requires σ_b = 0.",
        assumptions: [
            "critical means P'(1) = 1 with P'(1) = σ_w²‖φ'‖²/(σ_b² + σ_w²‖φ‖²) (§2.2, eq. (2.3))",
            "a ≠ ±1 is not needed: for LReLU_a, ‖φ'‖² = ‖φ‖², so P'(1) = 1 iff σ_b = 0 for every a",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for a in [0.0, 0.3, -0.5] {
            let f = Activation.leakyReLU(slope: a)
            let map = try LayerNormCorrelationMap(f, route: .quadrature)
            ctx.compare("(σ_b/σ_w)² at P'(1) = 1: ‖φ'‖² − ‖φ‖² for LReLU_\(a) by QUADPACK", route: .quadrature,
                        value: map.kernel.derivativeNormSquared - map.kernel.normSquared,
                        error: 2 * map.kernel.absoluteError,
                        reference: 0, referenceRoute: .closedForm, resolution: 1e-10)
            let (root, error) = try InfiniteWidthNetworks.criticalRatioByBrent(f, bracket: -0.4 * map.kernel.normSquared...1)
            ctx.compare("root of P'(1; r) − 1 for LReLU_\(a) by Brent", route: .rootFinding, value: root.value,
                        error: error, reference: 0, referenceRoute: .closedForm, resolution: 1e-10,
                        samples: root.iterations)
            for ratio in [1e-3, 0.1, 1] {
                // P'(1) = ‖φ'‖²/(r + ‖φ‖²): relative error ≤ δ(‖φ'‖²)/‖φ'‖² + δ(‖φ‖²)/(r + ‖φ‖²).
                let slope = try map.withBiasVariance(ratio).slopeAtOne
                let kernel = map.kernel
                ctx.bound("P'(1) < 1 for LReLU_\(a) at (σ_b/σ_w)² = \(ratio)", route: .quadrature, value: slope,
                          error: slope * kernel.absoluteError * (1 / kernel.derivativeNormSquared + 1 / (ratio + kernel.normSquared)),
                          region: .atMost(1 - 1e-6))
            }
        }
    }
}
