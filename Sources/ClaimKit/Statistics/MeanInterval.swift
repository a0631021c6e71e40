import Foundation
import GSL

/// Normal-theory (Student t) interval for the mean of an unbounded statistic.
///
/// With n i.i.d. values of finite variance, mean ± t_{n-1, 1-alpha/2} · s/√n
/// covers the true mean with probability → 1 - alpha (exactly, for normal data).
public enum MeanInterval {
    /// The two-sided (1 - alpha) t-interval.
    public static func student(_ moments: RunningMoments, alpha: Double) throws -> Interval {
        try Require.openUnit(alpha, "alpha", in: "MeanInterval.student")
        guard moments.count >= 2 else {
            throw StatisticsError("MeanInterval.student needs at least 2 values, got \(moments.count)")
        }
        guard moments.mean.isFinite, moments.variance.isFinite else {
            throw StatisticsError("MeanInterval.student: non-finite sample (mean \(moments.mean), variance \(moments.variance))")
        }
        let q = try Distributions.studentTUpperQuantile(alpha / 2, dof: Double(moments.count - 1))
        return Interval(center: moments.mean, halfWidth: q * moments.standardError)
    }
}

/// Hoeffding's interval for the mean of values bounded in [a, b]:
/// mean ± (b - a) sqrt(log(2/alpha) / (2n)); valid for any distribution on [a, b].
public enum HoeffdingInterval {
    public static func interval(mean: Double, count: Int, range: ClosedRange<Double>, alpha: Double) throws -> Interval {
        try Require.openUnit(alpha, "alpha", in: "HoeffdingInterval")
        try Require.atLeast(count, 1, "count", in: "HoeffdingInterval")
        try Require.finite(range.lowerBound, "range.lowerBound", in: "HoeffdingInterval")
        try Require.finite(range.upperBound, "range.upperBound", in: "HoeffdingInterval")
        try Require.within(mean, range, "mean", in: "HoeffdingInterval")
        let half = halfWidth(count: count, range: range, alpha: alpha)
        return Interval(lower: max(range.lowerBound, mean - half), upper: min(range.upperBound, mean + half))
    }

    /// The half-width for `count` values.
    public static func halfWidth(count: Int, range: ClosedRange<Double>, alpha: Double) -> Double {
        (range.upperBound - range.lowerBound) * (log(2 / alpha) / (2 * Double(count))).squareRoot()
    }

    /// The smallest n whose half-width is at most `halfWidth`.
    public static func requiredCount(halfWidth: Double, range: ClosedRange<Double>, alpha: Double) throws -> Int {
        try Require.positive(halfWidth, "halfWidth", in: "HoeffdingInterval.requiredCount")
        try Require.openUnit(alpha, "alpha", in: "HoeffdingInterval.requiredCount")
        try Require.finite(range.lowerBound, "range.lowerBound", in: "HoeffdingInterval.requiredCount")
        try Require.finite(range.upperBound, "range.upperBound", in: "HoeffdingInterval.requiredCount")
        let span = range.upperBound - range.lowerBound
        let n = span * span * log(2 / alpha) / (2 * halfWidth * halfWidth)
        guard n < Double(Int.max / 2) else { return Int.max / 2 }
        return Int(n.rounded(.up))
    }
}

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
