import ArgumentParser
import ClaimKit
import Foundation

/// Reads a saved run (the JSON of `claims run --json`). A file that is
/// missing, unreadable, empty, truncated, not a run, or a run that is
/// inconsistent (`RunReport.problems`) is bad usage: one line naming the file
/// and the problem, with the field. `-` is standard input; pipes,
/// /dev/stdin and process substitutions are read like files (read(2), no
/// size or permission guessed beforehand).
package enum RunReportFile {
    /// The largest run file read: 256 MiB (a full run at the quick budget is about 2 MB).
    static let maximumBytes = 256 << 20

    /// The run saved at `path` (`-`: standard input), decoded and validated.
    package static func read(_ path: String) throws -> RunReport {
        let data = try contents(path)
        let name = displayName(path)
        guard !data.isEmpty else { throw ValidationError("cannot read run file \(name): it is empty") }
        let report: RunReport
        do {
            report = try JSONDecoder().decode(RunReport.self, from: data)
        } catch let error as DecodingError {
            throw ValidationError("\(name) is not the JSON of `claims run --json`: \(describe(error, in: data))")
        } catch {
            throw ValidationError("\(name) is not the JSON of `claims run --json`: \(ErrorText.describe(error))")
        }
        let problems = report.problems
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""))" : ""
            throw ValidationError("\(name) is not a consistent run: \(first)\(more)")
        }
        return report
    }

    /// How messages name `path`: 'PATH' in quotes, or "standard input" for `-`.
    static func displayName(_ path: String) -> String {
        path == "-" ? "standard input (-)" : "'\(path.escapingControlCharacters)'"
    }

    /// The paths of `--runs`: each file as given (`-` for standard input, at
    /// most once), each folder as the `.json` files directly in it, in
    /// numeric order of their names (run-9.json before run-10.json).
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            guard !path.isEmpty else { throw ValidationError("a run file path is empty") }
            var isDirectory: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw ValidationError("cannot list the runs folder \(displayName(path)): \(ErrorText.describe(error))")
            }
            let runs = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
                .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            guard !runs.isEmpty else { throw ValidationError("the runs folder \(displayName(path)) has no .json files") }
            files += runs.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        }
        if files.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input (-) can be read only once") }
        return files
    }

    /// All bytes of `path` through open(2) and read(2) (`-`: standard input).
    static func contents(_ path: String) throws -> Data {
        guard !path.isEmpty else { throw ValidationError("a run file path is empty") }
        let name = displayName(path)
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                throw ValidationError("cannot read run file \(name): " + (code == ENOENT ? "no such file" : ErrorText.reason(errno: code)))
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            throw ValidationError("cannot read run file \(name): it is a directory")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ValidationError("cannot read run file \(name): \(ErrorText.reason(errno: errno))")
            }
            data.append(contentsOf: buffer[0..<count])
            if data.count > maximumBytes {
                throw ValidationError("cannot read run file \(name): it is larger than \(maximumBytes >> 20) MiB, not a saved run")
            }
        }
        return data
    }

    /// A decoding error in one line: what was wrong and where (the field's path).
    static func describe(_ error: DecodingError, in data: Data? = nil) -> String {
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
                .replacingOccurrences(of: "\n", with: " ")
            if context.codingPath.isEmpty, let data, let problem = numberProblem(in: data) {
                return problem
            }
            return "malformed JSON\(place(context)) (\(what))"
        case let .keyNotFound(key, context):
            return "missing field '\(key.stringValue)'\(place(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.debugDescription.prefix(120))\(place(context))"
        @unknown default:
            return "\(error)"
        }
    }

    /// Valid JSON that still fails to decode at the top level (Foundation then
    /// says only "not valid JSON") holds a number its field cannot: one no
    /// Double holds (1e999), or a seed or sample count that is not a whole
    /// number in range (-1, 1.5, 1e30). The first such number with its field's
    /// path (".claims[0].assertions[2].samples"), or nil.
    static func numberProblem(in data: Data) -> String? {
        enum Level { case object(String?), array(Int) }
        let bytes = [UInt8](data)
        var stack: [Level] = []
        var pendingKey: String?
        var i = 0
        func path() -> String {
            stack.map { level in
                switch level {
                case let .object(key): key.map { ".\($0.escapingControlCharacters)" } ?? ""
                case let .array(index): "[\(index)]"
                }
            }.joined()
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count && bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                pendingKey = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
                i = j + 1
                continue
            case UInt8(ascii: ":"):
                if case .object = stack.last { stack[stack.count - 1] = .object(pendingKey) }
            case UInt8(ascii: "{"): stack.append(.object(nil))
            case UInt8(ascii: "["): stack.append(.array(0))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","):
                switch stack.last {
                case let .array(index): stack[stack.count - 1] = .array(index + 1)
                case .object: stack[stack.count - 1] = .object(nil)
                case nil: break
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var j = i
                while j < bytes.count, "+-.eE0123456789".utf8.contains(bytes[j]) { j += 1 }
                let token = String(decoding: bytes[i..<j], as: UTF8.self)
                let value = Double(token)
                var key: String?
                if case let .object(k) = stack.last { key = k }
                let field = path()
                if value == nil || !(value!.isFinite) {
                    return "the number \(token) at \(field) is out of range (beyond ±1.8e308)"
                }
                if key == "seed", UInt64(token) == nil, !(value! >= 0 && value! < 0x1p64 && value!.rounded() == value!) {
                    return "\(field) is \(token), not an unsigned 64-bit integer"
                }
                if key == "samples", Int(token) == nil, !(abs(value!) < 0x1p63 && value!.rounded() == value!) {
                    return "\(field) is \(token), not a whole number of samples"
                }
                i = j
                continue
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
