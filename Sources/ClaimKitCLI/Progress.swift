import Foundation

/// A status line on standard error while a long command works: what it is
/// doing, how long that has taken and, when it can be estimated, how long is
/// left. It is redrawn once a second (so a long claim shows its time
/// growing), appears only after `delay` (two seconds: quick commands show
/// nothing), and only when standard error is a terminal whose TERM is not
/// "dumb" (`Console.errorIsTerminal`); an interrupt clears it (StandardStreams).
package final class Progress: @unchecked Sendable {
    private let console: Console
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private let delay: Duration
    private var describe: (@Sendable () -> String)?
    private var shown = false
    private var finished = false
    private var ticking = false

    /// A status line on `console` that appears once `delay` has passed, redrawn every `interval`.
    package init(console: Console, delay: Duration = .seconds(2), interval: Duration = .seconds(1)) {
        self.console = console
        self.delay = delay
        self.interval = interval
    }

    private let interval: Duration

    /// The time since the progress began.
    var elapsed: Duration { ContinuousClock.now - start }

    /// Shows what `describe` says (asked again at each redraw) from now on.
    func show(_ describe: @escaping @Sendable () -> String) {
        guard console.errorIsTerminal else { return }
        lock.withLock {
            guard !finished else { return }
            self.describe = describe
            redraw()
            if !ticking {
                ticking = true
                Thread.detachNewThread { [weak self] in self?.tick() }
            }
        }
    }

    /// Writes `text` as a line on standard error, above the status line.
    package func line(_ text: String) { writing { console.errorLine(text) } }

    /// Runs `body` (which writes lines to standard output or error, and does
    /// not call the progress) with the status line erased, then redraws it.
    func writing(_ body: () -> Void) {
        lock.withLock {
            let wasShown = shown
            if shown { console.writeError("\r\u{1B}[K") }
            shown = false
            body()
            if wasShown { redraw() }
        }
    }

    /// The status of `run` and `report` while the claims of `running` run: "[d/n done] elapsed, about … left · ID: time
    /// in this claim · …".
    package func follow(_ running: RunningClaims) {
        show { "\(running.summary) · \(running.current)" }
    }

    /// Clears the status line; nothing is drawn after this.
    package func finish() {
        lock.withLock {
            finished = true
            if shown { console.writeError("\r\u{1B}[K") }
            shown = false
        }
    }

    /// Redraws once per interval until finished.
    private func tick() {
        while true {
            Thread.sleep(forTimeInterval: interval.seconds)
            let stop = lock.withLock {
                if !finished { redraw() }
                return finished
            }
            if stop { return }
        }
    }

    /// Draws the status (under the lock), cut to the terminal's width so that "\r" erases all of it.
    private func redraw() {
        guard let describe, !finished, ContinuousClock.now - start > delay else { return }
        let text = describe().escapingControlCharacters
        let width = max(20, Self.columns(console.environment) - 1)
        let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        console.writeError("\r\u{1B}[K" + cut)
        shown = true
    }

    /// The terminal's width: COLUMNS, else the window size of standard error, else 80.
    static func columns(_ environment: [String: String]) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if withUnsafeMutablePointer(to: &size, { ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// A duration as people read it: "0.4 s", "42 s", "3 min 05 s", "2 h 05 min", "3.2 days".
    static func format(_ duration: Duration) -> String { format(seconds: duration.seconds) }

    /// `format` of a number of seconds.
    package static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "an unknown time" }
        let s = max(0, seconds)
        if s < 10 { return String(format: "%.1f s", s) }
        if s < 60 { return String(format: "%.0f s", s) }
        let whole = Int(s.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        if whole < 48 * 3600 { return String(format: "%d h %02d min", whole / 3600, whole % 3600 / 60) }
        return String(format: "%.1f days", s / 86_400)
    }
}
