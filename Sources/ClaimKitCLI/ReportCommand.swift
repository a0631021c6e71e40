import ArgumentParser
import ClaimKit
import Foundation


struct ReportCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run every claim and write claims.md, claims.json and figures/ (exit 1 if a verdict mismatches).")

    @Option(help: "Output folder.")
    var out = "Reports"

    @Option(help: "A folder of catalog markdown files (the files the tool's catalogs name), read to flag catalog IDs the tool's catalogs lack.")
    var catalogs: String?

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

    func execute(in tool: ClaimsTool, console: Console) throws -> Int32 {
        let runner = try options.runner(tool, console)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try ReportFolderWriter.prepare(folder, fixedFiles: ["claims.md", "claims.json"]) // fail before the run
        let progress = Progress(console: console)
        let running = RunningClaims(total: tool.registry.claims.count)
        progress.follow(running)
        let run = runner.run(tool.registry.claims, claimsAtOnce: runner.engine.threads, events: running.record)
        progress.finish()
        let report = MarkdownReport(run: run, registry: tool.registry, invocation: tool.invocation,
                                    coverage: Coverage.rows(tool.catalogs, registry: tool.registry),
                                    catalogDrift: try catalogDrift(tool))
        try ReportFolderWriter.write(files: ["claims.md": report.render(), "claims.json": try JSON.encode(run) + "\n"],
                                     figures: Dictionary(report.figureFiles, uniquingKeysWith: { first, _ in first }),
                                     to: folder)
        let matched = run.claims.count { $0.matchesExpectation }
        console.line("wrote \(folder.path)/claims.md, claims.json and \(report.figureFiles.count) figures; "
            + "\(matched) of \(run.claims.count) claims match their expectation")
        return run.allMatch ? 0 : 1
    }

    /// IDs in the markdown catalogs under --catalogs that the tool's catalogs lack
    /// (none without --catalogs; a file missing there is skipped).
    private func catalogDrift(_ tool: ClaimsTool) throws -> [String] {
        guard let catalogs else { return [] }
        let known = Set(tool.catalogs.flatMap { $0.entries.map(\.id) })
        var missing: [String] = []
        for file in Set(tool.catalogs.map(\.file)).sorted() {
            let path = URL(fileURLWithPath: catalogs).appendingPathComponent(file).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            missing += CatalogIndexParser.ids(inMarkdown: text).filter { !known.contains($0) }
        }
        return missing
    }
}
