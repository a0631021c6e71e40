import Foundation

/// Writes a report into its folder so that a failure never leaves a partial
/// report in place of a good one: every file is first written to a staging
/// folder inside the output folder, then moved into place by rename(2)
/// (atomic for each file, and for the figures folder as a whole).
public enum ReportFolderWriter {
    /// Writes `files` (name → text) into `folder` and `figures` (name → SVG)
    /// into `folder/figures`, replacing the previous figures.
    public static func write(files: [String: String], figures: [String: String], to folder: URL) throws {
        let manager = FileManager.default
        let staging = folder.appendingPathComponent(".claims-report-staging-\(ProcessInfo.processInfo.processIdentifier)",
                                                    isDirectory: true)
        let stagedFigures = staging.appendingPathComponent("figures", isDirectory: true)
        try? manager.removeItem(at: staging)
        defer { try? manager.removeItem(at: staging) }
        try manager.createDirectory(at: stagedFigures, withIntermediateDirectories: true)
        for (name, text) in figures {
            try text.write(to: stagedFigures.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        for (name, text) in files {
            try text.write(to: staging.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let figuresFolder = folder.appendingPathComponent("figures", isDirectory: true)
        if manager.fileExists(atPath: figuresFolder.path) {
            try move(figuresFolder, to: staging.appendingPathComponent("previous-figures"))
        }
        try move(stagedFigures, to: figuresFolder)
        for name in files.keys.sorted() {
            try move(staging.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }

    /// rename(2): replaces a file at `destination` atomically.
    private static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSLocalizedDescriptionKey: "cannot move \(source.lastPathComponent) to \(destination.path): \(String(cString: strerror(errno)))",
            ])
        }
    }
}
