import ClaimKit
import Foundation

/// Writes a report into its folder without ever losing anything.
///
/// - It never deletes or overwrites what it did not write: the folder's
///   manifest (`.claims-report-manifest`) lists the files the last report
///   wrote, and a file the new report would replace that the manifest does
///   not list stops it (`ReportFolderError.foreignFile`, bad usage) before
///   anything is touched. A folder without a manifest whose claims.json is a
///   saved run counts as written by an earlier version (its claims.md,
///   claims.json and the run's figures). Other files, in the folder or in
///   figures/, are left alone.
/// - The previous report stays whole on any failure: every file is first
///   written to a staging folder inside the output folder; then each file it
///   replaces is moved aside and the new one moved in by rename(2), and if
///   any step fails every step done is undone in reverse.
/// - A staging folder left by a killed process is removed by the next report.
public enum ReportFolderWriter {
    /// The file in the report folder that lists what the last report wrote, one relative path a line.
    public static let manifestName = ".claims-report-manifest"
    package static let stagingPrefix = ".claims-report-staging-"

    /// Everything that can fail before the claims run: creates `folder`,
    /// removes stale staging folders, creates this process's staging folder
    /// and writes a file in it (so a read-only or pseudo file system fails
    /// here, whoever the user is), and checks that the files every report
    /// writes (`fixedFiles`) are not someone else's.
    public static func prepare(_ folder: URL, fixedFiles: [String]) throws {
        try createFolder(folder)
        removeStaleStaging(in: folder)
        let staging = stagingFolder(in: folder)
        try createFolder(staging)
        defer { try? FileManager.default.removeItem(at: staging) }
        try writeFile(staging.appendingPathComponent("probe"), "")
        try refuseForeign(fixedFiles, in: folder, ours: try previousReport(in: folder))
    }

    /// Writes `files` (name → text) into `folder` and `figures` (name → SVG)
    /// into `folder/figures`, removes the figures the previous report wrote
    /// that this one does not, and records the new manifest.
    public static func write(files: [String: String], figures: [String: String], to folder: URL) throws {
        try write(files: files, figures: figures, to: folder, failingAfterRenames: nil)
    }

    /// `write`, failing after `failingAfterRenames` renames when it is set (tests of the roll-back only).
    package static func write(files: [String: String], figures: [String: String], to folder: URL,
                              failingAfterRenames: Int?) throws {
        try createFolder(folder)
        removeStaleStaging(in: folder)
        let staging = stagingFolder(in: folder)
        try? FileManager.default.removeItem(at: staging)
        defer { try? FileManager.default.removeItem(at: staging) }
        var new: [String: String] = files
        for (name, svg) in figures { new["figures/" + name] = svg }
        let ours = try previousReport(in: folder)
        try refuseForeign(Array(new.keys), in: folder, ours: ours)
        let paths = new.keys.sorted()
        new[manifestName] = paths.joined(separator: "\n") + "\n"
        try createFolder(staging.appendingPathComponent("new/figures"))
        for (path, text) in new { try writeFile(staging.appendingPathComponent("new/" + path), text) }
        let obsolete = ours.filter { new[$0] == nil && FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        var transaction = Transaction(folder: folder, staging: staging, failingAfterRenames: failingAfterRenames)
        do {
            try transaction.ensureFolder("figures")
            for path in obsolete.sorted() { try transaction.moveAside(path) }
            for path in paths + [manifestName] { try transaction.replace(path) }
        } catch {
            transaction.rollBack()
            throw error
        }
    }

    /// The paths (relative to `folder`) the previous report wrote.
    static func previousReport(in folder: URL) throws -> Set<String> {
        let manifest = folder.appendingPathComponent(manifestName)
        if let text = try? String(contentsOf: manifest, encoding: .utf8) {
            return Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.contains("..") })
        }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("claims.json")),
              let run = try? JSONDecoder().decode(RunReport.self, from: data) else { return [] }
        let figures = run.claims.flatMap { result in result.figures.map { "figures/" + MarkdownReport.figureFile(result.id, $0) } }
        return Set(["claims.md", "claims.json"] + figures)
    }

    private static func refuseForeign(_ paths: [String], in folder: URL, ours: Set<String>) throws {
        let foreign = paths.sorted().filter { path in
            !ours.contains(path) && FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
        }
        if let first = foreign.first { throw ReportFolderError.foreignFile(folder: folder.path, path: first, others: foreign.count - 1) }
    }

    static func stagingFolder(in folder: URL) -> URL {
        folder.appendingPathComponent(stagingPrefix + "\(getpid())", isDirectory: true)
    }

    /// Removes staging folders whose process no longer runs.
    private static func removeStaleStaging(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            guard let pid = Int32(name.dropFirst(stagingPrefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// mkdir -p through mkdir(2), so a failure carries its errno.
    static func createFolder(_ folder: URL) throws {
        var path = ""
        for component in folder.standardizedFileURL.path.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + component
            guard mkdir(path, 0o755) != 0 else { continue }
            let code = errno
            var isDirectory: ObjCBool = false
            guard code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ReportFolderError.io("cannot create the folder \(folder.path)", code: code == EEXIST ? ENOTDIR : code)
            }
        }
    }

    /// Writes `text` to `url` through open(2) and write(2), so a failure carries its errno.
    static func writeFile(_ url: URL, _ text: String) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ReportFolderError.io("cannot write \(url.path)", code: errno) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportFolderError.io("cannot write \(url.path)", code: errno)
            }
            offset += written
        }
    }

    /// The renames of one report, undone in reverse when one fails.
    private struct Transaction {
        let folder: URL
        let staging: URL
        private var undo: [() -> Void] = []
        private var renamesLeft: Int?

        init(folder: URL, staging: URL, failingAfterRenames: Int?) {
            self.folder = folder
            self.staging = staging
            renamesLeft = failingAfterRenames
        }

        mutating func ensureFolder(_ path: String) throws {
            let url = folder.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: url.path) else { return }
            try ReportFolderWriter.createFolder(url)
            undo.append { try? FileManager.default.removeItem(at: url) }
        }

        /// Moves the previous file at `path` aside (into the staging folder).
        mutating func moveAside(_ path: String) throws {
            let target = folder.appendingPathComponent(path)
            let aside = staging.appendingPathComponent("previous/" + path)
            try ReportFolderWriter.createFolder(aside.deletingLastPathComponent())
            try rename(target, aside)
            undo.append { _ = try? Self.rename(aside, target) }
        }

        /// Puts the staged file at `path` in place, moving any previous one aside first.
        mutating func replace(_ path: String) throws {
            let target = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: target.path) { try moveAside(path) }
            let staged = staging.appendingPathComponent("new/" + path)
            try rename(staged, target)
            undo.append { _ = try? Self.rename(target, staged) }
        }

        private mutating func rename(_ source: URL, _ destination: URL) throws {
            if let left = renamesLeft {
                guard left > 0 else { throw ReportFolderError.io("injected failure before moving \(source.lastPathComponent)", code: nil) }
                renamesLeft = left - 1
            }
            try Self.rename(source, destination)
        }

        func rollBack() {
            for step in undo.reversed() { step() }
        }

        static func rename(_ source: URL, _ destination: URL) throws {
            guard Foundation.rename(source.path, destination.path) == 0 else {
                throw ReportFolderError.io("cannot move \(source.lastPathComponent) to \(destination.path)", code: errno)
            }
        }
    }
}

/// Why a report could not be written; its description is one readable line.
public enum ReportFolderError: Error, CustomStringConvertible, Equatable {
    /// A file the report would replace that no report wrote (bad usage: exit 2).
    case foreignFile(folder: String, path: String, others: Int)
    /// A file-system operation failed, with its errno.
    case io(String, code: Int32?)

    /// One line: the file that blocks the report and what to do, or the failed operation with the system's
    /// reason (`strerror` of its errno).
    public var description: String {
        switch self {
        case let .foreignFile(folder, path, others):
            let more = others > 0 ? " (and \(others) more)" : ""
            return "\(folder)/\(path)\(more) was not written by a report; move it away or choose another --out"
        case let .io(what, code?):
            return "\(what): \(String(cString: strerror(code)))"
        case let .io(what, nil):
            return what
        }
    }
}
