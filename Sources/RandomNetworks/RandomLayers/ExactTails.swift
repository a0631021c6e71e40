import Foundation
import GSL

/// Exact tail probabilities of random-layer statistics in Nachum et al.'s setting: the references for their
/// concentration statements (Theorem 2, the linear FNN of §3).
public enum ExactTails {
    /// P(|ρ_out| ≥ ε) at ρ_in = 0 for a linear dense layer of width N with Gaussian weights: 2 I_{(1−ε)/2}((N−1)/2, (N−1)/2).
    public static func linearLayerCosine(width: Int, epsilon: Double) throws -> Double {
        let a = Double(width - 1) / 2
        return 2 * (try Distributions.betaCDF((1 - epsilon) / 2, a: a, b: a))
    }

    /// P(|(1/N)Σ_ℓ‖R(F_ℓ*x₀)‖² − 4.5| ≥ ε) for x₀ ≡ 1/8 (n = 8, r = 3, ν = 1), exactly: F*x₀ ≡ ΣF/8 with
    /// ΣF ~ N(0, 9), so ‖R(F*x₀)‖² = max(0, ΣF)² = 9 max(0, Z)², Σσ̂ = 4.5 (eq. (8)), and the sum over N filters is
    /// 9χ²_K with K ~ Binomial(N, 1/2) non-zero terms; the binomial mixture of χ² tails is summed term by term.
    public static func reluConstantImage(filters count: Int, epsilon: Double) throws -> IntegralResult {
        let (high, low) = (Double(count) * (4.5 + epsilon) / 9, Double(count) * (4.5 - epsilon) / 9)
        var total = 0.0
        for k in 0...count {
            let weight = exp(lgamma(Double(count + 1)) - lgamma(Double(k + 1)) - lgamma(Double(count - k + 1))
                             - Double(count) * log(2.0))
            let tail = k == 0 ? 1 : (try Distributions.chiSquaredUpperTail(high, dof: Double(k)))
                + 1 - (try Distributions.chiSquaredUpperTail(low, dof: Double(k)))
            total += weight * tail
        }
        return IntegralResult(value: total, absoluteError: 16 * Double(count + 1) * Double.ulpOfOne)
    }
}
