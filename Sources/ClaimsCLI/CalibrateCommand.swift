import ArgumentParser
import ClaimKit
import Foundation

struct CalibrateCommand: ParsableCommand, ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure the miss rates of the decision rules on data with a known mean (exit 1 if one is off).")

    @OptionGroup var options: RandomnessOptions

    @Option(help: "Replicates per rule.")
    var replicates = 20_000

    func execute(console: Console) throws -> Int32 {
        guard replicates >= 100 else { throw ValidationError("--replicates must be at least 100, got \(replicates)") }
        let seed = try options.resolvedSeed(console.environment)
        let engine = try options.engine()
        let results = [
            try Calibration.meanInterval(.normal, replicates: replicates, samplesPerReplicate: 30, alpha: 0.05,
                                         seed: seed, engine: engine),
            try Calibration.meanInterval(.exponential, replicates: replicates, samplesPerReplicate: 2000, alpha: 0.05,
                                         seed: seed, engine: engine),
            try Calibration.proportionInterval(p: 0.3, replicates: replicates, trialsPerReplicate: 200, alpha: 0.05,
                                               seed: seed, engine: engine),
            try Calibration.confidenceSequence(replicates: replicates / 10, samplesPerReplicate: 2000, alpha: 0.05,
                                               seed: seed, engine: engine),
            try Calibration.plannedMeanVerdict(.exponential, replicates: replicates / 5, pilotSamples: 30, resolution: 0.25,
                                               alpha: 0.05, seed: seed, engine: engine),
        ]
        var ok = true
        for r in results {
            let tooMany = r.upperTailProbability < Calibration.testLevel
            ok = ok && !tooMany
            console.line(r.rule.padding(32) + String(
                format: "  alpha %.3f  misses %6d / %6d = %.4f  99.9999%% CI [%.4f, %.4f]  P(K >= k) = %.3g",
                r.alpha, r.misses, r.replicates, r.missRate, r.missRateInterval.lower, r.missRateInterval.upper,
                r.upperTailProbability) + (tooMany ? "  TOO MANY MISSES" : ""))
        }
        return ok ? 0 : 1
    }
}
