/// The two sides of the layer-norm paper's Theorem 1 for an infinite-width network (the LHS in the kernel form of
/// Remark 4), and the intermediate right side of its proof (App. A.1).
public struct TheoremOneSides: Sendable {
    /// (f_L)'(1) = ∏ P_l'(1), the kernel form of ‖J‖²_op (Remark 4).
    public let lhs: Double
    /// 1 − ρ_max.
    public let spread: Double
    /// 1 − ρ̃_max.
    public let tildeSpread: Double
    /// Σ_l ‖φ_l − φ̄_l‖²/‖φ_l'‖².
    public let sum: Double

    /// The sides for `network` (ρ_max by a 201-point scan and golden section).
    public init(_ network: CorrelationMapComposition) throws {
        lhs = network.slopeAtOne
        spread = try network.maximalCorrelation().complement
        tildeSpread = network.tildeMaxComplement
        sum = InfiniteWidthNetworks.linearizationSum(network)
    }

    /// (1 − ρ_max)²/8 Σ r_l.
    public var rhs: Double { spread * spread / 8 * sum }
    /// (1 − ρ̃_max)²/2 Σ r_l, the intermediate form of the proof.
    public var tildeRHS: Double { tildeSpread * tildeSpread / 2 * sum }
}

extension CorrelationMapComposition {
    /// e(P̃_l), the excess convexity of the crop of layer `layer` (complement form; (A.6) of the layer-norm paper).
    public func layerExcess(_ layer: Int) throws -> ExcessConvexity.Value {
        try ExcessConvexity.ofComplement { try croppedComplement(layer: layer, $0) }
    }

    /// e(P̃_L ∘ … ∘ P̃_1), the excess convexity of the composed crops (complement form; (A.4)–(A.5)).
    public func compositeExcess() throws -> ExcessConvexity.Value {
        try ExcessConvexity.ofComplement { try croppedCompositeComplement($0) }
    }

    /// f_L(t) − (ρ̃_L + (1 − ρ̃_L)B_C(t)) in complement form, ε̃_L (1 − B_C(t)) − ε_L(1 − t): how far the
    /// composition rises above Remark 2's bound with excess `c` at t (≤ 0 where the bound holds).
    public func remarkTwoViolation(excess c: Double, at t: Double) throws -> Double {
        let tilde = tildeComplements.last!
        return tilde * (1 - (try ExcessConvexity.bound(excess: c, at: t))) - (try complements(startingAt: 1 - t).last!)
    }
}
