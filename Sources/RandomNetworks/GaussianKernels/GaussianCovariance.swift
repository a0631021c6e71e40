import Foundation
import GSL

/// The Gaussian covariance 𝔆[f|ρ] = E[f(X) f(Y)] for (X, Y) standard bivariate
/// normal with correlation ρ (layer-norm paper §2.1; Nachum et al. eq. (5)-(6)
/// with unit norms), by closed form where one is known and by quadrature for
/// any activation.
public enum GaussianCovariance {
    /// 𝔆[f|ρ] in closed form, or nil when none is known (tanh):
    /// - identity: ρ;
    /// - ReLU: R̂(ρ)/2 (Cho & Saul);
    /// - LReLU_a: aρ + (1 - a)² (sqrt(1 - ρ²) + ρ(π - arccos ρ))/(2π) (layer-norm paper, App. B);
    /// - erf(βx): (2/π) arcsin(2β²ρ/(1 + 2β²)) (App. B: (2/π) arctan(2ρ/sqrt(9 - 4ρ²)) at β = 1);
    /// - |x|: (2/π)(sqrt(1 - ρ²) + ρ arcsin ρ).
    public static func closedForm(_ f: Activation, rho: Double) throws -> Double? {
        try validate(f, rho, "closedForm")
        switch f {
        case .identity: return rho
        case .relu: return try ReLUDualActivation.value(rho) / 2
        case let .leakyReLU(a): return a * rho + (1 - a) * (1 - a) * (try ReLUDualActivation.value(rho)) / 2
        case let .erf(beta):
            let b2 = beta * beta
            return 2 / Double.pi * asin(2 * b2 * rho / (1 + 2 * b2))
        case .absolute: return 2 / Double.pi * (((1 - rho) * (1 + rho)).squareRoot() + rho * asin(rho))
        case .tanh: return nil
        }
    }

    /// 𝔆[f'|ρ] in closed form (its value at ρ = 1 is ||f'||²), or nil:
    /// - identity: 1; ReLU: (π - arccos ρ)/(2π) (Sheppard);
    /// - LReLU_a: a + (1 - a)² (π - arccos ρ)/(2π);
    /// - erf(βx): (4β²/π) ((1 + 2β²)² - 4β⁴ρ²)^{-1/2};
    /// - |x|: (2/π) arcsin ρ.
    public static func derivativeClosedForm(_ f: Activation, rho: Double) throws -> Double? {
        try validate(f, rho, "derivativeClosedForm")
        switch f {
        case .identity: return 1
        case .relu: return try ReLUDualActivation.derivative(rho) / 2
        case let .leakyReLU(a): return a + (1 - a) * (1 - a) * (try ReLUDualActivation.derivative(rho)) / 2
        case let .erf(beta):
            let b2 = beta * beta
            return 4 * b2 / Double.pi / ((1 + 2 * b2) * (1 + 2 * b2) - 4 * b2 * b2 * rho * rho).squareRoot()
        case .absolute: return 2 / Double.pi * asin(rho)
        case .tanh: return nil
        }
    }

    /// 𝔆[f|ρ] by nested QUADPACK: E_X[f(X) E_Z[f(ρX + sqrt(1 - ρ²) Z)]], each
    /// level split at the kinks of f; at |ρ| = 1 the one-dimensional E[f(X) f(±X)].
    /// Computed once per process for each (f, ρ, tolerance) (`CovarianceQuadratureMemo`).
    public static func quadrature(_ f: Activation, rho: Double,
                                  tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try validate(f, rho, "quadrature")
        return try CovarianceQuadratureMemo.shared.value(f, .value, rho: rho, tolerance: tolerance) {
            try quadrature(f.callAsFunction, kinks: f.kinks, f.callAsFunction, kinks: f.kinks, rho: rho, tolerance: tolerance)
        }
    }

    /// E[f'(X) f'(Y)] by nested QUADPACK (the derivative kernel 𝔆[f'|ρ]), computed once per process for each
    /// (f, ρ, tolerance).
    public static func derivativeQuadrature(_ f: Activation, rho: Double,
                                            tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try validate(f, rho, "derivativeQuadrature")
        return try CovarianceQuadratureMemo.shared.value(f, .derivative, rho: rho, tolerance: tolerance) {
            try quadrature(f.derivative, kinks: f.kinks, f.derivative, kinks: f.kinks, rho: rho, tolerance: tolerance)
        }
    }

    /// E[f(X) g(Y)] for (X, Y) standard bivariate normal with correlation ρ, by
    /// nested QUADPACK, the inner integral to a tighter tolerance than the outer.
    /// Near |ρ| = 1 the outer integrand has a boundary layer of width ~s around
    /// x = k/ρ for each kink k of g (where the inner kink crosses the bulk of
    /// Z); the outer integral is cut there (at (k ± 8s)/ρ) so QUADPACK resolves
    /// it: without the cuts its error estimate misses a 1e-11 layer at ρ = 1 - 1e-7.
    /// The error combines the outer estimate with the largest inner estimate
    /// times E|f(X)| (bounded by sqrt(E f(X)²)).
    public static func quadrature(
        _ f: (Double) -> Double, kinks fKinks: [Double], _ g: (Double) -> Double, kinks gKinks: [Double],
        rho: Double, tolerance: QuadratureTolerance = .init()
    ) throws -> IntegralResult {
        try Require.within(rho, -1...1, "rho", in: "GaussianCovariance.quadrature")
        if abs(rho) == 1 {
            let sign = rho
            return try Integration.gaussianExpectation({ x in f(x) * g(sign * x) },
                                                        kinks: fKinks + gKinks.map { sign * $0 }, tolerance: tolerance)
        }
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        let layers = rho == 0 ? [] : gKinks.flatMap { k in [k - 8 * s, k, k + 8 * s].map { $0 / rho } }
        var worstInnerError = 0.0
        let outer = try Integration.gaussianExpectation({ x in
            let fx = f(x)
            if fx == 0 { return 0 }
            let inner = try Integration.gaussianExpectation({ z in g(rho * x + s * z) },
                                                            kinks: gKinks.map { ($0 - rho * x) / s },
                                                            tolerance: tolerance.tighter)
            worstInnerError = max(worstInnerError, inner.absoluteError)
            return fx * inner.value
        }, kinks: fKinks + layers, tolerance: tolerance)
        let secondMoment = try Integration.gaussianExpectation({ x in f(x) * f(x) }, kinks: fKinks, tolerance: tolerance)
        return IntegralResult(value: outer.value,
                              absoluteError: outer.absoluteError + worstInnerError * secondMoment.value.squareRoot())
    }

    /// E[R(X) R(Y)] by the exact one-dimensional reduction
    /// ∫_0^∞ u φ(u) s h(ρu/s) du with h(t) = E[(t + Z)^+] = φ(t) + tΦ(t) and
    /// s = sqrt(1 - ρ²) (the inner expectation over Y | X = u in closed form).
    /// For ρ > 0, h turns from 0 to linear over u ≲ 8s/ρ: that layer is
    /// integrated separately (QAGS, then QAGIU beyond). For ρ < 0 the
    /// substitution u = s w gives s³ ∫_0^∞ w φ(s w) h(ρ w) dw, which keeps the
    /// integrand's scale O(1) as ρ → -1 (QAGIU).
    /// The default tolerance is purely relative (1e-12), so tiny values keep their digits.
    public static func reluOneDimensional(rho: Double, tolerance: QuadratureTolerance = .init(absolute: 0, relative: 1e-12))
        throws -> IntegralResult {
        try Require.finite(rho, "rho", in: "GaussianCovariance.reluOneDimensional")
        try Require.within(rho, -1...1, "rho", in: "GaussianCovariance.reluOneDimensional")
        if rho == 1 { return try Integration.qagiu({ u in u * u * Distributions.normalPDF(u) }, from: 0, tolerance: tolerance) }
        if rho == -1 { return IntegralResult(value: 0, absoluteError: 0) }
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        func h(_ t: Double) -> Double { Distributions.normalPDF(t) + t * Distributions.normalCDF(t) }
        if rho > 0 {
            let integrand: (Double) -> Double = { u in u * Distributions.normalPDF(u) * s * h(rho * u / s) }
            let layer = min(8 * s / rho, 1)
            return try Integration.qags(integrand, from: 0, to: layer, tolerance: tolerance)
                + Integration.qagiu(integrand, from: layer, tolerance: tolerance)
        }
        let scaled = try Integration.qagiu({ w in w * Distributions.normalPDF(s * w) * h(rho * w) },
                                           from: 0, tolerance: tolerance)
        let s3 = s * s * s
        return IntegralResult(value: s3 * scaled.value, absoluteError: s3 * scaled.absoluteError)
    }

    /// E[f(X) f(Y)] by a tensor Gauss–Hermite rule (smooth f only: erf, tanh).
    public static func gaussHermite(_ f: Activation, rho: Double, rule: GaussHermiteRule) throws -> Double {
        try validate(f, rho, "gaussHermite")
        return try rule.correlatedExpectation(rho: rho, f.callAsFunction, f.callAsFunction)
    }

    /// ||f||² = E f(X)² by QUADPACK.
    public static func normSquared(_ f: Activation, tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let g = try f.validated()
        return try Integration.gaussianExpectation({ x in g(x) * g(x) }, kinks: g.kinks, tolerance: tolerance)
    }

    /// ||f'||² = E f'(X)² by QUADPACK.
    public static func derivativeNormSquared(_ f: Activation, tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let g = try f.validated()
        return try Integration.gaussianExpectation({ x in g.derivative(x) * g.derivative(x) }, kinks: g.kinks, tolerance: tolerance)
    }

    private static func validate(_ f: Activation, _ rho: Double, _ function: String) throws {
        _ = try f.validated()
        try Require.finite(rho, "rho", in: "GaussianCovariance.\(function)")
        try Require.within(rho, -1...1, "rho", in: "GaussianCovariance.\(function)")
    }
}
