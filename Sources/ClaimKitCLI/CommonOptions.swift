import ArgumentParser
import ClaimKit
import Foundation
import Randomness

/// `--budget quick|standard|thorough`: a budget tier parses from its raw value.
extension Budget: ExpressibleByArgument {}

/// The seed and the thread count: what every command that draws random numbers takes.
public struct RandomnessOptions: ParsableArguments {
    /// An empty set of options (ArgumentParser fills them in).
    public init() {}

    /// `--seed`: the suite seed, or nil to use the tool's seed variable, else `Runner.defaultSeed`.
    @Option(help: "The suite seed (default: the tool's seed variable, CLAIMS_SEED unless it names another, else \(Runner.defaultSeed)).")
    public var seed: UInt64?

    /// `--threads`: the worker threads (1 ... 1024), or nil for one per core: claims run this many at a time, each
    /// spreading its Monte Carlo over as many.
    @Option(help: "Worker threads (default: all cores): claims run this many at a time, each spreading its Monte Carlo over as many. Results do not depend on it.")
    public var threads: Int?

    /// Throws ArgumentParser's `ValidationError` for a thread count outside 1 ... 1024.
    public func validate() throws { try Self.validate(threads: threads) }

    /// --threads must be 1 ... 1024 (a worker per thread is created).
    public static func validate(threads: Int?) throws {
        guard let threads else { return }
        guard (1...1024).contains(threads) else {
            throw ValidationError("--threads must be between 1 and 1024, got \(threads)")
        }
    }

    /// --seed, else the tool's seed variable (CLAIMS_SEED), else the default seed.
    public func resolvedSeed(_ tool: ClaimsTool, _ environment: [String: String]) throws -> UInt64 {
        if let seed { return seed }
        guard let text = environment[tool.seedVariable] else { return Runner.defaultSeed }
        guard let value = UInt64(text) else {
            throw ValidationError("\(tool.seedVariable) must be an unsigned 64-bit integer, got '\(text)'")
        }
        return value
    }

    /// An engine with --threads workers, else one per core.
    public func engine() throws -> MonteCarloEngine {
        try MonteCarloEngine(threads: threads ?? MonteCarloEngine.machineThreads)
    }
}

/// Options shared by the commands that run claims.
struct RunOptions: ParsableArguments {
    @OptionGroup var randomness: RandomnessOptions

    @Option(help: "Budget tier: quick, standard or thorough.")
    var budget: Budget = .standard

    func runner(_ tool: ClaimsTool, _ console: Console) throws -> Runner {
        try Runner(registry: tool.registry, seed: try randomness.resolvedSeed(tool, console.environment), budget: budget,
                   engine: try randomness.engine())
    }
}

/// JSON as the commands print it: sorted keys, indented.
enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
