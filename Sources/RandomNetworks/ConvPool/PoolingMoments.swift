import Foundation
import GSL

/// Second moments of pooled ReLU units and of their derivatives (Adaptive
/// Signal Variances, §4.1 and App. B), for T i.i.d. N(0, 1) pre-activations in
/// a window (scale by q for N(0, q)).
public enum PoolingMoments {
    /// τ_max(T) = T ∫_0^∞ s² φ(s) Φ(s)^{T−1} ds = E[ReLU(max(u_1, …, u_T))²] for
    /// i.i.d. standard normal u_t (the ASV paper's eq. (12), from the density
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

    /// τ_avg(T) = (1/(2T)) (1 + (T − 1)/π) = E[((1/T) Σ_t ReLU(u_t))²] for i.i.d.
    /// standard normal u_t (eq. (13), (B.16)).
    public static func tauAverage(poolSize: Int) throws -> Double {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.tauAverage")
        let t = Double(poolSize)
        return (1 + (t - 1) / Double.pi) / (2 * t)
    }

    /// γ_max(T) = (2^T − 1)/(T 2^T) = E[(∂z/∂u_j)²] = Pr(u_j is the window's maximum and ≥ 0)
    /// for ReLU followed by max pooling of T i.i.d. units (eq. (15), (B.26)).
    public static func gammaMax(poolSize: Int) throws -> Double {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.gammaMax")
        return -expm1(-Double(poolSize) * log(2)) / Double(poolSize)
    }

    /// γ_avg(T) = 1/(2T²) = E[(∂z/∂u_j)²] for ReLU followed by average pooling (eq. (16), (B.28)).
    public static func gammaAverage(poolSize: Int) throws -> Double {
        try Require.atLeast(poolSize, 1, "poolSize", in: "PoolingMoments.gammaAverage")
        return 1 / (2 * Double(poolSize) * Double(poolSize))
    }

    /// τ_ℓ of eq. (12) (max) or (13) (average); T = 1 gives 1/2 for both.
    public static func tau(_ kind: PoolingKind, poolSize: Int) throws -> Double {
        switch kind {
        case .max: try tauMax(poolSize: poolSize).value
        case .average: try tauAverage(poolSize: poolSize)
        }
    }

    /// γ_ℓ of eq. (15) (max) or (16) (average); T = 1 gives 1/2 for both.
    public static func gamma(_ kind: PoolingKind, poolSize: Int) throws -> Double {
        switch kind {
        case .max: try gammaMax(poolSize: poolSize)
        case .average: try gammaAverage(poolSize: poolSize)
        }
    }
}
