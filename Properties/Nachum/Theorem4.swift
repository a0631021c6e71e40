import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T4: for correlated Gaussian inputs a ReLU CNN layer follows the FNN dual activation.
    static let theorem4 = Claim(
        id: "NACHUM-T4", paper: Papers.nachum, location: "§3.3, Theorem 4, eq. (14); proof App. F, (28a)–(28d)",
        statement: """
        Let X, Y ∈ R^{n×n} be zero-mean jointly Gaussian with E[X_ij X_kl] = E[Y_ij Y_kl] = δ_ik δ_jl / n², \
        E[X_ij Y_kl] = ρ δ_ik δ_jl / n² (14), i.e., X and Y have pairwise i.i.d. entries which are correlated with a \
        Pearson correlation coefficient ρ. Assume further that the filter F ∈ R^{r×r} comprises zero-mean i.i.d. \
        Gaussian entries with variance 2/r² and is independent of (X, Y). Then, for a ReLU activation function σ, \
        E[⟨σ(F * X), σ(F * Y)⟩] = (√(1−ρ²) + (π − cos⁻¹(ρ))ρ)/π. (The extension to d > 1 is straightforward.)
        """,
        assumptions: [
            "the expectation is over the filter and the data; cyclic convolution",
            "d > 1 read as: entries i.i.d. with variance 1/(n²d) (so E‖X‖² = 1), filter variance 2/r²",
            "routes: the exact filter expectation (8) averaged over data (Rao–Blackwell), the proof's conditional "
                + "step E[·|F] = ½R̂(ρ)‖F‖² (28b)–(28c) for a fixed filter, and plain Monte Carlo through the convolution",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let n = 16, r = 3, nu = NachumInputs.reluNu(filterSize: r)
        let rhos = [-0.8, 0.0, 0.5, 0.9]
        let alpha = try ctx.reserveAlpha(1, splitOver: rhos.count + 4)
        for rho in rhos {
            try ctx.estimateMean("ρ = \(rho): E_{X,Y}[(8)] (exact over F), n = \(n), r = \(r), vs R̂(ρ)",
                                 region: .equal(try ReLUDualActivation.value(rho)),
                                 resolution: rho < -0.5 ? 3e-3 : 1e-2, alpha: alpha,
                                 pilotSamples: 500, chunkSize: 128, sample: dataAverage(n: n, d: 1, r: r, rho: rho))
        }
        try ctx.estimateMean("ρ = 0.5, d = 3 (variances 1/(n²d)): E_{X,Y}[(8)] vs R̂(ρ)",
                             region: .equal(try ReLUDualActivation.value(0.5)), resolution: 1e-2, alpha: alpha,
                             pilotSamples: 500, chunkSize: 128, sample: dataAverage(n: n, d: 3, r: r, rho: 0.5))
        // (28b)–(28c): for a fixed filter, the data average is ½R̂(ρ)‖F‖².
        var rng = ctx.stream("fixed filter").generator()
        let filter = try CyclicConvolution.gaussian(count: 1, filterSize: r, channels: 1, variance: nu * nu, rng: &rng)
        let filterNorm2 = Vector.dot(filter.filters.storage, filter.filters.storage)
        for rho in [0.0, 0.9] {
            let conditional = 0.5 * (try ReLUDualActivation.value(rho)) * filterNorm2
            try ctx.estimateMean("ρ = \(rho), one fixed filter: E_{X,Y}⟨R(F*X),R(F*Y)⟩ vs ½R̂(ρ)‖F‖²",
                                 region: .equal(conditional), resolution: 2e-2 * conditional, alpha: alpha,
                                 pilotSamples: 500, chunkSize: 256, note: "‖F‖² = \(filterNorm2)") { rng, count in
                try RunningMoments.of(count: count) {
                    let (x, y) = try ImageFamilies.correlatedGaussianPair(size: n, correlation: rho, rng: &rng)
                    return try filter.activatedInnerProducts([(x, y)], activation: .relu)[0].xy
                }
            }
        }
        // Plain Monte Carlo over data and filters through the convolution (16 filters per data draw).
        try ctx.estimateMean("ρ = 0.5: E_{F,X,Y}⟨R(F*X),R(F*Y)⟩ by Monte Carlo through the convolution vs R̂(ρ)",
                             region: .equal(try ReLUDualActivation.value(0.5)), resolution: 2e-2, alpha: alpha,
                             pilotSamples: 500, chunkSize: 256) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try ImageFamilies.correlatedGaussianPair(size: n, correlation: 0.5, rng: &rng)
                return try FilterMonteCarlo.sums(x, y, activation: .relu, filterSize: r, nu: nu, batch: 16, rng: &rng).xy / 16
            }
        }
    }

    /// Moments over (X, Y) of eq. (14) of the exact filter expectation (8) with variance 2/r².
    private static func dataAverage(n: Int, d: Int, r: Int, rho: Double) -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try ImageFamilies.correlatedGaussianPair(size: n, channels: d, correlation: rho, rng: &rng)
                return try CNNDualFormula.expectedInnerProduct(.relu, x, y, filterSize: r, nu: NachumInputs.reluNu(filterSize: r))
            }
        }
    }
}
