import CGSL

/// Densities, distribution functions and quantiles from GSL's `gsl_cdf_*` and
/// `gsl_ran_*_pdf` families, with arguments validated before the call.
public enum Distributions {
    /// Standard normal density φ(x).
    public static func normalPDF(_ x: Double) -> Double {
        gsl_ran_ugaussian_pdf(x)
    }

    /// Standard normal distribution function Φ(x).
    public static func normalCDF(_ x: Double) -> Double {
        gsl_cdf_ugaussian_P(x)
    }

    /// Upper tail 1 - Φ(x), accurate where Φ(x) is close to 1.
    public static func normalUpperTail(_ x: Double) -> Double {
        gsl_cdf_ugaussian_Q(x)
    }

    /// The standard normal quantile Φ^{-1}(p) for p in (0, 1).
    public static func normalQuantile(_ p: Double) throws -> Double {
        try Require.openUnit(p, "p", in: "Distributions.normalQuantile")
        return try GSLCall.value("gsl_cdf_ugaussian_Pinv") { gsl_cdf_ugaussian_Pinv(p) }
    }

    /// The upper normal quantile: the x with 1 - Φ(x) = q, for q in (0, 1).
    /// Accurate for tiny q, where `normalQuantile(1 - q)` would lose digits.
    public static func normalUpperQuantile(_ q: Double) throws -> Double {
        try Require.openUnit(q, "q", in: "Distributions.normalUpperQuantile")
        return try GSLCall.value("gsl_cdf_ugaussian_Qinv") { gsl_cdf_ugaussian_Qinv(q) }
    }

    /// The distribution function of Student's t with `dof` degrees of freedom.
    public static func studentTCDF(_ x: Double, dof: Double) throws -> Double {
        try Require.positive(dof, "dof", in: "Distributions.studentTCDF")
        return try GSLCall.value("gsl_cdf_tdist_P") { gsl_cdf_tdist_P(x, dof) }
    }

    /// The upper quantile of Student's t: the x with P(T > x) = q.
    public static func studentTUpperQuantile(_ q: Double, dof: Double) throws -> Double {
        try Require.openUnit(q, "q", in: "Distributions.studentTUpperQuantile")
        try Require.positive(dof, "dof", in: "Distributions.studentTUpperQuantile")
        return try GSLCall.value("gsl_cdf_tdist_Qinv") { gsl_cdf_tdist_Qinv(q, dof) }
    }

    /// The lower quantile of the chi-squared distribution: the x with P(X <= x) = p.
    public static func chiSquaredQuantile(_ p: Double, dof: Double) throws -> Double {
        try Require.openUnit(p, "p", in: "Distributions.chiSquaredQuantile")
        try Require.positive(dof, "dof", in: "Distributions.chiSquaredQuantile")
        return try GSLCall.value("gsl_cdf_chisq_Pinv") { gsl_cdf_chisq_Pinv(p, dof) }
    }

    /// P(X > x) for X chi-squared with `dof` degrees of freedom.
    public static func chiSquaredUpperTail(_ x: Double, dof: Double) throws -> Double {
        try Require.nonNegative(x, "x", in: "Distributions.chiSquaredUpperTail")
        try Require.positive(dof, "dof", in: "Distributions.chiSquaredUpperTail")
        return try GSLCall.value("gsl_cdf_chisq_Q") { gsl_cdf_chisq_Q(x, dof) }
    }

    /// The distribution function of Beta(a, b).
    public static func betaCDF(_ x: Double, a: Double, b: Double) throws -> Double {
        try Require.within(x, 0...1, "x", in: "Distributions.betaCDF")
        try Require.positive(a, "a", in: "Distributions.betaCDF")
        try Require.positive(b, "b", in: "Distributions.betaCDF")
        return try GSLCall.value("gsl_cdf_beta_P") { gsl_cdf_beta_P(x, a, b) }
    }

    /// The quantile of Beta(a, b): the x with P(X <= x) = p, p in [0, 1].
    /// Solved by Brent's method on `betaCDF` over [0, 1]: GSL's own inverse
    /// (`gsl_cdf_beta_Pinv`) fails to converge for the large parameters of
    /// Clopper–Pearson intervals with millions of trials.
    public static func betaQuantile(_ p: Double, a: Double, b: Double) throws -> Double {
        try Require.within(p, 0...1, "p", in: "Distributions.betaQuantile")
        try Require.positive(a, "a", in: "Distributions.betaQuantile")
        try Require.positive(b, "b", in: "Distributions.betaQuantile")
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let (lower, upper) = betaQuantileBracket(p, a: a, b: b)
        return try RootFinding.brent({ x in try betaCDF(x, a: a, b: b) - p }, lower: lower, upper: upper,
                                     absoluteTolerance: 1e-300, relativeTolerance: 1e-13).value
    }

    /// [0, 1], or the side of it beyond one standard deviation from the mean when p lies in that tail
    /// (and the CDF there confirms it): with a and b in the millions GSL's incomplete beta stops
    /// converging (EMAXITER, reported as NaN) within a fraction of a standard deviation of the mean,
    /// where Brent's first bisection steps on [0, 1] can land (e.g. x = 1/4 when the mean is 1/4).
    private static func betaQuantileBracket(_ p: Double, a: Double, b: Double) -> (Double, Double) {
        let mean = a / (a + b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        if p < 0.5, mean - sd > 0, let c = try? betaCDF(mean - sd, a: a, b: b), c >= p { return (0, mean - sd) }
        if p > 0.5, mean + sd < 1, let c = try? betaCDF(mean + sd, a: a, b: b), c <= p { return (mean + sd, 1) }
        return (0, 1)
    }

    /// P(K >= k) for K ~ Binomial(n, p): the upper tail used for exact binomial tests.
    public static func binomialUpperTail(atLeast k: Int, trials n: Int, probability p: Double) throws -> Double {
        try Require.within(p, 0...1, "p", in: "Distributions.binomialUpperTail")
        try Require.atLeast(n, 0, "n", in: "Distributions.binomialUpperTail")
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        guard n <= Int(UInt32.max) else {
            throw ParameterError("Distributions.binomialUpperTail", parameter: "n", value: "\(n)", requirement: "<= \(UInt32.max)")
        }
        return try GSLCall.value("gsl_cdf_binomial_Q") { gsl_cdf_binomial_Q(UInt32(k - 1), p, UInt32(n)) }
    }

    /// P(K <= k) for K ~ Binomial(n, p).
    public static func binomialLowerTail(atMost k: Int, trials n: Int, probability p: Double) throws -> Double {
        try Require.within(p, 0...1, "p", in: "Distributions.binomialLowerTail")
        try Require.atLeast(n, 0, "n", in: "Distributions.binomialLowerTail")
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        guard n <= Int(UInt32.max) else {
            throw ParameterError("Distributions.binomialLowerTail", parameter: "n", value: "\(n)", requirement: "<= \(UInt32.max)")
        }
        return try GSLCall.value("gsl_cdf_binomial_P") { gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)) }
    }
}
