import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    static let forwardInitialization = Claim(
        id: "ASV-INIT-FWD", paper: Papers.asv, location: "§4.2, eq. (17)",
        statement: """
        With b^(ℓ) = 0 (σ²_b = 0) and q^(0) = 1, the ASV forward method σ²_{w^(ℓ)} = M'_ℓ/(τ_{ℓ−1} ε_ℓ) (17) keeps \
        q^(ℓ) = 1 for all layers (under the recursion (11)).
        """,
        assumptions: [
            "τ_0 = 1 for the raw input (no activation, no pooling) and τ = 1 for an identity layer without pooling (the paper leaves both undefined; catalog Q-ASV-1, Q-ASV-2)",
            "the six architectures of the end-to-end checks; σ² from ASVInitialization (ε from the closed form d d' Σn_w Σn_h, τ from PoolingMoments); the recursion (11) is run with ε_ℓ counted unit by unit (Σ_i |s(ℓ, i)|) and every τ_ℓ by quadrature (max: the tail 1 − Φ^T; average: the integrated moments of ReLU(u))",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for (name, stack) in try ASVNetworks.named() {
            let variances = try ASVInitialization.forwardVariances(stack)
            // (11) from q^(0) = 1, τ_0 = 1, with ε_ℓ counted unit by unit and τ_ℓ by quadrature.
            var q = 1.0, tau = IntegralResult(value: 1, absoluteError: 0), relativeError = 0.0, worst = 0.0
            for (l, layer) in stack.layers.enumerated() {
                q *= variances[l] * tau.value * Double(try ConnectionCounts.enumerated(layer)) / Double(layer.convolution.output.count)
                relativeError += tau.absoluteError / tau.value
                worst = max(worst, abs(q - 1))
                tau = try ASVInitialization.tauByQuadrature(layer)
            }
            ctx.compare("\(name): max_ℓ |q^(ℓ) − 1| under (11) with (17), ε_ℓ = Σ_i |s(ℓ, i)| enumerated, τ_ℓ by quadrature",
                        route: .quadrature, value: worst,
                        error: relativeError + Double(8 * stack.layers.count) * Double.ulpOfOne, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-8,
                        note: "σ² S_ℓ = \(zip(variances, stack.layers).map { $0 * Double($1.convolution.kernelLength) })")
        }
    }

    static let backwardInitialization = Claim(
        id: "ASV-INIT-BWD", paper: Papers.asv, location: "§4.2, eq. (18)",
        statement: """
        With r^(L) = 1, the ASV backward method σ²_{w^(ℓ)} = M_{ℓ−1}/(γ_ℓ ε_ℓ) (18) keeps r^(ℓ) = 1 for all layers \
        (under the recursion (14)).
        """,
        assumptions: [
            "the extraction prints the denominator as \"γ_{ℓ∈ℓ}\", read γ_ℓ ε_ℓ",
            "γ_L = 1 for the last layer (identity, no pooling; z^(L) = u^(L)); the paper gives no formula (catalog Q-ASV-2)",
            "σ² from ASVInitialization (closed-form ε and γ of (15), (16)); the recursion (14) is run with ε_ℓ counted unit by unit and every γ_ℓ by quadrature (max: ∫_0^∞ φ Φ^{T−1}; average: ∫_0^∞ φ / T²)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for (name, stack) in try ASVNetworks.named() {
            let variances = try ASVInitialization.backwardVariances(stack)
            // (14) from r^(L) = 1, with ε_ℓ counted unit by unit and γ_ℓ by quadrature.
            var r = 1.0, relativeError = 0.0, worst = 0.0
            for (l, layer) in stack.layers.enumerated().reversed() {
                let gamma = try ASVInitialization.gammaByQuadrature(layer)
                r *= variances[l] * gamma.value * Double(try ConnectionCounts.enumerated(layer)) / Double(layer.convolution.input.count)
                relativeError += gamma.absoluteError / gamma.value
                worst = max(worst, abs(r - 1))
            }
            let last = stack.layers.count - 1
            let halfGamma = Double(stack.layers[last].inputCount) / (0.5 * Double(stack.layers[last].connectionCount))
            ctx.compare("\(name): max_ℓ |r^(ℓ) − 1| under (14) with (18), ε_ℓ = Σ_i |s(ℓ, i)| enumerated, γ_ℓ by quadrature",
                        route: .quadrature, value: worst,
                        error: relativeError + Double(8 * stack.layers.count) * Double.ulpOfOne, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-8,
                        note: "with the ReLU value γ_L = 1/2 at the identity output layer, σ²_L = \(halfGamma) = 2 × \(variances[last]) and r^(L−1) = 2")
        }
    }

    static let xavier = Claim(
        id: "ASV-BG-XAVIER", paper: Papers.asv, location: "§1, third paragraph",
        statement: """
        Glorot et al. [5] (the Xavier method): the inverse of the variance parameter for the zero-mean normal should be \
        the average of the numbers of input units and output units for each layer, 1/σ² = (n_in + n_out)/2.
        """,
        assumptions: [
            "checked inside the ASV model, for Glorot's linear regime: a fully connected layer with the identity activation and no pooling, n_in = M_{ℓ−1} = 48 (a 4×4×3 map), n_out = M'_ℓ = 10",
            "with τ = γ = 1 (identity), (17) gives the forward-preserving 1/n_in and (18) the backward-preserving 1/n_out; Xavier's variance is their harmonic mean",
            "Monte Carlo: the forward gain E‖u‖²/M' over E z² = 1 is n_in σ², the backward gain E‖Δz‖²/M over E Δu² = 1 is n_out σ²",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let layer = try ConvPoolLayer.fullyConnected(input: FeatureMapShape(width: 4, height: 4, channels: 3), outputs: 10)
        let stack = try ConvPoolStack(layers: [layer])
        let forward = try ASVInitialization.forwardVariances(stack)[0], backward = try ASVInitialization.backwardVariances(stack)[0]
        let sigma2 = ASVInitialization.xavier(layer)
        let (nIn, nOut) = (Double(layer.inputCount), Double(layer.convolutionCount))
        ctx.compare("σ²_Xavier = 2/(n_in + n_out) against the harmonic mean of (17) and (18)", route: .closedForm,
                    value: sigma2, reference: 2 / (1 / forward + 1 / backward), referenceRoute: .closedForm, resolution: 1e-13,
                    note: "(17) = \(forward) = 1/n_in, (18) = \(backward) = 1/n_out")
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        let geometry = layer.convolution
        try ctx.estimateMean("forward gain n_in σ² = 2 n_in/(n_in + n_out)", region: .equal(nIn * sigma2), resolution: 0.01,
                             alpha: alpha, pilotSamples: 2000, chunkSize: 2048) { rng, count in
            try RunningMoments.of(count: count) {
                let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: sigma2, rng: &rng)
                return try conv(gaussianVector(geometry.input.count, &rng)).reduce(0) { $0 + $1 * $1 } / nOut
            }
        }
        try ctx.estimateMean("backward gain n_out σ² = 2 n_out/(n_in + n_out)", region: .equal(nOut * sigma2), resolution: 0.01,
                             alpha: alpha, pilotSamples: 2000, chunkSize: 2048) { rng, count in
            try RunningMoments.of(count: count) {
                let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: sigma2, rng: &rng)
                return try conv.backward(gaussianVector(geometry.output.count, &rng)).reduce(0) { $0 + $1 * $1 } / nIn
            }
        }
    }
}
