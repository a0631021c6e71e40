import Foundation
import GSL

/// A fitted slope with its interval, for rate claims: log y = c0 + slope · log x.
public struct SlopeEstimate: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    public let interval: Interval
    /// χ² of the weighted fit and its p-value under the power-law model.
    public let chiSquared: Double
    public let goodnessOfFitPValue: Double
    /// True when the fit was poor (p < alpha) and the interval was widened by
    /// sqrt(χ²/(n - 2)).
    public let widenedForLackOfFit: Bool
}

/// Weighted least squares of y on x (GSL `gsl_fit_wlinear`) with weights
/// 1/se_i^2, and a two-sided (1 - alpha) interval for the slope.
///
/// The interval uses the covariance implied by the known standard errors and a
/// normal quantile. If the residuals are too large for the straight-line model
/// (χ² goodness-of-fit p-value below alpha, e.g. from corrections to the
/// asymptotic rate), the interval is widened by sqrt(χ²/(n - 2)), the usual
/// scale-factor correction, and the estimate says so.
public enum SlopeInterval {
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
        let widen = pValue < alpha
        let scale = widen ? (line.chiSquared / dof).squareRoot() : 1
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let half = z * line.covariance11.squareRoot() * scale
        return SlopeEstimate(slope: line.slope, intercept: line.intercept,
                             interval: Interval(center: line.slope, halfWidth: half),
                             chiSquared: line.chiSquared, goodnessOfFitPValue: pValue, widenedForLackOfFit: widen)
    }
}
