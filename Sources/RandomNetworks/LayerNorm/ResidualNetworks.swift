/// Infinite-width residual networks of the layer-norm paper (§3, eq. (A.10)): compositions of residual
/// blocks, the sides of its Theorem 2, and the excess convexity of a cropped residual layer (App. A.2).
public enum ResidualNetworks {
    /// An infinite-width residual network of identical blocks (A.10), z^{(0)} = x.
    public static func network(_ kernel: any GaussianKernel, variance: Double, depth: Int) throws -> CorrelationMapComposition {
        let block = try ResidualCorrelationMap(kernel: kernel, residualVariance: variance)
        return try CorrelationMapComposition(Array(repeating: block, count: depth))
    }

    /// The two right-hand sides of Theorem 2: with ‖φ_l‖² in the denominator (statement) and ‖φ_l'‖² (end of A.2).
    public static func theoremTwoSides(_ network: CorrelationMapComposition) throws -> (lhs: Double, printed: Double, proof: Double) {
        let spread = try network.maximalCorrelation().complement
        var printed = 0.0, proof = 0.0
        for case let block as ResidualCorrelationMap in network.maps {
            let s2 = block.residualVariance, k = block.kernel
            printed += s2 * k.linearizationResidual / (1 + s2 * k.normSquared)
            proof += s2 * k.linearizationResidual / (1 + s2 * k.derivativeNormSquared)
        }
        return (network.slopeAtOne, spread * spread / 8 * printed, spread * spread / 8 * proof)
    }

    /// e(P̃) and e(g) of one residual layer cropped at ρ̃ (complement forms).
    public static func layerExcess(_ map: ResidualCorrelationMap, tilde: Double) throws
        -> (layer: ExcessConvexity.Value, g: ExcessConvexity.Value, p: Double, q: Double, a: Double) {
        let (p, q, a) = try map.residualDecomposition(oneMinusRhoTilde: 1 - tilde)
        let total = try map.complement(1 - tilde)
        let layer = try ExcessConvexity.ofComplement { s in try map.complement((1 - tilde) * s) / total }
        let g = try ConvexFamilies.croppedCovariance(map.kernel, r: tilde).excess()
        return (layer, g, p, q, a)
    }
}
