import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

/// Infinite-width layer-norm MLPs of the claims, built from eq. (2.3) maps, with the conventions the
/// catalog recommends (Q-LN-2): layer 1 is the identity "embedding" φ_1 = id with σ_w² = 1 and
/// σ_b² = `embeddingBias` (0 unless stated, so P_1 = id), followed by `depth` non-linear layers.
enum InfiniteWidthNetworks {
    /// (σ_b/σ_w)² at which erf is critical, ‖erf'‖² − ‖erf‖² = (2/π)(2/√5 − arctan(2/√5)) (App. B).
    static let criticalErfRatio = 2 / Double.pi * (2 / 5.0.squareRoot() - atan(2 / 5.0.squareRoot()))

    /// The embedding and `depth` copies of one layer (φ, σ_w² = 1, σ_b² = `biasRatio`).
    static func mlp(_ activation: Activation, depth: Int, biasRatio: Double = 0,
                    embeddingBias: Double = 0) throws -> CorrelationMapComposition {
        let layer = try LayerNormCorrelationMap(activation, weightVariance: 1, biasVariance: biasRatio)
        return try CorrelationMapComposition([try embedding(bias: embeddingBias)] + Array(repeating: layer, count: depth))
    }

    static func embedding(bias: Double) throws -> LayerNormCorrelationMap {
        try LayerNormCorrelationMap(.identity, weightVariance: 1, biasVariance: bias)
    }

    static func criticalErf(depth: Int) throws -> CorrelationMapComposition {
        try mlp(.erf(scale: 1), depth: depth, biasRatio: criticalErfRatio)
    }

    /// r_l = ‖φ_l − φ̄_l‖² / ‖φ_l'‖², the summand of Theorem 1 (0 for the linear embedding).
    static func linearizationRatio(_ map: any CorrelationMap) -> Double {
        map.kernel.linearizationResidual / map.kernel.derivativeNormSquared
    }

    /// Σ_l r_l over the layers of a composition.
    static func linearizationSum(_ network: CorrelationMapComposition) -> Double {
        network.maps.reduce(0) { $0 + linearizationRatio($1) }
    }

    /// Remark 2's constant C = ((1 − ρ̃_max)/2) Σ_l r_l of a composition (the lower bound on e(P̃_L∘…∘P̃_1) of (A.4)–(A.6)).
    static func remarkTwoConstant(_ network: CorrelationMapComposition) -> Double {
        network.tildeMaxComplement / 2 * linearizationSum(network)
    }

    /// The activations the random networks draw from: every closed-form kernel family of App. B and |x|.
    static let activationPool: [Activation] = [.relu, .leakyReLU(slope: 0.3), .leakyReLU(slope: -0.5), .erf(scale: 0.5),
                                               .erf(scale: 1), .erf(scale: 3), .absolute]

    /// A random heterogeneous network (catalog LN-T1-INF design): depth ~ U{1…24}, embedding σ_b² ~ U[0, 0.25],
    /// per layer φ from `activationPool`, σ_w² ~ U[0.2, 3], σ_b² ~ U[0, 1]².
    static func randomNetwork(_ rng: inout Xoshiro256, maxDepth: Int = 24) throws -> CorrelationMapComposition {
        let depth = 1 + Int(rng.nextUniform() * Double(maxDepth))
        var maps: [any CorrelationMap] = [try embedding(bias: 0.25 * rng.nextUniform())]
        for _ in 0..<depth { maps.append(try randomLayer(&rng)) }
        return try CorrelationMapComposition(maps)
    }

    /// One random layer: φ from `activationPool`, σ_w² ~ U[0.2, 3], σ_b² ~ U[0, 1]².
    static func randomLayer(_ rng: inout Xoshiro256) throws -> LayerNormCorrelationMap {
        let activation = activationPool[Int(rng.nextUniform() * Double(activationPool.count))]
        let u = rng.nextUniform()
        return try LayerNormCorrelationMap(activation, weightVariance: 0.2 + 2.8 * rng.nextUniform(), biasVariance: u * u)
    }

    /// `count` random networks from the claim's stream `label`.
    static func randomNetworks(_ ctx: ClaimContext, count: Int, label: String = "random networks") throws
        -> [CorrelationMapComposition] {
        var rng = ctx.stream(label).generator()
        return try (0..<count).map { _ in try randomNetwork(&rng) }
    }

    /// How many random networks a property test checks: 60 at the quick budget, 300 otherwise.
    static func propertyTestCount(_ ctx: ClaimContext) -> Int { ctx.budget == .quick ? 60 : 300 }
}
