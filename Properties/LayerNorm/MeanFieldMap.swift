import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let meanFieldSettings: [MeanFieldSetting] = [
        MeanFieldSetting(name: "critical ReLU, L = 5", layers: [(.identity, 1, 0)] + Array(repeating: (.relu, 2, 0), count: 5),
                         inputCosine: 0.5),
        MeanFieldSetting(name: "critical erf, L = 10", layers: [(.identity, 1, 0)]
                         + Array(repeating: (.erf(scale: 1), 1, InfiniteWidthNetworks.criticalErfRatio), count: 10), inputCosine: 0),
        MeanFieldSetting(name: "embedding with bias, tanh, L = 4",
                         layers: [(.identity, 1, 0.3)] + Array(repeating: (.tanh, 1.5, 0.1), count: 4), inputCosine: -0.5),
    ]

    static let meanFieldMap = Claim(
        id: "LN-MF-P", paper: Papers.layernorm, location: "§2.2, eq. (2.3)",
        statement: """
        When the widths are very large (N_l → ∞), with x_α fixed and independent parameters, by the law of large numbers \
        the correlation changes as ρ_l = P_l(ρ_{l−1}) = (σ_b² + σ_w² 𝔆[φ|ρ_{l−1}])/(σ_b² + σ_w² 𝔆[φ|1]).
        """,
        assumptions: [
            "Gaussian weights and biases; all layers of width N; the limit is checked as: the mean of ρ_L − f_L(ρ_0) lies within ±1/N (the O(1/N) finite-width bias, twice the catalog's largest |N·bias| ≈ 0.45; resolution 1/N) and the RMS deviation falls like N^{−1/2}",
            "exact pair sampler (rows i.i.d. given the previous layer) as the main route (N = 256), the full network (OpenBLAS, N = 64) as the second",
            "tanh's 𝔆 by nested QUADPACK",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let width = 256
        let alpha = try ctx.reserveAlpha(0.75, splitOver: meanFieldSettings.count + 1)
        let sampler = NormalSampler()
        for setting in meanFieldSettings {
            let target = try setting.composition()(setting.inputCosine)
            let sized = try setting.network(width: width)
            let pair = try LayerNormMLP.inputPair(cosine: setting.inputCosine, width: width)
            try MeanFieldChecks.assertLimit(
                ctx, "\(setting.name), ρ_0 = \(setting.inputCosine), N = \(width): ρ_L − f_L(ρ_0) (pair sampler)", width: width, alpha: alpha
            ) { rng in try sized.sampledCorrelations(pair, rng: &rng, sampler: sampler).last! - target }
        }
        let setting = meanFieldSettings[1]
        let small = 64
        let full = try setting.network(width: small)
        let pair = try LayerNormMLP.inputPair(cosine: setting.inputCosine, width: small)
        let target = try setting.composition()(setting.inputCosine)
        let engine = try MonteCarloEngine(threads: 1)
        try MeanFieldChecks.assertLimit(ctx, "\(setting.name), N = \(small): ρ_L − f_L(ρ_0) (full network, OpenBLAS)",
                                        width: small, alpha: alpha, pilotSamples: 100, chunkSize: 25) { rng in
            let z = try full.propagate(pair, stream: StreamSeed(root: rng.next()), engine: engine)
            return Vector.dot(z.column(0), z.column(1)) / Double(small) - target
        }
        // The limit: RMS(ρ_L − f_L(ρ_0)) ∝ N^{−1/2}, critical ReLU, N = 64 … 4096.
        let relu = meanFieldSettings[0]
        let reluTarget = try relu.composition()(relu.inputCosine)
        try MeanFieldChecks.assertFluctuationSlope(
            ctx, "slope of log RMS(ρ_L − f_L(ρ_0)) on log N, \(relu.name)", widths: [64, 256, 1024, 4096],
            alpha: try ctx.reserveAlpha(0.25)
        ) { n in
            let network = try relu.network(width: n)
            let pair = try LayerNormMLP.inputPair(cosine: relu.inputCosine, width: n)
            return { rng in try network.sampledCorrelations(pair, rng: &rng, sampler: sampler).last! - reluTarget }
        }
    }

    static let meanFieldHermiteSeries = Claim(
        id: "LN-MF-PHERM", paper: Papers.layernorm, location: "§2.2, eq. (2.4)",
        statement: """
        P(ρ) = (σ_b² + σ_w² φ̂_0²)/(σ_b² + σ_w² ‖φ‖²) + σ_w²/(σ_b² + σ_w² ‖φ‖²) Σ_{k≥1} φ̂_k² ρ^k.
        """,
        assumptions: [
            "φ̂_k in closed form (ReLU, LReLU_a, erf(βx), |x|); the series truncated at K terms differs from P by at most σ_w²/(σ_b² + σ_w²‖φ‖²) times an independent bound T_K on the tail Σ_{k>K} φ̂_k² (from the Taylor series of the closed-form 𝔆, see HermiteExpansion.mehlerTailBound)",
            "the tail ‖φ‖² − Σ_{k≤K} φ̂_k² of the tested coefficients is checked on its own: ≥ 0 (no coefficient too large) and ≤ T_K (none too small)",
            "the first coefficients also by QUADPACK (E[φ h_k], k ≤ 6), an independent route, for ReLU, erf, LReLU_0.3",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var series = WorstCase(.atMost), tails = WorstCase(.atLeast), bounded = WorstCase(.atLeast)
        for (f, terms) in [(Activation.relu, 300), (.leakyReLU(slope: 0.3), 300), (.erf(scale: 1), 60), (.erf(scale: 2), 120), (.absolute, 300)] {
            let bound = try HermiteExpansion.mehlerTailBound(f, terms: terms)!
            let kernel = try ActivationKernel(f)
            let coefficients = try (0...terms).map { try HermiteExpansion.closedFormCoefficient(f, order: $0)! }
            // A sum of K + 1 rounded O(1) squares against a closed-form norm.
            let tailError = Double(terms + 2) * 4 * Double.ulpOfOne
            let tail = kernel.normSquared - coefficients.reduce(0) { $0 + $1 * $1 }
            tails.add(tail, error: tailError, "\(f), K = \(terms)")
            bounded.add(bound - tail, error: tailError, "\(f), K = \(terms), T_K = \(bound)")
            for (weight, bias) in [(1.0, 0.0), (2.0, 0.3), (0.7, 1.0)] {
                let map = try LayerNormCorrelationMap(f, weightVariance: weight, biasVariance: bias)
                for rho in [-0.8, 0, 0.4, 0.95] {
                    var sum = 0.0, power = rho
                    for k in 1...terms { sum += coefficients[k] * coefficients[k] * power; power *= rho }
                    let value = (bias + weight * coefficients[0] * coefficients[0]) / map.normalization + weight / map.normalization * sum
                    let exact = try map(rho)
                    series.add(abs(value - exact) - weight / map.normalization * bound, error: tailError,
                               "\(f), σ_w² = \(weight), σ_b² = \(bias), ρ = \(rho), K = \(terms)")
                }
            }
        }
        series.record(ctx, "|(2.4) truncated − (2.3)| − σ_w²/(σ_b² + σ_w²‖φ‖²) T_K ≤ 0", route: .closedForm, resolution: 1e-12)
        tails.record(ctx, "‖φ‖² − Σ_{k≤K} φ̂_k² ≥ 0 (closed-form coefficients)", route: .closedForm, resolution: 1e-12)
        bounded.record(ctx, "T_K − (‖φ‖² − Σ_{k≤K} φ̂_k²) ≥ 0 (independent tail bound)", route: .closedForm, resolution: 1e-12)
        // Independent coefficients: QUADPACK's E[φ h_k] for k ≤ 6, the rest bounded by T_6.
        var quadrature = WorstCase(.atMost)
        for f in [Activation.relu, .erf(scale: 1), .leakyReLU(slope: 0.3)] {
            let map = try LayerNormCorrelationMap(f, weightVariance: 1.5, biasVariance: 0.2)
            let coefficients = try (0...6).map { try HermiteExpansion.coefficient(f, order: $0) }
            let bound = try HermiteExpansion.mehlerTailBound(f, terms: 6)!
            let coefficientError = coefficients.reduce(0) { $0 + 2 * abs($1.value) * $1.absoluteError } + map.kernel.absoluteError
            for rho in [-0.5, 0.5, 0.9] {
                var sum = 0.0, power = rho
                for k in 1...6 { sum += coefficients[k].value * coefficients[k].value * power; power *= rho }
                let value = (0.2 + 1.5 * coefficients[0].value * coefficients[0].value + 1.5 * sum) / map.normalization
                let exact = try map(rho)
                quadrature.add(abs(value - exact) - 1.5 * bound / map.normalization,
                               error: 1.5 * coefficientError / map.normalization, "\(f), ρ = \(rho), T_6 = \(bound)")
            }
        }
        quadrature.record(ctx, "QUADPACK coefficients k ≤ 6: |(2.4) truncated − (2.3)| − σ_w² T_6/(σ_b² + σ_w²‖φ‖²) ≤ 0",
                          route: .quadrature, resolution: 1e-9)
    }
}
