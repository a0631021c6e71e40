import Foundation

/// Critical layer-norm layers (P'(1) = 1, §2.2 of the layer-norm paper) and the constants of their polynomial
/// approach to ρ = 1: 1 − ρ_l ~ constant / l^p.
public enum CriticalLayers {
    /// q(ε) = (1 − f_L(1 − ε))/ε of a composition extrapolated to ε → 0 (`Richardson.secantLimit`): f_L'(1),
    /// in powers of √ε when the maps have a ReLU-type kink (`kinked`).
    public static func secantLimit(_ network: CorrelationMapComposition, kinked: Bool, epsilon: Double) throws -> (value: Double, error: Double) {
        try Richardson.secantLimit({ try network.complements(startingAt: $0).last! }, kinked: kinked, epsilon: epsilon)
    }

    /// The ε^{3/2} coefficient of 1 − P(1 − ε) = ε − c ε^{3/2} + … for a critical LReLU_a layer (σ_b = 0):
    /// c = (2√2/(3π)) (1 − a)²/(1 + a²), from 1 − R̂(1 − ε) = ε − (2√2/(3π)) ε^{3/2} + O(ε^{5/2}).
    public static func kinkCoefficient(slope a: Double) -> Double {
        2 * 2.0.squareRoot() / (3 * Double.pi) * (1 - a) * (1 - a) / (1 + a * a)
    }

    /// P''(1) for an erf(βx) layer: σ_w² ∂_ρ𝔆[erf(β·)'|ρ] at 1 over σ_b² + σ_w²‖φ‖², with
    /// ∂_ρ 𝔆[φ'|ρ] = (4β²/π) 4β⁴ρ ((1 + 2β²)² − 4β⁴ρ²)^{−3/2}.
    public static func erfCurvatureAtOne(_ map: LayerNormCorrelationMap, scale beta: Double) -> Double {
        let b2 = beta * beta
        let kernel = 4 * b2 / Double.pi * 4 * b2 * b2 * pow((1 + 2 * b2) * (1 + 2 * b2) - 4 * b2 * b2, -1.5)
        return map.weightVariance * kernel / map.normalization
    }

    /// Critical layers (ReLU, LReLU_0.1, LReLU_0.5 without bias; erf at the critical ratio) with their exponent p
    /// and derived constant lim l^p (1 − ρ_l): 4/c² with p = 2 for the kinked maps, 2/P''(1) with p = 1 for erf.
    public static func settings() throws -> [(String, LayerNormCorrelationMap, Double, Double)] {
        var settings: [(String, LayerNormCorrelationMap, Double, Double)] = []
        for a in [0.0, 0.1, 0.5] {
            let c = kinkCoefficient(slope: a)
            settings.append((a == 0 ? "ReLU" : "LReLU_\(a)", try LayerNormCorrelationMap(.leakyReLU(slope: a)), 2, 4 / (c * c)))
        }
        let erf = try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: InfiniteWidthNetworks.criticalErfRatio)
        settings.append(("critical erf", erf, 1, 2 / erfCurvatureAtOne(erf, scale: 1)))
        return settings
    }
}
