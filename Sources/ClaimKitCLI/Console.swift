import Foundation

/// The command line's surroundings: where it writes (standard output and
/// error), whether standard error is a terminal (progress is shown only then),
/// and the environment it reads (the seed variable).
public struct Console: Sendable {
    /// Writes text to standard output.
    public let write: @Sendable (String) -> Void
    /// Writes text to standard error.
    public let writeError: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress is shown only then).
    public let errorIsTerminal: Bool
    /// The environment variables the commands read.
    public let environment: [String: String]

    /// A console writing through `write` and `writeError` (tests capture both).
    public init(write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
                errorIsTerminal: Bool, environment: [String: String]) {
        self.write = write
        self.writeError = writeError
        self.errorIsTerminal = errorIsTerminal
        self.environment = environment
    }

    /// The process's standard output, standard error and environment.
    public static var standard: Console {
        Console(write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                writeError: { FileHandle.standardError.write(Data($0.utf8)) },
                errorIsTerminal: isatty(STDERR_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    }

    /// Writes `text` and a newline to standard output.
    public func line(_ text: String) { write(text + "\n") }
    /// Writes `text` and a newline to standard error.
    public func errorLine(_ text: String) { writeError(text + "\n") }
    /// Writes `value` as the commands print JSON (sorted keys, indented) to standard output.
    public func json<T: Encodable>(_ value: T) throws { line(try JSON.encode(value)) }
}

/// Shows "[i/n] ID" on standard error while claims run, once the run has
/// taken more than two seconds, and only when standard error is a terminal.
final class Progress {
    private let console: Console
    private let start = ContinuousClock.now
    private var shown = false

    init(console: Console) { self.console = console }

    func claimStarting(index: Int, of total: Int, id: String) {
        guard console.errorIsTerminal, ContinuousClock.now - start > .seconds(2) else { return }
        shown = true
        console.writeError("\r\u{1B}[K[\(index + 1)/\(total)] \(id)")
    }

    func finish() {
        if shown { console.writeError("\r\u{1B}[K") }
    }
}
