import Foundation
import GSL

/// The Orlicz norm of Nachum et al., Definition 3 (App. B):
/// ‖X‖_ψ = inf{t > 0 : E ψ(|X|/t) ≤ 1}, with ψ_p(x) = exp(x^p) − 1 (sub-Gaussian: p = 2, sub-exponential: p = 1).
public enum OrliczNorm {
    /// The root t of E exp((|X|/t)^p) = 2 by Brent's method, given `moment(t)` = E exp((|X|/t)^p), which is
    /// decreasing in t; [lower, upper] must bracket the root (moment > 2 at lower, < 2 at upper).
    public static func solve(lower: Double, upper: Double, moment: (Double) throws -> Double) throws -> RootFinding.Root {
        try RootFinding.brent({ t in try moment(t) - 2 }, lower: lower, upper: upper, absoluteTolerance: 1e-13,
                              relativeTolerance: 1e-12)
    }

    /// E exp(g(Z)²/t²) for Z ~ N(0, 1) by QUADPACK (the ψ₂ moment of g(Z)); requires t² > 2 sup g²/z² for integrability.
    public static func subGaussianMoment(_ g: @escaping (Double) -> Double, kinks: [Double] = [], t: Double) throws -> Double {
        try Require.positive(t, "t", in: "OrliczNorm.subGaussianMoment")
        return try Integration.gaussianExpectation({ z in exp(g(z) * g(z) / (t * t)) }, kinks: kinks,
                                                   tolerance: QuadratureTolerance(absolute: 1e-13, relative: 1e-11)).value
    }
}
