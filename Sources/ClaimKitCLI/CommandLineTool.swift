import ArgumentParser
import ClaimKit
import Synchronization

/// A command line for one registry of claims: `list`, `run`, `report`,
/// `diff` and `calibrate`, plus any commands of the tool's own.
///
/// A package that verifies its own paper needs an executable of a few lines:
///
/// ```swift
/// import ClaimKitCLI
///
/// let tool = ClaimsTool(name: "kernel-claims", abstract: "Checks the claims of Cho & Saul (2009).",
///                       registry: Registry(papers: [KernelClaims.paper], claims: KernelClaims.all),
///                       catalogs: [KernelClaims.catalog])
/// exit(tool.main())
/// ```
///
/// Exit codes: 0 when every verdict matches its expectation, 1 when one does
/// not, 2 on bad usage (unknown claim or paper, malformed option, no
/// subcommand, an unreadable run file), 3 when the command fails at run time
/// (a report folder that cannot be written, ...).
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

    /// A tool over `registry`. `invocation` defaults to `swift run -c release NAME`.
    /// Throws `ParameterError` for an empty name, or a registry with problems (duplicate IDs, unknown papers).
    public init(name: String, invocation: String? = nil, abstract: String, registry: Registry,
                catalogs: [PaperCatalog] = [], seedVariable: String = "CLAIMS_SEED",
                extraCommands: [any ToolCommand.Type] = []) throws {
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
    }

    /// Runs the command line on the process's arguments and returns the exit code.
    public func main() -> Int32 {
        main(Array(CommandLine.arguments.dropFirst()), console: .standard)
    }

    /// Runs the command line on `arguments` (without the executable's name) with `console`.
    public func main(_ arguments: [String], console: Console) -> Int32 {
        ToolCommandRoot.current.withLock { $0 = self }
        if let command = helpTarget(arguments) {
            console.line(ToolCommandRoot.helpMessage(for: command))
            return 0
        }
        let command: ParsableCommand
        do {
            command = try ToolCommandRoot.parseAsRoot(arguments)
        } catch {
            if ToolCommandRoot.exitCode(for: error) == .success {
                console.line(ToolCommandRoot.fullMessage(for: error))
                return 0
            }
            return usageError(ToolCommandRoot.message(for: error), console)
        }
        guard let executable = command as? ToolCommand else {
            console.errorLine(ToolCommandRoot.helpMessage())
            return 2
        }
        do {
            return try executable.execute(in: self, console: console)
        } catch let error as SelectionError {
            return usageError("\(error)", console)
        } catch let error as ValidationError {
            return usageError("\(error)", console)
        } catch {
            console.errorLine("\(name): error: \(error)")
            return 3
        }
    }

    /// One line on stderr, exit code 2.
    private func usageError(_ message: String, _ console: Console) -> Int32 {
        console.errorLine("\(name): " + (message.split(separator: "\n").first.map(String.init) ?? message))
        return 2
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

/// A subcommand of a `ClaimsTool`: parsed by ArgumentParser, run with the tool and a console.
public protocol ToolCommand: ParsableCommand {
    /// Runs the command and returns its exit code; a thrown `ValidationError`
    /// or `SelectionError` is bad usage (exit 2), any other error exit 3.
    func execute(in tool: ClaimsTool, console: Console) throws -> Int32
}

/// The root command; its name, abstract and subcommands are the current tool's.
struct ToolCommandRoot: ParsableCommand {
    /// The tool being run (ArgumentParser reads `configuration` statically).
    static let current = Mutex<ClaimsTool?>(nil)

    static var configuration: CommandConfiguration {
        let tool = current.withLock { $0 }
        return CommandConfiguration(
            commandName: tool?.name ?? "claims",
            abstract: tool?.abstract ?? "",
            subcommands: [ListCommand.self, RunCommand.self, ReportCommand.self, DiffCommand.self, CalibrateCommand.self]
                + (tool?.extraCommands ?? []))
    }
}
