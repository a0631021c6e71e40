import Foundation
import GSL
import Randomness

/// Infinite-width layer-norm MLPs of the layer-norm paper, built from eq. (2.3) maps, with the conventions the
/// catalog recommends (Q-LN-2): layer 1 is the identity "embedding" φ_1 = id with σ_w² = 1 and
/// σ_b² = `embeddingBias` (0 unless stated, so P_1 = id), followed by `depth` non-linear layers.
public enum InfiniteWidthNetworks {
    /// (σ_b/σ_w)² at which erf is critical, ‖erf'‖² − ‖erf‖² = (2/π)(2/√5 − arctan(2/√5)) (App. B).
    public static let criticalErfRatio = 2 / Double.pi * (2 / 5.0.squareRoot() - atan(2 / 5.0.squareRoot()))

    /// The embedding and `depth` copies of one layer (φ, σ_w² = 1, σ_b² = `biasRatio`).
    public static func mlp(_ activation: Activation, depth: Int, biasRatio: Double = 0,
                           embeddingBias: Double = 0) throws -> CorrelationMapComposition {
        let layer = try LayerNormCorrelationMap(activation, weightVariance: 1, biasVariance: biasRatio)
        return try CorrelationMapComposition([try embedding(bias: embeddingBias)] + Array(repeating: layer, count: depth))
    }

    /// The identity embedding φ_1 = id with σ_w² = 1 and σ_b² = `bias`.
    public static func embedding(bias: Double) throws -> LayerNormCorrelationMap {
        try LayerNormCorrelationMap(.identity, weightVariance: 1, biasVariance: bias)
    }

    /// erf layers at the critical ratio `criticalErfRatio` after the embedding.
    public static func criticalErf(depth: Int) throws -> CorrelationMapComposition {
        try mlp(.erf(scale: 1), depth: depth, biasRatio: criticalErfRatio)
    }

    /// r_l = ‖φ_l − φ̄_l‖² / ‖φ_l'‖², the summand of Theorem 1 (0 for the linear embedding).
    public static func linearizationRatio(_ map: any CorrelationMap) -> Double {
        map.kernel.linearizationResidual / map.kernel.derivativeNormSquared
    }

    /// Σ_l r_l over the layers of a composition.
    public static func linearizationSum(_ network: CorrelationMapComposition) -> Double {
        network.maps.reduce(0) { $0 + linearizationRatio($1) }
    }

    /// Remark 2's constant C = ((1 − ρ̃_max)/2) Σ_l r_l of a composition (the lower bound on e(P̃_L∘…∘P̃_1) of (A.4)–(A.6)).
    public static func remarkTwoConstant(_ network: CorrelationMapComposition) -> Double {
        network.tildeMaxComplement / 2 * linearizationSum(network)
    }

    /// The activations the random networks draw from: every closed-form kernel family of App. B and |x|.
    public static let activationPool: [Activation] = [.relu, .leakyReLU(slope: 0.3), .leakyReLU(slope: -0.5), .erf(scale: 0.5),
                                               .erf(scale: 1), .erf(scale: 3), .absolute]

    /// A random heterogeneous network (catalog LN-T1-INF design): depth ~ U{1…24}, embedding σ_b² ~ U[0, 0.25],
    /// per layer φ from `activationPool`, σ_w² ~ U[0.2, 3], σ_b² ~ U[0, 1]².
    public static func randomNetwork(_ rng: inout Xoshiro256, maxDepth: Int = 24) throws -> CorrelationMapComposition {
        let depth = 1 + Int(rng.nextUniform() * Double(maxDepth))
        var maps: [any CorrelationMap] = [try embedding(bias: 0.25 * rng.nextUniform())]
        for _ in 0..<depth { maps.append(try randomLayer(&rng)) }
        return try CorrelationMapComposition(maps)
    }

    /// One random layer: φ from `activationPool`, σ_w² ~ U[0.2, 3], σ_b² ~ U[0, 1]².
    public static func randomLayer(_ rng: inout Xoshiro256) throws -> LayerNormCorrelationMap {
        let activation = activationPool[Int(rng.nextUniform() * Double(activationPool.count))]
        let u = rng.nextUniform()
        return try LayerNormCorrelationMap(activation, weightVariance: 0.2 + 2.8 * rng.nextUniform(), biasVariance: u * u)
    }

    /// The critical ratio (σ_b/σ_w)² where P'(1) = σ_w²‖φ'‖²/(σ_b² + σ_w²‖φ‖²) = 1, found by Brent's
    /// method on r ↦ P'(1; r) − 1 with the norms from QUADPACK. The root is ‖φ'‖² − ‖φ‖², so its error
    /// is the final bracket plus the two norms' quadrature errors.
    public static func criticalRatioByBrent(_ activation: Activation, bracket: ClosedRange<Double>) throws
        -> (root: RootFinding.Root, error: Double) {
        let kernel = try ActivationKernel(activation, route: .quadrature)
        let root = try RootFinding.brent({ r in
            (r + kernel.normSquared) > 0 ? kernel.derivativeNormSquared / (r + kernel.normSquared) - 1 : .infinity
        }, lower: bracket.lowerBound, upper: bracket.upperBound, absoluteTolerance: 1e-15)
        return (root, root.upper - root.lower + 2 * kernel.absoluteError)
    }

    /// 1 − ρ_max of the network truncated to its embedding and the first `depth` non-linear layers, for each depth.
    public static func spreadByDepth(_ network: CorrelationMapComposition, depths: [Int]) throws -> [Double] {
        try depths.map { depth in
            try CorrelationMapComposition(Array(network.maps.prefix(depth + 1))).maximalCorrelation().complement
        }
    }

    /// The counterexample to the combination line of App. A.1 (Theorem 1's proof): an embedding with σ_b² = σ_w² = 1 (P_1(ρ) = (1 + ρ)/2,
    /// so ρ̃_1 = 1/2 and P̃_1 = id) followed by φ = h_1 + h_2 without bias (𝔆 = ρ + ρ², ‖φ‖² = 2, ‖φ'‖² = 3).
    public static func quadraticCounterexample() throws -> CorrelationMapComposition {
        try CorrelationMapComposition([
            try LayerNormCorrelationMap(.identity, weightVariance: 1, biasVariance: 1),
            try LayerNormCorrelationMap(kernel: try HermitePolynomial(coefficients: [0, 1, 1]), weightVariance: 1, biasVariance: 0),
        ])
    }
}
