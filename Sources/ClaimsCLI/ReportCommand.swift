import ArgumentParser
import ClaimKit
import Foundation
import Properties

struct ReportCommand: ParsableCommand, ExecutableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run every claim and write claims.md, claims.json and figures/ (exit 1 if a verdict mismatches).")

    @Option(help: "Output folder.")
    var out = "Reports"

    @Option(help: "Folder of the shared claim catalogs, read to flag catalog IDs the repository does not list.")
    var catalogs = "../shared/claims"

    @OptionGroup var options: RunOptions

    func execute(console: Console) throws -> Int32 {
        let runner = try options.runner(Suite.registry, console)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let figures = folder.appendingPathComponent("figures", isDirectory: true)
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true) // fail before the run
        let progress = Progress(console: console)
        let run = runner.run(Suite.registry.claims) { index, total, claim in
            progress.claimStarting(index: index, of: total, id: claim.id)
        }
        progress.finish()
        let report = MarkdownReport(run: run, registry: Suite.registry,
                                    coverage: Coverage.rows(Suite.catalogs, registry: Suite.registry),
                                    catalogDrift: try catalogDrift())
        for old in try FileManager.default.contentsOfDirectory(atPath: figures.path) where old.hasSuffix(".svg") {
            try FileManager.default.removeItem(at: figures.appendingPathComponent(old))
        }
        for (name, svg) in report.figureFiles {
            try svg.write(to: figures.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try report.render().write(to: folder.appendingPathComponent("claims.md"), atomically: true, encoding: .utf8)
        try (JSON.encode(run) + "\n").write(to: folder.appendingPathComponent("claims.json"), atomically: true, encoding: .utf8)
        let matched = run.claims.count { $0.matchesExpectation }
        console.line("wrote \(folder.path)/claims.md, claims.json and \(report.figureFiles.count) figures; "
            + "\(matched) of \(run.claims.count) claims match their expectation")
        return run.allMatch ? 0 : 1
    }

    /// IDs in the shared catalogs that the repository's catalog lists lack
    /// (empty when the shared folder is not there).
    private func catalogDrift() throws -> [String] {
        let known = Set(Suite.catalogs.flatMap { $0.entries.map(\.id) })
        var missing: [String] = []
        for file in Set(Suite.catalogs.map(\.file)).sorted() {
            let path = URL(fileURLWithPath: catalogs).appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            missing += CatalogIndexParser.ids(inMarkdown: text).filter { !known.contains($0) }
        }
        return missing
    }
}
