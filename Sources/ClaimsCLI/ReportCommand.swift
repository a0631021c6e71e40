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

    @Option(help: "Folder of the shared claim catalogs, read to flag catalog IDs the repository lacks (default: ../shared/claims, skipped when absent).")
    var catalogs: String?

    static let defaultCatalogs = "../shared/claims"

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out is empty: give the folder to write the report to") }
        if let catalogs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: catalogs, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--catalogs '\(catalogs)' is not a folder")
            }
        }
    }

    @OptionGroup var options: RunOptions

    func execute(console: Console) throws -> Int32 {
        let runner = try options.runner(Suite.registry, console)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) // fail before the run
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "the folder \(folder.path) is not writable"])
        }
        let progress = Progress(console: console)
        let run = runner.run(Suite.registry.claims) { index, total, claim in
            progress.claimStarting(index: index, of: total, id: claim.id)
        }
        progress.finish()
        let report = MarkdownReport(run: run, registry: Suite.registry,
                                    coverage: Coverage.rows(Suite.catalogs, registry: Suite.registry),
                                    catalogDrift: try catalogDrift())
        try ReportFolderWriter.write(files: ["claims.md": report.render(), "claims.json": try JSON.encode(run) + "\n"],
                                     figures: Dictionary(report.figureFiles, uniquingKeysWith: { first, _ in first }),
                                     to: folder)
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
            let path = URL(fileURLWithPath: catalogs ?? Self.defaultCatalogs).appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            missing += CatalogIndexParser.ids(inMarkdown: text).filter { !known.contains($0) }
        }
        return missing
    }
}
