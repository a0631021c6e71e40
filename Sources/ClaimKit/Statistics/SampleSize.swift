import Foundation
import GSL

/// Sample sizes derived from the resolution, the error rate and a pilot.
///
/// An assertion whose interval has half-width at most delta/2 and covers the
/// truth is confirmed whenever the claim holds (the interval then lies within
/// delta of the claimed region), so planning for half-width delta/2 makes the
/// false-fail rate at most alpha.
public enum SampleSize {
    /// n for a t-interval of half-width `halfWidth` when the standard deviation
    /// is at most `sigmaUpper`: n = (z_{1-alpha/2} · sigmaUpper / halfWidth)^2.
    public static func forMean(sigmaUpper: Double, halfWidth: Double, alpha: Double) throws -> Int {
        try Require.nonNegative(sigmaUpper, "sigmaUpper", in: "SampleSize.forMean")
        try Require.positive(halfWidth, "halfWidth", in: "SampleSize.forMean")
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let n = (z * sigmaUpper / halfWidth) * (z * sigmaUpper / halfWidth)
        guard n < Double(Int.max / 2) else { return Int.max / 2 }
        return max(2, Int(n.rounded(.up)))
    }

    /// A (1 - alpha) upper confidence bound for a standard deviation from a
    /// pilot sample (chi-squared bound, exact for normal data; optimistic for
    /// heavy tails, which is why the planned estimates re-plan from their main
    /// sample and top it up when it asks for more — `ClaimContext`).
    public static func sigmaUpperBound(_ pilot: RunningMoments, alpha: Double) throws -> Double {
        try pilot.standardDeviation * upperBoundFactor(count: pilot.count, alpha: alpha)
    }

    /// sqrt((n - 1) / χ²_{alpha}(n - 1)): the factor by which a standard
    /// deviation estimated from n values is raised to a (1 - alpha) upper bound.
    /// Beyond 10⁴ degrees of freedom (where GSL's inverse chi-squared CDF can
    /// fail at tiny alpha) the quantile is Wilson–Hilferty's,
    /// ν (1 − 2/(9ν) + z_alpha √(2/(9ν)))³, whose relative error there is below 1e-5.
    public static func upperBoundFactor(count: Int, alpha: Double) throws -> Double {
        guard count >= 2 else {
            throw StatisticsError("SampleSize: a pilot needs at least 2 values, got \(count)")
        }
        let dof = Double(count - 1)
        guard dof > 1e4 else {
            return (dof / (try Distributions.chiSquaredQuantile(alpha, dof: dof))).squareRoot()
        }
        let z = -(try Distributions.normalUpperQuantile(alpha))
        let c = 2 / (9 * dof)
        let cube = 1 - c + z * c.squareRoot()
        return (1 / (cube * cube * cube)).squareRoot()
    }

    /// n for a Clopper–Pearson interval of half-width about `halfWidth` when the
    /// proportion lies in `plausible` (normal approximation at the worst p).
    public static func forProportion(plausible: Interval, halfWidth: Double, alpha: Double) throws -> Int {
        try Require.positive(halfWidth, "halfWidth", in: "SampleSize.forProportion")
        let p = min(max(0.5, plausible.lower), plausible.upper)
        let worst = max(p * (1 - p), 1e-12)
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let n = z * z * worst / (halfWidth * halfWidth)
        guard n < Double(Int.max / 2) else { return Int.max / 2 }
        return max(1, Int(n.rounded(.up)))
    }
}
