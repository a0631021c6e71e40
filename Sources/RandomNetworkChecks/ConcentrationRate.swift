import ClaimKit
import Foundation
import Randomness

/// The N^{-1/2} concentration over N random filters (Nachum et al.'s Theorem 2, Corollary 1 and Lemma 2, and
/// any statement that an average over N independent random units concentrates): the RMS of a deviation computed
/// from N fresh filters, for N = 1, 4, …, 256, and the slope of its logarithm on log N.
public enum ConcentrationRate {
    /// Fits the slope of log RMS(deviation) on log N over `filterCounts` against `region` (resolution
    /// 0.05, scaled by the budget; −1/2 exactly for an average of i.i.d. filters) and attaches the curve as the figure
    /// `figure`; `exactVariance` (one filter's variance, when known) adds the exact line Var/N. `deviation(rng, N)` draws N
    /// filters and returns one deviation. Returns log RMS at each N.
    @discardableResult
    public static func assertSlope(
        _ ctx: ClaimContext, _ label: String, figure: String, alphaFraction: Double, subject: Subject = .asPrinted,
        filterCounts: [Int] = [1, 4, 16, 64, 256], region: ClaimedRegion = .equal(-0.5), note: String? = nil,
        exactVariance: Double? = nil,
        deviation: @escaping @Sendable (inout Xoshiro256, Int) throws -> Double
    ) throws -> [Double] {
        let alpha = try ctx.reserveAlpha(alphaFraction)
        let resolution = ctx.scaled(0.05)
        // The draws are planned for half the resolution, an interval of half-width δ/4 before the lack-of-fit
        // widening: one filter's d² is heavy-tailed, its standard errors are noisy, and with δ/2 the widening
        // (up to 1.84 at 3 degrees of freedom) left Lemma 2's slope inconclusive at 2 seeds in 60.
        let rms = try LogRMSSlope.fit(
            ctx, label: label, name: "slope of log RMS(\(label)) on log N, N = \(filterCounts.map(String.init).joined(separator: ", "))",
            subject: subject, sizes: filterCounts, planningResolution: resolution / 2, resolution: resolution, alpha: alpha,
            region: region, note: note, deviation: deviation)
        let logN = rms.x
        var series: [Figure.Series] = [.init(label: "Monte Carlo (±3 SE)", style: .scatter, x: logN, y: rms.y,
                                             errors: rms.errors.map { 3 * $0 })]
        if let exactVariance {
            series.append(.init(label: "exact ½ log(Var/N)", style: .line, x: logN,
                                y: filterCounts.map { 0.5 * log(exactVariance / Double($0)) }))
        } else {
            series.append(.init(label: "slope −1/2 through N = 1", style: .line, x: logN,
                                y: logN.map { rms.y[0] - 0.5 * $0 }))
        }
        ctx.attach(Figure(name: figure, title: "RMS of \(label) against the number of filters N",
                          xLabel: "log N", yLabel: "log RMS", series: series))
        return rms.y
    }
}
