import ClaimKit
import ClaimsCLI
import Foundation
import GSL
import FivePapers
import Testing

/// `claims calibrate`: claims re-run under many seeds against their budget.
@Suite("Seed calibration")
struct SeedCalibrationTests {
    static let paper = Paper(key: "test", title: "t", authors: "a")

    /// A run at `seed` of one claim that holds, with one Monte Carlo assertion of the given verdict.
    static func run(seed: UInt64, verdict: Verdict, budget: Budget = .quick) -> RunReport {
        let claim = Claim(id: "T-1", paper: paper, location: "§0", statement: "s", assumptions: ["a"], kind: .identity,
                          expectation: .holds) { _ in }
        let center = verdict == .confirmed ? 1.0 : verdict == .refuted ? 5 : 1.5
        let assertion = Assertion(name: "mean", route: .monteCarlo, subject: .asPrinted, rule: "t", estimate: center,
                                  interval: Interval(center: center, halfWidth: 0.4), region: .equal(1), delta: 0.5,
                                  alpha: 1e-6, samples: 100)
        return RunReport(seed: seed, budget: budget, suiteAlpha: 1e-3,
                         claims: [ClaimResult(claim: claim, assertions: [assertion], figures: [], seconds: 0, error: nil)])
    }

    @Test func missesAreCountedAgainstTheBudget() throws {
        let clean = try SeedCalibration(runs: (1...50).map { Self.run(seed: $0, verdict: .confirmed) }, claimAlpha: 1e-6)
        #expect(clean.seedsWithMismatch.isEmpty && clean.consistentWithBudget && clean.familyUpperTailProbability == 1)
        #expect(clean.assertions.count == 1 && clean.assertions[0].misses == 0)
        // Two misses in 50 seeds at a budget of 1e-6: far more than alpha allows.
        let runs = (1...50).map { Self.run(seed: $0, verdict: $0 <= 2 ? .inconclusive : .confirmed) }
        let flaky = try SeedCalibration(runs: runs, claimAlpha: 1e-6)
        #expect(flaky.seedsWithMismatch == [1, 2] && !flaky.consistentWithBudget)
        #expect(flaky.flaggedAssertions == ["T-1 / mean"] && flaky.claims[0].mismatchedSeeds == [1, 2])
        #expect(flaky.familyRateInterval.lower > 0 && flaky.familyRateInterval.upper < 0.2)
    }

    @Test func malformedRunSetsAreRefused() {
        #expect(throws: ParameterError.self) { try SeedCalibration(runs: [], claimAlpha: 1e-6) }
        #expect(throws: ParameterError.self) {
            try SeedCalibration(runs: [Self.run(seed: 1, verdict: .confirmed), Self.run(seed: 1, verdict: .confirmed)], claimAlpha: 1e-6)
        }
        #expect(throws: ParameterError.self) {
            try SeedCalibration(runs: [Self.run(seed: 1, verdict: .confirmed), Self.run(seed: 2, verdict: .confirmed, budget: .standard)],
                                claimAlpha: 1e-6)
        }
        #expect(throws: ParameterError.self) { try SeedCalibration(runs: [Self.run(seed: 1, verdict: .confirmed)], claimAlpha: 2) }
    }

    /// The command runs seeds S + 1 ... S + N, and aggregating the same runs saved by `claims run` gives the same result.
    @Test func theCommandMatchesSavedRunsAggregated() throws {
        let ids = ["LN-B-ERF-LIN", "NACHUM-PROP-RHAT"]
        let selection = ids.flatMap { ["--claim", $0] }
        let (code, out, err) = Capture.run(["calibrate"] + selection + ["--seeds", "3", "--seed", "40", "--json"])
        #expect(code == 0, "\(err)")
        let direct = try JSONDecoder().decode(SeedCalibration.self, from: Data(out.utf8))
        #expect(direct.seeds == [41, 42, 43] && direct.claims.map(\.id) == Suite.registry.claims.map(\.id).filter(ids.contains))
        #expect(err.split(separator: "\n").count { $0.hasPrefix("seed ") } == 3, "one progress line per seed")
        let files = try (41...43).map { seed in
            try RegressionTests.temporaryFile("run-\(seed).json",
                                              Capture.run(["run"] + selection + ["--seed", "\(seed)", "--budget", "quick", "--json"]).out)
        }
        defer { RegressionTests.removeFiles(files) }
        let aggregated = Capture.run(["calibrate", "--runs"] + files + ["--json"])
        #expect(aggregated.code == 0)
        #expect(try JSONDecoder().decode(SeedCalibration.self, from: Data(aggregated.out.utf8)) == direct)
        let text = Capture.run(["calibrate", "--runs"] + files)
        #expect(text.out.contains("Family-wise: 0 of 3 seeds") && text.out.contains("consistent with the budget"), "\(text.out)")
    }
}
