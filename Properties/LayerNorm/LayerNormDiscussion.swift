import ClaimKit
import Foundation
import GSL
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
            "for every order, e(P̃_L∘…∘P̃_1) ≥ Σ_l e(P̃_l) ≥ max_l e(P̃_l) > 0 (no order cancels the convexity) and Theorem 1 holds",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let layers = try [(Activation.relu, 2.0, 0.0), (.erf(scale: 1), 1, 0.1), (.leakyReLU(slope: -0.5), 1.5, 0.05),
                          (.erf(scale: 3), 1, 0.2), (.absolute, 1, 0.1), (.erf(scale: 0.5), 2, 0)].map {
            try LayerNormCorrelationMap($0.0, weightVariance: $0.1, biasVariance: $0.2)
        }
        var rng = ctx.stream("orders").generator()
        var additive = WorstCase(.atLeast), dominant = WorstCase(.atLeast), theorem = WorstCase(.atLeast)
        for trial in 0..<(ctx.budget == .quick ? 24 : 120) {
            var order = layers
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.nextUniform() * Double(i + 1))) }
            let network = try CorrelationMapComposition([try InfiniteWidthNetworks.embedding(bias: 0)] + order)
            let total = try compositeExcess(network)
            let each = try (1...network.depth).map { try layerExcess(network, $0) }
            let sum = each.reduce(0) { $0 + $1.value }
            let label = "order \(trial): " + order.map { $0.kernel.description }.joined(separator: ", ")
            additive.add(total.value - sum, error: total.error + each.reduce(0) { $0 + $1.error }, label)
            dominant.add(sum - each.map(\.value).max()!, error: each.reduce(0) { $0 + $1.error }, label)
            let sides = try TheoremOneSides(network)
            theorem.add(sides.lhs / sides.rhs - 1, error: theoremRatioError(sides.lhs / sides.rhs), label)
        }
        additive.record(ctx, "e(P̃_L∘…∘P̃_1) − Σ_l e(P̃_l) ≥ 0 for every order", route: .rootFinding, resolution: 1e-9)
        dominant.record(ctx, "Σ_l e(P̃_l) − max_l e(P̃_l) ≥ 0 (every layer adds, none subtracts)", route: .rootFinding, resolution: 1e-9)
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
            "a plain erf MLP (no layer norm) with σ_w² = 2, σ_b² = 0.1 at its variance fixed point q* = σ_b² + σ_w² E[erf(√q* X)²]",
            "its correlation map c ↦ (σ_b² + σ_w² E[erf(√q* X) erf(√q* Y)])/q* (2-D Gauss–Hermite) against eq. (2.3) with the rescaled activation erf(√q* x) (closed form)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let (weight, bias) = (2.0, 0.1)
        func variance(_ q: Double) -> Double { bias + weight * 2 / Double.pi * asin(2 * q / (1 + 2 * q)) }
        let root = try RootFinding.brent({ variance($0) - $0 }, lower: 1e-3, upper: 10, relativeTolerance: 1e-15)
        var q = 1.0
        for _ in 0..<200 { q = variance(q) }
        ctx.compare("q*: Brent root vs the limit of q_l = σ_b² + σ_w² E[erf(√q_{l−1} X)²]", route: .rootFinding, value: root.value,
                    error: root.upper - root.lower, reference: q, referenceRoute: .closedForm, resolution: 1e-12)
        let scale = root.value.squareRoot()
        let inserted = try LayerNormCorrelationMap(.erf(scale: scale), weightVariance: weight, biasVariance: bias)
        let rule = try GaussHermiteRule(points: 100)
        let fine = try GaussHermiteRule(points: 150)
        for rho in [-0.9, -0.3, 0.2, 0.7, 0.95] {
            let plain = { (rule: GaussHermiteRule) throws -> Double in
                (bias + weight * (try rule.correlatedExpectation(rho: rho, { Erf.value(scale * $0) }, { Erf.value(scale * $0) }))) / root.value
            }
            let value = try plain(rule)
            ctx.compare("ρ = \(rho): plain MLP's correlation map at q* (Gauss–Hermite) vs LN map with erf(√q* x)", route: .quadrature,
                        value: value, error: abs(try plain(fine) - value) + 1e-12, reference: try inserted(rho),
                        referenceRoute: .closedForm, resolution: 1e-9)
        }
    }
}
