import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let mixingActivations = Claim(
        id: "LN-DISC-MIX", paper: Papers.layernorm, location: "§5.2, first paragraph",
        statement: """
        To avoid representation shrinkage we need to break the convexity of the P-functions. Mixing activation functions \
        cannot completely cancel out each other's undesirable behaviour, because each one only "adds convexity".
        """,
        assumptions: [
            "proxy in infinite width: six layers (ReLU, erf, LReLU_−0.5, erf(3x), |x|, erf(0.5x)) after an identity embedding, in random orders",
            "for every order, e(P̃_L∘…∘P̃_1) ≥ Σ_l e(P̃_l) (no order cancels the convexity; each e(P̃_l) > 0 is LN-EC-P2) and Theorem 1 holds",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let layers = try [(Activation.relu, 2.0, 0.0), (.erf(scale: 1), 1, 0.1), (.leakyReLU(slope: -0.5), 1.5, 0.05),
                          (.erf(scale: 3), 1, 0.2), (.absolute, 1, 0.1), (.erf(scale: 0.5), 2, 0)].map {
            try LayerNormCorrelationMap($0.0, weightVariance: $0.1, biasVariance: $0.2)
        }
        var rng = ctx.stream("orders").generator()
        var additive = WorstCase(.atLeast), theorem = WorstCase(.atLeast)
        for trial in 0..<ctx.scope(quick: 24, full: 120) {
            var order = layers
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.nextUniform() * Double(i + 1))) }
            let network = try CorrelationMapComposition([try InfiniteWidthNetworks.embedding(bias: 0)] + order)
            let total = try network.compositeExcess()
            let each = try (1...network.depth).map { try network.layerExcess($0) }
            let sum = each.reduce(0) { $0 + $1.value }
            let label = "order \(trial): " + order.map { $0.kernel.description }.joined(separator: ", ")
            additive.add(total.value - sum, error: total.error + each.reduce(0) { $0 + $1.error }, label)
            let sides = try TheoremOneSides(network)
            theorem.add(sides.lhs / sides.rhs - 1, error: theoremRatioError(sides.lhs / sides.rhs), label)
        }
        additive.record(ctx, "e(P̃_L∘…∘P̃_1) − Σ_l e(P̃_l) ≥ 0 for every order", route: .rootFinding, resolution: 1e-9)
        theorem.record(ctx, "Theorem 1 (kernel form) for every order: ∏P'(1)/RHS − 1 ≥ 0", route: .closedForm, resolution: 1e-6)
    }

    static let layerNormInsertion = Claim(
        id: "LN-DISC-LNINSERT", paper: Papers.layernorm, location: "§5.1, fifth paragraph",
        statement: """
        Assuming all affine layers are followed by layer normalization does not restrict generality: in a network in which a \
        pointwise nonlinearity follows an affine map, we can insert layer normalization between them and rescale the \
        activation function by the average norm of preactivations (known from Poole et al. for networks without layer norm).
        """,
        assumptions: [
            "a plain erf MLP (no layer norm, Poole et al.): an embedding y^{(1)} = √q_0 N^{−1/2} W x (‖x‖² = N, q_0 = 3, away from the fixed point q*), then L = 6 layers y^{(l)} = N^{−1/2} W erf(y^{(l−1)}) + b with σ_w² = 2, σ_b² = 0.1, at width N = 256 (exact pair sampler)",
            "its preactivations' mean square follows q_l = σ_b² + σ_w² ‖erf(√q_{l−1} ·)‖²; the layer-norm network inserts the layer norm and uses erf(√q_{l−1} x) at layer l: the plain network's cosine of y^{(L)} must match the layer-norm composition of eq. (2.3) within ±1/N",
            "sensitivity: the layer-norm composition without the rescaling (erf(x) at every layer) is at least 4/N away",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let (weight, bias, q0, depth, width, rho) = (2.0, 0.1, 3.0, 6, 256, 0.2)
        var q = q0
        var rescaled: [any CorrelationMap] = [try InfiniteWidthNetworks.embedding(bias: 0)]
        for _ in 1...depth {
            let map = try LayerNormCorrelationMap(.erf(scale: q.squareRoot()), weightVariance: weight, biasVariance: bias)
            rescaled.append(map)
            q = map.normalization // σ_b² + σ_w² ‖erf(√q_{l−1} ·)‖² = q_l
        }
        let target = try CorrelationMapComposition(rescaled)(rho)
        let unscaled = try CorrelationMapComposition([try InfiniteWidthNetworks.embedding(bias: 0)] + Array(
            repeating: try LayerNormCorrelationMap(.erf(scale: 1), weightVariance: weight, biasVariance: bias), count: depth))(rho)
        ctx.bound("sensitivity: |f_L without rescaling − f_L with erf(√q_{l−1} x)| = |\(unscaled) − \(target)| ≥ 4/N",
                  route: .closedForm, value: abs(unscaled - target), error: 1e-12, region: .atLeast(4 / Double(width)),
                  resolution: 1e-9)
        let plain = try LayerNormMLP(inputWidth: width, layers: [try LayerNormLayer(width: width, activation: .identity, weightVariance: q0)]
            + Array(repeating: try LayerNormLayer(width: width, activation: .erf(scale: 1), weightVariance: weight, biasVariance: bias),
                    count: depth))
        let pair = try LayerNormMLP.inputPair(cosine: rho, width: width)
        let sampler = NormalSampler()
        try MeanFieldChecks.assertLimit(
            ctx, "plain erf MLP, q_0 = \(q0), ρ_0 = \(rho), N = \(width), L = \(depth): cos(y_α^{(L)}, y_β^{(L)}) − LN composition with erf(√q_{l−1} x)",
            width: width, alpha: try ctx.reserveAlpha(1)
        ) { rng in try plain.sampledCorrelations(pair, rng: &rng, sampler: sampler, layerNorm: false).last! - target }
    }
}
