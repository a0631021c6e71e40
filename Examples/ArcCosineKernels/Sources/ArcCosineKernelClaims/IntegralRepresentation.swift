import ClaimKit
import Foundation
import GSL

/// The integral representation of §2, eq. (1),
/// k_n(x, y) = 2 ∫ dw (2π)^{−d/2} e^{−‖w‖²/2} Θ(w·x) Θ(w·y) (w·x)ⁿ (w·y)ⁿ,
/// evaluated by QUADPACK.
///
/// The integrand depends on w only through (w·x̂, w·ŷ), a standard bivariate
/// normal pair in the plane of x and y: with x̂ = e₁ and ŷ = (cos θ, sin θ),
/// (w·x̂, w·ŷ) = (u₁, u₁ cos θ + u₂ sin θ) for u ~ N(0, I₂), whatever d is. So
/// k_n(x̂, ŷ) = 2 E[g_n(u₁) g_n(u₁ cos θ + u₂ sin θ)], a two-dimensional
/// integral done here as nested one-dimensional QUADPACK integrals (outer over
/// u₁ > 0, cut at multiples of |tan θ|; inner over u₂ with the kink of g_n at
/// u₂ = −u₁ cot θ cut out).
public enum IntegralRepresentation {
    /// 2 E[g_n(u₁) g_n(u₁ cos θ + u₂ sin θ)] for θ in (0, π), any degree n ≥ 0,
    /// with its error: the outer QUADPACK estimate plus the largest inner one
    /// times E[g_n(u₁)] = E|Z|ⁿ/2 (the outer weight φ(u₁) g_n(u₁) integrates the
    /// inner errors to at most that), doubled with the value.
    public static func unitKernel(_ n: Int, angle theta: Double,
                                  tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        let context = "IntegralRepresentation.unitKernel"
        try Require.atLeast(n, 0, "n", in: context)
        try Require.that(theta > 0 && theta < Double.pi, "theta", value: "\(theta)", requirement: "strictly between 0 and π",
                         in: context)
        let s = sin(theta), c = cos(theta)
        // Near θ = 0 and θ = π the inner kink −u₁ cot θ leaves the Gaussian bulk once u₁ exceeds a few
        // tan θ: the part of the integral that depends on it lives on u₁ ≲ |tan θ|, a sliver of the outer
        // range that the Gauss–Kronrod nodes would step over (both the value and the error estimate miss it).
        // Cutting the outer range at multiples of |tan θ| makes QUADPACK resolve it.
        let scales = c == 0 ? [] : [1.0, 4, 16, 64].map { $0 * s / abs(c) }.filter { $0 < Integration.gaussianCutoff }
        var largestInnerError = 0.0
        let outer = try Integration.gaussianExpectation({ u1 in
            let weight = ArcCosineKernel.activation(n, u1)
            guard weight != 0 else { return 0 }
            let kink = -u1 * c / s // where u₁ cos θ + u₂ sin θ changes sign
            let inner = try Integration.gaussianExpectation({ u2 in ArcCosineKernel.activation(n, u1 * c + u2 * s) },
                                                            kinks: [kink], tolerance: tolerance.tighter)
            largestInnerError = max(largestInnerError, inner.absoluteError)
            return weight * inner.value
        }, kinks: [0] + scales, tolerance: tolerance)
        let weightMass = 0.5 * pow(2, Double(n) / 2) * tgamma((Double(n) + 1) / 2) / Double.pi.squareRoot() // E[g_n(u₁)]
        return IntegralResult(value: 2 * outer.value,
                              absoluteError: 2 * (outer.absoluteError + weightMass * largestInnerError))
    }

    /// 2 E[g_n(Z)²] = 2 ∫₀^∞ z^{2n} φ(z) dz: eq. (1) at y = x for a unit x (one-dimensional QUADPACK).
    public static func diagonal(_ n: Int) throws -> IntegralResult {
        let result = try Integration.gaussianExpectation({ z in
            let g = ArcCosineKernel.activation(n, z)
            return g * g
        }, kinks: [0])
        return IntegralResult(value: 2 * result.value, absoluteError: 2 * result.absoluteError)
    }
}

/// J_n from the general formula of §2,
/// J_n(θ) = (−1)ⁿ (sin θ)^{2n+1} ((1/sin θ) ∂/∂θ)ⁿ ((π − θ)/sin θ),
/// by exact symbolic differentiation: every function met is a sum of integer
/// multiples of (π − θ)^a sin^b θ cos^c θ (b may be negative), and
/// d/dθ (π − θ)^a sin^b cos^c = −a (π − θ)^{a−1} sin^b cos^c + b (π − θ)^a sin^{b−1} cos^{c+1}
///                               − c (π − θ)^a sin^{b+1} cos^{c−1}.
public struct DerivativeFormula: Sendable, Equatable {
    /// One monomial c · (π − θ)^a sin^b θ cos^c θ.
    public struct Term: Sendable, Hashable {
        public let a: Int
        public let b: Int
        public let c: Int

        public init(a: Int, b: Int, c: Int) {
            self.a = a
            self.b = b
            self.c = c
        }
    }

    /// The monomials with their (exact, integer) coefficients.
    public private(set) var terms: [Term: Int]

    /// J_n as the formula defines it.
    public init(degree n: Int) throws {
        try Require.atLeast(n, 0, "degree", in: "DerivativeFormula")
        try Require.atMost(n, 8, "degree", in: "DerivativeFormula")
        var f: [Term: Int] = [Term(a: 1, b: -1, c: 0): 1] // (π − θ)/sin θ
        for _ in 0..<n { f = Self.divideBySine(Self.derivative(f)) }
        let sign = n.isMultiple(of: 2) ? 1 : -1
        terms = [:]
        for (t, k) in f { terms[Term(a: t.a, b: t.b + 2 * n + 1, c: t.c), default: 0] += sign * k }
        terms = terms.filter { $0.value != 0 }
    }

    static func derivative(_ f: [Term: Int]) -> [Term: Int] {
        var out: [Term: Int] = [:]
        for (t, k) in f {
            if t.a != 0 { out[Term(a: t.a - 1, b: t.b, c: t.c), default: 0] -= k * t.a }
            if t.b != 0 { out[Term(a: t.a, b: t.b - 1, c: t.c + 1), default: 0] += k * t.b }
            if t.c != 0 { out[Term(a: t.a, b: t.b + 1, c: t.c - 1), default: 0] -= k * t.c }
        }
        return out.filter { $0.value != 0 }
    }

    static func divideBySine(_ f: [Term: Int]) -> [Term: Int] {
        Dictionary(uniqueKeysWithValues: f.map { (Term(a: $0.key.a, b: $0.key.b - 1, c: $0.key.c), $0.value) })
    }

    /// The value at θ in (0, π) with a bound on its rounding error: each term is a product of
    /// |a| + |b| + |c| + 1 rounded factors (π − θ, sin θ and cos θ each within 2 ulp), so it is
    /// off by at most (2(|a| + |b| + |c|) + 2) ulp of itself, and the sum adds one ulp per term.
    public func value(at theta: Double) -> (value: Double, error: Double) {
        let rest = Double.pi - theta, s = sin(theta), c = cos(theta)
        var sum = 0.0, error = 0.0
        for (t, k) in terms.sorted(by: { ($0.key.a, $0.key.b, $0.key.c) < ($1.key.a, $1.key.b, $1.key.c) }) {
            let term = Double(k) * pow(rest, Double(t.a)) * pow(s, Double(t.b)) * pow(c, Double(t.c))
            sum += term
            error += abs(term) * Double(2 * (abs(t.a) + abs(t.b) + abs(t.c)) + 3) * Double.ulpOfOne
        }
        return (sum, error + abs(sum) * Double.ulpOfOne)
    }

    /// The formula printed as a sum of monomials, for notes.
    public var description: String {
        terms.sorted(by: { ($0.key.a, $0.key.b, $0.key.c) < ($1.key.a, $1.key.b, $1.key.c) }).map { t, k in
            var parts = ["\(k)"]
            if t.a != 0 { parts.append(t.a == 1 ? "(π−θ)" : "(π−θ)^\(t.a)") }
            if t.b != 0 { parts.append(t.b == 1 ? "sin θ" : "sin^\(t.b) θ") }
            if t.c != 0 { parts.append(t.c == 1 ? "cos θ" : "cos^\(t.c) θ") }
            return parts.joined(separator: "·")
        }.joined(separator: " + ")
    }
}
