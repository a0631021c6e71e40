import ClaimKit
import ClaimKitCLI
import FivePapers

/// The `claims` command of the five papers: the framework's command line over
/// `Suite.registry`, plus `bench`.
public enum ClaimsCLI {
    /// The tool: list, run, report, diff and calibrate over the five papers, and bench.
    public static let tool: ClaimsTool = {
        do {
            return try ClaimsTool(
                name: "claims", abstract: "Numerical verification of the claims of five ML-theory papers.",
                registry: Suite.registry, catalogs: Suite.catalogs, extraCommands: [BenchCommand.self],
                version: version)
        } catch {
            fatalError("the five papers' registry is malformed: \(error)") // a programming error, caught by RegistryTests
        }
    }()

    /// The version `claims --version` prints.
    public static let version = "1.0.0"

    /// Runs the command line on `arguments` (without the executable's name); returns the exit code.
    public static func main(_ arguments: [String], console: Console) -> Int32 {
        tool.main(arguments, console: console)
    }
}
