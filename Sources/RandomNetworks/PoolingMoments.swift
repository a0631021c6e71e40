import Foundation
import GSL

/// Second moments of pooled ReLU units (Adaptive Signal Variances, §5 and App. B).
public enum PoolingMoments {
    /// τ_max(T) = T ∫_0^∞ s² φ(s) Φ(s)^{T−1} ds = E[ReLU(max(u_1, …, u_T))²] for
    /// i.i.d. standard normal u_t (the ASV paper's eq. (13), from the density
    /// T φ Φ^{T−1} of the maximum, Lemma 1), by QUADPACK (QAGIU).
    public static func tauMax(poolSize: Int, tolerance: QuadratureTolerance = .init(absolute: 0, relative: 1e-10))
        throws -> IntegralResult {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.tauMax")
        let power = Double(poolSize - 1)
        let integral = try Integration.qagiu({ s in
            s * s * Distributions.normalPDF(s) * pow(Distributions.normalCDF(s), power)
        }, from: 0, tolerance: tolerance)
        let t = Double(poolSize)
        return IntegralResult(value: t * integral.value, absoluteError: t * integral.absoluteError)
    }
}
