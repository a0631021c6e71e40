import Foundation
import GSL
import Randomness

/// What a claim's check works with: its streams, its share of the false-fail
/// budget, the budget tier, the Monte Carlo engine, and the assertions it
/// records.
///
/// Decision helpers (`compare`, `bound`, `estimateMean`, ...) build each
/// assertion from its interval and record it; the check never decides a
/// verdict by hand. Each takes the assertion's key first: its stable identity
/// within the claim (runs are matched by it, and a Monte Carlo estimate draws
/// from streams labelled by it unless `label:` is given), shown in the report
/// unless a `description` is given. Reword the description, never the key,
/// and neither the numbers nor the matching change.
public final class ClaimContext {
    /// The ID of the claim being checked: the root of its random streams.
    public let claimID: String
    /// The suite seed of the run.
    public let seed: UInt64
    /// The run's budget tier: it scales Monte Carlo resolutions (`scaled(_:)`) and caps samples.
    public let budget: Budget
    /// This claim's share of the suite's false-fail budget.
    public let alpha: Double
    /// The parallel Monte Carlo engine the estimates run on.
    public let engine: MonteCarloEngine
    /// The numerical tolerance of deterministic comparisons (`compare`, `bound`).
    public let tolerance: NumericalTolerance

    /// The assertions recorded so far, in order.
    public private(set) var assertions: [Assertion] = []
    /// Moves chosen claimed references before verdicts are decided (power tests only).
    package var perturbation: ReferencePerturbation?
    /// The figures attached so far, in order.
    public private(set) var figures: [Figure] = []
    /// The exceptions to the default expected verdicts declared so far (`expect(_:for:because:)`), by assertion key.
    public internal(set) var declaredExpectations: [String: DeclaredExpectation] = [:]
    private var reservedFraction = 0.0
    private var postHocDepth = 0
    private let root: StreamSeed

    /// A context for the claim `claimID` at suite `seed` and `budget`, with the claim's share `alpha` of the
    /// false-fail budget. Its streams are `StreamSeed(root: seed).child(claimID)` and below, so they depend
    /// only on the seed and the claim ID. The `Runner` creates one per claim; `checkStatistically` one per test.
    public init(claimID: String, seed: UInt64, budget: Budget, alpha: Double, engine: MonteCarloEngine,
                tolerance: NumericalTolerance = .init()) {
        self.claimID = claimID
        self.seed = seed
        self.budget = budget
        self.alpha = alpha
        self.engine = engine
        self.tolerance = tolerance
        root = StreamSeed(root: seed).child(claimID)
    }

    // MARK: Budget and streams

    /// Reserves `fraction` of this claim's alpha for one statistical assertion
    /// (or a group, split further by the caller) and returns it.
    /// Throws when the reservations of the claim would exceed its share.
    public func reserveAlpha(_ fraction: Double) throws -> Double {
        try Require.positive(fraction, "fraction", in: "ClaimContext.reserveAlpha")
        guard reservedFraction + fraction <= 1 + 1e-9 else {
            throw StatisticsError("claim \(claimID) reserved more than its false-fail budget (\(reservedFraction + fraction) of it)")
        }
        reservedFraction += fraction
        return alpha * fraction
    }

    /// Reserves `fraction` of this claim's alpha for `parts` assertions that
    /// share it equally, and returns each one's share. Throws like
    /// `reserveAlpha(_:)`, and `ParameterError` for fewer than one part.
    public func reserveAlpha(_ fraction: Double, splitOver parts: Int) throws -> Double {
        try Require.atLeast(parts, 1, "parts", in: "ClaimContext.reserveAlpha")
        return try reserveAlpha(fraction) / Double(parts)
    }

    /// The scope of an exhaustive or property check by budget tier: `quick` in
    /// the quick budget (what `swift test` runs, kept to seconds), `full` in the
    /// standard and thorough ones. Monte Carlo precision is not set here: the
    /// tier scales every Monte Carlo resolution itself (`scaled(_:)`).
    public func scope<Value>(quick: Value, full: Value) -> Value { budget == .quick ? quick : full }

    /// The stream for a named piece of random work of this claim.
    public func stream(_ label: String) -> StreamSeed { root.child(label) }

    /// A Monte Carlo resolution scaled by the budget tier.
    public func scaled(_ delta: Double) -> Double { delta * budget.resolutionScale }

    /// Attaches `figure` to the claim's evidence; the report renders it as SVG under figures/.
    public func attach(_ figure: Figure) { figures.append(figure) }

    /// Records an assertion built elsewhere (every helper records through here).
    @discardableResult
    public func record(_ assertion: Assertion) -> Assertion {
        var recorded = perturbation?.apply(to: assertion) ?? assertion
        if postHocDepth > 0 { recorded.postHoc = true }
        assertions.append(recorded)
        return recorded
    }

    /// Runs `body`, flagging every assertion it records (through any helper) as post hoc when `isPostHoc`:
    /// its claimed region was chosen after seeing data. The claim's assumptions should say what was seen;
    /// the report marks the assertions and the run JSON carries `postHoc: true`.
    @discardableResult
    public func recordingPostHoc<Value>(_ isPostHoc: Bool = true, _ body: () throws -> Value) rethrows -> Value {
        guard isPostHoc else { return try body() }
        postHocDepth += 1
        defer { postHocDepth -= 1 }
        return try body()
    }

    // MARK: Deterministic comparisons

    /// Records that a computed `value` (error estimate `error`) equals a
    /// `reference` (error `referenceError`): interval = value ± tolerance.
    /// Spends no alpha; `resolution` is the δ of the decision rule (not scaled by the budget tier).
    @discardableResult
    public func compare(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, route: Route, value: Double, error: Double = 0,
        reference: Double, referenceRoute: Route, referenceError: Double = 0, resolution: Double,
        samples: Int = 1, note: String? = nil
    ) -> Assertion {
        let half = tolerance.halfWidth(value: value, error: error, reference: reference, referenceError: referenceError)
        return record(Assertion(
            name: description ?? key, key: key, route: route, referenceRoute: referenceRoute, subject: subject,
            rule: "numerical tolerance (\(formatFactor(tolerance.safetyFactor))x error estimate + rounding)",
            estimate: value, interval: Interval(center: value, halfWidth: half), region: .equal(reference),
            delta: resolution, alpha: 0, samples: samples, note: note))
    }

    /// Records that a computed `value` (error `error`) lies in `region`.
    /// Spends no alpha; `resolution` (δ, default 0) is not scaled by the budget tier.
    @discardableResult
    public func bound(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, route: Route, value: Double, error: Double = 0,
        region: ClaimedRegion, resolution: Double = 0, samples: Int = 1, note: String? = nil
    ) -> Assertion {
        let half = tolerance.halfWidth(value: value, error: error, reference: region.reference, referenceError: 0)
        return record(Assertion(
            name: description ?? key, key: key, route: route, subject: subject,
            rule: "numerical tolerance (\(formatFactor(tolerance.safetyFactor))x error estimate + rounding)",
            estimate: value, interval: Interval(center: value, halfWidth: half), region: region,
            delta: resolution, alpha: 0, samples: samples, note: note))
    }

    // MARK: Monte Carlo

    /// Estimates a mean by Monte Carlo with a t-interval whose sample size is
    /// planned from a pilot (`TwoStageSampling`): the pilot's own (1 − α/4)
    /// t-interval decides alone when it already lies inside the claimed region
    /// or misses it; otherwise a quarter of `alpha` bounds the pilot's standard
    /// deviation from above (chi-squared) and half is the main sample's
    /// interval, whose n makes the half-width at most (scaled) resolution / 2.
    /// `sample` returns the moments of `count` draws of the statistic using the
    /// generator it is given. `maxSamples` (for every planned estimate) caps the
    /// main sample below the budget's cap where draws are expensive.
    /// - Returns: The recorded assertion (route Monte Carlo, alpha spent `alpha`).
    /// - Throws: `ParameterError` for a non-positive resolution, fewer than 2 pilot samples, a `maxSamples`
    ///   below them or an alpha outside (0, 1); `StatisticsError` for a non-finite sample mean or variance;
    ///   anything `sample` throws.
    @discardableResult
    public func estimateMean(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, region: ClaimedRegion, resolution: Double, alpha: Double,
        label: String? = nil, pilotSamples: Int = 20_000, chunkSize: Int = 1 << 14, maxSamples: Int? = nil, note: String? = nil,
        sample: @escaping @Sendable (inout Xoshiro256, Int) throws -> RunningMoments
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateMean")
        try Require.atLeast(pilotSamples, 2, "pilotSamples", in: "ClaimContext.estimateMean")
        let run = try plannedEstimate(
            label ?? key, region: region, pilotCount: pilotSamples, chunkSize: chunkSize, maxSamples: maxSamples, sample,
            interval: { draws, _, share in
                let moments = RunningMoments.merging(draws)
                return (moments.mean, try MeanInterval.student(moments, alpha: share))
            },
            plan: { draws, _ in
                let sigma = try SampleSize.sigmaUpperBound(RunningMoments.merging(draws), alpha: alpha / 4)
                return try SampleSize.forMean(sigmaUpper: sigma, halfWidth: delta / 2, alpha: alpha / 2)
            }, alpha: alpha)
        return record(Assertion(
            name: description ?? key, key: key, route: .monteCarlo, subject: subject, rule: "t-interval, n from pilot",
            estimate: run.estimate, interval: run.interval, region: region,
            delta: delta, alpha: alpha, samples: run.samples, note: joined(note, run.note)))
    }

    /// Estimates g(E X) for a smooth function g of the means of a random vector
    /// (a ratio, the mean similarity E⟨X,Y⟩/√(E‖X‖² E‖Y‖²), ...) with a
    /// delta-method normal interval: g(mean) ± z · sqrt(∇gᵀ Σ ∇g / n), n planned
    /// from a pilot like `estimateMean` (which may decide alone; a quarter of
    /// alpha for its decision, a quarter for its plan, half for the interval).
    /// The estimator's O(1/n) bias is far below the interval at the sizes
    /// planned. `sample` returns the joint moments of `count` draws of the vector.
    /// - Returns: The recorded assertion.
    /// - Throws: `ParameterError` for a non-positive resolution, fewer than 2 pilot samples, a `maxSamples`
    ///   below them or an alpha outside (0, 1); `StatisticsError` when `sample` returns moments of another
    ///   dimension or g is not finite at the means; anything `sample` throws.
    @discardableResult
    public func estimateFunctionOfMeans(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, function: FunctionOfMeans, region: ClaimedRegion,
        resolution: Double, alpha: Double, label: String? = nil, pilotSamples: Int = 20_000,
        chunkSize: Int = 1 << 14, maxSamples: Int? = nil, note: String? = nil,
        sample: @escaping @Sendable (inout Xoshiro256, Int) throws -> JointMoments
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateFunctionOfMeans")
        try Require.atLeast(pilotSamples, 2, "pilotSamples", in: "ClaimContext.estimateFunctionOfMeans")
        let k = function.dimension
        let run = try plannedEstimate(
            label ?? key, region: region, pilotCount: pilotSamples, chunkSize: chunkSize, maxSamples: maxSamples, sample,
            interval: { draws, _, share in
                let moments = try JointMoments.merging(draws, dimension: k)
                let estimate = function.value(moments.means)
                let z = try Distributions.normalUpperQuantile(share / 2)
                let half = z * function.standardDeviation(moments) / Double(max(moments.count, 1)).squareRoot()
                guard estimate.isFinite, half.isFinite else {
                    throw StatisticsError("\(key): the function of the means is not finite (estimate \(estimate))")
                }
                return (estimate, Interval(center: estimate, halfWidth: half))
            },
            plan: { draws, _ in
                let moments = try JointMoments.merging(draws, dimension: k)
                let factor = try SampleSize.upperBoundFactor(count: moments.count, alpha: alpha / 4)
                return try SampleSize.forMean(sigmaUpper: function.standardDeviation(moments) * factor,
                                              halfWidth: delta / 2, alpha: alpha / 2)
            }, alpha: alpha)
        return record(Assertion(
            name: description ?? key, key: key, route: .monteCarlo, subject: subject, rule: "delta-method interval, n from pilot",
            estimate: run.estimate, interval: run.interval, region: region, delta: delta,
            alpha: alpha, samples: run.samples, note: joined(note, run.note)))
    }

    /// Estimates a probability by Monte Carlo with an exact Clopper–Pearson
    /// interval; n is planned from a pilot like `estimateMean` (which may decide
    /// alone; a quarter of alpha for its decision, a quarter for its plan, half
    /// for the interval). `trials` returns the number of successes among
    /// `count` independent trials.
    /// - Returns: The recorded assertion.
    /// - Throws: `ParameterError` for a non-positive resolution, no pilot trials, a `maxSamples` below them, an
    ///   alpha outside (0, 1) or a success count outside 0 ... count; anything `trials` throws.
    @discardableResult
    public func estimateProportion(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, region: ClaimedRegion, resolution: Double, alpha: Double,
        label: String? = nil, pilotTrials: Int = 10_000, chunkSize: Int = 1 << 14, maxSamples: Int? = nil, note: String? = nil,
        trials: @escaping @Sendable (inout Xoshiro256, Int) throws -> Int
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateProportion")
        try Require.atLeast(pilotTrials, 1, "pilotTrials", in: "ClaimContext.estimateProportion")
        let run = try plannedEstimate(
            label ?? key, region: region, pilotCount: pilotTrials, chunkSize: chunkSize, maxSamples: maxSamples, trials,
            interval: { draws, count, share in
                let hits = draws.reduce(0, +)
                return (Double(hits) / Double(count),
                        try ProportionInterval.clopperPearson(successes: hits, trials: count, alpha: share))
            },
            plan: { draws, count in
                let plausible = try ProportionInterval.clopperPearson(successes: draws.reduce(0, +), trials: count,
                                                                      alpha: alpha / 4)
                return try SampleSize.forProportion(plausible: plausible, halfWidth: delta / 2, alpha: alpha / 2)
            }, alpha: alpha)
        return record(Assertion(
            name: description ?? key, key: key, route: .monteCarlo, subject: subject, rule: "Clopper-Pearson, n from pilot",
            estimate: run.estimate, interval: run.interval,
            region: region, delta: delta, alpha: alpha, samples: run.samples, note: joined(note, run.note)))
    }

    /// Estimates the mean of a statistic bounded in `range` with an
    /// anytime-valid confidence sequence, drawing rounds of chunks until the
    /// verdict is decided or the budget's sample cap is reached. `observe`
    /// returns `count` observations in order.
    /// - Returns: The recorded assertion (its samples: the observations drawn before it stopped).
    /// - Throws: `ParameterError` for a non-positive resolution, chunk size or round, an alpha outside (0, 1),
    ///   an infinite or empty range, or an observation outside `range`; `StatisticsError` when `observe`
    ///   returns another number of values than asked; anything `observe` throws.
    @discardableResult
    public func sequentialMean(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, range: ClosedRange<Double>, region: ClaimedRegion,
        resolution: Double, alpha: Double, label: String? = nil, chunkSize: Int = 256, chunksPerRound: Int = 8,
        maxSamples: Int? = nil, note: String? = nil,
        observe: @escaping @Sendable (inout Xoshiro256, Int) throws -> [Double]
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.sequentialMean")
        try Require.atLeast(chunkSize, 1, "chunkSize", in: "ClaimContext.sequentialMean")
        try Require.atLeast(chunksPerRound, 1, "chunksPerRound", in: "ClaimContext.sequentialMean")
        let cap = min(maxSamples ?? budget.sampleCap, budget.sampleCap)
        let seed = stream(label ?? key)
        var sequence = try ConfidenceSequence(range: range, alpha: alpha)
        let totalChunks = (cap + chunkSize - 1) / chunkSize
        var round = 0
        var decided = false
        while !decided && round * chunksPerRound < totalChunks {
            let chunks = (round * chunksPerRound)..<((round + 1) * chunksPerRound)
            let batches = try engine.run(samples: cap, chunkSize: chunkSize, stream: seed, chunks: chunks, observe)
            for (offset, batch) in batches.enumerated() {
                let expected = min(chunkSize, cap - (chunks.lowerBound + offset) * chunkSize)
                guard batch.count == expected else {
                    throw StatisticsError("\(key): observe returned \(batch.count) values for a chunk of \(expected)")
                }
                for value in batch { try sequence.add(value) }
            }
            decided = region.decide(sequence.interval, delta: delta) != .inconclusive
            round += 1
        }
        return record(Assertion(
            name: description ?? key, key: key, route: .monteCarlo, subject: subject, rule: "empirical-Bernstein confidence sequence",
            estimate: sequence.mean, interval: sequence.interval, region: region, delta: delta, alpha: alpha,
            samples: sequence.count, note: joined(note, decided ? nil : "stopped at the sample cap (\(cap))")))
    }

    /// Fits log-log (or any) y = c0 + slope x with weights 1/se^2 and records
    /// the slope's (1 - alpha) interval against the claimed region.
    /// - Returns: The recorded assertion.
    /// - Throws: `ParameterError` for an alpha outside (0, 1), a missing or non-positive standard error, or
    ///   points `WeightedLineFit` rejects (fewer than three, one distinct x, non-finite values); `GSLError`.
    @discardableResult
    public func fitSlope(
        _ key: String, description: String? = nil, subject: Subject = .asPrinted, route: Route = .monteCarlo, x: [Double], y: [Double],
        standardErrors: [Double], region: ClaimedRegion, resolution: Double, alpha: Double, samples: Int,
        note: String? = nil
    ) throws -> Assertion {
        let fit = try SlopeInterval.fit(x: x, y: y, standardErrors: standardErrors, alpha: alpha)
        let fitNote = fit.widenedForLackOfFit
            ? "interval widened by √(χ²/dof) = \(formatFactor(fit.scaleFactor)) (straight-line fit p = \(formatFactor(fit.goodnessOfFitPValue)))"
            : nil
        return record(Assertion(
            name: description ?? key, key: key, route: route, subject: subject, rule: "weighted least-squares slope",
            estimate: fit.slope, interval: fit.interval, region: region, delta: resolution, alpha: alpha,
            samples: samples, note: joined(note, fitNote)))
    }

    /// A planned Monte Carlo estimate (`TwoStageSampling`): a pilot of
    /// `pilotCount` draws on the stream "<label>/pilot" decides alone when its
    /// (1 − α/4) `interval` lies inside the claimed region proper (a point
    /// region never: its confirmation needs the resolution) or misses it, so a
    /// claim that holds by a wide margin, or a model far from it, costs no more
    /// than its pilot. Otherwise n is planned from the pilot, drawn on
    /// "<label>/main", topped up on "<label>/top-up/k" (at most the budget's
    /// cap), and the estimate is the main sample's with its (1 − α/2) interval.
    /// `maxSamples` lowers the cap for a statistic whose draws are expensive, so
    /// a model far wilder than the claim's design ends in a wider interval
    /// (noted) rather than hours of sampling. `interval` gets the draws, their
    /// number and the error rate to spend; `plan` gets the partial results of
    /// the draws so far and their number.
    private func plannedEstimate<Partial: Sendable>(
        _ label: String, region: ClaimedRegion, pilotCount: Int, chunkSize: Int, maxSamples: Int?,
        _ body: @escaping @Sendable (inout Xoshiro256, Int) throws -> Partial,
        interval: ([Partial], Int, Double) throws -> (estimate: Double, interval: Interval),
        plan: ([Partial], Int) throws -> Int, alpha: Double
    ) throws -> (estimate: Double, interval: Interval, samples: Int, note: String?) {
        try Require.openUnit(alpha, "alpha", in: "ClaimContext")
        if let maxSamples { try Require.atLeast(maxSamples, pilotCount, "maxSamples", in: "ClaimContext") }
        let seed = stream(label)
        let cap = min(maxSamples ?? budget.sampleCap, budget.sampleCap)
        var decided: (estimate: Double, interval: Interval, reason: String)?
        let outcome = try TwoStageSampling.run(
            pilot: pilotCount, cap: cap,
            draw: { stage, count in
                try engine.run(samples: count, chunkSize: chunkSize, stream: Self.stream(of: stage, under: seed), body)
            },
            merge: +, plan: plan,
            pilotDecides: { draws, count in
                // A pilot whose interval cannot be formed (a ratio with a zero mean) leaves the decision to the main sample.
                guard let pilot = try? interval(draws, count, alpha / 4),
                      let reason = Self.pilotDecision(pilot.interval, region: region) else { return false }
                decided = (pilot.estimate, pilot.interval, reason)
                return true
            })
        if let decided {
            return (decided.estimate, decided.interval, pilotCount,
                    "decided by the pilot's (1 − α/4) interval (\(pilotCount) draws), which \(decided.reason)")
        }
        let (estimate, mainInterval) = try interval(outcome.draws, outcome.count, alpha / 2)
        let samples = pilotCount + outcome.count
        guard outcome.toppedUp else {
            return (estimate, mainInterval, samples, outcome.planned > cap ? capNote(outcome.planned, cap: cap) : nil)
        }
        let topUp = "the main sample's spread exceeded the pilot's bound: topped up from \(outcome.mainCount) to \(outcome.count) draws"
        return (estimate, mainInterval, samples, joined(topUp, outcome.count == cap ? "stopped at the cap (\(cap))" : nil))
    }

    /// Why a pilot's interval decides alone ("lies inside the claimed region", "misses the claimed region"), or nil.
    private static func pilotDecision(_ interval: Interval, region: ClaimedRegion) -> String? {
        if interval.upper < region.lower || interval.lower > region.upper { return "misses the claimed region" }
        if region.lower < region.upper, interval.lower >= region.lower, interval.upper <= region.upper {
            return "lies inside the claimed region"
        }
        return nil
    }

    /// The stream of a planned estimate's stage: "pilot", "main" or "top-up/k" under `seed`.
    private static func stream(of stage: TwoStageSampling.Stage, under seed: StreamSeed) -> StreamSeed {
        switch stage {
        case .pilot: seed.child("pilot")
        case .main: seed.child("main")
        case let .topUp(round): seed.child("top-up").child(round)
        }
    }

    private func capNote(_ planned: Int, cap: Int) -> String {
        cap < budget.sampleCap
            ? "planned \(planned) samples, capped at the assertion's \(cap)"
            : "planned \(planned) samples, capped at \(cap) by the \(budget.rawValue) budget"
    }
}

private func joined(_ a: String?, _ b: String?) -> String? {
    switch (a, b) {
    case let (a?, b?): "\(a); \(b)"
    case let (a?, nil): a
    case let (nil, b?): b
    case (nil, nil): nil
    }
}

func formatFactor(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : String(format: "%.3g", x)
}
