import Foundation

/// Closed forms for symmetric 3 × 3 matrices.
public enum SymmetricMatrix3 {
    /// The largest eigenvalue of the symmetric 3 x 3 matrix [[a, d, e], [d, b, f], [e, f, c]] by the
    /// trigonometric solution of its characteristic cubic (Smith 1961).
    public static func largestEigenvalue(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) -> Double {
        let p1 = d * d + e * e + f * f
        let q = (a + b + c) / 3
        let p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * p1
        let p = (p2 / 6).squareRoot()
        guard p > 0 else { return max(a, b, c) }
        let (ba, bb, bc) = ((a - q) / p, (b - q) / p, (c - q) / p)
        let (bd, be, bf) = (d / p, e / p, f / p)
        let determinant = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be)
        let phi = acos(min(1, max(-1, determinant / 2))) / 3
        return q + 2 * p * cos(phi)
    }
}
