import Foundation
import GSL

/// Hoeffding's interval for the mean of values bounded in [a, b]:
/// mean ± (b - a) sqrt(log(2/alpha) / (2n)); valid for any distribution on [a, b].
public enum HoeffdingInterval {
    /// The two-sided (1 − alpha) interval around the sample `mean` of `count` values in `range`, clipped to the
    /// range. Throws `ParameterError` for alpha outside (0, 1), count < 1, an infinite range or a mean outside it.
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
