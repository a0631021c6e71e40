import ClaimKit
import Foundation
import GSL
import Randomness
import Testing

@Suite("Claims, runner and report")
struct ClaimKitTests {
    static let paper = Paper(key: "test", title: "A test paper", authors: "Nobody")

    static func claim(_ id: String, _ expectation: ClaimKit.Expectation, _ check: @escaping @Sendable (ClaimContext) throws -> Void) -> Claim {
        Claim(id: id, paper: paper, location: "§0", statement: "a statement", assumptions: ["none"], kind: .identity,
              expectation: expectation, check: check)
    }

    static func runner(_ claims: [Claim]) throws -> Runner {
        try Runner(registry: Registry(papers: [paper], claims: claims), seed: 1, budget: .quick,
               engine: try MonteCarloEngine(threads: 2))
    }

    @Test func verdictsMatchExpectationsOnlyAsTheDesignSays() throws {
        let holds = Self.claim("T-HOLDS", .holds) { $0.compare("x", route: .closedForm, value: 1, reference: 1, referenceRoute: .closedForm, resolution: 1e-12) }
        let erratum = Self.claim("T-ERRATUM", .erratum(printed: "p", corrected: "c")) { ctx in
            ctx.compare("printed", route: .closedForm, value: 1, reference: 2, referenceRoute: .closedForm, resolution: 1e-12)
            ctx.compare("corrected", subject: .corrected, route: .closedForm, value: 1, reference: 1,
                        referenceRoute: .closedForm, resolution: 1e-12)
        }
        let fails = Self.claim("T-FAILS", .fails(counterexample: "x = 1")) {
            $0.bound("bound", route: .closedForm, value: 1, region: .atMost(0))
        }
        let wrong = Self.claim("T-WRONG", .holds) {
            $0.bound("bound", route: .closedForm, value: 1, region: .atMost(0))
        }
        let thrown = Self.claim("T-THROWS", .holds) { _ in throw StatisticsError("boom") }
        let empty = Self.claim("T-EMPTY", .holds) { _ in }
        let report = try Self.runner([holds, erratum, fails, wrong, thrown, empty]).run([holds, erratum, fails, wrong, thrown, empty])
        #expect(report.claims.map(\.matchesExpectation) == [true, true, true, false, false, false])
        #expect(report.claims[1].verdict == .refuted && report.claims[1].correctedVerdict == .confirmed)
        #expect(report.claims[4].error == "boom" && report.claims[4].verdict == .inconclusive)
        #expect(report.claims[5].error == "the check recorded no assertions")
        #expect(!report.allMatch)
        let text = FailureDescription.describe(report.claims[3], seed: 1, rerun: "swift run claims run --claim T-WRONG")
        #expect(text.contains("estimate 1") && text.contains("seed 1") && text.contains("--claim T-WRONG"))
    }

    @Test func alphaReservationsCannotExceedTheClaimShare() throws {
        let context = ClaimContext(claimID: "X", seed: 1, budget: .quick, alpha: 1e-4, engine: try MonteCarloEngine(threads: 1))
        #expect(abs(try context.reserveAlpha(0.75) / 7.5e-5 - 1) < 1e-15)
        #expect(throws: StatisticsError.self) { try context.reserveAlpha(0.5) }
        #expect(throws: ParameterError.self) { try context.reserveAlpha(0) }
    }

    @Test func monteCarloHelpersRecordCompleteAssertions() throws {
        let context = ClaimContext(claimID: "MC", seed: 1, budget: .quick, alpha: 1e-4, engine: try MonteCarloEngine(threads: 2))
        let sampler = NormalSampler()
        let mean = try context.estimateMean("mean", region: .equal(0), resolution: 0.05, alpha: 1e-4) { rng, count in
            RunningMoments.of(count: count) { sampler.next(using: &rng) }
        }
        #expect(mean.verdict == .confirmed && mean.interval.width <= mean.delta && mean.samples > 20_000)
        let proportion = try context.estimateProportion("p", region: .equal(0.5), resolution: 0.02, alpha: 1e-4) { rng, count in
            (0..<count).reduce(0) { hits, _ in hits + (rng.next() >> 63 == 1 ? 1 : 0) }
        }
        #expect(proportion.verdict == .confirmed && proportion.rule.contains("Clopper"))
        let sequential = try context.sequentialMean("s", range: 0...1, region: .equal(0.5), resolution: 0.02,
                                                    alpha: 1e-4) { rng, count in (0..<count).map { _ in rng.nextUniform() } }
        #expect(sequential.verdict == .confirmed && sequential.samples < 1 << 20)
        let wrongMean = try context.estimateMean("wrong", region: .equal(0.1), resolution: 0.01, alpha: 1e-4) { rng, count in
            RunningMoments.of(count: count) { sampler.next(using: &rng) }
        }
        #expect(wrongMean.verdict == .refuted)
        // The mean similarity E[XY]/√(E X² E Y²) of correlated normals is their correlation.
        let cosine = try context.estimateFunctionOfMeans("cosine", function: .cosineOfMeans, region: .equal(0.6),
                                                         resolution: 0.02, alpha: 1e-4) { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count {
                let x = sampler.next(using: &rng), y = 0.6 * x + 0.8 * sampler.next(using: &rng)
                moments.add([x * y, x * x, y * y])
            }
            return moments
        }
        #expect(cosine.verdict == .confirmed && cosine.rule.contains("delta"))
        #expect(context.assertions.count == 5)
    }

    /// A pilot drawn from the light part of a mixture under-states the spread; the main sample asks for
    /// more and is topped up, so the half-width still meets delta / 2.
    @Test func planningTopsUpWhenThePilotUnderstatesTheSpread() throws {
        let context = ClaimContext(claimID: "TOPUP", seed: 1, budget: .standard, alpha: 1e-4, engine: try MonteCarloEngine(threads: 2))
        let sampler = NormalSampler()
        // Heavy tail: with probability 1e-3 a draw is 30 times larger (variance 1.9 instead of 1), so a
        // 200-draw pilot usually sees none of them while the planned main sample sees several.
        let mean = try context.estimateMean("heavy", region: .equal(0), resolution: 0.2, alpha: 1e-4,
                                            pilotSamples: 200, chunkSize: 200) { rng, count in
            RunningMoments.of(count: count) {
                let scale = rng.nextUniform() < 1e-3 ? 30.0 : 1
                return scale * sampler.next(using: &rng)
            }
        }
        #expect(mean.note?.contains("topped up") == true, "\(String(describing: mean.note))")
        #expect(mean.interval.width <= mean.delta && mean.verdict == .confirmed)
    }

    @Test func malformedInputsDecideNothing() throws {
        #expect(ClaimedRegion.between(1, 0).decide(Interval(lower: 0.4, upper: 0.6), delta: 0.1) == .inconclusive)
        #expect(ClaimedRegion.atMost(1).decide(Interval(lower: .nan, upper: 0), delta: 0) == .inconclusive)
        #expect(ClaimedRegion.atMost(1).decide(Interval(lower: 0, upper: 0.5), delta: -1) == .inconclusive)
        let context = ClaimContext(claimID: "BAD", seed: 1, budget: .quick, alpha: 1e-4, engine: try MonteCarloEngine(threads: 1))
        let negative = context.compare("negative error", route: .closedForm, value: 1, error: -1, reference: 1.5,
                                       referenceRoute: .closedForm, resolution: 1e-9)
        #expect(negative.verdict == .inconclusive)
        #expect(throws: StatisticsError.self) {
            try context.sequentialMean("short", range: 0...1, region: .equal(0.5), resolution: 0.01, alpha: 1e-5) { _, count in
                [Double](repeating: 0.5, count: max(0, count - 1))
            }
        }
        #expect(throws: StatisticsError.self) {
            try context.estimateFunctionOfMeans("dimension", function: .cosineOfMeans, region: .equal(0), resolution: 0.1,
                                                alpha: 1e-5, pilotSamples: 10) { _, count in
                var moments = JointMoments(dimension: 3)
                for _ in 0..<count { moments.add([1, 2]) }
                return moments
            }
        }
    }

    @Test func spendingMoreThanTheClaimShareIsAnError() throws {
        let greedy = Self.claim("T-GREEDY", .holds) { ctx in
            let sampler = NormalSampler()
            try ctx.estimateMean("greedy", region: .equal(0), resolution: 0.5, alpha: 2 * ctx.alpha, pilotSamples: 100) { rng, count in
                RunningMoments.of(count: count) { sampler.next(using: &rng) }
            }
        }
        let result = try Self.runner([greedy]).run(greedy)
        #expect(result.error?.contains("more than the claim's share") == true && !result.matchesExpectation)
    }

    @Test func jointMomentsMergeLikeOneSample() {
        let vectors = (0..<500).map { i in [sin(Double(i)), cos(Double(i) * 0.7), Double(i % 5)] }
        var whole = JointMoments(dimension: 3), first = JointMoments(dimension: 3), second = JointMoments(dimension: 3)
        for (i, v) in vectors.enumerated() {
            whole.add(v)
            if i < 200 { first.add(v) } else { second.add(v) }
        }
        let merged = first.merged(with: second)
        for i in 0..<3 {
            #expect(abs(whole.means[i] - merged.means[i]) < 1e-14)
            for j in 0..<3 { #expect(abs(whole.covariance(i, j) - merged.covariance(i, j)) < 1e-13) }
        }
        let direct = RunningMoments(vectors.map { $0[2] })
        #expect(abs(whole.covariance(2, 2) - direct.variance) < 1e-12)
    }

    @Test func registrySelectionRejectsUnknownNames() throws {
        let registry = Registry(papers: [Self.paper], claims: [Self.claim("T-1", .holds) { _ in }])
        #expect(try registry.select(papers: [], ids: []).count == 1)
        #expect(throws: SelectionError.unknownPaper("nope", known: ["test"])) { try registry.select(papers: ["nope"], ids: []) }
        #expect(throws: SelectionError.unknownClaim("t-1", suggestion: "T-1")) { try registry.select(papers: [], ids: ["t-1"]) }
        let duplicated = Registry(papers: [Self.paper], claims: [Self.claim("A", .holds) { _ in }, Self.claim("A", .holds) { _ in }])
        #expect(duplicated.problems == ["duplicate claim ID A"])
    }

    @Test func catalogIndexParserReadsAllThreeFormats() {
        let text = """
        # Catalog
        ## 2. Claims
        1. NOT-AN-INDEX [EX] outside the index section
        ## 5. Index of claim IDs
        NACHUM (2):
        1. NACHUM-INTRO-LINFNN [EX] linear FNN.
        12. NACHUM-T2 [PR] concentration.
        ### LN (1)
        - LN-B-ERF-COV: erf covariance.
        | ID | Location | Kind | One-line statement |
        |---|---|---|---|
        | BG-T4.2 | L124 | exact | VC bound |
        ## 6. Errata
        - E-N1: not an index line
        """
        #expect(CatalogIndexParser.ids(inMarkdown: text) == ["NACHUM-INTRO-LINFNN", "NACHUM-T2", "LN-B-ERF-COV", "BG-T4.2"])
    }

    @Test func coverageListsEveryEntryWithAReason() {
        let registry = Registry(papers: [Self.paper], claims: [Self.claim("T-1", .holds) { _ in }])
        let catalog = PaperCatalog(paper: Self.paper, file: "none.md",
                                   entries: [CatalogEntry("T-1", "EX", "one"), CatalogEntry("T-2", "EX", "two"), CatalogEntry("T-3", "EM", "three")],
                                   reasons: ["T-3": "needs ImageNet", "T-1": "stale", "T-7": "unlisted"])
        let rows = Coverage.rows([catalog], registry: registry)
        #expect(rows.map(\.reasonNotEncoded) == [nil, PaperCatalog.noReasonRecorded, "needs ImageNet"])
        #expect(Coverage.staleReasons([catalog], registry: registry) == ["T-1", "T-7"])
        #expect(Coverage.uncatalogued([catalog], registry: Registry(papers: [Self.paper], claims: [Self.claim("T-9", .holds) { _ in }])) == ["T-9"])
    }

    @Test func reportRendersTablesErrataCoverageAndFigures() throws {
        let figureClaim = Self.claim("T-FIG", .erratum(printed: "printed form", corrected: "corrected form")) { ctx in
            ctx.compare("printed", route: .quadrature, value: 1, reference: 2, referenceRoute: .closedForm, resolution: 1e-9)
            ctx.compare("corrected", subject: .corrected, route: .quadrature, value: 1, reference: 1,
                        referenceRoute: .closedForm, resolution: 1e-9)
            ctx.attach(Figure(name: "curve", title: "A <curve>", xLabel: "x", yLabel: "y", series: [
                .init(label: "theory", style: .line, x: [0, 0.5, 1], y: [0, 0.25, 1]),
                .init(label: "Monte Carlo", style: .scatter, x: [0.5], y: [0.26], errors: [0.02]),
            ]))
        }
        let runner = try Self.runner([figureClaim])
        let run = runner.run([figureClaim])
        let catalog = PaperCatalog(paper: Self.paper, file: "none.md", entries: [CatalogEntry("T-FIG", "EX", "figure")])
        let report = MarkdownReport(run: run, registry: runner.registry, invocation: "swift run claims",
                                    coverage: Coverage.rows([catalog], registry: runner.registry), catalogDrift: ["T-NEW"])
        let text = report.render()
        for part in ["## Summary", "## A test paper", "## Errata", "printed form", "## Coverage", "`T-NEW`",
                     "figures/T-FIG-curve.svg", "How to read a verdict"] {
            #expect(text.contains(part), "missing \(part)")
        }
        let svg = try #require(report.figureFiles.first).svg
        #expect(svg.contains("<polyline") && svg.contains("<circle") && svg.contains("A &lt;curve&gt;"))
        let parsed = try XMLDocumentCheck.isWellFormed(svg)
        #expect(parsed)
        let json = try JSONEncoder().encode(run)
        #expect(try JSONDecoder().decode(RunReport.self, from: json).claims.first?.assertions.count == 2)
    }
}

/// Well-formedness of generated SVG, by Foundation's XML parser.
enum XMLDocumentCheck {
    static func isWellFormed(_ text: String) throws -> Bool {
        #if canImport(FoundationXML)
        return FoundationXML.XMLParser(data: Data(text.utf8)).parse()
        #else
        return XMLParser(data: Data(text.utf8)).parse()
        #endif
    }
}

#if canImport(FoundationXML)
import FoundationXML
#endif
