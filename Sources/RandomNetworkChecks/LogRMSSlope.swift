import ClaimKit
import Foundation
import Randomness

/// The fit behind the concentration checks: log RMS of a deviation against log size, its slope recorded
/// against a claimed region (fluctuations of a law-of-large-numbers limit fall like size^{−1/2}).
enum LogRMSSlope {
    /// The RMS of `deviation(rng, size)` at each of `sizes` (`LogRMSRate`, draws planned for `planningResolution`,
    /// streams under `label`), then the weighted slope of log RMS on log size recorded as `name` against `region` at
    /// `resolution`; returns log size and the points.
    static func fit(
        _ ctx: ClaimContext, label: String, name: String, subject: Subject, sizes: [Int], planningResolution: Double,
        resolution: Double, alpha: Double, region: ClaimedRegion, note: String?,
        deviation: @escaping @Sendable (inout Xoshiro256, Int) throws -> Double
    ) throws -> (x: [Double], y: [Double], errors: [Double]) {
        let x = sizes.map { log(Double($0)) }
        let rms = try LogRMSRate.estimate(ctx, label, sizes: sizes, x: x, resolution: planningResolution, alpha: alpha,
                                          chunkSize: 50, deviation: deviation)
        try ctx.fitSlope(name, subject: subject, x: x, y: rms.y, standardErrors: rms.errors, region: region,
                         resolution: resolution, alpha: alpha, samples: rms.samples, note: note)
        return (x, rms.y, rms.errors)
    }
}
