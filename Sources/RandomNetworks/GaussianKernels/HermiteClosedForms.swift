import Foundation
import GSL

extension HermiteExpansion {
    /// φ̂_k = E[φ(X) h_k(X)] in closed form, or nil when none is known (tanh):
    /// - ReLU: φ̂_0 = 1/√(2π), φ̂_1 = 1/2, and for k ≥ 2, φ̂_k = ϕ(0) He_{k−2}(0)/√k! (Gaussian
    ///   integration by parts: E[ReLU h_k] = E[ReLU'' h_{k−2}]/√(k(k−1)) with ReLU'' = δ_0),
    ///   zero for odd k, (−1)^{m−1} (2m−3)!!/√(2π (2m)!) for k = 2m;
    /// - LReLU_a = a x + (1 − a) ReLU: a δ_{k1} + (1 − a) × ReLU's (App. B's linearization at k ≤ 1);
    /// - |x| = 2 ReLU(x) − x: 2 × ReLU's except φ̂_1 = 0;
    /// - erf(βx): zero for even k, and for k = 2m + 1
    ///   φ̂_k = (2β/√(π(1 + 2β²))) (−β²/(1 + 2β²))^m (2m)!/(m! √((2m + 1)!))
    ///   (E[erf(βX) He_k(X)] = β^k E[erf^{(k)}(βX)]; 2/√(3π) at k = 1, β = 1 as in App. B);
    /// - identity: δ_{k1}.
    public static func closedFormCoefficient(_ f: Activation, order k: Int) throws -> Double? {
        try Require.atLeast(k, 0, "order", in: "HermiteExpansion.closedFormCoefficient")
        switch try f.validated() {
        case .identity: return k == 1 ? 1 : 0
        case .relu: return reluCoefficient(k)
        case let .leakyReLU(a): return (k == 1 ? a : 0) + (1 - a) * reluCoefficient(k)
        case .absolute: return k == 1 ? 0 : 2 * reluCoefficient(k)
        case let .erf(beta):
            guard k % 2 == 1 else { return 0 }
            let m = Double(k / 2), b2 = beta * beta
            let magnitude = exp(lgamma(2 * m + 1) - lgamma(m + 1) - 0.5 * lgamma(2 * m + 2))
            return 2 * beta / (Double.pi * (1 + 2 * b2)).squareRoot() * pow(-b2 / (1 + 2 * b2), m) * magnitude
        case .tanh: return nil
        }
    }

    /// The Mehler partial sum Σ_{k≤K} φ̂_k² ρ^k of 𝔆[φ|ρ] = Σ_k φ̂_k² ρ^k (§2.1, from
    /// E[h_k(X) h_k'(Y)] = δ_kk' ρ^k), with the closed-form coefficients, or nil (tanh).
    /// Its error is at most the tail ‖φ‖² − Σ_{k≤K} φ̂_k² for |ρ| ≤ 1.
    public static func mehlerPartialSum(_ f: Activation, rho: Double, terms K: Int) throws -> Double? {
        try Require.within(rho, -1...1, "rho", in: "HermiteExpansion.mehlerPartialSum")
        try Require.atLeast(K, 0, "terms", in: "HermiteExpansion.mehlerPartialSum")
        var sum = 0.0, power = 1.0
        for k in 0...K {
            guard let c = try closedFormCoefficient(f, order: k) else { return nil }
            sum += c * c * power
            power *= rho
        }
        return sum
    }

    /// φ̂_k of ReLU: 1/√(2π), 1/2, then ϕ(0) He_{k−2}(0)/√k!, He_{2n}(0) = (−1)^n (2n)!/(2^n n!).
    private static func reluCoefficient(_ k: Int) -> Double {
        switch k {
        case 0: return 1 / (2 * Double.pi).squareRoot()
        case 1: return 0.5
        case _ where k % 2 == 1: return 0
        default:
            let n = k / 2 - 1 // He_{2n}(0) with 2n = k − 2
            let doubleFactorial: Double = lgamma(Double(2 * n + 1)) - Double(n) * log(2.0) - lgamma(Double(n + 1))
            let magnitude: Double = exp(doubleFactorial - 0.5 * lgamma(Double(k + 1))) / (2 * Double.pi).squareRoot()
            return n % 2 == 0 ? magnitude : -magnitude
        }
    }
}
