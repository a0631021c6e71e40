import ArgumentParser
import ClaimKit
import Foundation

/// Reads a saved run (the JSON of `claims run --json`). A file that is
/// missing, unreadable, empty, truncated or not a run is bad usage: one line
/// naming the file and the problem.
enum RunReportFile {
    static func read(_ path: String) throws -> RunReport {
        guard !path.isEmpty else { throw ValidationError("a run file path is empty") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("cannot read run file '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw ValidationError("cannot read run file '\(path)': it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read run file '\(path)': \(error.localizedDescription)")
        }
        guard !data.isEmpty else { throw ValidationError("cannot read run file '\(path)': it is empty") }
        do {
            return try JSONDecoder().decode(RunReport.self, from: data)
        } catch let error as DecodingError {
            throw ValidationError("'\(path)' is not the JSON of `claims run --json`: \(describe(error))")
        } catch {
            throw ValidationError("'\(path)' is not the JSON of `claims run --json`: \(error.localizedDescription)")
        }
    }

    /// A decoding error in one line: what was wrong and where.
    static func describe(_ error: DecodingError) -> String {
        func place(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?).map { error in
                (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
            }
            let what = [context.debugDescription, underlying].compactMap { $0 }.joined(separator: ": ")
            return "malformed JSON\(place(context)) (\(what.replacingOccurrences(of: "\n", with: " ")))"
        case let .keyNotFound(key, context):
            return "missing field '\(key.stringValue)'\(place(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.debugDescription.prefix(120))\(place(context))"
        @unknown default:
            return "\(error)"
        }
    }
}
