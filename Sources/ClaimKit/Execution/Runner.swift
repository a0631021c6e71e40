import Dispatch
import Foundation
import Randomness

/// Runs claims with one seed, budget and engine, and collects their results.
public struct Runner: Sendable {
    /// The claims this runner can run; its claim count sets each claim's share of the false-fail budget.
    public let registry: Registry
    /// The suite seed: with the budget it fixes every random stream, so a run is reproducible bit for bit.
    public let seed: UInt64
    /// The budget tier of every claim it runs.
    public let budget: Budget
    /// The parallel Monte Carlo engine; its thread count never changes a result.
    public let engine: MonteCarloEngine
    /// The suite's false-fail budget split over the registry's claims.
    public let errorBudget: ErrorBudget
    /// Moves chosen claimed references before verdicts are decided (power tests only; see `ReferencePerturbation`).
    package var perturbation: ReferencePerturbation?

    /// The seed used when neither `--seed` nor the seed variable gives one: 20261123.
    public static let defaultSeed: UInt64 = 20_261_123

    /// Throws `ParameterError` for an empty registry or a suite alpha outside (0, 1).
    public init(registry: Registry, seed: UInt64 = defaultSeed, budget: Budget, engine: MonteCarloEngine,
                suiteAlpha: Double = ErrorBudget.defaultSuiteAlpha) throws {
        self.registry = registry
        self.seed = seed
        self.budget = budget
        self.engine = engine
        errorBudget = try ErrorBudget(suiteAlpha: suiteAlpha, claimCount: registry.claims.count)
    }

    /// Checks one claim. An error thrown by the check becomes the result's
    /// `error` (verdict inconclusive); it never escapes. So does a check that
    /// records nothing, whose assertions together spend more than the
    /// claim's share of the false-fail budget, or that declares an expected
    /// verdict for a key it never records.
    public func run(_ claim: Claim) -> ClaimResult {
        let context = ClaimContext(claimID: claim.id, seed: seed, budget: budget,
                                   alpha: errorBudget.perClaim, engine: engine)
        context.perturbation = perturbation
        let clock = ContinuousClock()
        let start = clock.now
        var failure: String?
        do {
            try claim.check(context)
            let spent = context.assertions.reduce(0) { $0 + $1.alpha }
            if context.assertions.isEmpty {
                failure = "the check recorded no assertions"
            } else if spent > context.alpha * (1 + 1e-9) {
                failure = "the assertions spent alpha \(spent), more than the claim's share \(context.alpha)"
            } else {
                failure = context.unrecordedExpectationError
            }
        } catch {
            failure = String(describing: error)
        }
        return ClaimResult(claim: claim, assertions: context.assertions, figures: context.figures,
                           seconds: start.duration(to: clock.now).seconds, error: failure, alpha: context.alpha,
                           declaredExpectations: context.declaredExpectations)
    }

    /// Checks `claims`, up to `claimsAtOnce` of them at the same time (values below 1 mean 1), and returns
    /// their results in the order given. Each claim draws only from its own streams, so the results are the
    /// same, bit for bit, whatever `claimsAtOnce` and the engine's thread count; only the recorded
    /// `ClaimResult.seconds` (wall time, which now includes waiting for the cores) depend on them. Running claims
    /// side by side keeps the cores busy through a claim's serial parts (integrals, planning, small samples);
    /// each claim still spreads its Monte Carlo over the engine's threads. `events` hears each claim start and
    /// finish, from the thread that runs it.
    public func run(_ claims: [Claim], claimsAtOnce: Int = 1, events: (@Sendable (RunEvent) -> Void)? = nil)
        -> RunReport {
        let queue = ClaimQueue(count: claims.count)
        let worker: @Sendable () -> Void = {
            while let index = queue.take() {
                events?(.started(index: index, claim: claims[index]))
                let result = run(claims[index])
                queue.store(result, at: index)
                events?(.finished(index: index, result: result))
            }
        }
        let workers = min(max(1, claimsAtOnce), claims.count)
        if workers <= 1 {
            worker()
        } else {
            // Threads of their own, not a Dispatch apply: libdispatch gives an apply nested in another only its
            // share of the cores, so a claim's Monte Carlo would keep one core even when it runs last and alone.
            let group = DispatchGroup()
            for _ in 0..<workers {
                group.enter()
                let thread = Thread {
                    worker()
                    group.leave()
                }
                thread.stackSize = 8 << 20 // the main thread's size: checks may recurse (e.g. exact enumerations)
                thread.start()
            }
            group.wait()
        }
        return RunReport(seed: seed, budget: budget, suiteAlpha: errorBudget.suiteAlpha, claims: queue.results())
    }
}

/// What `Runner.run(_:claimsAtOnce:events:)` reports while it works.
public enum RunEvent: Sendable {
    /// The claim at `index` of the list starts.
    case started(index: Int, claim: Claim)
    /// The claim at `index` of the list has its result.
    case finished(index: Int, result: ClaimResult)
}

/// The claims of one run handed out in list order to the threads that run them, and their results stored at their
/// indices.
private final class ClaimQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [ClaimResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The index of the next claim to run, nil when every claim has been taken.
    func take() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ result: ClaimResult, at index: Int) { lock.withLock { slots[index] = result } }

    /// Every result, in index order (each slot was filled before the workers were joined).
    func results() -> [ClaimResult] { lock.withLock { slots.compactMap { $0 } } }
}

/// Wall-clock durations in seconds, as results record them (`ClaimResult.seconds`).
extension Duration {
    /// The duration in seconds, as a double.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
