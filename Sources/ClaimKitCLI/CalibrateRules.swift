import ArgumentParser
import ClaimKit
import Foundation

/// `calibrate --rules`: the decision rules alone, on data with a known mean.
extension CalibrateCommand {
    /// The decision rules on data with a known mean: the plan on standard
    /// error first, each rule's line as it finishes, progress between.
    func calibrateRules(_ tool: ClaimsTool, _ console: Console) throws -> Int32 {
        let replicates = replicates ?? 20_000
        let seed = try randomness.resolvedSeed(tool, console.environment)
        let engine = try randomness.engine()
        // Relative cost per replicate (draws), for the estimate of what is left.
        let plan: [(name: String, cost: Double, run: () throws -> Calibration.Result)] = [
            ("t-interval (normal)", 30 * Double(replicates), {
                try Calibration.meanInterval(.normal, replicates: replicates, samplesPerReplicate: 30, alpha: 0.05,
                                             seed: seed, engine: engine) }),
            ("t-interval (exponential)", 2000 * Double(replicates), {
                try Calibration.meanInterval(.exponential, replicates: replicates, samplesPerReplicate: 2000, alpha: 0.05,
                                             seed: seed, engine: engine) }),
            ("Clopper-Pearson", 200 * Double(replicates), {
                try Calibration.proportionInterval(p: 0.3, replicates: replicates, trialsPerReplicate: 200, alpha: 0.05,
                                                   seed: seed, engine: engine) }),
            ("confidence sequence", 2000 * Double(replicates / 10), {
                try Calibration.confidenceSequence(replicates: replicates / 10, samplesPerReplicate: 2000, alpha: 0.05,
                                                   seed: seed, engine: engine) }),
            ("planned estimate", 400 * Double(replicates / 5), {
                try Calibration.plannedMeanVerdict(.exponential, replicates: replicates / 5, pilotSamples: 30, resolution: 0.25,
                                                   alpha: 0.05, seed: seed, engine: engine) }),
        ]
        console.errorLine("calibrate --rules: \(plan.count) decision rules at alpha 0.05, \(replicates) replicates each "
            + "(\(replicates / 10) for the confidence sequence, \(replicates / 5) for the planned estimate), seed \(seed), "
            + "\(engine.threads) thread\(engine.threads == 1 ? "" : "s"); a line per rule as it finishes")
        let progress = Progress(console: console)
        defer { progress.finish() }
        let start = ContinuousClock.now
        let totalCost = plan.reduce(0) { $0 + $1.cost }
        var doneCost = 0.0
        var ok = true
        for (i, rule) in plan.enumerated() {
            let ruleStart = ContinuousClock.now
            let rate = doneCost > 0 ? (ruleStart - start).seconds / doneCost : nil // seconds per unit of cost
            let (name, cost, after, count) = (rule.name, rule.cost, totalCost - doneCost - rule.cost, plan.count)
            progress.show {
                let inRule = (ContinuousClock.now - ruleStart).seconds
                let left = rate.map { rate in
                    ", about \(Progress.format(seconds: max(0, cost * rate - inRule) + after * rate)) left"
                } ?? ""
                return "[rule \(i + 1)/\(count)] \(Progress.format(seconds: (ContinuousClock.now - start).seconds)) elapsed\(left) · "
                    + "\(name): \(Progress.format(seconds: inRule)) in this rule"
            }
            let r = try rule.run()
            doneCost += rule.cost
            let tooMany = r.upperTailProbability < Calibration.testLevel
            ok = ok && !tooMany
            progress.writing {
                console.line(r.rule.padding(32) + String(
                    format: "  alpha %.3f  misses %6d / %6d = %.4f  99.9999%% CI [%.4f, %.4f]  P(K >= k) = %.3g",
                    r.alpha, r.misses, r.replicates, r.missRate, r.missRateInterval.lower, r.missRateInterval.upper,
                    r.upperTailProbability) + (tooMany ? "  TOO MANY MISSES" : ""))
            }
        }
        return ok ? 0 : 1
    }
}
