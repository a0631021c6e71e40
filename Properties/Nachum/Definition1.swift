import ClaimKit
import RandomNetworkChecks
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-DEF1: the dual activation of Definition 1, its homogeneous
    /// normalization (6), and the ReLU values ν_R² = 1/2 and R̂.
    static let definition1 = Claim(
        id: "NACHUM-DEF1", paper: Papers.nachum,
        location: "§2, Definition 1, eqs. (5)–(6) and the ReLU formula after (6)",
        statement: """
        σ̂(x, y, ν) = E[σ(νX)σ(νY)] with (X, Y) ~ N(0, [[‖x‖², ⟨x,y⟩], [⟨x,y⟩, ‖y‖²]]); for homogeneous σ, \
        ν_σ² := E[σ(X)²], σ̂(ρ) := E[σ(X)σ(Y)]/ν_σ² with unit variances and correlation ρ, "by this definition, \
        σ̂(1) = 1"; for ReLU, ν_R² = 1/2 and R̂(ρ) = E[R(X)R(Y)]/ν_R² = (√(1−ρ²) + (π − cos⁻¹ρ)ρ)/π.
        """,
        assumptions: [
            "ν > 0 is a standard deviation (the filter entries have variance ν²)",
            "homogeneous means σ(cx) = cσ(x) for c ≥ 0 (ReLU, leaky ReLU, |x|, identity)",
            "x, y are tensors of equal shape, flattened; σ̂ is taken as 0 when x or y is 0 (ρ undefined)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let nuSquared = try Integration.qagiu({ u in u * u * Distributions.normalPDF(u) }, from: 0)
        ctx.compare("ν_R² = E[R(X)²] by QUADPACK vs 1/2", route: .quadrature, value: nuSquared.value,
                    error: nuSquared.absoluteError, reference: 0.5, referenceRoute: .closedForm, resolution: 1e-9)

        try ReLUDualRoutes.assertQuadratureAgreement(ctx, grid: RhoGrid.standard)
        try ReLUDualRoutes.assertMonteCarlo(ctx, rhos: [-0.9, -0.5, 0, 0.5, 0.9, 1 - 1e-7],
                                            alphaFraction: 0.5, resolution: 5e-3)

        // σ̂(1) = 𝔆[σ|1]/ν_σ² = 1: 𝔆[σ|1] by QUADPACK against the closed-form ν_σ² of each homogeneous σ.
        for (sigma, nuSquared) in [(Activation.relu, 0.5), (.leakyReLU(slope: 0.2), 0.52), (.absolute, 1.0)] {
            let at = try GaussianCovariance.quadrature(sigma, rho: 1)
            ctx.compare("σ̂(1) = 1 for \(sigma): 𝔆[σ|1] by QUADPACK over ν_σ² = \(nuSquared)", route: .quadrature,
                        value: at.value / nuSquared, error: at.absoluteError / nuSquared, reference: 1,
                        referenceRoute: .closedForm, resolution: 1e-9)
        }

        // Definition 1 for tensors: the two-dimensional integral of (5) with the tensors' Gram matrix equals
        // the homogeneous form ν² ν_σ² ‖x‖‖y‖ σ̂(ρ_xy); both are checked against Monte Carlo over (5).
        var rng = ctx.stream("tensor pairs").generator()
        let sampler = NormalSampler()
        let alpha = try ctx.reserveAlpha(0.5, splitOver: 6)
        for (sigma, nu) in [(Activation.relu, 0.7), (.relu, 2.5), (.leakyReLU(slope: -0.3), 1.3),
                            (.absolute, 0.4), (.identity, 1.1), (.tanh, 0.9)] {
            let x = (0..<12).map { _ in sampler.next(using: &rng) }
            let y = x.map { 0.6 * $0 + 0.8 * sampler.next(using: &rng) }
            let integral = try DualActivation.expectation(sigma, x: x, y: y, nu: nu)
            if sigma.isPositivelyHomogeneous {
                let homogeneous = try DualActivation.homogeneousForm(sigma, x: x, y: y, nu: nu)
                ctx.compare("σ̂(x,y,\(nu)) for \(sigma): eq. (5) by QUADPACK vs ν²ν_σ²‖x‖‖y‖σ̂(ρ)", route: .quadrature,
                            value: integral.value, error: integral.absoluteError, reference: homogeneous,
                            referenceRoute: .closedForm, resolution: 1e-9 * abs(homogeneous))
            }
            let gram = (Vector.dot(x, x), Vector.dot(x, y), Vector.dot(y, y))
            try ctx.estimateMean("σ̂(x,y,\(nu)) for \(sigma): Monte Carlo over (5)", region: .equal(integral.value),
                                 resolution: 1e-2 * max(1, abs(integral.value)), alpha: alpha,
                                 sample: bivariateSampler(sigma, nu: nu, gram: gram))
        }
    }

    /// Moments of σ(νX)σ(νY) for (X, Y) ~ N(0, [[a, b], [b, c]]) via its Cholesky factor.
    private static func bivariateSampler(_ sigma: Activation, nu: Double, gram: (Double, Double, Double))
        -> @Sendable (inout Xoshiro256, Int) -> RunningMoments {
        let l11 = gram.0.squareRoot()
        let l21 = gram.1 / l11
        let l22 = max(0, gram.2 - l21 * l21).squareRoot()
        let sampler = NormalSampler()
        return { rng, count in
            RunningMoments.of(count: count) {
                let z1 = sampler.next(using: &rng), z2 = sampler.next(using: &rng)
                return sigma(nu * l11 * z1) * sigma(nu * (l21 * z1 + l22 * z2))
            }
        }
    }
}
