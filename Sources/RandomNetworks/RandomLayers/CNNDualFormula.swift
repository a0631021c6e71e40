import GSL

/// Theorem 1 of Nachum et al. as an exact evaluator: the expectation over one
/// filter F ∈ R^{r×r×d} with i.i.d. N(0, ν²) entries of the output inner
/// product of a cyclic convolution layer, as a sum over the n² patch pairs
/// ([x]^r_ij, [y]^r_ij). It replaces Monte Carlo over filters by a finite sum.
public enum CNNDualFormula {
    /// The summands of eq. (8): ν² ‖[x]_ij‖ ‖[y]_ij‖ 𝔆[σ|ρ_ij] = ν² ν_σ² ‖[x]_ij‖ ‖[y]_ij‖ σ̂(ρ_ij),
    /// indexed like `geometry`; a position with a zero patch contributes 0.
    /// Requires a positively homogeneous σ (identity, ReLU, leaky ReLU, |x|).
    public static func homogeneousTerms(_ sigma: Activation, geometry: PatchGram, nu: Double) throws -> [Double] {
        let f = try homogeneous(sigma, "homogeneousTerms")
        try Require.positive(nu, "nu", in: "CNNDualFormula.homogeneousTerms")
        let nu2 = nu * nu
        var terms = [Double](repeating: 0, count: geometry.xy.count)
        for p in terms.indices {
            guard let rho = geometry.cosine(at: p) else { continue }
            terms[p] = nu2 * (geometry.xx[p] * geometry.yy[p]).squareRoot() * (try covariance(f, rho))
        }
        return terms
    }

    /// E_F⟨σ(F * x), σ(F * y)⟩ = ν² ν_σ² Σ_{i,j ∈ Z_n} ‖[x]^r_ij‖ ‖[y]^r_ij‖ σ̂(ρ_ij), eq. (8), for
    /// a positively homogeneous σ, filter side r and filter standard deviation ν.
    public static func expectedInnerProduct(_ sigma: Activation, _ x: Image, _ y: Image, filterSize r: Int,
                                            nu: Double) throws -> Double {
        let geometry = try PatchOperator(size: r).geometry(x, y)
        return try homogeneousTerms(sigma, geometry: geometry, nu: nu).reduce(0, +)
    }

    /// E_F⟨σ(F * x), σ(F * y)⟩ = Σ_{i,j ∈ Z_n} σ̂([x]^r_ij, [y]^r_ij, ν), eq. (7), for any σ: each
    /// dual activation (5) by nested QUADPACK (`DualActivation.expectation`); the errors add.
    public static func expectedInnerProductByQuadrature(
        _ sigma: Activation, _ x: Image, _ y: Image, filterSize r: Int, nu: Double,
        tolerance: QuadratureTolerance = .init()
    ) throws -> IntegralResult {
        let patches = try PatchOperator(size: r)
        try x.requireSameShape(y, "CNNDualFormula.expectedInnerProductByQuadrature")
        var total = IntegralResult(value: 0, absoluteError: 0)
        for i in 0..<x.size {
            for j in 0..<x.size {
                total = total + (try DualActivation.expectation(
                    sigma, x: patches.patch(of: x, row: i, column: j), y: patches.patch(of: y, row: i, column: j),
                    nu: nu, tolerance: tolerance))
            }
        }
        return total
    }

    /// E_F‖σ(F * x)‖² = ν² ν_σ² r² ‖x‖², eq. (9) (cyclic convolution: every pixel lies in r² patches).
    public static func expectedSquaredNorm(_ sigma: Activation, _ x: Image, filterSize r: Int, nu: Double) throws -> Double {
        let f = try homogeneous(sigma, "expectedSquaredNorm")
        try Require.positive(nu, "nu", in: "CNNDualFormula.expectedSquaredNorm")
        try Require.atLeast(r, 1, "filterSize", in: "CNNDualFormula.expectedSquaredNorm")
        return nu * nu * (try covariance(f, 1)) * Double(r * r) * x.norm * x.norm
    }

    /// ρ̄_out = Σ_{i,j} ‖[x]_ij‖ ‖[y]_ij‖ σ̂(ρ_ij) / (r² ‖x‖ ‖y‖), eq. (12): the mean similarity
    /// (1) of one layer; it depends neither on ν nor on the norms of x and y. Nil when x or y is zero.
    public static func meanSimilarity(_ sigma: Activation, _ x: Image, _ y: Image, filterSize r: Int) throws -> Double? {
        try meanSimilarity(sigma, geometry: PatchOperator(size: r).geometry(x, y), filterSize: r,
                           norms: (x.norm, y.norm))
    }

    /// Eq. (12) from precomputed patch geometry (any patch layout of side r, e.g. the centered windows
    /// of Theorem 5) and the image norms.
    public static func meanSimilarity(_ sigma: Activation, geometry: PatchGram, filterSize r: Int,
                                      norms: (Double, Double)) throws -> Double? {
        let f = try homogeneous(sigma, "meanSimilarity")
        guard norms.0 > 0, norms.1 > 0 else { return nil }
        let sum = try homogeneousTerms(f, geometry: geometry, nu: 1).reduce(0, +)
        return sum / ((try covariance(f, 1)) * Double(r * r) * norms.0 * norms.1)
    }

    /// 𝔆[σ|ρ] = ν_σ² σ̂(ρ) in closed form (every positively homogeneous activation has one).
    private static func covariance(_ f: Activation, _ rho: Double) throws -> Double {
        if case .relu = f { return try ReLUDualActivation.value(rho) / 2 }
        guard let c = try GaussianCovariance.closedForm(f, rho: rho) else {
            throw ParameterError("CNNDualFormula", parameter: "sigma", value: f.description,
                                 requirement: "an activation with a closed-form dual")
        }
        return c
    }

    private static func homogeneous(_ sigma: Activation, _ function: String) throws -> Activation {
        let f = try sigma.validated()
        guard f.isPositivelyHomogeneous else {
            throw ParameterError("CNNDualFormula.\(function)", parameter: "sigma", value: f.description,
                                 requirement: "positively homogeneous (σ(cx) = cσ(x) for c >= 0); use eq. (7) by quadrature")
        }
        return f
    }
}
