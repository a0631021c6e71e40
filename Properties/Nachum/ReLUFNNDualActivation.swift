import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-EQ2: a random ReLU layer maps the input cosine through the dual
    /// activation in mean, and the realized cosine concentrates around it.
    static let reluFNNDualActivation = Claim(
        id: "NACHUM-EQ2", paper: Papers.nachum, location: "§1, eq. (2) and footnote 2",
        statement: """
        For a random fully-connected ReLU layer with i.i.d. zero-mean Gaussian weights and inputs of similarity \
        ρ_in, ρ_out ≈ ρ̄_out = (√(1 − ρ_in²) + (π − cos⁻¹(ρ_in))ρ_in)/π (eq. (2)); derived for unit-norm inputs, \
        it extends to any norms by homogeneity and "ergodicity, assuming multiple filters" (footnote 2).
        """,
        assumptions: [
            "W ∈ R^{N×D} with i.i.d. N(0, s²) entries, any s > 0; no bias",
            "ρ̄_out = E⟨X_out, Y_out⟩ / √(E‖X_out‖² E‖Y_out‖²) (eq. (1)), expectation over W",
            "ρ_out ≈ ρ̄_out read as: ρ_out − ρ̄_out → 0 at rate N^{-1/2} as the width N grows",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        // Mean similarity through the full layer (BLAS), non-unit norms and He variance 2/D (footnote 2).
        // E‖R(Wx)‖² = N s² ‖x‖²/2 exactly, so ρ̄_out = E[2⟨R(Wx),R(Wy)⟩ / (N s² ‖x‖‖y‖)].
        let meanAlpha = try ctx.reserveAlpha(0.4, splitOver: 4)
        let inputCosines = [-0.9, 0.0, 0.5, 0.9]
        let estimates = try inputCosines.map { rho in
            try ReLUDualRoutes.assertDenseLayerMeanSimilarity(ctx, rho: rho, inputs: 4, width: 16, variance: 2.0 / 4,
                                                              norms: (1.7, 0.6), alpha: meanAlpha)
        }
        let curve = RhoGrid.evenly(101, from: -1, to: 1)
        ctx.attach(Figure(
            name: "mean-similarity", title: "ReLU layer: mean output similarity against eq. (2)",
            xLabel: "input cosine ρ_in", yLabel: "mean output similarity ρ̄_out", series: [
                .init(label: "R̂(ρ_in), eq. (2)", style: .line, x: curve, y: try curve.map(ReLUDualActivation.value)),
                .init(label: "ρ_out = ρ_in", style: .line, x: [-1, 1], y: [-1, 1]),
                .init(label: "Monte Carlo, dense layer (1 − α interval)", style: .scatter, x: inputCosines,
                      y: estimates.map(\.estimate), errors: estimates.map { $0.interval.width / 2 }),
            ]))

        // Concentration: the RMS of ρ_out − R̂(ρ_in) falls as N^{-1/2} (slope of log RMS on log N).
        let widths = [256, 1024, 4096, 16384]
        let logWidths = widths.map { log(Double($0)) }
        let slopeAlpha = try ctx.reserveAlpha(0.4, splitOver: 2)
        let resolution = ctx.scaled(0.03)
        let sampler = NormalSampler()
        for rho in [0.0, 0.9] {
            let target = try ReLUDualActivation.value(rho)
            let rms = try LogRMSRate.estimate(
                ctx, "concentration \(rho)", sizes: widths, x: logWidths, resolution: resolution, alpha: slopeAlpha,
                chunkSize: 100
            ) { rng, width in
                try (FullyConnectedLayer.sampledOutputCosine(activation: .relu, inputCosine: rho, width: width, rng: &rng,
                                                            sampler: sampler) ?? 0) - target
            }
            try ctx.fitSlope("slope of log RMS(ρ_out − R̂(ρ_in)) on log N at ρ_in = \(rho), N = 256…16384",
                             x: logWidths, y: rms.y, standardErrors: rms.errors,
                             region: .between(-0.52, -0.48), resolution: resolution, alpha: slopeAlpha,
                             samples: rms.samples,
                             note: "claimed region: the finite-size slope lies within 0.02 of the asymptotic −1/2")
        }

        // At N = 4096 the realized cosine averages to R̂(ρ_in) up to its O(1/N) bias (about 1e-4; the
        // claimed region allows 1e-3), by an anytime-valid sequence: sampling stops once the verdict is decided.
        let sequenceAlpha = try ctx.reserveAlpha(0.2)
        let rho = 0.5
        try ctx.sequentialMean(
            "E ρ_out at ρ_in = 0.5, N = 4096 (confidence sequence)", range: 0...1,
            region: .between(try ReLUDualActivation.value(rho) - 1e-3, try ReLUDualActivation.value(rho) + 1e-3),
            resolution: 1e-3, alpha: sequenceAlpha,
            chunkSize: 64
        ) { rng, count in
            try (0..<count).map { _ in
                try FullyConnectedLayer.sampledOutputCosine(activation: .relu, inputCosine: rho, width: 4096,
                                                            rng: &rng, sampler: sampler) ?? 0
            }
        }
    }
}
