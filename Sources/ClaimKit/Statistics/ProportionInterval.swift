import Foundation
import GSL

/// The exact (Clopper–Pearson) interval for a binomial proportion, from beta
/// quantiles: it covers the true proportion with probability >= 1 - alpha.
public enum ProportionInterval {
    /// The two-sided (1 − alpha) Clopper–Pearson interval for k successes in n trials:
    /// [B⁻¹(alpha/2; k, n − k + 1), B⁻¹(1 − alpha/2; k + 1, n − k)], with 0 for k = 0 and 1 for k = n.
    /// Throws `ParameterError` for alpha outside (0, 1), n < 1 or k outside 0...n, `GSLError` if a beta
    /// quantile fails.
    public static func clopperPearson(successes k: Int, trials n: Int, alpha: Double) throws -> Interval {
        try Require.openUnit(alpha, "alpha", in: "ProportionInterval.clopperPearson")
        try Require.atLeast(n, 1, "trials", in: "ProportionInterval.clopperPearson")
        guard (0...n).contains(k) else {
            throw ParameterError("ProportionInterval.clopperPearson", parameter: "successes", value: "\(k)",
                                 requirement: "in 0...\(n) (the number of trials)")
        }
        let lower = k == 0 ? 0 : try Distributions.betaQuantile(alpha / 2, a: Double(k), b: Double(n - k + 1))
        let upper = k == n ? 1 : try Distributions.betaQuantile(1 - alpha / 2, a: Double(k + 1), b: Double(n - k))
        return Interval(lower: lower, upper: upper)
    }
}
