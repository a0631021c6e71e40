/// Closed forms for the pooled features of the pooling paper's FCN r(Wx) with m groups of n units (Theorems 4.1,
/// 4.2 and App. A): the first-order contraction E[1 − ρ] in 1/n and the exact mean similarity of average pooling.
public enum FCNPoolingLimits {
    /// E[1 − ρ(A_x, A_y)] to first order in 1/n (derived): with
    /// A_i = μ + ε_i, 1 − ρ ≈ ½‖P⊥(ε_x − ε_y)‖²/(m μ²), μ² = 1/(2π) and
    /// E(ε_{x,i} − ε_{y,i})² = (1 − r̂(ρ))/n, so E[1 − ρ] ≈ π(1 − 1/m)(1 − r̂(ρ))/n.
    public static func averageContractionFirstOrder(rho: Double, groups m: Int, poolSize n: Int) throws -> Double {
        Double.pi * (1 - 1 / Double(m)) * (1 - (try ReLUDualActivation.value(rho))) / Double(n)
    }

    /// The same first-order expansion for max pooling, (1 − 1/m)(Var M − Cov(M, M′))/(E M)²,
    /// by QUADPACK (`MaxOfGaussians`), for ρ ∈ {−1, 0, 1}.
    public static func maximumContractionFirstOrder(rho: Double, groups m: Int, poolSize n: Int) throws -> Double {
        let mean = try MaxOfGaussians.mean(poolSize: n).value
        let second = try MaxOfGaussians.secondMoment(poolSize: n).value
        let cross = try MaxOfGaussians.crossMoment(poolSize: n, rho: rho).value
        return (1 - 1 / Double(m)) * (second - cross) / (mean * mean)
    }

    /// ρ̄(A_x, A_y) = [1 + (π r̂(ρ) − 1)/n] / [1 + (π − 1)/n]: the mean-similarity form of Theorem 4.1.
    public static func averageMeanSimilarity(rho: Double, poolSize n: Int) throws -> Double {
        let n = Double(n)
        return (1 + (Double.pi * (try ReLUDualActivation.value(rho)) - 1) / n) / (1 + (Double.pi - 1) / n)
    }
}
