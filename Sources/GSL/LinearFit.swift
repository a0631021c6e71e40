import CGSL

/// Weighted least squares for a straight line, y = c0 + c1 x (`gsl_fit_wlinear`).
public struct WeightedLineFit: Sendable, Equatable {
    /// The fitted intercept c0.
    public let intercept: Double
    /// The fitted slope c1.
    public let slope: Double
    /// Var(c0): the covariance matrix of (intercept, slope) is computed from the
    /// weights alone (weights are inverse variances of y), not from the residuals.
    public let covariance00: Double
    /// Cov(c0, c1), from the weights alone.
    public let covariance01: Double
    /// Var(c1), from the weights alone: the slope's squared standard error when the weights are exact 1/σ².
    public let covariance11: Double
    /// Weighted residual sum of squares, Σ w_i (y_i - c0 - c1 x_i)^2.
    public let chiSquared: Double
    /// The number of points fitted.
    public let count: Int

    /// Fits the line; `weights` are 1/σ_i^2. Throws `ParameterError` for unequal lengths, fewer than three
    /// points, non-finite values, non-positive weights, a single distinct x, or magnitudes at which GSL's weighted
    /// sums of squares overflow or underflow.
    public init(x: [Double], y: [Double], weights: [Double]) throws {
        let context = "WeightedLineFit"
        guard x.count == y.count, y.count == weights.count else {
            throw ParameterError(context, parameter: "lengths", value: "\(x.count), \(y.count), \(weights.count)",
                                 requirement: "equal")
        }
        try Require.atLeast(x.count, 3, "number of points", in: context)
        for v in x { try Require.finite(v, "x", in: context) }
        for v in y { try Require.finite(v, "y", in: context) }
        for w in weights { try Require.positive(w, "weight", in: context) }
        guard Set(x).count >= 2 else {
            throw ParameterError(context, parameter: "x", value: "\(x)", requirement: "at least two distinct values")
        }
        var c0 = 0.0, c1 = 0.0, v00 = 0.0, v01 = 0.0, v11 = 0.0, chi = 0.0
        try GSLCall.status("gsl_fit_wlinear") {
            gsl_fit_wlinear(x, 1, weights, 1, y, 1, x.count, &c0, &c1, &v00, &v01, &v11, &chi)
        }
        // With positive weights and two distinct x the variances are positive and everything is finite,
        // unless GSL's weighted sums of squares overflowed or underflowed.
        guard [c0, c1, v00, v01, v11, chi].allSatisfy(\.isFinite), v00 > 0, v11 > 0 else {
            throw ParameterError(context, parameter: "x, y, weights",
                                 value: "magnitudes up to \((x + y).map(abs).max()!) (weights up to \(weights.max()!))",
                                 requirement: "values whose weighted sums of squares neither overflow nor underflow")
        }
        intercept = c0
        slope = c1
        covariance00 = v00
        covariance01 = v01
        covariance11 = v11
        chiSquared = chi
        count = x.count
    }
}
