import Foundation

/// The command line's surroundings: where it writes (standard output and
/// error), whether standard error is a terminal (progress is shown only then),
/// and the environment it reads (CLAIMS_SEED).
public struct Console: Sendable {
    public let write: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void
    public let errorIsTerminal: Bool
    public let environment: [String: String]

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

    func line(_ text: String) { write(text + "\n") }
    func errorLine(_ text: String) { writeError(text + "\n") }
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
