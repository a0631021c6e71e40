import Foundation
import GSL

/// Orlicz norms (Nachum et al., Definition 3, App. B; Vershynin 2018, §2.5, as
/// used in the pooling paper's App. A and B):
///
///     ‖X‖_ψp = inf{t > 0 : E ψ_p(|X|/t) ≤ 1},   ψ_p(x) = exp(x^p) − 1,
///
/// p = 2 sub-Gaussian, p = 1 sub-exponential: the root t of E exp((|X|/t)^p) = 2.
public enum OrliczNorm {
    /// The root t of `moment(t)` = E exp((|X|/t)^p) = 2 by Brent's method;
    /// `moment` decreases in t, and [lower, upper] must bracket the root
    /// (moment > 2 at lower, < 2 at upper, finite and continuous between).
    public static func solve(lower: Double, upper: Double, moment: (Double) throws -> Double) throws -> RootFinding.Root {
        try Require.positive(lower, "lower", in: "OrliczNorm.solve")
        return try RootFinding.brent({ t in try moment(t) - 2 }, lower: lower, upper: upper, absoluteTolerance: 1e-13,
                                     relativeTolerance: 1e-12)
    }

    /// E exp(g(Z)²/t²) for Z ~ N(0, 1), the ψ₂ moment of X = g(Z) (finite only if
    /// g grows slower than t|z|/√2), by QUADPACK over the whole line (QAGIL,
    /// QAG between 0 and g's kinks, QAGIU: near the critical t the integrand
    /// decays only exponentially, so the line is not truncated);
    /// exp(g²/t² − z²/2) is formed in one exponent, so it never overflows where
    /// it is integrable.
    public static func psi2Moment(_ g: @escaping (Double) throws -> Double, kinks: [Double] = [],
                                  at t: Double) throws -> IntegralResult {
        try Require.positive(t, "t", in: "OrliczNorm.psi2Moment")
        for k in kinks { try Require.finite(k, "kinks", in: "OrliczNorm.psi2Moment") }
        let points = Set(kinks + [0]).sorted()
        let logNormalizer = 0.5 * log(2 * Double.pi)
        let integrand: (Double) throws -> Double = { z in
            let x = try g(z)
            return exp(x * x / (t * t) - 0.5 * z * z - logNormalizer)
        }
        let tolerance = QuadratureTolerance(absolute: 0, relative: 1e-12)
        var total = try Integration.qagil(integrand, to: points[0], tolerance: tolerance)
            + Integration.qagiu(integrand, from: points[points.count - 1], tolerance: tolerance)
        for (a, b) in zip(points, points.dropFirst()) {
            total = total + (try Integration.qag(integrand, from: a, to: b, tolerance: tolerance))
        }
        return total
    }

    /// ‖g(Z)‖_ψ2, the root of E exp(g(Z)²/t²) = 2 in `bracket`. The moment can
    /// jump from +∞ to a finite value (for r(Z) − c it is finite exactly for
    /// t >= √2), so the bracket must lie where it is finite and continuous.
    public static func psi2(_ g: @escaping (Double) throws -> Double, kinks: [Double] = [],
                            bracket: ClosedRange<Double>) throws -> RootFinding.Root {
        try Require.positive(bracket.lowerBound, "bracket", in: "OrliczNorm.psi2")
        return try solve(lower: bracket.lowerBound, upper: bracket.upperBound) { t in
            try psi2Moment(g, kinks: kinks, at: t).value
        }
    }
}
