import Foundation
import Testing

/// The committed mutant lists (Mutants/mutants.json, run by Scripts/mutation-score, and the held-out
/// Mutants/heldout.json) still apply to the model code: a refactor that removes a mutated expression must update
/// the list, or the mutation score silently shrinks.
@Suite("Mutant list")
struct MutantListTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    struct Mutant: Decodable {
        let id: String
        let file: String
        let find: String
        let replace: String
        let subtle: Bool
        let papers: [String]
        let occurrence: Int?
    }

    static func mutants(_ list: String = "mutants.json") throws -> [Mutant] {
        try JSONDecoder().decode([Mutant].self, from: Data(contentsOf: root.appendingPathComponent("Mutants/\(list)")))
    }

    @Test(arguments: ["mutants.json", "heldout.json"])
    func everyMutantFindsItsExpression(list: String) throws {
        for mutant in try Self.mutants(list) {
            let text = try String(contentsOf: Self.root.appendingPathComponent(mutant.file), encoding: .utf8)
            let count = text.components(separatedBy: mutant.find).count - 1
            if let occurrence = mutant.occurrence {
                #expect(occurrence >= 1 && occurrence <= count, "\(mutant.id): occurrence \(occurrence) of \(count) in \(mutant.file)")
            } else {
                #expect(count == 1, "\(mutant.id): `\(mutant.find)` occurs \(count) times in \(mutant.file)")
            }
            #expect(mutant.find != mutant.replace, "\(mutant.id)")
        }
    }

    /// At least 40 mutants over every model folder and the GSL wrapper, a third of them subtle, each naming papers.
    @Test func theListCoversEveryModelFolder() throws {
        let mutants = try Self.mutants()
        #expect(mutants.count >= 40 && 3 * mutants.filter(\.subtle).count >= mutants.count)
        #expect(Set(mutants.map(\.id)).count == mutants.count, "duplicate mutant IDs")
        let papers: Set = ["pooling", "nachum", "layernorm", "asv", "brutzkus"]
        #expect(mutants.allSatisfy { !$0.papers.isEmpty && Set($0.papers).isSubset(of: papers) })
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources/RandomNetworks").path)
            .filter { !$0.hasSuffix(".swift") }.map { "Sources/RandomNetworks/\($0)/" } + ["Sources/GSL/"]
        for folder in folders {
            #expect(mutants.contains { $0.file.hasPrefix(folder) }, "no mutant in \(folder)")
        }
    }
}
