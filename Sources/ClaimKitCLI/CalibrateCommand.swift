import ArgumentParser
import ClaimKit
import Foundation


/// `claims calibrate`: the claims re-run under many seeds (or saved runs
/// aggregated) against their false-fail budget; `--rules` measures the
/// decision rules alone on data with a known mean.
struct CalibrateCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Re-run claims under many seeds and compare how often verdicts differ from their expectations with "
            + "the false-fail budget (exit 1 if the count is inconsistent with it); --rules: the decision rules alone.")

    @Option(help: "Only claims of this paper; repeatable.")
    var paper: [String] = []

    @Option(help: "Only this claim ID; repeatable.")
    var claim: [String] = []

    @Option(help: "Number of seeds: the suite seed + 1, + 2, ... (1 to \(Self.maximumSeeds); default 100, about 100 runs of the selection).")
    var seeds: Int?

    @Option(parsing: .upToNextOption,
            help: "Aggregate these saved runs (claims run --json, one per seed, one budget) instead of running.")
    var runs: [String] = []

    @Option(help: "Budget tier of the runs: quick (default), standard or thorough.")
    var budget: Budget?

    @OptionGroup var randomness: RandomnessOptions

    @Flag(help: "Measure the decision rules' miss rates on data with a known mean instead of re-running claims.")
    var rules = false

    @Option(help: "With --rules: replicates per rule (100 to \(Self.maximumReplicates); default 20000).")
    var replicates: Int?

    @Flag(help: "Print the calibration as one JSON object.")
    var json = false

    static let maximumSeeds = 100_000
    static let maximumReplicates = 10_000_000

    func validate() throws {
        if let seeds, !(1...Self.maximumSeeds).contains(seeds) {
            throw ValidationError("--seeds must be between 1 and \(Self.maximumSeeds), got \(seeds)")
        }
        if let replicates, !(100...Self.maximumReplicates).contains(replicates) {
            throw ValidationError("--replicates must be between 100 and \(Self.maximumReplicates), got \(replicates)")
        }
        if rules && (!paper.isEmpty || !claim.isEmpty || seeds != nil || !runs.isEmpty || json) {
            throw ValidationError("--rules measures the decision rules: it takes no --paper, --claim, --seeds, --runs or --json")
        }
        if !rules && replicates != nil { throw ValidationError("--replicates applies to --rules only") }
        if !runs.isEmpty && (!paper.isEmpty || !claim.isEmpty || seeds != nil || randomness.seed != nil || budget != nil) {
            throw ValidationError("--runs aggregates saved runs: it takes no --paper, --claim, --seeds, --seed or --budget")
        }
        if rules && budget != nil { throw ValidationError("--rules takes no --budget") }
    }

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        if rules { return try calibrateRules(tool, console) }
        let calibration = runs.isEmpty ? try calibrateClaims(tool, console) : try aggregate(runs, tool)
        if json {
            console.line(try JSON.encode(calibration))
        } else {
            SeedCalibrationSummary(calibration).lines.forEach(console.line)
        }
        return calibration.consistentWithBudget ? 0 : 1
    }

    /// Runs the selected claims at seeds S + 1 ... S + N, S the suite seed, one line per seed on standard error.
    private func calibrateClaims(_ tool: ClaimsTool, _ console: Console) throws -> SeedCalibration {
        let selected = try tool.registry.select(papers: paper, ids: claim)
        let base = try randomness.resolvedSeed(tool, console.environment)
        let engine = try randomness.engine()
        let count = seeds ?? 100
        var reports: [RunReport] = []
        for k in 1...count {
            let seed = base &+ UInt64(k)
            let runner = try Runner(registry: tool.registry, seed: seed, budget: budget ?? .quick, engine: engine)
            let start = ContinuousClock.now
            let report = runner.run(selected)
            let missed = report.claims.filter { !$0.matchesExpectation }.map(\.id)
            console.errorLine("seed \(seed) (\(k)/\(count)): \(missed.isEmpty ? "every verdict as expected" : "differs: " + missed.joined(separator: ", "))"
                + String(format: " (%.0f s)", (ContinuousClock.now - start).seconds))
            reports.append(report)
        }
        return try SeedCalibration(runs: reports)
    }

    /// Aggregates saved runs with each claim's share as the runs recorded it
    /// (for runs saved before shares were recorded: the suite alpha over this tool's registry).
    private func aggregate(_ paths: [String], _ tool: ClaimsTool) throws -> SeedCalibration {
        let reports = try paths.map(RunReportFile.read)
        let budgets = Set(reports.map(\.budget))
        guard budgets.count == 1 else {
            throw ValidationError("--runs mixes budgets (\(budgets.map(\.rawValue).sorted().joined(separator: ", "))); calibrate one budget at a time")
        }
        let seeds = reports.map(\.seed)
        if let repeated = seeds.first(where: { seed in seeds.count { $0 == seed } > 1 }) {
            throw ValidationError("--runs has two runs with seed \(repeated); each seed must be counted once")
        }
        let budget = try ErrorBudget(suiteAlpha: reports[0].suiteAlpha, claimCount: tool.registry.claims.count)
        return try SeedCalibration(runs: reports, claimAlpha: budget.perClaim)
    }

    private func calibrateRules(_ tool: ClaimsTool, _ console: Console) throws -> Int32 {
        let replicates = replicates ?? 20_000
        let seed = try randomness.resolvedSeed(tool, console.environment)
        let engine = try randomness.engine()
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
