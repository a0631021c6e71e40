import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension LayerNormClaims {
    /// A finite-width network and its infinite-width composition, for the mean-field checks.
    struct MeanFieldSetting {
        let name: String
        let layers: [(Activation, Double, Double)] // (φ, σ_w², σ_b²), the embedding first
        let inputCosine: Double

        func network(width: Int) throws -> LayerNormMLP {
            try LayerNormMLP(inputWidth: width, layers: layers.map {
                try LayerNormLayer(width: width, activation: $0.0, weightVariance: $0.1, biasVariance: $0.2)
            })
        }

        func composition() throws -> CorrelationMapComposition {
            try CorrelationMapComposition(layers.map { try LayerNormCorrelationMap($0.0, weightVariance: $0.1, biasVariance: $0.2) })
        }
    }

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
            "Gaussian weights and biases; all layers of width N; the limit is checked as: the mean of ρ_L − f_L(ρ_0) lies within ±2/N (the O(1/N) finite-width bias) and the RMS deviation falls like N^{−1/2}",
            "exact pair sampler (rows i.i.d. given the previous layer) as the main route (N = 256), the full network (OpenBLAS, N = 64) as the second",
            "tanh's 𝔆 by nested QUADPACK",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let width = 256
        let alpha = try ctx.reserveAlpha(0.75) / Double(meanFieldSettings.count + 1)
        let sampler = NormalSampler()
        for setting in meanFieldSettings {
            let target = try setting.composition()(setting.inputCosine)
            let sized = try setting.network(width: width)
            let pair = try LayerNormMLP.inputPair(cosine: setting.inputCosine, width: width)
            try ctx.estimateMean("\(setting.name), ρ_0 = \(setting.inputCosine), N = \(width): ρ_L − f_L(ρ_0) (pair sampler)",
                                 region: .between(-2.0 / Double(width), 2.0 / Double(width)), resolution: 4e-3, alpha: alpha,
                                 pilotSamples: 200, chunkSize: 100) { rng, count in
                try RunningMoments.of(count: count) { try sized.sampledCorrelations(pair, rng: &rng, sampler: sampler).last! - target }
            }
        }
        let setting = meanFieldSettings[1]
        let small = 64
        let full = try setting.network(width: small)
        let pair = try LayerNormMLP.inputPair(cosine: setting.inputCosine, width: small)
        let target = try setting.composition()(setting.inputCosine)
        try ctx.estimateMean("\(setting.name), N = \(small): ρ_L − f_L(ρ_0) (full network, OpenBLAS)",
                             region: .between(-2.0 / Double(small), 2.0 / Double(small)), resolution: 0.03, alpha: alpha,
                             pilotSamples: 100, chunkSize: 25) { rng, count in
            let engine = try MonteCarloEngine(threads: 1)
            return try RunningMoments.of(count: count) {
                let z = try full.propagate(pair, stream: StreamSeed(root: rng.next()), engine: engine)
                return Vector.dot(z.column(0), z.column(1)) / Double(small) - target
            }
        }
        // The limit: RMS(ρ_L − f_L(ρ_0)) ∝ N^{−1/2}, critical ReLU, N = 64 … 4096.
        let relu = meanFieldSettings[0]
        let reluTarget = try relu.composition()(relu.inputCosine)
        try FiniteWidthNetworks.assertFluctuationSlope(
            ctx, "slope of log RMS(ρ_L − f_L(ρ_0)) on log N, \(relu.name)", widths: [64, 256, 1024, 4096],
            draws: ctx.budget == .quick ? 800 : 3000, alpha: try ctx.reserveAlpha(0.25)
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
            "φ̂_k in closed form (ReLU, LReLU_a, erf(βx), |x|); the series truncated at K terms differs from P by at most σ_w²/(σ_b² + σ_w²‖φ‖²) times the tail ‖φ‖² − Σ_{k≤K} φ̂_k²",
            "the first coefficients also by QUADPACK (E[φ h_k]), an independent route",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var series = WorstCase(.atMost)
        for (f, terms) in [(Activation.relu, 300), (.leakyReLU(slope: 0.3), 300), (.erf(scale: 1), 60), (.erf(scale: 2), 120), (.absolute, 300)] {
            for (weight, bias) in [(1.0, 0.0), (2.0, 0.3), (0.7, 1.0)] {
                let map = try LayerNormCorrelationMap(f, weightVariance: weight, biasVariance: bias)
                let kernel = map.kernel
                let coefficients = try (0...terms).map { try HermiteExpansion.closedFormCoefficient(f, order: $0)! }
                let tail = kernel.normSquared - coefficients.reduce(0) { $0 + $1 * $1 }
                for rho in [-0.8, 0, 0.4, 0.95] {
                    var sum = 0.0, power = rho
                    for k in 1...terms { sum += coefficients[k] * coefficients[k] * power; power *= rho }
                    let value = (bias + weight * coefficients[0] * coefficients[0]) / map.normalization + weight / map.normalization * sum
                    let exact = try map(rho)
                    series.add(abs(value - exact) - weight / map.normalization * abs(tail), error: 64 * Double.ulpOfOne,
                               "\(f), σ_w² = \(weight), σ_b² = \(bias), ρ = \(rho), K = \(terms)")
                }
            }
        }
        series.record(ctx, "|(2.4) truncated − (2.3)| − truncation bound ≤ 0", route: .closedForm, resolution: 1e-12)
        // Independent coefficients: QUADPACK's E[φ h_k] for k ≤ 6, and the remainder ‖φ‖² − Σ_{k≤6} φ̂_k² bounding the rest.
        var quadrature = WorstCase(.atMost)
        for f in [Activation.relu, .erf(scale: 1), .tanh] {
            let map = try LayerNormCorrelationMap(f, weightVariance: 1.5, biasVariance: 0.2)
            let coefficients = try (0...6).map { try HermiteExpansion.coefficient(f, order: $0) }
            let tail = map.kernel.normSquared - coefficients.reduce(0) { $0 + $1.value * $1.value }
            let coefficientError = coefficients.reduce(0) { $0 + 2 * abs($1.value) * $1.absoluteError } + map.kernel.absoluteError
            for rho in [-0.5, 0.5, 0.9] {
                var sum = 0.0, power = rho
                for k in 1...6 { sum += coefficients[k].value * coefficients[k].value * power; power *= rho }
                let value = (0.2 + 1.5 * coefficients[0].value * coefficients[0].value + 1.5 * sum) / map.normalization
                let exact = try map(rho)
                quadrature.add(abs(value - exact) - 1.5 * tail / map.normalization,
                               error: 1.5 * coefficientError / map.normalization, "\(f), ρ = \(rho)")
            }
        }
        quadrature.record(ctx, "QUADPACK coefficients k ≤ 6: |(2.4) truncated − (2.3)| − tail bound ≤ 0", route: .quadrature,
                          resolution: 1e-9)
    }
}
