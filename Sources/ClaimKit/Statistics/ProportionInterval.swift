import Foundation
import GSL

/// The exact (Clopper–Pearson) interval for a binomial proportion, from beta
/// quantiles: it covers the true proportion with probability >= 1 - alpha.
public enum ProportionInterval {
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
