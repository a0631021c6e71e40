import ArgumentParser
import ClaimKit


struct ListCommand: ToolCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the encoded claims.")

    @Option(help: "Only claims of this paper (its key, as `list` shows it); repeatable.")
    var paper: [String] = []

    @Flag(help: "Print JSON: one entry per claim with id, paper, location, kind, expectation.")
    var json = false

    struct Entry: Encodable {
        let id, paper, location, kind, expectation: String
    }

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        let claims = try tool.registry.select(papers: paper, ids: [])
        let entries = claims.map {
            Entry(id: $0.id, paper: $0.paper.key, location: $0.location, kind: $0.kind.rawValue,
                  expectation: $0.expectation.key)
        }
        if json {
            console.line(try JSON.encode(entries))
        } else {
            let width = entries.map(\.id.count).max() ?? 0
            for e in entries {
                console.line("\(e.id.padding(width))  \(e.paper.padding(9))  \(e.kind.padding(17))  \(e.expectation.padding(8))  \(e.location)")
            }
        }
        return 0
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
