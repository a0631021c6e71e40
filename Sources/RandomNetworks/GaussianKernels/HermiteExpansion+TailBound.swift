import Foundation

extension HermiteExpansion {
    /// An upper bound on the Mehler tail Σ_{k>K} φ̂_k² of the layer-norm paper's eq. (2.4), from the Taylor series of the closed-form kernels
    /// (not from the φ̂_k it bounds):
    /// - erf(βx): 𝔆 = (2/π) asin(aρ), a = 2β²/(1 + 2β²), whose ρ^{2m+1} coefficient is (2/π) C_m a^{2m+1}/(2m + 1),
    ///   C_m = (2m)!/(4^m m!²), decreasing in m; so the tail is at most (2/π) C_j a^{2j+1}/((2j + 1)(1 − a²)) with
    ///   2j + 1 the first odd order above K;
    /// - ReLU: 𝔆 = (√(1 − ρ²) + ρ(π/2 + asin ρ))/(2π), whose ρ^{2m} coefficient (m ≥ 1) is
    ///   C_m/(2π(2m − 1)²); with C_m ≤ 1/√(πm), 2m − 1 ≥ 2m(1 − 1/(2M + 2)) and Σ_{m>M} m^{−5/2} ≤ (2/3)M^{−3/2},
    ///   M = ⌊K/2⌋ ≥ 1, the tail is at most M^{−3/2}/(12 π^{3/2} (1 − 1/(2M + 2))²) (≈ 0.0423 K^{−3/2});
    /// - LReLU_a and |x| share ReLU's coefficients beyond k = 1, times (1 − a) and 2; the identity has no tail.
    /// nil for tanh (no closed form).
    public static func mehlerTailBound(_ f: Activation, terms k: Int) throws -> Double? {
        try Require.atLeast(k, 2, "terms", in: "mehlerTailBound")
        func relu() -> Double {
            let m = Double(k / 2)
            let gap = 1 - 1 / (2 * m + 2)
            return pow(m, -1.5) / (12 * pow(Double.pi, 1.5) * gap * gap)
        }
        switch f {
        case .erf(let beta):
            let a = 2 * beta * beta / (1 + 2 * beta * beta)
            let j = k / 2 + (k % 2 == 1 ? 1 : 0) // 2j + 1 is the first odd order above K
            var central = 1.0 // C_j
            for i in stride(from: 1, through: j, by: 1) { central *= Double(2 * i - 1) / Double(2 * i) }
            return 2 / Double.pi * central * pow(a, Double(2 * j + 1)) / (Double(2 * j + 1) * (1 - a * a))
        case .relu: return relu()
        case .leakyReLU(let slope): return (1 - slope) * (1 - slope) * relu()
        case .absolute: return 4 * relu()
        case .identity: return 0
        default: return nil
        }
    }
}
