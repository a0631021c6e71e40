import Foundation
import GSL

/// Expansion of an activation in normalized probabilists' Hermite polynomials
/// h_k = He_k / sqrt(k!) (layer-norm paper §2.1): f = Σ f̂_k h_k with
/// f̂_k = E[f(X) h_k(X)], X ~ N(0, 1), and the linearization f̄ = f̂_0 + f̂_1 x.
public enum HermiteExpansion {
    /// f̂_k = E[f(X) h_k(X)] by QUADPACK, split at the kinks of f.
    public static func coefficient(_ f: Activation, order k: Int,
                                   tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let g = try f.validated()
        try Require.atLeast(k, 0, "order", in: "HermiteExpansion.coefficient")
        return try Integration.gaussianExpectation({ x in
            g(x) * (try SpecialFunctions.normalizedHermite(k, x).value)
        }, kinks: g.kinks, tolerance: tolerance)
    }

    /// f̂_k = E[f'(X) h_{k-1}(X)] / sqrt(k) for k >= 1: Gaussian integration by
    /// parts (Stein's lemma), a route independent of `coefficient`.
    public static func coefficientByParts(_ f: Activation, order k: Int,
                                          tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let g = try f.validated()
        try Require.atLeast(k, 1, "order", in: "HermiteExpansion.coefficientByParts")
        let scale = 1 / Double(k).squareRoot()
        let result = try Integration.gaussianExpectation({ x in
            g.derivative(x) * (try SpecialFunctions.normalizedHermite(k - 1, x).value)
        }, kinks: g.kinks, tolerance: tolerance)
        return IntegralResult(value: scale * result.value, absoluteError: scale * result.absoluteError)
    }

    /// The closed-form linearization (f̂_0, f̂_1), or nil when none is known:
    /// LReLU_a: ((1 - a)/sqrt(2π), (1 + a)/2) (App. B; ReLU at a = 0, identity at a = 1);
    /// erf(βx): (0, 2β / sqrt(π(1 + 2β²))) (App. B: 2/sqrt(3π) at β = 1);
    /// |x|: (sqrt(2/π), 0).
    public static func closedFormLinearization(_ f: Activation) throws -> (constant: Double, slope: Double)? {
        switch try f.validated() {
        case .identity: return (0, 1)
        case .relu: return (1 / (2 * Double.pi).squareRoot(), 0.5)
        case let .leakyReLU(a): return ((1 - a) / (2 * Double.pi).squareRoot(), (1 + a) / 2)
        case let .erf(beta): return (0, 2 * beta / (Double.pi * (1 + 2 * beta * beta)).squareRoot())
        case .absolute: return ((2 / Double.pi).squareRoot(), 0)
        case .tanh: return nil
        }
    }

    /// ||f - f̄||² = ||f||² - f̂_0² - f̂_1² by QUADPACK (never by summing the
    /// tail of the series, which converges slowly for kinked f). The error
    /// propagates the three estimates to first order.
    public static func residualNormSquared(_ f: Activation, tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let norm = try GaussianCovariance.normSquared(f, tolerance: tolerance)
        let c0 = try coefficient(f, order: 0, tolerance: tolerance)
        let c1 = try coefficient(f, order: 1, tolerance: tolerance)
        return IntegralResult(
            value: norm.value - c0.value * c0.value - c1.value * c1.value,
            absoluteError: norm.absoluteError + 2 * abs(c0.value) * c0.absoluteError + 2 * abs(c1.value) * c1.absoluteError)
    }
}
