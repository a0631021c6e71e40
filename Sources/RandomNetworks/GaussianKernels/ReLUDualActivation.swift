import Foundation
import GSL

/// The dual activation of the ReLU (Cho & Saul 2009; Daniely et al. 2016):
///
///     R̂(ρ) = (sqrt(1 - ρ²) + (π - arccos ρ) ρ) / π = E[R(X) R(Y)] / ν_R²,  ν_R² = 1/2,
///
/// Nachum et al. eq. (2) and the formula after eq. (6); the pooling paper's r̂
/// (§1). Written with the complementary angle φ = π - arccos ρ, for which
/// R̂ = (sin φ - φ cos φ)/π: φ is computed as 2 asin(sqrt((1 + ρ)/2)) near
/// ρ = -1 and the numerator by its Taylor series when φ is small, so R̂ keeps
/// full relative accuracy where it is tiny (R̂(-1 + ε) ≈ (2√2/(3π)) ε^{3/2}).
public enum ReLUDualActivation {
    /// φ = π - arccos ρ = arccos(-ρ), accurate near both ends.
    public static func complementaryAngle(_ rho: Double) throws -> Double {
        try validate(rho, "complementaryAngle")
        return rho < -0.5 ? 2 * asin(((1 + rho) / 2).squareRoot()) : Double.pi - acos(rho)
    }

    /// R̂(ρ) for ρ in [-1, 1].
    public static func value(_ rho: Double) throws -> Double {
        let phi = try complementaryAngle(rho)
        if phi < 0.6 { return smallAngleNumerator(phi) / Double.pi }
        return (((1 - rho) * (1 + rho)).squareRoot() + phi * rho) / Double.pi
    }

    /// R̂'(ρ) = 1 - arccos(ρ)/π = φ/π.
    public static func derivative(_ rho: Double) throws -> Double {
        try complementaryAngle(rho) / Double.pi
    }

    /// R̂''(ρ) = 1 / (π sqrt(1 - ρ²)); +∞ at ρ = ±1.
    public static func secondDerivative(_ rho: Double) throws -> Double {
        try validate(rho, "secondDerivative")
        return 1 / (Double.pi * ((1 - rho) * (1 + rho)).squareRoot())
    }

    /// sin φ - φ cos φ = Σ_{k>=1} (-1)^{k+1} 2k φ^{2k+1} / (2k+1)!, summed until
    /// the terms no longer change the sum (converges fast for φ < 0.6).
    static func smallAngleNumerator(_ phi: Double) -> Double {
        let phi2 = phi * phi
        var power = phi * phi2 // φ^{2k+1} at k = 1
        var factorial = 6.0 // (2k+1)! at k = 1
        var sum = 0.0
        var sign = 1.0
        for k in 1...30 {
            let term = sign * 2 * Double(k) * power / factorial
            let next = sum + term
            if next == sum { break }
            sum = next
            power *= phi2
            factorial *= Double((2 * k + 2) * (2 * k + 3))
            sign = -sign
        }
        return sum
    }

    private static func validate(_ rho: Double, _ function: String) throws {
        try Require.finite(rho, "rho", in: "ReLUDualActivation.\(function)")
        try Require.within(rho, -1...1, "rho", in: "ReLUDualActivation.\(function)")
    }
}
