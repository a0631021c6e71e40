import GSL

extension MaxOfGaussians {
    /// E(M − M′)² at ρ = −1 for the maxima M, M′ of n pairs of N(0, 1) units, by QUADPACK: 2(E M² − E[M M′]).
    public static func differenceSecondMomentAtMinusOne(poolSize n: Int) throws -> IntegralResult {
        let second = try MaxOfGaussians.secondMoment(poolSize: n)
        let cross = try MaxOfGaussians.crossMoment(poolSize: n, rho: -1)
        return IntegralResult(value: 2 * (second.value - cross.value),
                              absoluteError: 2 * (second.absoluteError + cross.absoluteError))
    }
}
