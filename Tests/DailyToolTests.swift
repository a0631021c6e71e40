import ArgumentParser
import ClaimKit
import ClaimKitCLI
import ClaimsCLI
import Foundation
import Testing

/// The command line in daily use: long calibrations that say what they will
/// do and ask before hours of work, one readable line for every failure,
/// run files read from pipes and standard input and validated field by
/// field, and calibration sharded over machines.
@Suite("Daily tool use")
struct DailyToolTests {
    // MARK: Helpers

    /// FrameworkTests' three-claim tool with other long-job limits.
    static func tool(limits: LongJobLimits) -> ClaimsTool {
        var tool = FrameworkTests.tool
        tool.longJobLimits = limits
        return tool
    }

    static func run(_ tool: ClaimsTool, _ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let capture = Capture()
        let code = tool.main(arguments, console: capture.console())
        return (code, capture.output, capture.errors)
    }

    /// A run of FrameworkTests' tool at `seed`, as a JSON object to take apart.
    static func runObject(seed: UInt64) throws -> [String: Any] {
        let result = FrameworkTests.run(["run", "--budget", "quick", "--seed", "\(seed)", "--json"])
        #expect(result.code == 0, "\(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    }

    static func text(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `object` with `change` applied to claims[claim].assertions[assertion] (or the claim when assertion is nil).
    static func changing(_ object: [String: Any], claim: Int = 0, assertion: Int? = 0,
                         _ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
        var object = object
        var claims = try #require(object["claims"] as? [[String: Any]])
        if let assertion {
            var assertions = try #require(claims[claim]["assertions"] as? [[String: Any]])
            change(&assertions[assertion])
            claims[claim]["assertions"] = assertions
        } else {
            change(&claims[claim])
        }
        object["claims"] = claims
        return object
    }

    /// `object` with only the firm fields of DESIGN.md.
    static func firmOnly(_ object: [String: Any]) throws -> [String: Any] {
        let claims = try #require(object["claims"] as? [[String: Any]])
        return [
            "seed": object["seed"]!, "budget": object["budget"]!,
            "claims": try claims.map { claim in
                var firm = claim.filter { ["id", "paper", "expectation", "verdict", "seconds"].contains($0.key) }
                firm["assertions"] = try #require(claim["assertions"] as? [[String: Any]]).map { assertion in
                    assertion.filter {
                        ["name", "route", "estimate", "reference", "lower", "upper", "delta", "alpha", "samples"].contains($0.key)
                    }
                }
                return firm
            },
        ]
    }

    /// `object` with `key` set to `value`.
    static func with(_ object: [String: Any], _ key: String, _ value: Any) -> [String: Any] {
        var copy = object
        copy[key] = value
        return copy
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("claims-daily-\(UUID().uuidString)")
    }

    // MARK: 4. Long jobs say what they will do

    @Test func aHugePlanIsRefusedBeforeAnythingRuns() {
        let start = ContinuousClock.now
        let (code, out, err) = Capture.run(["calibrate", "--seeds", "100000", "--claim", "LN-B-ERF-LIN"])
        #expect(code == 2 && out.isEmpty)
        #expect(err.hasPrefix("claims: ") && err.contains("100000 seeds × 1 claim = 100000 claim runs")
            && err.contains("--allow-long") && err.split(separator: "\n").count == 1, "\(err)")
        #expect(ContinuousClock.now - start < .seconds(5))
        // The default plan of the five papers (100 seeds × every claim, about 2 hours) asks too.
        if ClaimsCLI.tool.registry.claims.count * 100 > LongJobLimits().claimRuns {
            let plain = Capture.run(["calibrate"])
            #expect(plain.code == 2 && plain.err.contains("--allow-long"), "\(plain.err)")
        }
    }

    @Test func thePlanAndTheMeasuredEstimateComeFirst() throws {
        let (code, out, err) = FrameworkTests.run(["calibrate", "--seeds", "3", "--seed", "7", "--json"])
        #expect(code == 0, "\(err)")
        let lines = err.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(err)")
        #expect(lines[0].contains("3 seeds (8, 9, … 10) × 3 claims at the quick budget = 9 claim runs")
            && lines[0].contains("family budget 0.001"), "\(lines[0])")
        #expect(lines[1].hasPrefix("seed 8 (1/3): every verdict as expected") && lines[1].contains("so far 0 of 1 seeds"))
        #expect(lines[2].hasPrefix("measured ") && lines[2].contains("for the other 2"), "\(lines[2])")
        #expect(lines[4].contains("so far 0 of 3 seeds"))
        #expect(try JSONDecoder().decode(SeedCalibration.self, from: Data(out.utf8)).seeds == [8, 9, 10])
    }

    @Test func aMeasuredEstimateAboveTheLimitNeedsTheFlag() {
        let strict = Self.tool(limits: LongJobLimits(claimRuns: 20_000, seconds: 1e-6))
        let refused = Self.run(strict, ["calibrate", "--seeds", "3"])
        #expect(refused.code == 2 && refused.out.isEmpty)
        let last = refused.err.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("sixth-claims: calibrate: the first seed took") && last.contains("3 seeds take about")
            && last.contains("--allow-long"), "\(refused.err)")
        #expect(Self.run(strict, ["calibrate", "--seeds", "3", "--allow-long"]).code == 0)
        let bounded = Self.tool(limits: LongJobLimits(claimRuns: 5, seconds: 7200))
        let tooMany = Self.run(bounded, ["calibrate", "--seeds", "2"])
        #expect(tooMany.code == 2 && tooMany.err.contains("6 claim runs, more than the 5"), "\(tooMany.err)")
        // One seed: nothing is left to refuse once it has run.
        #expect(Self.run(strict, ["calibrate", "--seeds", "1"]).code == 0)
    }

    @Test func theRulesSayWhatTheyWillDo() {
        let (code, out, err) = Capture.run(["calibrate", "--rules", "--replicates", "100", "--threads", "1"])
        #expect(code == 0 || code == 1)
        #expect(err.contains("5 decision rules") && err.contains("100 replicates each") && err.contains("1 thread"), "\(err)")
        #expect(out.split(separator: "\n").count == 5)
    }

    /// Tallies alone: fed one run at a time, the accumulator gives what the batch gives, and a bad run changes nothing.
    @Test func theAccumulatorKeepsOnlyTallies() throws {
        let runs = (1...20).map { SeedCalibrationTests.run(seed: $0, verdict: $0 == 3 ? .inconclusive : .confirmed) }
        var accumulator = try SeedCalibration.Accumulator(claimAlpha: 1e-6)
        for run in runs { try accumulator.add(run) }
        #expect(try accumulator.calibration() == SeedCalibration(runs: runs, claimAlpha: 1e-6))
        #expect(accumulator.count == 20 && accumulator.seedsWithMismatch == [3])
        let empty = RunReport(seed: 99, budget: .quick, suiteAlpha: 1e-3, claims: [])
        #expect(throws: ParameterError.self) { try accumulator.add(empty) }
        let other = RunReport(seed: 98, budget: .quick, suiteAlpha: 1e-3, claims: try FrameworkTests.runOnce().claims)
        #expect(throws: ParameterError.self) { try accumulator.add(other) }
        #expect(throws: ParameterError.self) { try accumulator.add(runs[0]) }
        #expect(accumulator.count == 20, "a refused run leaves the tallies as they were")
        #expect(throws: ParameterError.self) { try SeedCalibration.Accumulator().calibration() }
    }

    @Test func progressShowsElapsedAndRemainingOnATerminalOnly() throws {
        let capture = Capture()
        let terminal = Console(write: capture.console().write, writeError: capture.console().writeError,
                               errorIsTerminal: true, environment: ["COLUMNS": "200"])
        let progress = Progress(console: terminal, delay: .zero, interval: .milliseconds(20))
        let claims = FrameworkTests.claims
        let running = RunningClaims(total: claims.count, expectedSeconds: [5, 5, 5])
        progress.follow(running)
        let runner = try Runner(registry: FrameworkTests.tool.registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 1))
        running.record(.started(index: 0, claim: claims[0]))
        running.record(.started(index: 1, claim: claims[1]))
        running.record(.finished(index: 0, result: runner.run(claims[0])))
        running.record(.started(index: 2, claim: claims[2]))
        Thread.sleep(forTimeInterval: 0.1)
        progress.line("a line above")
        progress.finish()
        let written = capture.errors
        // Two claims running side by side, both shown, with the time left in each and in the run.
        #expect(written.contains("\r\u{1B}[K[1/3 claims done] ") && written.contains(" · \(claims[1].id): ")
            && written.contains(" · \(claims[2].id): ") && !written.contains(" · \(claims[0].id): ")
            && written.contains("in this claim, about") && written.contains("elapsed, about"), "\(written.debugDescription)")
        #expect(written.contains("a line above\n") && written.hasSuffix("\r\u{1B}[K"))
        Thread.sleep(forTimeInterval: 0.1)
        #expect(capture.errors == written, "nothing is drawn after finish")
        // Not a terminal (or TERM=dumb, which Console.standard maps to the same): nothing at all.
        let quiet = Capture()
        let hidden = Progress(console: quiet.console(), delay: .zero, interval: .milliseconds(20))
        hidden.follow(RunningClaims(total: 1))
        hidden.finish()
        #expect(quiet.errors.isEmpty)
        #expect(Progress.format(seconds: 0.25) == "0.2 s" || Progress.format(seconds: 0.25) == "0.3 s")
        #expect(Progress.format(seconds: 42) == "42 s" && Progress.format(seconds: 185) == "3 min 05 s")
        #expect(Progress.format(seconds: 7500) == "2 h 05 min" && Progress.format(seconds: 80 * 86_400) == "80.0 days")
    }

    // MARK: 5. One readable line for every failure

    struct FailingCommand: ToolCommand {
        static let configuration = CommandConfiguration(commandName: "fail")
        func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: "/tmp/report/figures"])
        }
    }

    struct FailingPOSIXCommand: ToolCommand {
        static let configuration = CommandConfiguration(commandName: "fail-posix")
        func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
            throw NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue, userInfo: [
                NSFilePathErrorKey: "/full/disk/claims.md",
                NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)),
            ])
        }
    }

    @Test func foundationErrorsAreOneReadableLine() throws {
        let tool = try ClaimsTool(name: "t", abstract: "t", registry: FrameworkTests.tool.registry,
                                  extraCommands: [FailingCommand.self, FailingPOSIXCommand.self])
        let exists = Self.run(tool, ["fail"])
        #expect(exists.code == 3 && exists.err == "t: error: /tmp/report/figures: File exists\n", "\(exists.err)")
        let full = Self.run(tool, ["fail-posix"])
        #expect(full.code == 3 && full.err == "t: error: /full/disk/claims.md: No space left on device\n", "\(full.err)")
        #expect(!ErrorText.describe(POSIXError(.EACCES)).contains("Domain"))
    }

    @Test func negativeNumbersReachTheRangeCheck() {
        for (arguments, message) in [(["run", "--threads", "-1"], "--threads must be between 1 and 1024, got -1"),
                                     (["bench", "--threads", "-1"], "--threads must be between 1 and 1024, got -1"),
                                     (["calibrate", "--seeds", "-5"], "--seeds must be between 1 and 100000, got -5"),
                                     (["calibrate", "--rules", "--replicates", "-7"], "got -7")] {
            let (code, _, err) = Capture.run(arguments)
            #expect(code == 2 && err.contains(message) && !err.contains("Missing value"), "\(arguments): \(err)")
        }
        #expect(ClaimsTool.attachingNegativeNumbers(["run", "--seed", "-1", "--claim", "-x"])
            == ["run", "--seed=-1", "--claim", "-x"])
    }

    @Test func suggestionsAreOnlyGenuinelyClose() {
        func suggestion(_ id: String) -> String? {
            do {
                _ = try FrameworkTests.tool.registry.select(papers: [], ids: [id])
            } catch let SelectionError.unknownClaim(_, suggestion) {
                return suggestion
            } catch {}
            return nil
        }
        #expect(suggestion("") == nil && suggestion("Q") == nil && suggestion("NACHUM-T3") == nil)
        #expect(suggestion("six-max") == "SIX-MAX" && suggestion("SIX-MXA") == "SIX-MAX" && suggestion("SIX-SUMS") == "SIX-SUM")
        #expect(suggestion("six-ab") == "SIX-ABS" && suggestion("six") == "SIX-MAX", "close, or a beginning of 3 characters or more")
        #expect(suggestion("SI") == nil, "too short a beginning")
        let empty = Capture.run(["run", "--claim", ""])
        #expect(empty.code == 2 && !empty.err.contains("did you mean"), "\(empty.err)")
        let far = Capture.run(["run", "--claim", "QQQQQQQQ"])
        #expect(far.code == 2 && !far.err.contains("did you mean"), "\(far.err)")
        let near = Capture.run(["run", "--claim", "NACHUM-T33"])
        #expect(near.err.contains("did you mean 'NACHUM-T3'"), "\(near.err)")
    }

    @Test func controlCharactersAreShownNotObeyed() {
        for arguments in [["run", "--claim", "A\nB\u{1B}[31m"], ["run", "--paper", "x\ty\r"], ["run", "--bogus\n\u{7}"],
                          ["diff", "/nonexistent/\u{1B}]0;title\u{7}", "b"], ["calibrate", "--shard", "1\n/2", "--out", "/tmp"]] {
            let (code, _, err) = Capture.run(arguments)
            #expect(code == 2, "\(arguments)")
            #expect(err.split(separator: "\n").count == 1 && err.hasSuffix("\n"), "\(err.debugDescription)")
            #expect(!err.dropLast().contains { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } },
                    "\(err.debugDescription)")
        }
        #expect(Capture.run(["run", "--claim", "A\nB"]).err.contains("'A\\nB'"))
        #expect("a\u{1B}b\n".escapingControlCharacters == "a\\u{1B}b\\n")
    }

    @Test func versionNamesTheTool() {
        let (code, out, _) = Capture.run(["--version"])
        #expect(code == 0 && out == "claims \(ClaimsCLI.version)\n")
        #expect(FrameworkTests.run(["--version"]).out == "sixth-claims unversioned\n")
    }

    // MARK: 5. Reading pipes, /dev/null and standard input

    /// Writes all of `data` to `descriptor` (the writing end of a pipe or fifo), then closes it.
    static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        close(descriptor)
    }

    @Test func runFilesAreReadFromPipesAndDevNull() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("claims-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let baseline = try Data(contentsOf: URL(fileURLWithPath: RegressionTests.baselinePath))
        let writer = Thread { Self.writeAll(baseline, to: open(fifo, O_WRONLY)) }
        writer.start()
        let piped = Capture.run(["diff", fifo, RegressionTests.baselinePath])
        #expect(piped.code == 0 && piped.out.contains("0 differences"), "\(piped.err)")
        let null = Capture.run(["diff", "/dev/null", RegressionTests.baselinePath])
        #expect(null.code == 2 && null.err.contains("'/dev/null'") && null.err.contains("empty") && !null.err.contains("permission"),
                "\(null.err)")
        #expect(Capture.run(["diff", "-", "-"]).err.contains("only once"))
    }

    @Test func standardInputIsDash() throws {
        let baseline = try Data(contentsOf: URL(fileURLWithPath: RegressionTests.baselinePath))
        var pipe: [Int32] = [0, 0]
        #expect(Foundation.pipe(&pipe) == 0)
        let saved = dup(STDIN_FILENO)
        dup2(pipe[0], STDIN_FILENO)
        close(pipe[0])
        let writeEnd = pipe[1]
        let writer = Thread { Self.writeAll(baseline, to: writeEnd) }
        writer.start()
        let result = Capture.run(["diff", "-", RegressionTests.baselinePath])
        dup2(saved, STDIN_FILENO)
        close(saved)
        #expect(result.code == 0 && result.out.contains("0 differences"), "\(result.err)")
    }

    /// The baseline with the fields later versions added removed (shares of alpha, expected verdicts, post hoc
    /// flags), as an earlier version saved it: it still reads, validates and diffs cleanly.
    @Test func anOldBaselineStillReadsAndDiffsCleanly() throws {
        var object = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: RegressionTests.baselinePath))) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        object["claims"] = try claims.map { claim in
            var claim = claim
            claim["alpha"] = nil
            claim["assertions"] = try #require(claim["assertions"] as? [[String: Any]]).map { assertion in
                assertion.filter { !["expected", "expectedReason", "postHoc"].contains($0.key) }
            }
            return claim
        }
        let path = try RegressionTests.temporaryFile("old.json", try Self.text(object))
        defer { RegressionTests.removeFiles([path]) }
        let report = try RunReportFile.read(path)
        #expect(report.problems.isEmpty && report.claims.count > 100, "\(report.problems.prefix(3))")
        #expect(report.claims.allSatisfy { $0.alpha == nil }, "saved before shares were recorded")
        let same = Capture.run(["diff", path, path])
        #expect(same.code == 0 && same.out.contains("0 differences"))
    }

    // MARK: 6. Run files are validated

    static func invalidRuns() throws -> [(String, [String: Any], String)] {
        let run = try runObject(seed: 3)
        return [
            ("estimate outside", try changing(run) { $0["estimate"] = 10.0; $0["lower"] = 0.0; $0["upper"] = 1.0 },
             ".assertions[0] ('E max by Monte Carlo').estimate: 10.0 is outside its interval [0.0, 1.0]"),
            ("reversed", try changing(run) { $0["lower"] = 2.0; $0["upper"] = 1.0 }, ".lower: 2.0 > upper 1.0"),
            ("negative samples", try changing(run) { $0["samples"] = -3 }, ".samples: -3 is negative"),
            ("alpha one", try changing(run) { $0["alpha"] = 1.0 }, ".alpha: 1.0 is not in [0, 1)"),
            ("alpha negative", try changing(run) { $0["alpha"] = -0.1 }, ".alpha: -0.1 is not in [0, 1)"),
            ("claim alpha zero", try changing(run, assertion: nil) { $0["alpha"] = 0.0 }, "claims[0] ('SIX-MAX').alpha: 0.0 is not in (0, 1)"),
            ("contradicting match", try changing(run, assertion: nil) { $0["matchesExpectation"] = false },
             "claims[0] ('SIX-MAX').matchesExpectation: false contradicts expectation holds with verdict confirmed"),
            ("unknown expectation", try changing(run, assertion: nil) { $0["expectation"] = "maybe" }, ".expectation: 'maybe'"),
            ("no claims", with(run, "claims", [Any]()), "claims: empty"),
            ("suite alpha", with(run, "suiteAlpha", 2.0), "suiteAlpha: 2.0 is not in (0, 1)"),
            ("huge number", try changing(run) { $0["samples"] = "HUGE" }, ".claims[0].assertions[0].samples is 1e30"),
            ("too large", try changing(run) { $0["estimate"] = "TOOLARGE" }, "the number 1e999 at .claims[0].assertions[0].estimate"),
        ]
    }

    @Test func inconsistentRunsAreRefusedNamingFileAndField() throws {
        let good = try RegressionTests.temporaryFile("good.json", try Self.text(try Self.runObject(seed: 4)))
        defer { RegressionTests.removeFiles([good]) }
        for (name, object, mention) in try Self.invalidRuns() {
            let text = try Self.text(object).replacingOccurrences(of: "\"HUGE\"", with: "1e30")
                .replacingOccurrences(of: "\"TOOLARGE\"", with: "1e999")
            let path = try RegressionTests.temporaryFile("\(name).json", text)
            defer { RegressionTests.removeFiles([path]) }
            for arguments in [["diff", path, good], ["diff", good, path], ["calibrate", "--runs", path],
                              ["calibrate", "--runs", good, path]] {
                let (code, out, err) = FrameworkTests.run(arguments)
                #expect(code == 2 && out.isEmpty, "\(name) \(arguments): exit \(code) \(out)")
                #expect(err.contains(path) && err.contains(mention) && err.split(separator: "\n").count == 1, "\(name): \(err)")
            }
        }
    }

    @Test func legitimateNullsAndDeterministicAlphaAreAccepted() throws {
        let run = try Self.runObject(seed: 5)
        let nulls = try Self.changing(run, claim: 2) { $0["estimate"] = NSNull(); $0["lower"] = NSNull(); $0["upper"] = NSNull() }
        let path = try RegressionTests.temporaryFile("nulls.json", try Self.text(nulls))
        defer { RegressionTests.removeFiles([path]) }
        let read = try RunReportFile.read(path)
        #expect(read.claims[2].assertions[0].estimate.isNaN && read.claims[2].assertions[0].lower == -.infinity)
        #expect(read.claims[2].assertions[0].alpha == 0)
        #expect(FrameworkTests.run(["diff", path, path]).code == 0)
    }

    @Test func runsOverOtherClaimsOrBadLaterFilesAreNamed() throws {
        let a = try Self.runObject(seed: 6), b = try Self.runObject(seed: 7)
        var fewer = b
        fewer["claims"] = Array(try #require(b["claims"] as? [[String: Any]]).prefix(2))
        let badLater = Self.with(b, "suiteAlpha", 0.0)
        let first = try RegressionTests.temporaryFile("a.json", try Self.text(a))
        let other = try RegressionTests.temporaryFile("fewer.json", try Self.text(fewer))
        let bad = try RegressionTests.temporaryFile("bad.json", try Self.text(badLater))
        let standard = try RegressionTests.temporaryFile("standard.json", try Self.text(Self.with(b, "budget", "standard")))
        defer { RegressionTests.removeFiles([first, other, bad, standard]) }
        let mixed = FrameworkTests.run(["calibrate", "--runs", first, other])
        #expect(mixed.code == 2 && mixed.err.contains(other) && mixed.err.contains("mixes claim sets")
            && mixed.err.contains("SIX-SUM"), "\(mixed.err)")
        let later = FrameworkTests.run(["calibrate", "--runs", first, bad])
        #expect(later.code == 2 && later.err.contains(bad) && later.err.contains("suiteAlpha"), "\(later.err)")
        let budgets = FrameworkTests.run(["calibrate", "--runs", first, standard])
        #expect(budgets.code == 2 && budgets.err.contains(standard) && budgets.err.contains("mixes budgets"), "\(budgets.err)")
        let twice = FrameworkTests.run(["calibrate", "--runs", first, first])
        #expect(twice.code == 2 && twice.err.contains("seed 6"), "\(twice.err)")
    }

    @Test func theFirmFieldsAloneAreEnough() throws {
        let full = try Self.runObject(seed: 8)
        let firm = try Self.firmOnly(full)
        let path = try RegressionTests.temporaryFile("firm.json", try Self.text(firm))
        let other = try RegressionTests.temporaryFile("firm-9.json", try Self.text(try Self.firmOnly(try Self.runObject(seed: 9))))
        defer { RegressionTests.removeFiles([path, other]) }
        let same = FrameworkTests.run(["diff", path, path])
        #expect(same.code == 0 && same.out.contains("0 differences"), "\(same.err)")
        let report = try RunReportFile.read(path)
        let max = try #require(report.claims.first { $0.id == "SIX-MAX" })
        #expect(max.matchesExpectation && max.assertions[0].verdict == .confirmed && max.assertions[0].subject == .asPrinted)
        #expect(max.assertions[0].key == max.assertions[0].name && max.alpha == nil && report.suiteAlpha == 1e-3)
        #expect(max.assertions[0].claimedLower == max.assertions[0].reference)
        // Calibrated with the tool's registry standing in for the unrecorded shares.
        let calibrated = FrameworkTests.run(["calibrate", "--runs", path, other, "--json"])
        #expect(calibrated.code == 0 || calibrated.code == 1, "\(calibrated.err)")
        let calibration = try JSONDecoder().decode(SeedCalibration.self, from: Data(calibrated.out.utf8))
        #expect(calibration.seeds == [8, 9] && abs(calibration.familyAlpha - 1e-3) < 1e-12)
    }

    // MARK: 7. Sharding

    @Test func shardsWriteRunFilesThatAggregateToTheWholePlan() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 1...2 {
            let (code, out, err) = FrameworkTests.run(["calibrate", "--seeds", "5", "--seed", "10", "--shard", "\(k)/2",
                                                       "--out", folder.path])
            #expect(code == 0 && out.contains("wrote \(k == 1 ? 3 : 2) run files"), "\(out)\(err)")
            #expect(err.hasPrefix("calibrate: shard \(k)/2 of the 5-seed plan"), "\(err)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["run-11.json", "run-12.json", "run-13.json", "run-14.json", "run-15.json"])
        let whole = FrameworkTests.run(["calibrate", "--seeds", "5", "--seed", "10", "--json"])
        let aggregated = FrameworkTests.run(["calibrate", "--runs", folder.path, "--json"])
        #expect(aggregated.code == whole.code, "\(aggregated.err)")
        let decode = { (text: String) in try JSONDecoder().decode(SeedCalibration.self, from: Data(text.utf8)) }
        #expect(try decode(aggregated.out) == decode(whole.out))
        // A shard with no seed of the plan writes nothing and succeeds.
        let idle = FrameworkTests.run(["calibrate", "--seeds", "2", "--shard", "3/4", "--out", folder.path])
        #expect(idle.code == 0 && idle.out.contains("no seeds"), "\(idle.out)\(idle.err)")
    }

    @Test func shardOptionsAreChecked() throws {
        let empty = Self.temporaryFolder()
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        for (arguments, mention) in [(["--shard", "0/2", "--out", "/tmp/x"], "--shard must be k/N"),
                                     (["--shard", "3/2", "--out", "/tmp/x"], "--shard must be k/N"),
                                     (["--shard", "a", "--out", "/tmp/x"], "--shard must be k/N"),
                                     (["--shard", "1/2"], "--out DIR"),
                                     (["--shard", "1/2", "--out", "/tmp/x", "--json"], "--runs DIR --json"),
                                     (["--shard", "1/2", "--out", "/etc/passwd"], "is a file"),
                                     (["--runs", empty.path], "no .json files"),
                                     (["--rules", "--shard", "1/2", "--out", "/tmp/x"], "--rules")] {
            let (code, out, err) = FrameworkTests.run(["calibrate"] + arguments)
            #expect(code == 2 && out.isEmpty && err.contains(mention) && err.split(separator: "\n").count == 1,
                    "\(arguments): \(err)")
        }
    }
}

extension FrameworkTests {
    /// One run of the three claims at seed 1.
    static func runOnce() throws -> RunReport {
        try Runner(registry: tool.registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 1)).run(claims)
    }
}
