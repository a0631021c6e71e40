import Foundation

/// Standard output and error through write(2), so that a failed write is an
/// error the command line handles instead of a trap in FileHandle.
enum StandardStreams {
    /// Ignores SIGPIPE (a reader that has gone becomes EPIPE, handled below)
    /// and, on a terminal, clears the progress line when interrupted.
    static func prepare(clearLineOnInterrupt: Bool) {
        signal(SIGPIPE, SIG_IGN)
        if clearLineOnInterrupt { signal(SIGINT, clearLineAndExit) }
    }

    /// Writes all of `text` to standard output; on failure exits 3 (silently for EPIPE).
    static func writeOutput(_ text: String) {
        guard let failure = write(text, to: STDOUT_FILENO) else { return }
        if failure != EPIPE {
            writeError("\(programName): error: cannot write to standard output: \(String(cString: strerror(failure)))\n")
        }
        exit(3)
    }

    /// Writes all of `text` to standard error; a failure is ignored (there is nowhere left to report it).
    static func writeError(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// write(2) until all bytes are out; the errno of a failure, or nil.
    private static func write(_ text: String, to descriptor: Int32) -> Int32? {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    private static var programName: String {
        CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "claims"
    }
}

/// SIGINT on a terminal: erase the progress line, then end as an interrupted process would (130).
private func clearLineAndExit(_ signal: Int32) {
    let erase: StaticString = "\r\u{1B}[K"
    _ = write(STDERR_FILENO, erase.utf8Start, erase.utf8CodeUnitCount)
    _exit(128 + signal)
}
