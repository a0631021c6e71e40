import Foundation
import GSL
import Randomness

/// The RMS of a deviation at several sizes, for the slope of its logarithm
/// (concentration rates: N^{−1/2} over filters, 1/d over image sizes, ...).
public enum LogRMSRate {
    /// log RMS of `deviation(rng, size)` at each size with its delta-method standard error SE(mean d²)/(2 mean d²),
    /// for a weighted straight-line fit on `x`. The draws per size are planned from the resolution: a pilot of
    /// `pilot` draws per size estimates each point's relative variance v_i = Var(d²)/(E d²)², so the point's
    /// standard error with n draws is √(v_i/(4n)) and the weighted slope's is 1/√(4n Σ_i (x_i − x̄)²/v_i)
    /// (x̄ weighted by 1/v_i); n makes the normal (1 − alpha) half-width at most resolution/2 (at least the
    /// pilot, at most the budget's cap shared over the sizes), and fresh draws give the points. The plan is then
    /// applied to the main draws themselves, as `ClaimContext`'s planned estimates do: when the pilot under-stated
    /// the relative variances (d² is heavy-tailed) and the main draws ask for more, the shortfall at every size is
    /// drawn on its own stream and merged, up to four times (`TwoStageSampling`). `samples` counts every draw spent, pilots included.
    public static func estimate(
        _ ctx: ClaimContext, _ label: String, sizes: [Int], x: [Double], resolution: Double, alpha: Double,
        pilot: Int = 200, chunkSize: Int, deviation: @escaping @Sendable (inout Xoshiro256, Int) throws -> Double
    ) throws -> (y: [Double], errors: [Double], samples: Int) {
        let squares = { (draws: Int, purpose: String, size: Int) throws -> RunningMoments in
            RunningMoments.merging(try ctx.engine.run(samples: draws, chunkSize: chunkSize,
                                                      stream: ctx.stream("\(label): \(purpose) size \(size)")) { rng, count in
                try RunningMoments.of(count: count) {
                    let d = try deviation(&rng, size)
                    return d * d
                }
            })
        }
        let relativeVariance = { (m: RunningMoments) in max(m.variance, .leastNormalMagnitude) / (m.mean * m.mean) }
        let outcome = try TwoStageSampling.run(
            pilot: pilot, cap: ctx.budget.sampleCap / sizes.count, maxTopUps: 4,
            draw: { stage, draws in try sizes.map { try squares(draws, Self.purpose(stage), $0) } },
            merge: { old, new in zip(old, new).map { $0.merged(with: $1) } },
            plan: { moments, _ in
                try plannedDraws(moments.map(relativeVariance), x: x, resolution: resolution, alpha: alpha)
            })
        let main = outcome.draws
        let draws = outcome.count
        let y = main.map { 0.5 * log($0.mean) }
        let errors = main.map { $0.standardError / (2 * $0.mean) }
        return (y, errors, (pilot + draws) * sizes.count)
    }

    /// The label part of a stage's streams ("pilot", "main", "top-up k").
    private static func purpose(_ stage: TwoStageSampling.Stage) -> String {
        switch stage {
        case .pilot: "pilot"
        case .main: "main"
        case let .topUp(round): "top-up \(round)"
        }
    }

    /// The draws per size that make the weighted slope's normal (1 − alpha) half-width at most resolution/2,
    /// given each point's relative variance v_i = Var(d²)/(E d²)².
    private static func plannedDraws(_ relative: [Double], x: [Double], resolution: Double, alpha: Double) throws -> Int {
        let weights = relative.map { 1 / $0 }
        let center = zip(weights, x).map(*).reduce(0, +) / weights.reduce(0, +)
        let spread = zip(weights, x).map { w, xi in w * (xi - center) * (xi - center) }.reduce(0, +)
        guard spread.isFinite, spread > 0 else {
            throw ParameterError("LogRMSRate.estimate", parameter: "deviation", value: "relative variances \(relative)",
                                 requirement: "a non-degenerate RMS at two or more sizes")
        }
        let z = try Distributions.normalUpperQuantile(alpha / 2)
        let planned = (z * z / (spread * resolution * resolution)).rounded(.up)
        return planned < Double(Int.max / 2) ? Int(planned) : Int.max / 2
    }
}
