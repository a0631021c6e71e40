import Foundation
import GSL

/// The dual activation of Nachum et al., Definition 1:
///
///     σ̂(x, y, ν) = E[σ(νX) σ(νY)],  (X, Y) ~ N(0, [[||x||², <x,y>], [<x,y>, ||y||²]])   (eq. (5)),
///
/// for vectors or tensors x, y of the same size (flattened), and, for
/// positively homogeneous σ, the normalized form of eq. (6):
/// ν_σ² = E[σ(Z)²], σ̂(ρ) = E[σ(X)σ(Y)] / ν_σ² with unit variances.
public enum DualActivation {
    /// σ̂(x, y, ν) by nested quadrature over the bivariate normal of eq. (5).
    /// Writing X = ||x|| U, Y = ||y|| V with (U, V) of correlation ρ_xy, the
    /// expectation is E[σ(ν||x|| U) σ(ν||y|| V)]; it is 0 when x or y is 0.
    public static func expectation(_ sigma: Activation, x: [Double], y: [Double], nu: Double,
                                   tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let (nx, ny, rho) = try geometry(x, y, nu, "expectation")
        let f = try sigma.validated()
        guard nx > 0, ny > 0 else {
            let zero = f(0) * f(0)
            return IntegralResult(value: zero, absoluteError: 0)
        }
        let a = nu * nx, b = nu * ny
        return try GaussianCovariance.quadrature({ u in f(a * u) }, kinks: f.kinks.map { $0 / a },
                                                 { v in f(b * v) }, kinks: f.kinks.map { $0 / b },
                                                 rho: rho, tolerance: tolerance)
    }

    /// ν² ν_σ² ||x|| ||y|| σ̂(ρ_xy): the value of σ̂(x, y, ν) that positive
    /// homogeneity predicts (the paper's step from eq. (7) to eq. (8)); the
    /// term is 0 when x or y is 0. Uses the closed-form 𝔆 when known, else quadrature.
    public static func homogeneousForm(_ sigma: Activation, x: [Double], y: [Double], nu: Double) throws -> Double {
        let f = try sigma.validated()
        guard f.isPositivelyHomogeneous else {
            throw ParameterError("DualActivation.homogeneousForm", parameter: "sigma", value: f.description,
                                 requirement: "positively homogeneous (σ(cx) = cσ(x) for c >= 0)")
        }
        let (nx, ny, rho) = try geometry(x, y, nu, "homogeneousForm")
        guard nx > 0, ny > 0 else { return 0 }
        let c = try GaussianCovariance.closedForm(f, rho: rho) ?? GaussianCovariance.quadrature(f, rho: rho).value
        return nu * nu * nx * ny * c
    }

    /// σ̂(ρ) = 𝔆[σ|ρ] / 𝔆[σ|1] (eq. (6)); σ̂(1) = 1 by construction.
    public static func normalized(_ sigma: Activation, rho: Double) throws -> Double {
        let f = try sigma.validated()
        let numerator = try GaussianCovariance.closedForm(f, rho: rho) ?? GaussianCovariance.quadrature(f, rho: rho).value
        let denominator = try GaussianCovariance.closedForm(f, rho: 1) ?? GaussianCovariance.quadrature(f, rho: 1).value
        guard denominator > 0 else {
            throw ParameterError("DualActivation.normalized", parameter: "sigma", value: f.description,
                                 requirement: "not zero almost everywhere (ν_σ² > 0)")
        }
        return numerator / denominator
    }

    /// (||x||, ||y||, ρ_xy) with ρ clamped to [-1, 1] against rounding only.
    private static func geometry(_ x: [Double], _ y: [Double], _ nu: Double, _ function: String) throws -> (Double, Double, Double) {
        let context = "DualActivation.\(function)"
        try Require.positive(nu, "nu", in: context)
        guard x.count == y.count, !x.isEmpty else {
            throw ParameterError(context, parameter: "x, y", value: "sizes \(x.count), \(y.count)",
                                 requirement: "non-empty and of equal size")
        }
        if !Vector.allFinite(x) { for v in x { try Require.finite(v, "x entry", in: context) } }
        if !Vector.allFinite(y) { for v in y { try Require.finite(v, "y entry", in: context) } }
        let nx = Vector.norm(x), ny = Vector.norm(y)
        let rho = nx > 0 && ny > 0 ? min(1, max(-1, Vector.dot(x, y) / (nx * ny))) : 0
        return (nx, ny, rho)
    }
}
