import ArgumentParser
import ClaimKit
import Properties

/// The `claims` command line: list, run, report, diff, calibrate and bench.
/// Exit codes: 0 when every verdict matches its expectation, 1 when one does
/// not, 2 on bad usage (unknown claim or paper, malformed option, no
/// subcommand), 3 when the command fails at run time (a report folder that
/// cannot be written, ...).
public enum ClaimsCLI {
    public static func main(_ arguments: [String], console: Console) -> Int32 {
        if let command = helpTarget(arguments) {
            console.line(ClaimsCommand.helpMessage(for: command))
            return 0
        }
        let command: ParsableCommand
        do {
            command = try ClaimsCommand.parseAsRoot(arguments)
        } catch {
            if ClaimsCommand.exitCode(for: error) == .success {
                console.line(ClaimsCommand.fullMessage(for: error))
                return 0
            }
            return usageError(ClaimsCommand.message(for: error), console)
        }
        guard let executable = command as? ExecutableCommand else {
            console.errorLine(ClaimsCommand.helpMessage())
            return 2
        }
        do {
            return try executable.execute(console: console)
        } catch let error as SelectionError {
            return usageError("\(error)", console)
        } catch let error as ValidationError {
            return usageError("\(error)", console)
        } catch {
            console.errorLine("claims: error: \(error)")
            return 3
        }
    }

    /// One line on stderr, exit code 2.
    private static func usageError(_ message: String, _ console: Console) -> Int32 {
        console.errorLine("claims: " + (message.split(separator: "\n").first.map(String.init) ?? message))
        return 2
    }
}

extension ClaimsCLI {
    /// The command whose help `arguments` ask for (`claims help run`,
    /// `claims run --help`, `claims -h`), or nil.
    static func helpTarget(_ arguments: [String]) -> ParsableCommand.Type? {
        guard arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" else { return nil }
        let name = arguments.first { $0 != "help" && !$0.hasPrefix("-") }
        return ClaimsCommand.configuration.subcommands.first { $0.configuration.commandName == name } ?? ClaimsCommand.self
    }
}

/// A subcommand that runs with an injectable console and returns its exit code.
protocol ExecutableCommand {
    func execute(console: Console) throws -> Int32
}

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Numerical verification of the claims of five ML-theory papers.",
        subcommands: [ListCommand.self, RunCommand.self, ReportCommand.self, DiffCommand.self, CalibrateCommand.self, BenchCommand.self])
}
