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
    ///
    /// Writing never traps: when standard output fails (closed, a full disk,
    /// an I/O error) the process says so in one line on standard error and
    /// exits with 3; when it was a pipe whose reader has gone (EPIPE), it exits
    /// with 3 without a word. A failing standard error is ignored, so the exit
    /// code still tells what happened. Progress is shown only on a terminal
    /// whose TERM is not "dumb", and an interrupt (Ctrl-C) clears the
    /// progress line before the process ends.
    public static var standard: Console {
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb"
        StandardStreams.prepare(clearLineOnInterrupt: interactive)
        return Console(write: { StandardStreams.writeOutput($0) }, writeError: { StandardStreams.writeError($0) },
                       errorIsTerminal: interactive, environment: environment)
    }

    /// Writes `text` and a newline to standard output.
    public func line(_ text: String) { write(text + "\n") }
    /// Writes `text` and a newline to standard error.
    public func errorLine(_ text: String) { writeError(text + "\n") }
    /// Writes `value` as the commands print JSON (sorted keys, indented) to standard output.
    public func json<T: Encodable>(_ value: T) throws { line(try JSON.encode(value)) }
}
