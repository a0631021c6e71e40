import GSL
import Randomness

/// Standard bivariate normal pairs (X, Y) with correlation ρ, drawn as
/// Y = ρX + sqrt(1 - ρ²)Z: the inputs of every Gaussian covariance 𝔆[f|ρ]
/// (layer-norm paper §2.1) and of the dual activation of Nachum et al. eq. (6).
public enum CorrelatedGaussianPairs {
    /// Fills `buffer` with scale · f(X_i) f(Y_i) over independent pairs: the
    /// Monte Carlo summands of scale · 𝔆[f|ρ]. ReLU, the hot case, has its own loop.
    @inlinable
    public static func fillProducts(_ buffer: UnsafeMutableBufferPointer<Double>, activation f: Activation, rho: Double,
                                    scale: Double = 1, rng: inout Xoshiro256, sampler: NormalSampler) throws {
        try Require.within(rho, -1...1, "rho", in: "CorrelatedGaussianPairs.fillProducts")
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        if case .relu = f {
            for i in buffer.indices {
                let x = sampler.next(using: &rng)
                let y = rho * x + s * sampler.next(using: &rng)
                buffer[i] = scale * max(0, x) * max(0, y)
            }
        } else {
            for i in buffer.indices {
                let x = sampler.next(using: &rng)
                let y = rho * x + s * sampler.next(using: &rng)
                buffer[i] = scale * f(x) * f(y)
            }
        }
    }
}
