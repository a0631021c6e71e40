import ClaimKit
import GSL

/// Records a proportion observed over a fixed number of independent runs
/// (training runs, initializations) with an exact Clopper–Pearson interval at
/// level 1 − alpha: for statements about probabilities whose trials are too
/// expensive for the pilot-planned `estimateProportion`.
enum CountedProportion {
    @discardableResult
    static func record(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, successes: Int, trials: Int,
                       region: ClaimedRegion, resolution: Double, alpha: Double, note: String? = nil) throws -> Assertion {
        let interval = try ProportionInterval.clopperPearson(successes: successes, trials: trials, alpha: alpha)
        return ctx.record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "Clopper-Pearson, fixed number of runs",
            estimate: Double(successes) / Double(trials), interval: interval, region: region, delta: resolution,
            alpha: alpha, samples: trials, note: note))
    }
}
