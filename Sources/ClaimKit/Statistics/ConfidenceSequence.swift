import Foundation
import GSL

/// An anytime-valid confidence sequence for the mean of i.i.d. values bounded
/// in [a, b]: the predictable plug-in empirical-Bernstein sequence of
/// Waudby-Smith & Ramdas (2023, JRSS-B 86(1), Theorem 2 and eq. (13)–(15)).
///
/// With probability at least 1 - alpha the interval contains the mean at
/// *every* sample size simultaneously, so sampling may stop whenever the
/// interval is narrow enough (or already decides) without inflating alpha.
/// It adapts to the variance: for values that vary little it is far tighter
/// than Hoeffding's. The running intersection is kept (also valid).
public struct ConfidenceSequence: Sendable {
    /// The range [a, b] every observation lies in.
    public let range: ClosedRange<Double>
    /// The probability that the sequence ever excludes the mean, in (0, 1).
    public let alpha: Double
    /// The cap c on the betting fraction λ (the paper recommends 1/2 or 3/4).
    public let lambdaCap: Double

    /// The observations added so far.
    public private(set) var count = 0
    private var sumLambda = 0.0
    private var sumLambdaX = 0.0
    private var sumPenalty = 0.0
    private var sumX = 0.0
    private var sumSquaredDeviation = 0.0
    private var runningLower = 0.0
    private var runningUpper = 1.0
    private let logTwoOverAlpha: Double

    /// An empty sequence for values in `range` at error rate `alpha`, its betting fractions capped at
    /// `lambdaCap`. Throws `ParameterError` unless alpha and lambdaCap lie in (0, 1) and `range` is finite
    /// and non-degenerate.
    public init(range: ClosedRange<Double>, alpha: Double, lambdaCap: Double = 0.5) throws {
        try Require.openUnit(alpha, "alpha", in: "ConfidenceSequence")
        try Require.finite(range.lowerBound, "range.lowerBound", in: "ConfidenceSequence")
        try Require.finite(range.upperBound, "range.upperBound", in: "ConfidenceSequence")
        guard range.upperBound > range.lowerBound else {
            throw ParameterError("ConfidenceSequence", parameter: "range", value: "\(range)", requirement: "non-degenerate")
        }
        try Require.openUnit(lambdaCap, "lambdaCap", in: "ConfidenceSequence")
        self.range = range
        self.alpha = alpha
        self.lambdaCap = lambdaCap
        logTwoOverAlpha = log(2 / alpha)
    }

    /// Adds one observation; throws when it lies outside the declared range.
    public mutating func add(_ value: Double) throws {
        guard range.contains(value) else {
            throw ParameterError("ConfidenceSequence.add", parameter: "value", value: "\(value)",
                                 requirement: "in the declared range \(range)")
        }
        let x = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        let t = Double(count + 1)
        // Predictable quantities use observations 1 ... t-1 only.
        let previousMean = (0.5 + sumX) / t
        let previousVariance = (0.25 + sumSquaredDeviation) / t
        let lambda = min((2 * logTwoOverAlpha / (previousVariance * t * log(1 + t))).squareRoot(), lambdaCap)
        let v = 4 * (x - previousMean) * (x - previousMean)
        sumLambda += lambda
        sumLambdaX += lambda * x
        sumPenalty += v * (-log(1 - lambda) - lambda) / 4
        sumX += x
        let currentMean = (0.5 + sumX) / (t + 1)
        sumSquaredDeviation += (x - currentMean) * (x - currentMean)
        count += 1
        let center = sumLambdaX / sumLambda
        let half = (logTwoOverAlpha + sumPenalty) / sumLambda
        runningLower = max(runningLower, center - half)
        runningUpper = min(runningUpper, center + half)
    }

    /// The current interval for the mean, in the original units.
    public var interval: Interval {
        let span = range.upperBound - range.lowerBound
        let lo = min(runningLower, runningUpper)
        return Interval(lower: range.lowerBound + span * lo, upper: range.lowerBound + span * runningUpper)
    }

    /// The plain average of the observations so far.
    public var mean: Double {
        count == 0 ? .nan : range.lowerBound + (range.upperBound - range.lowerBound) * sumX / Double(count)
    }
}
