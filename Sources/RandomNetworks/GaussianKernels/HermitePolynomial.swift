import Foundation
import GSL

/// A finite Hermite series φ = Σ_{k≤K} a_k h_k in the normalized probabilists'
/// Hermite polynomials h_k = He_k/√k! (layer-norm paper §2.1). By
/// E[h_k(X) h_k'(Y)] = δ_kk' ρ^k its Gaussian covariance is the polynomial
/// 𝔆[φ|ρ] = Σ a_k² ρ^k exactly (eq. (2.4) with finitely many terms), so it is
/// the activation for which every quantity of the excess-convexity bounds is
/// exact: ‖φ‖² = Σ a_k², ‖φ'‖² = Σ k a_k² (h_k' = √k h_{k−1}), ‖φ − φ̄‖² = Σ_{k≥2} a_k².
public struct HermitePolynomial: GaussianKernel, Equatable {
    /// a_0, …, a_K.
    public let coefficients: [Double]

    /// φ = Σ a_k h_k; throws for no coefficients, a non-finite one, or coefficients so large that
    /// ‖φ'‖² = Σ k a_k² (and with it ‖φ‖²) overflows.
    public init(coefficients: [Double]) throws {
        try Require.atLeast(coefficients.count, 1, "number of coefficients", in: "HermitePolynomial")
        for a in coefficients { try Require.finite(a, "coefficient", in: "HermitePolynomial") }
        self.coefficients = coefficients
        try Require.finite(normSquared + derivativeNormSquared, "Σ (1 + k) a_k² of the coefficients", in: "HermitePolynomial")
    }

    /// φ(x) = Σ a_k h_k(x), with h_{k+1} = (x h_k − √k h_{k−1})/√(k + 1).
    public func callAsFunction(_ x: Double) -> Double {
        var previous = 0.0, current = 1.0, sum = coefficients[0]
        for k in 0..<(coefficients.count - 1) {
            let next = (x * current - Double(k).squareRoot() * previous) / Double(k + 1).squareRoot()
            previous = current
            current = next
            sum += coefficients[k + 1] * current
        }
        return sum
    }

    /// 𝔆[φ|ρ] = Σ a_k² ρ^k (Horner).
    public func covariance(_ rho: Double) throws -> Double {
        try validate(rho, "covariance")
        return coefficients.reversed().reduce(0) { $0 * rho + $1 * $1 }
    }

    /// 𝔆[φ'|ρ] = Σ k a_k² ρ^{k−1}.
    public func derivativeCovariance(_ rho: Double) throws -> Double {
        try validate(rho, "derivativeCovariance")
        return coefficients.indices.dropFirst().reversed().reduce(0) { $0 * rho + Double($1) * coefficients[$1] * coefficients[$1] }
    }

    /// Σ a_k² (1 − (1 − ε)^k), with 1 − (1 − ε)^k = −expm1(k log1p(−ε)) for ε < 1.
    public func covarianceGap(_ epsilon: Double) throws -> Double {
        try Require.finite(epsilon, "epsilon", in: "HermitePolynomial.covarianceGap")
        try Require.within(epsilon, 0...2, "epsilon", in: "HermitePolynomial.covarianceGap")
        return coefficients.indices.dropFirst().reduce(0) { sum, k in
            let drop = epsilon < 1 ? -expm1(Double(k) * log1p(-epsilon)) : 1 - pow(1 - epsilon, Double(k))
            return sum + coefficients[k] * coefficients[k] * drop
        }
    }

    /// ‖φ‖²_N = Σ a_k² (the normalized Hermite polynomials are orthonormal).
    public var normSquared: Double { coefficients.reduce(0) { $0 + $1 * $1 } }
    /// ‖φ'‖²_N = Σ k a_k².
    public var derivativeNormSquared: Double {
        coefficients.indices.reduce(0) { $0 + Double($1) * coefficients[$1] * coefficients[$1] }
    }
    /// ‖φ − φ̄‖²_N = Σ_{k ≥ 2} a_k².
    public var linearizationResidual: Double { coefficients.dropFirst(2).reduce(0) { $0 + $1 * $1 } }
    /// 0: the values are exact sums (up to rounding).
    public var absoluteError: Double { 0 }

    /// "Σ a_k h_k, a = (a_0, a_1, …)".
    public var description: String {
        "Σ a_k h_k, a = (" + coefficients.map { String(format: "%g", $0) }.joined(separator: ", ") + ")"
    }

    private func validate(_ rho: Double, _ function: String) throws {
        try Require.finite(rho, "rho", in: "HermitePolynomial.\(function)")
        try Require.within(rho, -1...1, "rho", in: "HermitePolynomial.\(function)")
    }
}
