import CGSL
import Foundation

/// GSL special functions through their `_e` variants: each returns GSL's value
/// and its error estimate, or throws `GSLError` (domain, overflow, underflow).
public enum SpecialFunctions {
    /// A special-function value with GSL's absolute error estimate.
    public struct Value: Sendable, Equatable {
        /// GSL's value of the function.
        public let value: Double
        /// GSL's estimate of the absolute error of `value`.
        public let error: Double
    }

    private static func evaluate(_ name: String, _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws -> Value {
        var result = gsl_sf_result(val: 0, err: 0)
        try GSLCall.status(name) { body(&result) }
        return Value(value: result.val, error: result.err)
    }

    /// The error function erf(x) = (2/sqrt(pi)) ∫_0^x exp(-t^2) dt.
    public static func erf(_ x: Double) throws -> Value {
        try Require.finite(x, "x", in: "SpecialFunctions.erf")
        return try evaluate("gsl_sf_erf_e") { gsl_sf_erf_e(x, $0) }
    }

    /// The complementary error function erfc(x) = 1 - erf(x), accurate for large x.
    public static func erfc(_ x: Double) throws -> Value {
        try Require.finite(x, "x", in: "SpecialFunctions.erfc")
        return try evaluate("gsl_sf_erfc_e") { gsl_sf_erfc_e(x, $0) }
    }

    /// The gamma function Γ(x); a domain error at non-positive integers.
    public static func gamma(_ x: Double) throws -> Value {
        try Require.finite(x, "x", in: "SpecialFunctions.gamma")
        return try evaluate("gsl_sf_gamma_e") { gsl_sf_gamma_e(x, $0) }
    }

    /// log |Γ(x)|.
    public static func logGamma(_ x: Double) throws -> Value {
        try Require.finite(x, "x", in: "SpecialFunctions.logGamma")
        return try evaluate("gsl_sf_lngamma_e") { gsl_sf_lngamma_e(x, $0) }
    }

    /// The beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b).
    public static func beta(_ a: Double, _ b: Double) throws -> Value {
        try Require.finite(a, "a", in: "SpecialFunctions.beta")
        try Require.finite(b, "b", in: "SpecialFunctions.beta")
        return try evaluate("gsl_sf_beta_e") { gsl_sf_beta_e(a, b, $0) }
    }

    /// log B(a, b) for a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) throws -> Value {
        try Require.positive(a, "a", in: "SpecialFunctions.logBeta")
        try Require.positive(b, "b", in: "SpecialFunctions.logBeta")
        return try evaluate("gsl_sf_lnbeta_e") { gsl_sf_lnbeta_e(a, b, $0) }
    }

    /// log n! for n >= 0.
    public static func logFactorial(_ n: Int) throws -> Value {
        try Require.atLeast(n, 0, "n", in: "SpecialFunctions.logFactorial")
        guard n <= Int(UInt32.max) else {
            throw ParameterError("SpecialFunctions.logFactorial", parameter: "n", value: "\(n)", requirement: "<= \(UInt32.max)")
        }
        return try evaluate("gsl_sf_lnfact_e") { gsl_sf_lnfact_e(UInt32(n), $0) }
    }

    /// The probabilists' Hermite polynomial He_n(x) (GSL's `hermite_prob`;
    /// not the physicists' H_n).
    public static func hermiteProbabilists(_ n: Int, _ x: Double) throws -> Value {
        try Require.atLeast(n, 0, "n", in: "SpecialFunctions.hermiteProbabilists")
        try Require.finite(x, "x", in: "SpecialFunctions.hermiteProbabilists")
        guard n <= Int(Int32.max) else {
            throw ParameterError("SpecialFunctions.hermiteProbabilists", parameter: "n", value: "\(n)", requirement: "<= \(Int32.max)")
        }
        return try evaluate("gsl_sf_hermite_prob_e") { gsl_sf_hermite_prob_e(Int32(n), x, $0) }
    }

    /// The normalized probabilists' Hermite polynomial h_n(x) = He_n(x)/sqrt(n!),
    /// orthonormal under the standard normal weight: E[h_j(X) h_k(X)] = δ_jk.
    /// These are the h_k of the layer-norm paper (§2.1, footnote 2).
    public static func normalizedHermite(_ n: Int, _ x: Double) throws -> Value {
        let he = try hermiteProbabilists(n, x)
        let scale = try logFactorial(n)
        let factor = Foundation.exp(-0.5 * scale.value)
        return Value(value: he.value * factor, error: he.error * factor + abs(he.value * factor) * 0.5 * scale.error)
    }
}
