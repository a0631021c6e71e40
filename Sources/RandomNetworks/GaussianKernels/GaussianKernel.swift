import Foundation
import GSL

/// The Gaussian covariance of one activation as a function of the correlation,
/// k(ρ) = 𝔆[φ|ρ] (layer-norm paper §2.1), with what the correlation maps of
/// eq. (2.3) and (A.10) and the excess-convexity bounds of App. A.3 need.
///
/// Everything is in terms of ρ ∈ [−1, 1]; `covarianceGap(ε)` = k(1) − k(1 − ε)
/// for ε ∈ [0, 2] is the form in which deep compositions are iterated near
/// ρ = 1 without cancellation.
public protocol GaussianKernel: Sendable, CustomStringConvertible {
    /// 𝔆[φ|ρ].
    func covariance(_ rho: Double) throws -> Double
    /// 𝔆[φ'|ρ] = ∂_ρ 𝔆[φ|ρ] (Stein's lemma, proof of Property 7).
    func derivativeCovariance(_ rho: Double) throws -> Double
    /// 𝔆[φ|1] − 𝔆[φ|1 − ε] for ε ∈ [0, 2]: for closed forms accurate to relative precision as ε → 0; for
    /// quadrature kernels a difference of two QUADPACK values, accurate only to 2 `absoluteError` (absolute).
    func covarianceGap(_ epsilon: Double) throws -> Double
    /// ‖φ‖²_N = 𝔆[φ|1].
    var normSquared: Double { get }
    /// ‖φ'‖²_N = 𝔆[φ'|1].
    var derivativeNormSquared: Double { get }
    /// ‖φ − φ̄‖²_N = ‖φ‖² − φ̂_0² − φ̂_1², the error of the linearization φ̄ = φ̂_0 + φ̂_1 x (§2.1).
    var linearizationResidual: Double { get }
    /// The absolute error of every value above, the norms and each evaluation of `covariance` and
    /// `derivativeCovariance` (0 for closed forms; `covarianceGap` carries twice it on the quadrature route).
    var absoluteError: Double { get }
}

/// 𝔆[φ|·] of an `Activation`: closed forms where they are known (identity, ReLU,
/// LReLU_a, erf(βx), |x|; App. B and `GaussianCovariance.closedForm`), nested
/// QUADPACK otherwise (tanh).
///
/// The gap k(1) − k(1 − ε) uses cancellation-free forms: for ReLU, since
/// ReLU(y) − ReLU(−y) = y gives R̂(ρ) − R̂(−ρ) = ρ, 1 − R̂(1 − ε) = ε − R̂(ε − 1),
/// and `ReLUDualActivation.value` keeps full relative accuracy near −1;
/// LReLU_a and |x| = 2 ReLU(x) − x are linear combinations of it; for erf(βx)
/// the arcsine difference is taken as one angle.
public struct ActivationKernel: GaussianKernel {
    /// How the kernel is evaluated: `closedForm` (App. B and `GaussianCovariance.closedForm`, exact up to
    /// rounding) or `quadrature` (nested QUADPACK, with `absoluteError`).
    public enum Route: Sendable, Equatable { case closedForm, quadrature }

    /// The activation φ.
    public let activation: Activation
    /// Closed form or quadrature.
    public let route: Route
    /// ‖φ‖²_N = 𝔆[φ|1] = E φ(X)², X ~ N(0, 1).
    public let normSquared: Double
    /// ‖φ'‖²_N = 𝔆[φ'|1] = E φ'(X)².
    public let derivativeNormSquared: Double
    /// ‖φ − φ̄‖²_N = ‖φ‖² − φ̂_0² − φ̂_1²: what the linearization φ̄ = φ̂_0 + φ̂_1 x misses (§2.1).
    public let linearizationResidual: Double
    /// 0 for closed forms; for quadrature, the largest QUADPACK error estimate of the norms and of the
    /// evaluations on a grid of ρ in [−1, 1], credited to every value.
    public let absoluteError: Double

    /// The kernel of `activation`, in closed form when one is known (route
    /// `.closedForm`, else it throws), or by QUADPACK (`.quadrature`). Throws
    /// `ParameterError` when a parameter of the activation is so large that
    /// ‖φ‖², ‖φ'‖² or the linearization residual is not a finite number.
    public init(_ activation: Activation, route: Route = .closedForm) throws {
        self.activation = try activation.validated()
        self.route = route
        switch route {
        case .closedForm:
            guard let n = try GaussianCovariance.closedForm(activation, rho: 1),
                  let d = try GaussianCovariance.derivativeClosedForm(activation, rho: 1),
                  let (c0, c1) = try HermiteExpansion.closedFormLinearization(activation) else {
                throw ParameterError("ActivationKernel", parameter: "activation", value: activation.description,
                                     requirement: "one with closed-form Gaussian moments for route .closedForm")
            }
            normSquared = n
            derivativeNormSquared = d
            linearizationResidual = n - c0 * c0 - c1 * c1
            absoluteError = 0
        case .quadrature:
            let n = try GaussianCovariance.normSquared(activation)
            let d = try GaussianCovariance.derivativeNormSquared(activation)
            let residual = try HermiteExpansion.residualNormSquared(activation)
            normSquared = n.value
            derivativeNormSquared = d.value
            linearizationResidual = residual.value
            // The evaluations' QUADPACK estimates vary smoothly in ρ: their largest over a grid of [−1, 1] (with the
            // norms') is the error every evaluation is credited with.
            var largest = max(n.absoluteError, d.absoluteError, residual.absoluteError)
            for i in 0...Self.errorGridIntervals {
                let rho = -1 + 2 * Double(i) / Double(Self.errorGridIntervals)
                largest = max(largest, try GaussianCovariance.quadrature(activation, rho: rho).absoluteError,
                              try GaussianCovariance.derivativeQuadrature(activation, rho: rho).absoluteError)
            }
            absoluteError = largest
        }
        for (name, value) in [("‖φ‖²", normSquared), ("‖φ'‖²", derivativeNormSquared),
                              ("‖φ − φ̄‖²", linearizationResidual)] where !value.isFinite {
            throw ParameterError("ActivationKernel", parameter: "activation", value: activation.description,
                                 requirement: "one whose Gaussian moments are finite (\(name) = \(value))")
        }
    }

    /// The grid of ρ (intervals of [−1, 1]) over which a quadrature kernel's evaluation errors are bounded.
    static let errorGridIntervals = 10

    /// An activation has a closed-form kernel.
    public static func hasClosedForm(_ activation: Activation) -> Bool {
        (try? GaussianCovariance.closedForm(activation, rho: 0)) != nil
    }

    /// k(ρ) = 𝔆[φ|ρ] = E φ(X) φ(Y) for standard normal X, Y of correlation ρ. Throws `ParameterError` for ρ
    /// outside [−1, 1], `GSLError` when quadrature fails.
    public func covariance(_ rho: Double) throws -> Double {
        switch route {
        case .closedForm: return try GaussianCovariance.closedForm(activation, rho: rho)!
        case .quadrature: return try GaussianCovariance.quadrature(activation, rho: rho).value
        }
    }

    /// k'(ρ) = 𝔆[φ'|ρ] (Stein's lemma). Throws `ParameterError` for ρ outside [−1, 1], `GSLError` when
    /// quadrature fails.
    public func derivativeCovariance(_ rho: Double) throws -> Double {
        switch route {
        case .closedForm: return try GaussianCovariance.derivativeClosedForm(activation, rho: rho)!
        case .quadrature: return try GaussianCovariance.derivativeQuadrature(activation, rho: rho).value
        }
    }

    /// k(1) − k(1 − ε) for ε ∈ [0, 2], without cancellation for the closed forms. Throws `ParameterError` for
    /// ε outside [0, 2].
    public func covarianceGap(_ epsilon: Double) throws -> Double {
        try Require.finite(epsilon, "epsilon", in: "ActivationKernel.covarianceGap")
        try Require.within(epsilon, 0...2, "epsilon", in: "ActivationKernel.covarianceGap")
        if route == .quadrature { return normSquared - (try covariance(1 - epsilon)) }
        switch activation {
        case .identity: return epsilon
        case .relu: return try Self.reluDualGap(epsilon) / 2
        case let .leakyReLU(a): return a * epsilon + (1 - a) * (1 - a) * (try Self.reluDualGap(epsilon)) / 2
        case .absolute: return 2 * (try Self.reluDualGap(epsilon)) - epsilon
        case let .erf(beta):
            let c = 2 * beta * beta / (1 + 2 * beta * beta)
            return 2 / Double.pi * Self.arcsineDifference(c, minus: c * epsilon)
        case .tanh: return normSquared - (try covariance(1 - epsilon))
        }
    }

    /// The activation's name.
    public var description: String { activation.description }

    /// 1 − R̂(1 − ε) = ε − R̂(ε − 1), from R̂(ρ) − R̂(−ρ) = ρ.
    static func reluDualGap(_ epsilon: Double) throws -> Double {
        epsilon - (try ReLUDualActivation.value(epsilon - 1))
    }

    /// arcsin a − arcsin b with b = a − d, 0 ≤ d, a ≤ 1, as atan2(sin, cos) of the difference, with
    /// sin(A − B) = d (a + b)/(a√(1 − b²) + b√(1 − a²)): no cancellation as d → 0.
    /// For b ≤ 0 the two arcsines have opposite signs and are subtracted directly.
    static func arcsineDifference(_ a: Double, minus d: Double) -> Double {
        let b = a - d
        guard b > 0 else { return asin(a) - asin(b) }
        let ca = ((1 - a) * (1 + a)).squareRoot(), cb = ((1 - b) * (1 + b)).squareRoot()
        let sine = d * (a + b) / (a * cb + b * ca)
        return atan2(sine, ca * cb + a * b)
    }
}
