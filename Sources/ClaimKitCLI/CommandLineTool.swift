import ArgumentParser
import ClaimKit
import Foundation

/// A command line for one registry of claims: `list`, `run`, `report`,
/// `diff` and `calibrate`, plus any commands of the tool's own.
///
/// A package that verifies its own paper needs an executable of a few lines:
///
/// ```swift
/// import ClaimKit
/// import ClaimKitCLI
/// import Foundation
/// import KernelClaims
///
/// let tool = try ClaimsTool(name: "kernel-claims", abstract: "Checks the claims of Cho & Saul (2009).",
///                           registry: Registry(papers: [KernelClaims.paper], claims: KernelClaims.all),
///                           catalogs: [KernelClaims.catalog])
/// exit(tool.main())
/// ```
///
/// Exit codes: 0 when every verdict matches its expectation, 1 when one does
/// not, 2 on bad usage (unknown claim or paper, malformed option, no
/// subcommand, an unreadable or inconsistent run file, a long calibration
/// without `--allow-long`), 3 when the command fails at run time (a report
/// folder that cannot be written, ...). Every failure is one line on standard
/// error starting with the tool's name, control characters escaped.
public struct ClaimsTool: Sendable {
    /// The executable's name, as help and errors show it (`claims`).
    public let name: String
    /// How a user invokes it, used in re-run hints and the report header
    /// (`swift run -c release claims`).
    public let invocation: String
    /// One sentence for `--help`.
    public let abstract: String
    /// The claims the tool knows.
    public let registry: Registry
    /// Each paper's catalog: the report's coverage table.
    public let catalogs: [PaperCatalog]
    /// The environment variable that sets the default seed (`CLAIMS_SEED`).
    public let seedVariable: String
    /// Commands of the tool's own beside the five of the framework.
    public let extraCommands: [any ToolCommand.Type]
    /// What `--version` prints after the name.
    public let version: String
    /// When `calibrate` asks for `--allow-long` before it runs.
    public var longJobLimits = LongJobLimits()

    /// A tool over `registry`. `invocation` defaults to `swift run -c release NAME`.
    /// Throws `ParameterError` for an empty name, or a registry with problems (duplicate IDs, unknown papers).
    public init(name: String, invocation: String? = nil, abstract: String, registry: Registry,
                catalogs: [PaperCatalog] = [], seedVariable: String = "CLAIMS_SEED",
                extraCommands: [any ToolCommand.Type] = [], version: String = "unversioned") throws {
        try Require.that(!name.isEmpty && !name.contains(" "), "name", value: name,
                         requirement: "a non-empty command name without spaces", in: "ClaimsTool")
        try Require.that(registry.problems.isEmpty, "registry", value: registry.problems.joined(separator: "; "),
                         requirement: "free of duplicate IDs and claims of unregistered papers", in: "ClaimsTool")
        self.name = name
        self.invocation = invocation ?? "swift run -c release \(name)"
        self.abstract = abstract
        self.registry = registry
        self.catalogs = catalogs
        self.seedVariable = seedVariable
        self.extraCommands = extraCommands
        self.version = version
    }

    /// Runs the command line on the process's arguments and returns the exit code.
    public func main() -> Int32 {
        main(Array(CommandLine.arguments.dropFirst()), console: .standard)
    }

    /// Runs the command line on `arguments` (without the executable's name) with `console`.
    public func main(_ arguments: [String], console: Console) -> Int32 {
        // The tool whose commands ArgumentParser parses: bound for this call only, so tools run side by side (tests) stay apart.
        ToolCommandRoot.$current.withValue(self) { run(arguments, console: console) }
    }

    private func run(_ arguments: [String], console: Console) -> Int32 {
        if arguments == ["--version"] {
            console.line("\(name) \(version)")
            return 0
        }
        if let command = helpTarget(arguments) {
            console.line(ToolCommandRoot.helpMessage(for: command))
            return 0
        }
        let command: ParsableCommand
        do {
            command = try ToolCommandRoot.parseAsRoot(Self.attachingNegativeNumbers(arguments))
        } catch {
            if ToolCommandRoot.exitCode(for: error) == .success {
                console.line(ToolCommandRoot.fullMessage(for: error))
                return 0
            }
            return usageError(ToolCommandRoot.message(for: error), arguments, console)
        }
        guard let executable = command as? ToolCommand else {
            console.errorLine(ToolCommandRoot.helpMessage())
            return 2
        }
        do {
            return try executable.execute(in: self, console: console)
        } catch let error as SelectionError {
            return usageError("\(error)", arguments, console)
        } catch let error as ValidationError {
            return usageError("\(error)", arguments, console)
        } catch let error as ReportFolderError {
            if case .foreignFile = error { return usageError("\(error)", arguments, console) }
            return failure(error, arguments, console)
        } catch {
            return failure(error, arguments, console)
        }
    }

    /// One line on stderr, exit code 2.
    private func usageError(_ message: String, _ arguments: [String], _ console: Console) -> Int32 {
        console.errorLine("\(name): " + Self.oneLine(message, arguments: arguments))
        return 2
    }

    /// One readable line on stderr for a run-time failure, exit code 3.
    private func failure(_ error: Error, _ arguments: [String], _ console: Console) -> Int32 {
        console.errorLine("\(name): error: " + Self.oneLine(ErrorText.describe(error), arguments: arguments))
        return 3
    }

    /// The first line of `message` (ArgumentParser adds usage below it), with the
    /// user's arguments it quotes and any other control characters escaped, so
    /// that an argument holding a newline or an escape sequence is shown, not obeyed.
    static func oneLine(_ message: String, arguments: [String]) -> String {
        var text = message
        for argument in Set(arguments) where argument != argument.escapingControlCharacters && text.contains(argument) {
            text = text.replacingOccurrences(of: argument, with: argument.escapingControlCharacters)
        }
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text
        return first.escapingControlCharacters
    }

    /// `--threads -1` as `--threads=-1`: ArgumentParser would read "-1" as an
    /// option and report a missing value; attached, it reaches the option's
    /// own range check ("--threads must be between 1 and 1024, got -1").
    package static func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="), index + 1 < arguments.count,
               looksNegative(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
            } else {
                result.append(argument)
                index += 1
            }
        }
        return result
    }

    /// "-1", "-0.5", "-.5", "-inf", "-nan": a negative number, not an option.
    private static func looksNegative(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        let rest = text.dropFirst()
        if let first = rest.first, first.isASCII, first.isNumber || (first == "." && rest.count > 1) { return true }
        return ["inf", "infinity", "nan"].contains(rest.lowercased())
    }

    /// The command whose help `arguments` ask for (`help run`, `run --help`, `-h`), or nil.
    func helpTarget(_ arguments: [String]) -> ParsableCommand.Type? {
        guard arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" else { return nil }
        let name = arguments.first { $0 != "help" && !$0.hasPrefix("-") }
        return ToolCommandRoot.configuration.subcommands.first { $0.configuration.commandName == name } ?? ToolCommandRoot.self
    }

    /// The command that re-runs just the claim `id` with `runner`'s settings.
    public func rerunCommand(for id: String, runner: Runner) -> String {
        "\(invocation) run --claim \(id) --seed \(runner.seed) --budget \(runner.budget.rawValue)"
    }
}

/// When `claims calibrate` refuses to start without `--allow-long`: before
/// anything runs, when seeds × claims exceeds `claimRuns`; after the first
/// seed, when the measured time per seed times the seeds exceeds `seconds`.
public struct LongJobLimits: Sendable, Equatable {
    /// The most claim runs (seeds × claims) started without `--allow-long`: 20 000.
    public var claimRuns: Int
    /// The longest estimated calibration run without `--allow-long`, in seconds: 2 hours.
    public var seconds: Double

    /// Limits of `claimRuns` claim runs and `seconds` of estimated time.
    public init(claimRuns: Int = 20_000, seconds: Double = 2 * 3600) {
        self.claimRuns = claimRuns
        self.seconds = seconds
    }
}

/// A subcommand of a `ClaimsTool`: parsed by ArgumentParser, run with the tool and a console.
public protocol ToolCommand: ParsableCommand {
    /// Runs the command and returns its exit code; a thrown `ValidationError`
    /// or `SelectionError` is bad usage (exit 2), any other error exit 3.
    func execute(in tool: ClaimsTool, console: Console) throws -> Int32
}

/// The root command; its name, abstract and subcommands are the current tool's.
struct ToolCommandRoot: ParsableCommand {
    /// The tool being run (ArgumentParser reads `configuration` statically), bound by `ClaimsTool.main`.
    @TaskLocal static var current: ClaimsTool?

    static var configuration: CommandConfiguration {
        let tool = current
        return CommandConfiguration(
            commandName: tool?.name ?? "claims",
            abstract: tool?.abstract ?? "",
            version: tool.map { "\($0.name) \($0.version)" } ?? "",
            subcommands: [ListCommand.self, RunCommand.self, ReportCommand.self, DiffCommand.self, CalibrateCommand.self]
                + (tool?.extraCommands ?? []))
    }
}
