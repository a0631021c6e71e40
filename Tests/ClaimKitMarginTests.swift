import ClaimKit
import Foundation
import Randomness
import Testing

/// Post hoc regions and the margin an assertion claims: the flag through ClaimContext, its JSON (absent in old
/// runs), and the report's markers.
@Suite("Post hoc regions and margins")
struct ClaimKitMarginTests {
    static func context() throws -> ClaimContext {
        ClaimContext(claimID: "M", seed: 1, budget: .quick, alpha: 1e-4, engine: try MonteCarloEngine(threads: 1))
    }

    @Test func recordingPostHocFlagsOnlyWhatItWraps() throws {
        let ctx = try Self.context()
        ctx.bound("before", route: .closedForm, value: 1, region: .atLeast(0))
        let inside = ctx.recordingPostHoc { ctx.bound("inside", route: .closedForm, value: 1, region: .atLeast(0.5)) }
        ctx.recordingPostHoc(false) { ctx.bound("not chosen after", route: .closedForm, value: 1, region: .atLeast(0)) }
        ctx.bound("after", route: .closedForm, value: 1, region: .atLeast(0))
        #expect(inside.postHoc)
        #expect(ctx.assertions.map(\.postHoc) == [false, true, false, false])
        #expect(inside.judged(as: "again", subject: .corrected, against: .atLeast(0)).postHoc)
    }

    @Test func postHocTravelsInTheRunJSONAndDefaultsToFalse() throws {
        let ctx = try Self.context()
        ctx.recordingPostHoc { ctx.bound("chosen", route: .closedForm, value: 1, region: .atLeast(0.5)) }
        ctx.bound("planned", route: .closedForm, value: 1, region: .atLeast(0.5))
        let json = String(decoding: try JSONEncoder().encode(ctx.assertions), as: UTF8.self)
        #expect(json.components(separatedBy: "\"postHoc\":true").count == 2)
        let decoded = try JSONDecoder().decode([Assertion].self, from: Data(json.utf8))
        #expect(decoded.map(\.postHoc) == [true, false])
        let old = #"{"name": "x", "route": "closed-form", "estimate": 1, "reference": 1, "lower": 1, "upper": 1, "delta": 0, "alpha": 0, "samples": 1}"#
        #expect(try JSONDecoder().decode(Assertion.self, from: Data(old.utf8)).postHoc == false)
    }

    @Test func marginAndConfirmationWithinDeltaOnly() throws {
        let ctx = try Self.context()
        // A bound at 0.9 with an interval [0.85, 1]: confirmed only because δ = 0.1 widens the region.
        let thin = ctx.record(Assertion(name: "thin", route: .monteCarlo, subject: .asPrinted, rule: "r", estimate: 0.95,
                                        interval: Interval(lower: 0.85, upper: 1), region: .atLeast(0.9), delta: 0.1,
                                        alpha: 1e-6, samples: 10))
        #expect(thin.verdict == .confirmed && thin.confirmedWithinDeltaOnly && abs(thin.margin - 0.05) < 1e-12)
        let clear = ctx.bound("clear", route: .closedForm, value: 2, region: .between(0, 3), resolution: 0.1)
        #expect(!clear.confirmedWithinDeltaOnly && clear.margin == 1)
        let identity = ctx.compare("identity", route: .closedForm, value: 1, reference: 1, referenceRoute: .closedForm, resolution: 0.01)
        #expect(!identity.confirmedWithinDeltaOnly && identity.margin == 0.01)
        let outside = ctx.bound("outside", route: .closedForm, value: -1, region: .atLeast(0))
        #expect(outside.verdict == .refuted && outside.margin == -1 && !outside.confirmedWithinDeltaOnly)
    }

    @Test func reportMarksPostHocRegionsAndConfirmationsWithinDelta() throws {
        let paper = Paper(key: "test", title: "A test paper", authors: "Nobody")
        let claim = Claim(id: "T-MARK", paper: paper, location: "§0", statement: "s", assumptions: ["a threshold chosen after seeing data"],
                          kind: .inequality, expectation: .holds) { ctx in
            ctx.recordingPostHoc { ctx.bound("threshold", route: .closedForm, value: 1, region: .atLeast(0.5)) }
            ctx.record(Assertion(name: "thin", route: .monteCarlo, subject: .asPrinted, rule: "r", estimate: 0.95,
                                 interval: Interval(lower: 0.85, upper: 1), region: .atLeast(0.9), delta: 0.1,
                                 alpha: 1e-6, samples: 10))
        }
        let registry = Registry(papers: [paper], claims: [claim])
        let runner = try Runner(registry: registry, seed: 1, budget: .quick, engine: try MonteCarloEngine(threads: 1))
        let text = MarkdownReport(run: runner.run([claim]), registry: registry, invocation: "swift run claims", coverage: [],
                                  catalogDrift: []).render()
        #expect(text.contains("| threshold † |") && text.contains("confirmed within δ only"))
        #expect(text.contains("| Margin |") && text.contains("1 are confirmed within δ only and 1 have a claimed region chosen after seeing data"))
    }
}
