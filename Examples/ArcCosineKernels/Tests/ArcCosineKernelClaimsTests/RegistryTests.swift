import ArcCosineKernelClaims
import ClaimKit
import ClaimKitCLI
import Foundation
import Testing

/// Every claim of the registry at the quick budget, as CI runs it.
@Suite struct RegistryTests {
    static let ids = ArcCosineKernelClaims.all.map(\.id)

    @Test(arguments: ids)
    func claimMatchesItsExpectationAtTheQuickBudget(_ id: String) throws {
        let registry = ArcCosineKernelClaims.registry
        let runner = try Runner(registry: registry, budget: .quick,
                                engine: try MonteCarloEngine(threads: MonteCarloEngine.machineThreads))
        let claim = try #require(registry.claims.first { $0.id == id })
        let result = runner.run(claim)
        let mismatched = result.mismatchedAssertions.map {
            "\($0.name): \($0.verdict.rawValue), expected \(result.expected(for: $0).rawValue)"
        }
        #expect(result.error == nil, "\(id) threw: \(result.error ?? "")")
        #expect(result.matchesExpectation,
                "\(id): verdict \(result.verdict.rawValue), expected \(claim.expectation.key); \(mismatched.joined(separator: "; "))")
    }

    @Test func registryAndCatalogAgree() throws {
        let registry = ArcCosineKernelClaims.registry
        let catalogs = [ArcCosineKernelClaims.catalog]
        #expect(registry.problems.isEmpty)
        #expect(registry.claims.count >= 8)
        #expect(Coverage.uncatalogued(catalogs, registry: registry).isEmpty)
        #expect(Coverage.staleReasons(catalogs, registry: registry).isEmpty)
        #expect(!Coverage.rows(catalogs, registry: registry).contains { $0.reasonNotEncoded == PaperCatalog.noReasonRecorded })
    }

    /// The markdown catalog (Catalog/cho-saul-2009.md) lists exactly the IDs of the package's `PaperCatalog`.
    @Test func markdownCatalogListsTheSameIDs() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog").appendingPathComponent(ArcCosineKernelClaims.catalog.file)
        let ids = CatalogIndexParser.ids(inMarkdown: try String(contentsOf: file, encoding: .utf8))
        #expect(ids == ArcCosineKernelClaims.catalog.entries.map(\.id))
    }

    /// An unknown claim ID is bad usage: exit code 2 and one line on standard error.
    @Test func unknownClaimIsAUsageError() throws {
        let tool = try ClaimsTool(name: "kernel-claims", abstract: "test", registry: ArcCosineKernelClaims.registry,
                                  catalogs: [ArcCosineKernelClaims.catalog])
        let captured = Captured()
        let console = Console(write: { captured.append(out: $0) }, writeError: { captured.append(error: $0) },
                              errorIsTerminal: false, environment: [:])
        #expect(tool.main(["run", "--claim", "NOPE"], console: console) == 2)
        #expect(captured.error.split(separator: "\n").count == 1)
        #expect(captured.error.hasPrefix("kernel-claims: unknown claim ID 'NOPE'"))
        #expect(captured.out.isEmpty)
    }
}

/// Text a console wrote, collected from its @Sendable closures.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errorText = ""

    func append(out text: String) { lock.withLock { outText += text } }
    func append(error text: String) { lock.withLock { errorText += text } }
    var out: String { lock.withLock { outText } }
    var error: String { lock.withLock { errorText } }
}
