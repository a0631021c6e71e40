import ArgumentParser
import ClaimKit
import Properties

/// The `claims` command line: list, run, report and calibrate.
/// Exit codes: 0 when every verdict matches its expectation, 1 when one does
/// not, 2 on bad usage (unknown claim or paper, malformed option).
public enum ClaimsCLI {
    public static func main(_ arguments: [String], console: Console) -> Int32 {
        if let command = helpTarget(arguments) {
            console.line(ClaimsCommand.helpMessage(for: command))
            return 0
        }
        do {
            let command = try ClaimsCommand.parseAsRoot(arguments)
            guard let executable = command as? ExecutableCommand else {
                console.line(ClaimsCommand.helpMessage())
                return 0
            }
            return try executable.execute(console: console)
        } catch let error as SelectionError {
            console.errorLine("claims: \(error)")
            return 2
        } catch {
            if ClaimsCommand.exitCode(for: error) == .success {
                console.line(ClaimsCommand.fullMessage(for: error))
                return 0
            }
            let message = ClaimsCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            console.errorLine("claims: \(message)")
            return 2
        }
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
        subcommands: [ListCommand.self, RunCommand.self, ReportCommand.self, CalibrateCommand.self, BenchCommand.self])
}
