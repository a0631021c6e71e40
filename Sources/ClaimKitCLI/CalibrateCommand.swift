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
            var results: [ClaimResult] = []
            for (i, claim) in selected.enumerated() {
                let claimStart = ContinuousClock.now
                let expected = k > 0 && i < firstSeedSeconds.count ? firstSeedSeconds[i] : nil
                let perSeed = k > 0 ? (seedStart - start).seconds / Double(k) : nil
                let done = results.count, total = selected.count, seeds = plan.count
                progress.show {
                    let inClaim = (ContinuousClock.now - claimStart).seconds
                    let claimLeft = expected.map { ", about \(Progress.format(seconds: max(0, $0 - inClaim))) left" } ?? ""
                    let overall = (ContinuousClock.now - start).seconds
                    let left = perSeed.map { perSeed in
                        let thisSeed = max(0, perSeed - (ContinuousClock.now - seedStart).seconds)
                        return ", about \(Progress.format(seconds: thisSeed + perSeed * Double(seeds - k - 1))) left"
                    } ?? ""
                    return "[seed \(k + 1)/\(seeds), claim \(done + 1)/\(total)] \(Progress.format(seconds: overall)) elapsed\(left) · "
                        + "\(claim.id): \(Progress.format(seconds: inClaim)) in this claim\(claimLeft)"
                }
                results.append(runner.run(claim))
            }
            let report = RunReport(seed: seed, budget: budget, suiteAlpha: runner.errorBudget.suiteAlpha, claims: results)
            if let folder { try Self.write(report, to: folder) }
            try accumulator.add(report)
            let seconds = (ContinuousClock.now - seedStart).seconds
            let missed = report.claims.filter { !$0.matchesExpectation }.map(\.id)
            progress.line("seed \(seed) (\(k + 1)/\(plan.count)): "
                + (missed.isEmpty ? "every verdict as expected" : "differs: " + missed.joined(separator: ", "))
                + " (\(Progress.format(seconds: seconds))); so far \(accumulator.seedsWithMismatch.count) of "
                + "\(accumulator.count) seeds with a verdict differing from its expectation")
            if k == 0 {
                firstSeedSeconds = results.map(\.seconds)
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

    /// Creates `path` (and its parents) if needed; bad usage when it is not a writable folder.
    private static func prepareFolder(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out '\(path)' is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out: cannot create the folder '\(path)': \(ErrorText.describe(error, path: false))")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw ValidationError("--out: the folder '\(path)' is not writable: \(ErrorText.reason(errno: errno))")
        }
        return url
    }

    /// Writes `report` as `folder`/run-<seed>.json (atomically: a killed job leaves no half file).
    private static func write(_ report: RunReport, to folder: URL) throws {
        let file = folder.appendingPathComponent("run-\(report.seed).json")
        do {
            try Data((try JSON.encode(report) + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw RunFileWriteError(path: file.path, reason: ErrorText.describe(error, path: false))
        }
    }

    /// Aggregates saved runs, one file at a time (a folder: its .json files),
    /// with each claim's share as the runs recorded it (for runs saved before
    /// shares were recorded: the run's suite alpha over this tool's registry).
    /// A file that is inconsistent by itself or with the files before it is
    /// bad usage naming it.
    private func aggregate(_ paths: [String], _ tool: ClaimsTool) throws -> SeedCalibration {
        let files = try RunReportFile.expand(paths)
        var accumulator = try SeedCalibration.Accumulator()
        var first: (name: String, budget: Budget, claims: Set<String>)?
        var seen = Set<UInt64>()
        for path in files {
            let report = try RunReportFile.read(path)
            let name = RunReportFile.displayName(path)
            if let first {
                guard report.budget == first.budget else {
                    throw ValidationError("--runs mixes budgets: \(name) is at the \(report.budget.rawValue) budget, "
                        + "\(first.name) at \(first.budget.rawValue); calibrate one budget at a time")
                }
                let ids = Set(report.claims.map(\.id))
                if ids != first.claims {
                    let extra = ids.subtracting(first.claims).sorted(), missing = first.claims.subtracting(ids).sorted()
                    let what = (extra.isEmpty ? [] : ["\(extra.count) not in it (\(Self.sample(extra)))"])
                        + (missing.isEmpty ? [] : ["\(missing.count) missing (\(Self.sample(missing)))"])
                    throw ValidationError("--runs mixes claim sets: \(name) has claims other than \(first.name): "
                        + what.joined(separator: ", ") + "; calibrate runs of one selection")
                }
            } else {
                first = (name, report.budget, Set(report.claims.map(\.id)))
            }
            guard seen.insert(report.seed).inserted else {
                throw ValidationError("--runs has two runs with seed \(report.seed) (the second: \(name)); each seed must be counted once")
            }
            do {
                let fallback = try ErrorBudget(suiteAlpha: report.suiteAlpha, claimCount: tool.registry.claims.count).perClaim
                try accumulator.add(report, claimAlpha: fallback)
            } catch let error as ParameterError {
                throw ValidationError("\(name): \(error.parameter) \(error.value) is invalid: it must be \(error.requirement)")
            }
        }
        return try accumulator.calibration()
    }

    private static func sample(_ ids: [String]) -> String {
        ids.prefix(3).map(\.escapingControlCharacters).joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
    }

    /// The decision rules on data with a known mean: the plan on standard
    /// error first, each rule's line as it finishes, progress between.
    private func calibrateRules(_ tool: ClaimsTool, _ console: Console) throws -> Int32 {
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

/// A run file of `calibrate --out` that could not be written (exit 3): the path and the reason.
struct RunFileWriteError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write the run file \(path): \(reason)" }
}
