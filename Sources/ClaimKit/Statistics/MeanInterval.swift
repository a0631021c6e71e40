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
