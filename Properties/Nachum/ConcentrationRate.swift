import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

/// The N^{-1/2} concentration over N random filters shared by Theorem 2,
/// Corollary 1 and Lemma 2: the RMS of a deviation computed from N fresh
/// filters, for N = 1, 4, …, 256, and the slope of its logarithm on log N.
enum ConcentrationRate {
    /// Fits the slope of log RMS(deviation) on log N over `filterCounts` against `region` (resolution
    /// 0.05; −1/2 exactly for an average of i.i.d. filters) and attaches the curve; `exactVariance`
    /// (one filter's variance, when known) adds the exact line Var/N. `deviation(rng, N)` draws N
    /// filters and returns one deviation.
    @discardableResult
    static func assertSlope(
        _ ctx: ClaimContext, _ label: String, figure: String, alphaFraction: Double, subject: Subject = .asPrinted,
        filterCounts: [Int] = [1, 4, 16, 64, 256], region: ClaimedRegion = .equal(-0.5), note: String? = nil,
        exactVariance: Double? = nil,
        deviation: @escaping @Sendable (inout Xoshiro256, Int) throws -> Double
    ) throws -> [Double] {
        let logN = filterCounts.map { log(Double($0)) }
        let alpha = try ctx.reserveAlpha(alphaFraction)
        let resolution = ctx.scaled(0.05)
        let rms = try logRMS(ctx, label, sizes: filterCounts, x: logN, resolution: resolution, alpha: alpha,
                             chunkSize: 50, deviation: deviation)
        try ctx.fitSlope("slope of log RMS(\(label)) on log N, N = \(filterCounts.map(String.init).joined(separator: ", "))",
                         subject: subject, x: logN, y: rms.y, standardErrors: rms.errors, region: region,
                         resolution: resolution, alpha: alpha, samples: rms.draws * filterCounts.count, note: note)
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

    /// log RMS of `deviation(rng, size)` at each size with its delta-method standard error SE(mean d²)/(2 mean d²),
    /// for a weighted straight-line fit on `x`. The draws per size are planned from the resolution: a pilot of
    /// `pilot` draws per size estimates each point's relative variance v_i = Var(d²)/(E d²)², so the point's
    /// standard error with n draws is √(v_i/(4n)) and the weighted slope's is 1/√(4n Σ_i (x_i − x̄)²/v_i)
    /// (x̄ weighted by 1/v_i); n makes the normal (1 − alpha) half-width at most resolution/2 (at least the
    /// pilot, at most the budget's cap shared over the sizes), and fresh draws give the points.
    static func logRMS(
        _ ctx: ClaimContext, _ label: String, sizes: [Int], x: [Double], resolution: Double, alpha: Double,
        pilot: Int = 200, chunkSize: Int, deviation: @escaping @Sendable (inout Xoshiro256, Int) throws -> Double
    ) throws -> (y: [Double], errors: [Double], draws: Int) {
        let squares = { (draws: Int, purpose: String, size: Int) throws -> RunningMoments in
            RunningMoments.merging(try ctx.engine.run(samples: draws, chunkSize: chunkSize,
                                                      stream: ctx.stream("\(label): \(purpose) size \(size)")) { rng, count in
                try RunningMoments.of(count: count) {
                    let d = try deviation(&rng, size)
                    return d * d
                }
            })
        }
        let relative = try sizes.map { size in
            let m = try squares(pilot, "pilot", size)
            return max(m.variance, .leastNormalMagnitude) / (m.mean * m.mean)
        }
        let weights = relative.map { 1 / $0 }
        let center = zip(weights, x).map(*).reduce(0, +) / weights.reduce(0, +)
        let spread = zip(weights, x).map { w, xi in w * (xi - center) * (xi - center) }.reduce(0, +)
        guard spread.isFinite, spread > 0 else {
            throw ParameterError("ConcentrationRate.logRMS", parameter: "deviation", value: "pilot relative variances \(relative)",
                                 requirement: "a non-degenerate RMS at two or more sizes")
        }
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let planned = (z * z / (spread * resolution * resolution)).rounded(.up)
        let draws = min(max(Int(planned), pilot), ctx.budget.sampleCap / sizes.count)
        var y: [Double] = [], errors: [Double] = []
        for size in sizes {
            let m = try squares(draws, "main", size)
            y.append(0.5 * log(m.mean))
            errors.append(m.standardError / (2 * m.mean))
        }
        return (y, errors, draws)
    }
}
