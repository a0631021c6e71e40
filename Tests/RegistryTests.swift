import ClaimKit
import ClaimsCLI
import Foundation
import Randomness
import ASVPaper
import BrutzkusPaper
import FivePapers
import LayerNormPaper
import NachumPaper
import PoolingPaper
import Testing

extension Tag {
    @Tag static var pooling: Self
    @Tag static var nachum: Self
    @Tag static var layernorm: Self
    @Tag static var asv: Self
    @Tag static var brutzkus: Self
}

/// Every registered claim, at the quick budget, must reach the verdict its
/// expectation states. The seed is the default unless CLAIMS_SEED is set; a
/// failure prints the evidence and the command that re-runs just that claim.
@Suite("Claim registry")
struct RegistryTests {
    static let seedText = ProcessInfo.processInfo.environment["CLAIMS_SEED"]
    static let seed = seedText.flatMap(UInt64.init) ?? Runner.defaultSeed
    static let runner = try! Runner(registry: Suite.registry, seed: seed, budget: .quick,
                               engine: try! MonteCarloEngine(threads: MonteCarloEngine.machineThreads))

    static func ids(_ paper: Paper) -> [String] { Suite.registry.claims(of: paper).map(\.id) }

    /// The committed quick-budget baseline (Baselines/quick.json), when this run uses its seed.
    static let baseline: RunReport? = {
        guard let report = try? RegressionTests.baseline(), report.seed == seed else { return nil }
        return report
    }()

    /// The claim reaches its expected verdict and, at the baseline's seed, its evidence has not moved from the
    /// committed baseline (CI's numeric regression check; regenerate the baseline when a change is intended).
    static func check(_ id: String) throws {
        let result = try QuickRuns.result(id)
        let matches = result.matchesExpectation
        #expect(matches, Comment(rawValue: FailureDescription.describe(result, seed: seed, rerun: ClaimsCLI.tool.rerunCommand(for: id, runner: runner))))
        guard let baseline else { return }
        let old = try #require(baseline.claims.first { $0.id == id }, "\(id) is not in Baselines/quick.json")
        let differences = RunComparison(baseline: RunReport(seed: seed, budget: .quick, suiteAlpha: baseline.suiteAlpha, claims: [old]),
                                        current: RunReport(seed: seed, budget: .quick, suiteAlpha: baseline.suiteAlpha, claims: [result]))
            .differences
        #expect(differences.isEmpty, Comment(rawValue: "\(id) moved from Baselines/quick.json:\n"
            + differences.map { "  \($0.kind.rawValue) \($0.assertion ?? ""): \($0.detail)" }.joined(separator: "\n")
            + "\nif intended: swift run -c release claims run --budget quick --json > Baselines/quick.json"))
    }

    @Test(.tags(.pooling), arguments: ids(PoolingClaims.paper)) func pooling(_ id: String) throws { try Self.check(id) }
    @Test(.tags(.nachum), arguments: ids(NachumClaims.paper)) func nachum(_ id: String) throws { try Self.check(id) }
    @Test(.tags(.layernorm), arguments: ids(LayerNormClaims.paper)) func layernorm(_ id: String) throws { try Self.check(id) }
    @Test(.tags(.asv), arguments: ids(ASVClaims.paper)) func asv(_ id: String) throws { try Self.check(id) }
    @Test(.tags(.brutzkus), arguments: ids(BrutzkusClaims.paper)) func brutzkus(_ id: String) throws { try Self.check(id) }

    @Test func seedFromTheEnvironmentIsWellFormed() {
        #expect(Self.seedText.map { UInt64($0) != nil } ?? true, "CLAIMS_SEED must be an unsigned 64-bit integer")
    }

    @Test func registryIsWellFormedAndCatalogued() {
        #expect(Suite.registry.problems.isEmpty, "\(Suite.registry.problems)")
        #expect(Coverage.uncatalogued(Suite.catalogs, registry: Suite.registry).isEmpty)
        let unexplained = Coverage.rows(Suite.catalogs, registry: Suite.registry)
            .filter { $0.reasonNotEncoded == PaperCatalog.noReasonRecorded }.map(\.entry.id)
        #expect(unexplained.isEmpty, "catalog entries neither encoded nor given a reason: \(unexplained)")
        #expect(Coverage.staleReasons(Suite.catalogs, registry: Suite.registry).isEmpty)
        let ids = Suite.catalogs.flatMap { $0.entries.map(\.id) }
        #expect(Set(ids).count == ids.count, "duplicate catalog IDs")
        for claim in Suite.registry.claims {
            #expect(!claim.statement.isEmpty && !claim.assumptions.isEmpty && !claim.location.isEmpty, "\(claim.id)")
        }
    }

    /// A folder of the papers' markdown catalogs to compare with (`CLAIMS_CATALOG_DIR`), when given.
    static let markdownCatalogs = ProcessInfo.processInfo.environment["CLAIMS_CATALOG_DIR"].map { URL(fileURLWithPath: $0) }

    /// With CLAIMS_CATALOG_DIR set to a folder of the markdown catalogs the
    /// Swift catalogs were drawn from, the Swift catalogs must hold exactly their IDs.
    @Test(.enabled(if: markdownCatalogs != nil))
    func catalogListsMatchTheMarkdownCatalogs() throws {
        let folder = try #require(Self.markdownCatalogs)
        for file in Set(Suite.catalogs.map(\.file)) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let markdown = Set(CatalogIndexParser.ids(inMarkdown: text))
            let ours = Set(Suite.catalogs.filter { $0.file == file }.flatMap { $0.entries.map(\.id) })
            #expect(markdown == ours, "\(file): only in the markdown \(markdown.subtracting(ours)), only in Swift \(ours.subtracting(markdown))")
        }
    }
}
