import ClaimKit
import ClaimsCLI
import Foundation
import FivePapers
import Testing

/// `claims diff` and the committed quick-tier baseline.
@Suite("Regression baselines")
struct RegressionTests {
    static let baselinePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Baselines/quick.json").standardized.path

    static func baseline() throws -> RunReport {
        try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: baselinePath)))
    }

    /// A copy of `report` with one assertion's estimate and interval moved by `shift`, as a change of code would.
    static func changing(_ report: RunReport, claim: Int, assertion: Int, by shift: Double) throws -> RunReport {
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        var claims = try #require(object["claims"] as? [[String: Any]])
        var assertions = try #require(claims[claim]["assertions"] as? [[String: Any]])
        for key in ["estimate", "lower", "upper"] {
            assertions[assertion][key] = try #require(assertions[assertion][key] as? Double) + shift
        }
        claims[claim]["assertions"] = assertions
        object["claims"] = claims
        return try JSONDecoder().decode(RunReport.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// Writes `text` to a fresh file in the temporary folder; the caller removes it with `removeFiles`.
    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("claims-tests-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func removeFiles(_ paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func theBaselineCoversTheRegistryAtTheQuickBudget() throws {
        let baseline = try Self.baseline()
        #expect(baseline.budget == .quick && baseline.seed == Runner.defaultSeed)
        #expect(baseline.claims.map(\.id) == Suite.registry.claims.map(\.id),
                "regenerate it: swift run -c release claims run --budget quick --json > Baselines/quick.json")
        #expect(RunComparison(baseline: baseline, current: baseline).differences.isEmpty)
    }

    @Test func aDeliberatelyChangedEstimateIsFlagged() throws {
        let baseline = try Self.baseline()
        let claim = try #require(baseline.claims.firstIndex { $0.assertions.contains { $0.route == .monteCarlo } })
        let index = try #require(baseline.claims[claim].assertions.firstIndex { $0.route == .monteCarlo })
        let original = baseline.claims[claim].assertions[index]
        let width = original.upper - original.lower
        // Moved by 0.1 of its interval's width: within the combined uncertainty, not flagged.
        let nudged = try Self.changing(baseline, claim: claim, assertion: index, by: 0.1 * width)
        #expect(RunComparison(baseline: baseline, current: nudged).count(.estimateMoved) == 0)
        // Moved by three interval widths: flagged, and only that one.
        let moved = try Self.changing(baseline, claim: claim, assertion: index, by: 3 * width)
        let differences = RunComparison(baseline: baseline, current: moved).differences.filter { $0.kind == .estimateMoved }
        #expect(differences.map(\.assertion) == [original.name])
        #expect(differences.first?.claim == baseline.claims[claim].id)
        // Through the command line: exit 1 and a line naming it.
        let current = try Self.temporaryFile("moved.json", try String(decoding: JSONEncoder().encode(moved), as: UTF8.self))
        defer { Self.removeFiles([current]) }
        let (code, out, _) = Capture.run(["diff", Self.baselinePath, current])
        #expect(code == 1 && out.contains("estimate-moved") && out.contains(original.name), "\(out)")
        let same = Capture.run(["diff", Self.baselinePath, Self.baselinePath])
        #expect(same.code == 0 && same.out.contains("0 differences"), "\(same.out)")
    }

    @Test func verdictChangesAndMissingClaimsAreDifferences() throws {
        let paper = Paper(key: "test", title: "t", authors: "a")
        func result(_ id: String, value: Double, name: String = "x") -> ClaimResult {
            let claim = Claim(id: id, paper: paper, location: "§0", statement: "s", assumptions: ["a"], kind: .identity,
                              expectation: .holds) { _ in }
            let assertion = Assertion(name: name, route: .closedForm, subject: .asPrinted, rule: "r", estimate: value,
                                      interval: Interval(center: value, halfWidth: 1e-12), region: .equal(1), delta: 1e-9,
                                      alpha: 0, samples: 1)
            return ClaimResult(claim: claim, assertions: [assertion], figures: [], seconds: 0, error: nil)
        }
        let old = RunReport(seed: 1, budget: .quick, suiteAlpha: 1e-3, claims: [result("A", value: 1), result("B", value: 1)])
        let new = RunReport(seed: 1, budget: .quick, suiteAlpha: 1e-3,
                            claims: [result("A", value: 2), result("C", value: 1), result("B", value: 1, name: "y")])
        let comparison = RunComparison(baseline: old, current: new)
        #expect(comparison.count(.estimateMoved) == 1)
        #expect(comparison.count(.verdictChanged) == 2)   // A's assertion and A's claim verdict
        #expect(comparison.count(.onlyInBaseline) == 1 && comparison.count(.onlyInCurrent) == 2)
    }
}
