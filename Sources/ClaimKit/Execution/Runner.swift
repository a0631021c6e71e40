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

    /// Checks `claims` in order; `progress` is told before each one starts.
    public func run(_ claims: [Claim], progress: ((Int, Int, Claim) -> Void)? = nil) -> RunReport {
        var results: [ClaimResult] = []
        for (index, claim) in claims.enumerated() {
            progress?(index, claims.count, claim)
            results.append(run(claim))
        }
        return RunReport(seed: seed, budget: budget, suiteAlpha: errorBudget.suiteAlpha, claims: results)
    }
}

/// Wall-clock durations in seconds, as results record them (`ClaimResult.seconds`).
extension Duration {
    /// The duration in seconds, as a double.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
