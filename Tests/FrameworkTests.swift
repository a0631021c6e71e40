import ClaimKit
import ClaimKitCLI
import ClaimKitTesting
import Foundation
import Synchronization
import Testing

/// The framework as a sixth paper's package uses it: a registry of its own
/// behind a `ClaimsTool`, stable assertion keys, recorded alphas, the planned
/// two-stage sample size, and `checkStatistically` in a plain `@Test`.
@Suite("Framework for any paper")
struct FrameworkTests {
    static let paper = Paper(key: "sixth", title: "A sixth paper", authors: "Someone", reference: "arXiv:0000.00000")

    /// E max(X1, X2) = 1/√π by Monte Carlo; E|X| = 1 as printed, √(2/π) corrected; 1 + 1 = 2.
    static let claims: [Claim] = [
        Claim(id: "SIX-MAX", paper: paper, location: "eq. (1)", statement: "E max(X1, X2) = 1/√π", assumptions: ["X1, X2 iid N(0, 1)"],
              kind: .identity, expectation: .holds) { ctx in
            try ctx.estimateMean("E max by Monte Carlo", description: "E max(X1, X2), Monte Carlo",
                                 region: .equal(1 / Double.pi.squareRoot()), resolution: 0.02, alpha: ctx.reserveAlpha(1)) { rng, n in
                let sampler = NormalSampler()
                var m = RunningMoments()
                for _ in 0..<n { m.add(max(sampler.next(using: &rng), sampler.next(using: &rng))) }
                return m
            }
        },
        Claim(id: "SIX-ABS", paper: paper, location: "eq. (2)", statement: "E|X| = 1", assumptions: ["X ~ N(0, 1)"],
              kind: .identity, expectation: .erratum(printed: "E|X| = 1", corrected: "E|X| = √(2/π)")) { ctx in
            ctx.compare("E|X| = 1", route: .closedForm, value: (2 / Double.pi).squareRoot(), reference: 1,
                        referenceRoute: .closedForm, resolution: 1e-12)
            ctx.compare("E|X| = √(2/π)", subject: .corrected, route: .closedForm, value: (2 / Double.pi).squareRoot(),
                        reference: (2 / Double.pi).squareRoot(), referenceRoute: .closedForm, resolution: 1e-12)
        },
        Claim(id: "SIX-SUM", paper: paper, location: "p. 1", statement: "1 + 1 = 2", assumptions: ["none"],
              kind: .identity, expectation: .holds) { ctx in
            ctx.compare("1 + 1", route: .closedForm, value: 1 + 1, reference: 2, referenceRoute: .closedForm, resolution: 1e-12)
        },
    ]

    static let tool = try! ClaimsTool(name: "sixth-claims", abstract: "The sixth paper's claims.",
                                      registry: Registry(papers: [paper], claims: claims),
                                      catalogs: [PaperCatalog(paper: paper, file: "sixth.md", entries: [
                                          CatalogEntry("SIX-MAX", "EX", "E max"), CatalogEntry("SIX-ABS", "EX", "E|X|"),
                                          CatalogEntry("SIX-SUM", "EX", "1 + 1"), CatalogEntry("SIX-DATA", "EXP", "an experiment"),
                                      ], reasons: ["SIX-DATA": "needs a data set that is not available offline"])])

    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (code: Int32, out: String, err: String) {
        let capture = Capture()
        let code = tool.main(arguments, console: capture.console(environment: environment))
        return (code, capture.output, capture.errors)
    }

    @Test func aToolOfItsOwnListsRunsAndNamesItsCommand() throws {
        let list = Self.run(["list"])
        #expect(list.code == 0 && list.out.split(separator: "\n").count == 3)
        let run = Self.run(["run", "--budget", "quick", "--seed", "5"])
        #expect(run.code == 0, "\(run.out)\(run.err)")
        #expect(run.out.contains("3 of 3 claims match"))
        let unknown = Self.run(["run", "--claim", "NACHUM-T3"])
        #expect(unknown.code == 2 && unknown.err.hasPrefix("sixth-claims: unknown claim ID"))
        let help = Self.run(["--help"])
        #expect(help.out.contains("sixth-claims") && help.out.contains("The sixth paper's claims."))
        let runner = try Runner(registry: Self.tool.registry, seed: 5, budget: .quick, engine: try MonteCarloEngine(threads: 1))
        #expect(Self.tool.rerunCommand(for: "SIX-MAX", runner: runner)
            == "swift run -c release sixth-claims run --claim SIX-MAX --seed 5 --budget quick")
    }

    @Test func claimsRunSideBySideGiveTheSameResultsInTheSameOrder() throws {
        let claims = Self.claims + Self.claims.reversed() // more claims than workers, in an order the registry does not have
        let alone = try Runner(registry: Self.tool.registry, seed: 3, budget: .quick, engine: try MonteCarloEngine(threads: 1))
            .run(claims)
        let events = Mutex<[String]>([])
        let sideBySide = try Runner(registry: Self.tool.registry, seed: 3, budget: .quick, engine: try MonteCarloEngine(threads: 2))
            .run(claims, claimsAtOnce: 3) { event in
                events.withLock {
                    switch event {
                    case .started(let index, let claim): $0.append("start \(index) \(claim.id)")
                    case .finished(let index, let result): $0.append("end \(index) \(result.id)")
                    }
                }
            }
        #expect(sideBySide.claims.map(\.id) == claims.map(\.id))
        #expect(sideBySide.claims.map(\.assertions) == alone.claims.map(\.assertions), "bit for bit, whatever runs at once")
        #expect(sideBySide.claims.map(\.verdict) == alone.claims.map(\.verdict))
        let log = events.withLock { $0 }
        #expect(log.count == 2 * claims.count)
        for (index, claim) in claims.enumerated() {
            let start = try #require(log.firstIndex(of: "start \(index) \(claim.id)"))
            let end = try #require(log.firstIndex(of: "end \(index) \(claim.id)"))
            #expect(start < end)
        }
        #expect(try Runner(registry: Self.tool.registry, budget: .quick, engine: try MonteCarloEngine(threads: 1))
            .run(claims, claimsAtOnce: -1).claims.count == claims.count, "below 1 means one at a time")
    }

    @Test func theReportHeaderAndCoverageAreTheTools() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sixth-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Self.run(["report", "--out", folder.path, "--budget", "quick"])
        #expect(result.code == 0, "\(result.err)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("claims.md"), encoding: .utf8)
        #expect(markdown.contains("Generated by `swift run -c release sixth-claims report --budget quick"))
        #expect(markdown.contains("needs a data set that is not available offline"))
        #expect(markdown.contains("arXiv:0000.00000"))
    }

    @Test func calibrateUsesTheRecordedShares() throws {
        let runner = try Runner(registry: Self.tool.registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 2))
        let runs = try (1...3).map { seed in
            try Runner(registry: runner.registry, seed: UInt64(seed), budget: .quick, engine: runner.engine).run(Self.claims)
        }
        #expect(runs.allSatisfy { $0.claims.allSatisfy { $0.alpha == 1e-3 / 3 } })
        let calibration = try SeedCalibration(runs: runs)
        #expect(abs(calibration.familyAlpha - 1e-3) < 1e-15)
        let json = try JSONEncoder().encode(runs[0])
        let decoded = try JSONDecoder().decode(RunReport.self, from: json)
        #expect(decoded.claims.map(\.alpha) == runs[0].claims.map(\.alpha))
    }

    @Test func rewordingADescriptionKeepsTheNumbersAndTheMatch() throws {
        func claim(_ description: String) -> Claim {
            Claim(id: "SIX-KEY", paper: Self.paper, location: "§1", statement: "E X = 0", assumptions: ["X ~ N(0, 1)"],
                  kind: .identity, expectation: .holds) { ctx in
                try ctx.estimateMean("mean", description: description, region: .equal(0), resolution: 0.05,
                                     alpha: ctx.reserveAlpha(1)) { rng, n in
                    let sampler = NormalSampler()
                    return RunningMoments.of(count: n) { sampler.next(using: &rng) }
                }
            }
        }
        let first = try Self.runSingle(claim("E X = 0 by Monte Carlo"))
        let reworded = try Self.runSingle(claim("the mean of X, sampled"))
        #expect(first.assertions[0].estimate == reworded.assertions[0].estimate)
        #expect(first.assertions[0].key == "mean" && reworded.assertions[0].name == "the mean of X, sampled")
        let comparison = RunComparison(baseline: RunReport(seed: 1, budget: .quick, suiteAlpha: 1e-3, claims: [first]),
                                       current: RunReport(seed: 1, budget: .quick, suiteAlpha: 1e-3, claims: [reworded]))
        #expect(comparison.differences.isEmpty)
    }

    static func runSingle(_ claim: Claim) throws -> ClaimResult {
        try Runner(registry: Registry(papers: [paper], claims: [claim]), seed: 1, budget: .quick,
                   engine: try MonteCarloEngine(threads: 2)).run(claim)
    }

    @Test func twoStageSamplingPlansFromThePilotAndTopsUp() throws {
        var stages: [TwoStageSampling.Stage] = []
        // The plan asks for 100 after the pilot and 150 once 100 are drawn: one top-up of 50.
        let outcome = try TwoStageSampling.run(
            pilot: 10, cap: 1000,
            draw: { stage, count in stages.append(stage); return count },
            merge: +, plan: { _, drawn in drawn < 100 ? 100 : 150 })
        #expect(stages == [.pilot, .main, .topUp(0)])
        #expect(outcome.count == 150 && outcome.mainCount == 100 && outcome.draws == 150 && outcome.toppedUp)
        let capped = try TwoStageSampling.run(pilot: 10, cap: 40, draw: { _, n in n }, merge: +, plan: { _, _ in 1_000 })
        #expect(capped.count == 40 && capped.planned == 1_000)
        let small = try TwoStageSampling.run(pilot: 10, cap: 40, draw: { _, n in n }, merge: +, plan: { _, _ in 2 })
        #expect(small.count == 10)
        #expect(throws: ParameterError.self) { try TwoStageSampling.run(pilot: 10, cap: 5, draw: { _, n in n }, merge: +, plan: { _, _ in 1 }) }
    }

    @Test func twoStageSamplingStopsWhenThePilotDecides() throws {
        var stages: [TwoStageSampling.Stage] = []
        let outcome = try TwoStageSampling.run(
            pilot: 10, cap: 1000, draw: { stage, count in stages.append(stage); return count }, merge: +,
            plan: { _, _ in 500 }, pilotDecides: { draws, count in draws == 10 && count == 10 })
        #expect(stages == [.pilot])
        #expect(outcome.decidedByPilot && outcome.count == 10 && outcome.mainCount == 0 && !outcome.toppedUp)
    }

    /// A planned estimate is decided by its pilot only when the pilot's interval lies inside the claimed region
    /// proper or misses it: a region far from the truth is refuted, a wide one confirmed, both from the pilot's
    /// draws alone; a point region, or a truth just beyond a boundary, goes on to the planned main sample.
    @Test func aPilotDecidesOnlyFarFromTheRegionsBoundary() throws {
        let normal: @Sendable (inout Xoshiro256, Int) throws -> RunningMoments = { rng, n in
            let sampler = NormalSampler()
            return RunningMoments((0..<n).map { _ in 0.5 + sampler.next(using: &rng) })
        }
        let ctx = ClaimContext(claimID: "pilot decisions", seed: 5, budget: .standard, alpha: 1e-3,
                               engine: try MonteCarloEngine(threads: 2))
        let estimate = { (key: String, region: ClaimedRegion, resolution: Double) in
            try ctx.estimateMean(key, region: region, resolution: resolution, alpha: 2.5e-4, pilotSamples: 400,
                                 chunkSize: 100, sample: normal)
        }
        let far = try estimate("far below", .atLeast(3), 0.05)
        let wide = try estimate("wide", .between(-5, 5), 0.05)
        let point = try estimate("point", .equal(0.5), 0.1)
        let beyond = try estimate("beyond, within δ", .atMost(0.45), 0.1)
        let pilotDecided = { (assertion: Assertion) in assertion.note?.contains("decided by the pilot") == true }
        #expect(far.verdict == .refuted && far.samples == 400 && pilotDecided(far))
        #expect(wide.verdict == .confirmed && wide.samples == 400 && pilotDecided(wide))
        #expect(point.samples > 400 && !pilotDecided(point))
        #expect(beyond.samples > 400 && !pilotDecided(beyond))
        let capped = try ctx.estimateMean("capped", region: .equal(0.5), resolution: 0.01, alpha: 2.5e-4, pilotSamples: 400,
                                          chunkSize: 100, maxSamples: 1_000, sample: normal)
        #expect(capped.samples == 1_400 && capped.note?.contains("capped at the assertion's 1000") == true)
        #expect {
            try ctx.estimateMean("cap below the pilot", region: .equal(0.5), resolution: 0.01, alpha: 2.5e-4,
                                 pilotSamples: 400, chunkSize: 100, maxSamples: 100, sample: normal)
        } throws: { String(describing: $0).contains("maxSamples") }
    }

    @Test func statisticalChecksWorkInAPlainTest() throws {
        let assertions = try checkStatistically(seed: 3) { ctx in
            try ctx.estimateMean("E Z² = 1", region: .equal(1), resolution: 0.02, alpha: ctx.reserveAlpha(1)) { rng, n in
                let sampler = NormalSampler()
                return RunningMoments.of(count: n) { let z = sampler.next(using: &rng); return z * z }
            }
        }
        #expect(assertions.count == 1 && assertions[0].verdict == .confirmed)
    }

    @Test func aFailingStatisticalCheckRecordsTheEvidence() throws {
        try withKnownIssue {
            try checkStatistically(seed: 3) { ctx in
                try ctx.estimateMean("E Z = 0.5", region: .equal(0.5), resolution: 0.02, alpha: ctx.reserveAlpha(1)) { rng, n in
                    let sampler = NormalSampler()
                    return RunningMoments.of(count: n) { sampler.next(using: &rng) }
                }
            }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.contains("refuted, expected confirmed") && text.contains("claimed region [0.5, 0.5]")
                && text.contains("δ = ") && text.contains("α = ") && text.contains("seed 3")
                && text.contains("CLAIMS_SEED=3 swift test --filter")
        }
    }
}

extension FrameworkTests {
    @Test func diffFlagsAChangedShareOfAlpha() throws {
        let small = try Runner(registry: Self.tool.registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 2))
        let large = try Runner(registry: Self.tool.registry, seed: 1, budget: .quick, engine: small.engine, suiteAlpha: 3e-3)
        let claim = Self.claims[2]
        let comparison = RunComparison(baseline: small.run([claim]), current: large.run([claim]))
        #expect(comparison.count(.alphaChanged) == 1)
        #expect(RunComparison(baseline: small.run([claim]), current: small.run([claim])).differences.isEmpty)
    }
}

extension FrameworkTests {
    /// Error bars twice too wide move no estimate, but diff at the same seed flags them.
    @Test func diffFlagsErrorBarsThatChangedAtTheSameSeed() throws {
        let runner = try Runner(registry: Self.tool.registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 2))
        let report = runner.run([Self.claims[0]])
        let a = report.claims[0].assertions[0]
        let doubled = Assertion(name: a.name, key: a.key, route: a.route, subject: a.subject, rule: a.rule, estimate: a.estimate,
                                interval: Interval(center: a.estimate, halfWidth: a.upper - a.lower), region: a.region,
                                delta: a.delta, alpha: a.alpha, samples: a.samples)
        let claim = try #require(Self.tool.registry.claims.first)
        let widened = RunReport(seed: 1, budget: .quick, suiteAlpha: report.suiteAlpha, claims: [
            ClaimResult(claim: claim, assertions: [doubled], figures: [], seconds: 0, error: nil, alpha: report.claims[0].alpha),
        ])
        let comparison = RunComparison(baseline: report, current: widened)
        #expect(comparison.count(.widthChanged) == 1 && comparison.count(.estimateMoved) == 0)
        let otherSeed = RunReport(seed: 2, budget: .quick, suiteAlpha: report.suiteAlpha, claims: widened.claims)
        #expect(RunComparison(baseline: report, current: otherSeed).count(.widthChanged) == 0)
    }
}
