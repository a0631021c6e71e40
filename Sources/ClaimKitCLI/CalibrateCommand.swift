import ArgumentParser
import ClaimKit
import Foundation
import Randomness

/// `claims calibrate`: the claims re-run under many seeds (or saved runs
/// aggregated) against their false-fail budget; `--rules` measures the
/// decision rules alone on data with a known mean.
///
/// Before running it prints its plan (seeds × claims at a budget, the family
/// budget) on standard error; after the first seed, the measured time per
/// seed and the estimate for the rest. A job larger than the tool's
/// `LongJobLimits` (20 000 claim runs before anything is measured, 2 hours
/// once the first seed is) needs `--allow-long`. Only tallies are kept, so
/// memory does not grow with the seeds. `--shard k/N --out DIR` runs every
/// N-th seed of the plan and writes one run file per seed, for a CI matrix or
/// a job array; `--runs DIR` aggregates them.
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
            help: "Aggregate these saved runs (claims run --json, one per seed, one budget; a folder: its .json files; - : standard input) instead of running.")
    var runs: [String] = []

    @Option(help: "Budget tier of the runs: quick (default), standard or thorough.")
    var budget: Budget?

    @OptionGroup var randomness: RandomnessOptions

    @Option(help: ArgumentHelp("Run only shard k of N (1 ≤ k ≤ N): seeds S + k, S + k + N, ... of the --seeds plan, "
                                   + "writing run-<seed>.json into --out; aggregate the shards with --runs DIR.",
                               valueName: "k/N"))
    var shard: String?

    @Option(help: "Write each seed's run (the JSON of claims run --json) to this folder as run-<seed>.json.")
    var out: String?

    @Flag(help: "Start even when the plan exceeds 20000 claim runs or the estimate exceeds 2 hours.")
    var allowLong = false

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
        let sharding = shard != nil || out != nil
        if rules && (!paper.isEmpty || !claim.isEmpty || seeds != nil || !runs.isEmpty || json || sharding) {
            throw ValidationError("--rules measures the decision rules: it takes no --paper, --claim, --seeds, --runs, --shard, --out or --json")
        }
        if !rules && replicates != nil { throw ValidationError("--replicates applies to --rules only") }
        if !runs.isEmpty && (!paper.isEmpty || !claim.isEmpty || seeds != nil || randomness.seed != nil || budget != nil
                             || sharding || allowLong) {
            throw ValidationError("--runs aggregates saved runs: it takes no --paper, --claim, --seeds, --seed, --budget, --shard, --out or --allow-long")
        }
        if rules && budget != nil { throw ValidationError("--rules takes no --budget") }
        if let shard {
            _ = try Self.parseShard(shard)
            guard out != nil else { throw ValidationError("--shard writes run files: give the folder with --out DIR") }
            if json { throw ValidationError("--shard writes run files and prints no calibration; aggregate them with --runs DIR --json") }
        }
        if let out, out.isEmpty { throw ValidationError("--out is empty: give the folder to write the run files to") }
    }

    /// "k/N" with 1 ≤ k ≤ N ≤ maximumSeeds.
    static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), (1...maximumSeeds).contains(n), (1...n).contains(k) else {
            throw ValidationError("--shard must be k/N with 1 ≤ k ≤ N ≤ \(maximumSeeds) (e.g. 3/8), got '\(text)'")
        }
        return (k, n)
    }

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        if rules { return try calibrateRules(tool, console) }
        guard let calibration = runs.isEmpty ? try calibrateClaims(tool, console) : try aggregate(runs, tool) else {
            return 0 // a shard: its run files are written
        }
        if json {
            console.line(try JSON.encode(calibration))
        } else {
            SeedCalibrationSummary(calibration).lines.forEach { console.line($0.escapingControlCharacters) }
        }
        return calibration.consistentWithBudget ? 0 : 1
    }

    /// Runs the selected claims at seeds S + 1 ... S + N (S the suite seed; a
    /// shard k/M: S + k, S + k + M, ...), one line per seed on standard error
    /// with the running tally, and the measured estimate after the first.
    /// Returns nil for a shard (its runs are written, not calibrated).
    private func calibrateClaims(_ tool: ClaimsTool, _ console: Console) throws -> SeedCalibration? {
        let selected = try tool.registry.select(papers: paper, ids: claim)
        let base = try randomness.resolvedSeed(tool, console.environment)
        let budget = budget ?? .quick
        let count = seeds ?? 100
        let part = try shard.map(Self.parseShard)
        let offsets = part.map { Array(stride(from: $0.index, through: count, by: $0.count)) } ?? Array(1...count)
        let plan = offsets.map { base &+ UInt64($0) }
        let family = try ErrorBudget(claimCount: tool.registry.claims.count).perClaim * Double(selected.count)
        let claimRuns = plan.count * selected.count
        let limits = tool.longJobLimits

        if claimRuns > limits.claimRuns && !allowLong {
            throw ValidationError("calibrate: \(plan.count) seed\(plan.count == 1 ? "" : "s") × \(selected.count) "
                + "claim\(selected.count == 1 ? "" : "s") = \(claimRuns) claim runs, "
                + "more than the \(limits.claimRuns) started without --allow-long (possibly hours; the time is measured "
                + "on the first seed); pass --allow-long to run it, or split it with --shard k/N")
        }
        let folder = try out.map(Self.prepareFolder)
        console.errorLine(Self.planLine(plan: plan, count: count, part: part, claims: selected.count, budget: budget,
                                        family: family, folder: folder))
        guard !plan.isEmpty else {
            console.line("shard \(part.map { "\($0.index)/\($0.count)" } ?? "") has no seeds of the \(count)-seed plan; nothing to write")
            return nil
        }

        let engine = try randomness.engine()
        let progress = Progress(console: console)
        defer { progress.finish() }
        var accumulator = try SeedCalibration.Accumulator()
        var firstSeedSeconds: [Double] = [] // each claim's time at the first seed: the estimate within a claim
        let start = ContinuousClock.now
        for (k, seed) in plan.enumerated() {
            let runner = try Runner(registry: tool.registry, seed: seed, budget: budget, engine: engine)
            let seedStart = ContinuousClock.now
            let perSeed = k > 0 ? (seedStart - start).seconds / Double(k) : nil
            let running = RunningClaims(total: selected.count, expectedSeconds: firstSeedSeconds)
            progress.show { [seeds = plan.count] in
                let overall = (ContinuousClock.now - start).seconds
                let left = perSeed.map { perSeed in
                    let thisSeed = max(0, perSeed - (ContinuousClock.now - seedStart).seconds)
                    return ", about \(Progress.format(seconds: thisSeed + perSeed * Double(seeds - k - 1))) left"
                } ?? ""
                return "[seed \(k + 1)/\(seeds), \(running.counts)] \(Progress.format(seconds: overall)) elapsed\(left) · "
                    + running.current
            }
            let report = runner.run(selected, claimsAtOnce: engine.threads, events: running.record)
            if let folder { try Self.write(report, to: folder) }
            try accumulator.add(report)
            let seconds = (ContinuousClock.now - seedStart).seconds
            let missed = report.claims.filter { !$0.matchesExpectation }.map(\.id)
            progress.line("seed \(seed) (\(k + 1)/\(plan.count)): "
                + (missed.isEmpty ? "every verdict as expected" : "differs: " + missed.joined(separator: ", "))
                + " (\(Progress.format(seconds: seconds))); so far \(accumulator.seedsWithMismatch.count) of "
                + "\(accumulator.count) seeds with a verdict differing from its expectation")
            if k == 0 {
                firstSeedSeconds = report.claims.map(\.seconds)
                let estimate = seconds * Double(plan.count)
                if plan.count > 1 {
                    progress.line("measured \(Progress.format(seconds: seconds)) for the first seed: about "
                        + "\(Progress.format(seconds: seconds * Double(plan.count - 1))) for the other \(plan.count - 1) "
                        + "(about \(Progress.format(seconds: estimate)) in all)")
                }
                if plan.count > 1 && estimate > limits.seconds && !allowLong {
                    throw ValidationError("calibrate: the first seed took \(Progress.format(seconds: seconds)), so "
                        + "\(plan.count) seeds take about \(Progress.format(seconds: estimate)), more than the "
                        + "\(Progress.format(seconds: limits.seconds)) run without --allow-long; pass --allow-long to run it, "
                        + "or split it with --shard k/N")
                }
            }
        }
        progress.finish()
        if let folder, part != nil {
            console.line("wrote \(plan.count) run file\(plan.count == 1 ? "" : "s") (run-<seed>.json) to \(folder.path.escapingControlCharacters); "
                + "aggregate all shards with: calibrate --runs \(folder.path.escapingControlCharacters)")
            return nil
        }
        return try accumulator.calibration()
    }

    /// The plan, printed before anything runs.
    private static func planLine(plan: [UInt64], count: Int, part: (index: Int, count: Int)?, claims: Int, budget: Budget,
                                 family: Double, folder: URL?) -> String {
        let seeds: String
        switch plan.count {
        case 0: seeds = "no seeds"
        case 1: seeds = "1 seed (\(plan[0]))"
        case 2: seeds = "2 seeds (\(plan[0]), \(plan[1]))"
        default: seeds = "\(plan.count) seeds (\(plan[0]), \(plan[1]), … \(plan[plan.count - 1]))"
        }
        let shard = part.map { "shard \($0.index)/\($0.count) of the \(count)-seed plan: " } ?? ""
        let files = folder.map { ", writing run-<seed>.json to \($0.path.escapingControlCharacters)" } ?? ""
        return "calibrate: \(shard)\(seeds) × \(claims) claim\(claims == 1 ? "" : "s") at the \(budget.rawValue) budget = "
            + "\(plan.count * claims) claim runs; family budget \(String(format: "%.3g", family)) "
            + "(the claims' shares of alpha summed)\(files)"
    }
}
