import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    /// The end-to-end architectures (catalog §3.5) by name.
    static func namedNetworks() throws -> [(String, ConvPoolStack)] {
        [("FAST_MAX", try ASVNetworks.fast(.max)), ("FAST_AVG", try ASVNetworks.fast(.average)),
         ("FAST_NOPOOL", try ASVNetworks.fast(nil)), ("BIG_MAX", try ASVNetworks.big(.max)),
         ("BIG_AVG", try ASVNetworks.big(.average)), ("STRIDE2_MAX", try ASVNetworks.strideTwoMax())]
    }

    static let forwardInitialization = Claim(
        id: "ASV-INIT-FWD", paper: Papers.asv, location: "§4.2, eq. (17)",
        statement: """
        With b^(ℓ) = 0 (σ²_b = 0) and q^(0) = 1, the ASV forward method σ²_{w^(ℓ)} = M'_ℓ/(τ_{ℓ−1} ε_ℓ) (17) keeps \
        q^(ℓ) = 1 for all layers (under the recursion (11)).
        """,
        assumptions: [
            "τ_0 = 1 for the raw input (no activation, no pooling) and τ = 1 for an identity layer without pooling (the paper leaves both undefined; catalog Q-ASV-1, Q-ASV-2)",
            "the six architectures of the end-to-end checks; τ_max by QAGIU on the density (12) and, as a second route, on the tail 1 − Φ^T",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for (name, stack) in try namedNetworks() {
            let variances = try ASVInitialization.forwardVariances(stack)
            let q = try VarianceRecursion.averagedForward(stack, weightVariances: variances)
            ctx.compare("\(name): max_ℓ |q^(ℓ) − 1| under (11) with (17)", route: .closedForm,
                        value: q.map { abs($0 - 1) }.max()!, error: Double(8 * q.count) * Double.ulpOfOne, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-12,
                        note: "σ² S_ℓ = \(zip(variances, stack.layers).map { $0 * Double($1.convolution.kernelLength) })")
            for (l, layer) in stack.layers.enumerated() where l > 0 && stack.layers[l - 1].poolSize > 1 && stack.layers[l - 1].pooling.kind == .max {
                let tail = try PoolingMoments.tauMaxByTailIntegral(poolSize: stack.layers[l - 1].poolSize)
                let alternative = Double(layer.convolutionCount) / (tail.value * Double(layer.connectionCount))
                ctx.compare("\(name), layer \(l + 1): σ² (17) with τ_max from the tail integral", route: .quadrature,
                            value: alternative, error: alternative * tail.absoluteError / tail.value, reference: variances[l],
                            referenceRoute: .quadrature, resolution: 1e-8 * variances[l])
            }
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
            "γ_max in closed form (15) and, as a second route, by QAGIU of ∫_0^∞ φ Φ^{T−1}",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for (name, stack) in try namedNetworks() {
            let variances = try ASVInitialization.backwardVariances(stack)
            let r = try VarianceRecursion.averagedBackward(stack, weightVariances: variances)
            let last = stack.layers.count - 1
            let halfGamma = Double(stack.layers[last].inputCount) / (0.5 * Double(stack.layers[last].connectionCount))
            ctx.compare("\(name): max_ℓ |r^(ℓ) − 1| under (14) with (18)", route: .closedForm,
                        value: r.map { abs($0 - 1) }.max()!, error: Double(8 * r.count) * Double.ulpOfOne, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-12,
                        note: "with the ReLU value γ_L = 1/2 at the identity output layer, σ²_L = \(halfGamma) = 2 × \(variances[last]) and r^(L−1) = 2")
            for (l, layer) in stack.layers.enumerated() where layer.poolSize > 1 && layer.pooling.kind == .max {
                let gamma = try PoolingMoments.gammaMaxByQuadrature(poolSize: layer.poolSize)
                let alternative = Double(layer.inputCount) / (gamma.value * Double(layer.connectionCount))
                ctx.compare("\(name), layer \(l + 1): σ² (18) with γ_max by QAGIU", route: .quadrature, value: alternative,
                            error: alternative * gamma.absoluteError / gamma.value, reference: variances[l],
                            referenceRoute: .closedForm, resolution: 1e-8 * variances[l])
            }
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
        let alpha = try ctx.reserveAlpha(1) / 2
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
