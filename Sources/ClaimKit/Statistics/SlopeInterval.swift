import Foundation
import GSL

/// A fitted slope with its interval, for rate claims: log y = c0 + slope · log x.
public struct SlopeEstimate: Sendable, Equatable {
    /// The fitted slope (for a log-log fit, the rate's exponent).
    public let slope: Double
    /// The fitted intercept.
    public let intercept: Double
    /// The two-sided (1 − alpha) interval of the slope, widened by `scaleFactor`.
    public let interval: Interval
    /// χ² of the weighted fit and its p-value under the power-law model.
    public let chiSquared: Double
    /// P(χ²_{n−2} > chiSquared): the straight line's goodness of fit under the weights.
    public let goodnessOfFitPValue: Double
    /// max(1, sqrt(χ²/(n − 2))): the factor the interval was widened by.
    public let scaleFactor: Double

    /// True when the residuals exceeded their standard errors and the interval was widened.
    public var widenedForLackOfFit: Bool { scaleFactor > 1 }
}

/// Weighted least squares of y on x (GSL `gsl_fit_wlinear`) with weights
/// 1/se_i^2, and a two-sided (1 - alpha) interval for the slope.
///
/// The interval uses the covariance implied by the known standard errors and a
/// normal quantile, widened by the scale factor max(1, sqrt(χ²/(n − 2))) (the
/// Birge ratio): whenever the residuals scatter more than their standard
/// errors allow — corrections to an asymptotic rate, under-stated errors — the
/// interval grows with them, not only when a goodness-of-fit test at the
/// assertion's tiny alpha rejects the line. With two points there is no
/// residual and the known errors alone set the width.
public enum SlopeInterval {
    /// Fits y = c0 + slope · x with weights 1/se², and the slope's interval. Throws `ParameterError` for alpha
    /// outside (0, 1), a standard error per y missing or not positive, or what `WeightedLineFit` rejects
    /// (unequal lengths, fewer than three points, one distinct x, non-finite values); `GSLError` from GSL.
    public static func fit(x: [Double], y: [Double], standardErrors: [Double], alpha: Double) throws -> SlopeEstimate {
        try Require.openUnit(alpha, "alpha", in: "SlopeInterval.fit")
        guard standardErrors.count == y.count else {
            throw ParameterError("SlopeInterval.fit", parameter: "standardErrors", value: "\(standardErrors.count) values",
                                 requirement: "one per y value (\(y.count))")
        }
        for se in standardErrors { try Require.positive(se, "standard error", in: "SlopeInterval.fit") }
        let line = try WeightedLineFit(x: x, y: y, weights: standardErrors.map { 1 / ($0 * $0) })
        let dof = Double(line.count - 2)
        let pValue = dof > 0 ? try Distributions.chiSquaredUpperTail(line.chiSquared, dof: dof) : 1
        let scale = dof > 0 ? max(1, (line.chiSquared / dof).squareRoot()) : 1
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let half = z * line.covariance11.squareRoot() * scale
        return SlopeEstimate(slope: line.slope, intercept: line.intercept,
                             interval: Interval(center: line.slope, halfWidth: half),
                             chiSquared: line.chiSquared, goodnessOfFitPValue: pValue, scaleFactor: scale)
    }
}
