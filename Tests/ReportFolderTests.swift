import ClaimKit
import ClaimKitCLI
import Foundation
import Testing

/// The report folder: nothing the report did not write is deleted or
/// overwritten, the previous report survives any failure, and what can fail
/// fails before the claims run.
@Suite("Report folder")
struct ReportFolderTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("claims-report-\(UUID().uuidString)")
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    static func contents(_ url: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    @Test func aUsersFilesSurviveReports() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = folder.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try "notes".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "plot".write(to: figures.appendingPathComponent("my-plot.png"), atomically: true, encoding: .utf8)
        try ReportFolderWriter.write(files: ["claims.md": "first"], figures: ["a.svg": "<svg/>", "b.svg": "<svg/>"], to: folder)
        try ReportFolderWriter.write(files: ["claims.md": "second"], figures: ["a.svg": "<svg/>"], to: folder)
        #expect(try Self.read(folder.appendingPathComponent("claims.md")) == "second")
        #expect(try Self.contents(figures) == ["a.svg", "mine", "my-plot.png"])
        #expect(try Self.contents(folder) == [ReportFolderWriter.manifestName, "claims.md", "figures", "notes.txt"])
        #expect(try Self.read(folder.appendingPathComponent(ReportFolderWriter.manifestName)) == "claims.md\nfigures/a.svg\n")
    }

    @Test func aFileTheReportDidNotWriteIsNeverOverwritten() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try "my own claims.md".write(to: folder.appendingPathComponent("claims.md"), atomically: true, encoding: .utf8)
        #expect(throws: ReportFolderError.foreignFile(folder: folder.path, path: "claims.md", others: 0)) {
            try ReportFolderWriter.write(files: ["claims.md": "report"], figures: [:], to: folder)
        }
        #expect(throws: ReportFolderError.self) { try ReportFolderWriter.prepare(folder, fixedFiles: ["claims.md"]) }
        #expect(try Self.read(folder.appendingPathComponent("claims.md")) == "my own claims.md")
        // Through the command: bad usage, one line, before any claim runs.
        let result = FrameworkTests.run(["report", "--out", folder.path])
        #expect(result.code == 2 && result.out.isEmpty, "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1 && result.err.contains("was not written by a report"))
    }

    @Test func aFailurePartWayLeavesThePreviousReportWhole() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReportFolderWriter.write(files: ["claims.md": "old", "claims.json": "{}"], figures: ["a.svg": "old a"], to: folder)
        for renames in 0..<6 {
            #expect(throws: ReportFolderError.self) {
                try ReportFolderWriter.write(files: ["claims.md": "new", "claims.json": "{\"new\": 1}"],
                                             figures: ["a.svg": "new a", "b.svg": "new b"], to: folder, failingAfterRenames: renames)
            }
            #expect(try Self.read(folder.appendingPathComponent("claims.md")) == "old")
            #expect(try Self.read(folder.appendingPathComponent("claims.json")) == "{}")
            #expect(try Self.contents(folder.appendingPathComponent("figures")) == ["a.svg"])
            #expect(try Self.read(folder.appendingPathComponent("figures/a.svg")) == "old a")
            #expect(try Self.contents(folder) == [ReportFolderWriter.manifestName, "claims.json", "claims.md", "figures"])
        }
    }

    @Test func aReportOfAnEarlierVersionIsRecognizedByItsRun() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Runner(registry: FrameworkTests.tool.registry, seed: 1, budget: .quick,
                             engine: try MonteCarloEngine(threads: 1)).run([FrameworkTests.claims[2]])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(run).write(to: folder.appendingPathComponent("claims.json"))
        try "old report".write(to: folder.appendingPathComponent("claims.md"), atomically: true, encoding: .utf8)
        try ReportFolderWriter.write(files: ["claims.md": "new", "claims.json": "{}"], figures: [:], to: folder)
        #expect(try Self.read(folder.appendingPathComponent("claims.md")) == "new")
    }

    @Test func staleStagingFoldersAreRemoved() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var pid: Int32 = 4_000_000
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        let stale = folder.appendingPathComponent(ReportFolderWriter.stagingPrefix + "\(pid)")
        try FileManager.default.createDirectory(at: stale.appendingPathComponent("new"), withIntermediateDirectories: true)
        try ReportFolderWriter.write(files: ["claims.md": "report"], figures: [:], to: folder)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }

    @Test func anUnwritableFolderFailsBeforeTheRunWithItsReason() throws {
        for (path, reason) in [("/dev/null/reports", "Not a directory"), ("/proc/claims-report", "No such file or directory")] {
            let result = FrameworkTests.run(["report", "--out", path])
            #expect(result.code == 3 && result.out.isEmpty, "\(result.err)")
            #expect(result.err == "sixth-claims: error: cannot create the folder \(path): \(reason)\n", "\(result.err)")
        }
    }
}
