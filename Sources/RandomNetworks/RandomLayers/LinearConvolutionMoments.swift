import GSL

/// The exact law of the output inner product of a linear CNN (identity
/// activation; Nachum et al. §3.1, Lemmas 1 and 2). By (18a),
/// ⟨F * x, F * y⟩ = Σ_ij ⟨F', [x]_ij⟩⟨F', [y]_ij⟩ = F'ᵀ M F' with F' = flip(F) and
/// M = Σ_{i,j ∈ Z_n} vec([x]^r_ij) vec([y]^r_ij)ᵀ (r²d × r²d), a Gaussian quadratic form:
/// for F' ~ N(0, ν² I), E = ν² tr M and Var = 2ν⁴ ‖M_s‖_F² with M_s = (M + Mᵀ)/2.
public struct LinearConvolutionMoments: Sendable {
    /// E⟨F * x, F * y⟩ = ν² Σ_ij ⟨[x]_ij, [y]_ij⟩ (= ⟨x, y⟩ when ν = 1/r, Lemma 1).
    public let mean: Double
    /// Var⟨F * x, F * y⟩ for one filter; N filters averaged have variance `variance / N` (Lemma 2).
    public let variance: Double

    /// The moments for inputs x, y, filter side r and filter standard deviation ν.
    public init(_ x: Image, _ y: Image, filterSize r: Int, nu: Double) throws {
        try Require.positive(nu, "nu", in: "LinearConvolutionMoments")
        try x.requireSameShape(y, "LinearConvolutionMoments")
        let patches = try PatchOperator(size: r)
        guard r <= x.size else {
            throw ParameterError("LinearConvolutionMoments", parameter: "filterSize", value: "\(r)",
                                 requirement: "at most the image size n = \(x.size) (r <= n)")
        }
        let k = r * r * x.channels
        var m = [Double](repeating: 0, count: k * k)
        for i in 0..<x.size {
            for j in 0..<x.size {
                let a = try patches.patch(of: x, row: i, column: j), b = try patches.patch(of: y, row: i, column: j)
                for p in 0..<k where a[p] != 0 {
                    for q in 0..<k { m[p * k + q] += a[p] * b[q] }
                }
            }
        }
        var trace = 0.0, symmetricSquare = 0.0
        for p in 0..<k {
            trace += m[p * k + p]
            for q in 0..<k {
                let s = (m[p * k + q] + m[q * k + p]) / 2
                symmetricSquare += s * s
            }
        }
        let nu2 = nu * nu
        mean = nu2 * trace
        variance = 2 * nu2 * nu2 * symmetricSquare
    }
}
