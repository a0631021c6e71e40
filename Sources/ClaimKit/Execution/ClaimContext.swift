import Foundation
import GSL
import Randomness

/// What a claim's check works with: its streams, its share of the false-fail
/// budget, the budget tier, the Monte Carlo engine, and the assertions it
/// records.
///
/// Decision helpers (`compare`, `bound`, `estimateMean`, ...) build each
/// assertion from its interval and record it; the check never decides a
/// verdict by hand.
public final class ClaimContext {
    public let claimID: String
    public let seed: UInt64
    public let budget: Budget
    /// This claim's share of the suite's false-fail budget.
    public let alpha: Double
    public let engine: MonteCarloEngine
    public let tolerance: NumericalTolerance

    public private(set) var assertions: [Assertion] = []
    /// Moves chosen claimed references before verdicts are decided (power tests only).
    package var perturbation: ReferencePerturbation?
    public private(set) var figures: [Figure] = []
    private var reservedFraction = 0.0
    private let root: StreamSeed

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

    /// The stream for a named piece of random work of this claim.
    public func stream(_ label: String) -> StreamSeed { root.child(label) }

    /// A Monte Carlo resolution scaled by the budget tier.
    public func scaled(_ delta: Double) -> Double { delta * budget.resolutionScale }

    public func attach(_ figure: Figure) { figures.append(figure) }

    /// Records an assertion built elsewhere (every helper records through here).
    @discardableResult
    public func record(_ assertion: Assertion) -> Assertion {
        let recorded = perturbation?.apply(to: assertion) ?? assertion
        assertions.append(recorded)
        return recorded
    }

    // MARK: Deterministic comparisons

    /// Records that a computed `value` (error estimate `error`) equals a
    /// `reference` (error `referenceError`): interval = value ± tolerance.
    @discardableResult
    public func compare(
        _ name: String, subject: Subject = .asPrinted, route: Route, value: Double, error: Double = 0,
        reference: Double, referenceRoute: Route, referenceError: Double = 0, resolution: Double,
        samples: Int = 1, note: String? = nil
    ) -> Assertion {
        let half = tolerance.halfWidth(value: value, error: error, reference: reference, referenceError: referenceError)
        return record(Assertion(
            name: name, route: route, referenceRoute: referenceRoute, subject: subject,
            rule: "numerical tolerance (\(formatFactor(tolerance.safetyFactor))x error estimate + rounding)",
            estimate: value, interval: Interval(center: value, halfWidth: half), region: .equal(reference),
            delta: resolution, alpha: 0, samples: samples, note: note))
    }

    /// Records that a computed `value` (error `error`) lies in `region`.
    @discardableResult
    public func bound(
        _ name: String, subject: Subject = .asPrinted, route: Route, value: Double, error: Double = 0,
        region: ClaimedRegion, resolution: Double = 0, samples: Int = 1, note: String? = nil
    ) -> Assertion {
        let half = tolerance.halfWidth(value: value, error: error, reference: region.reference, referenceError: 0)
        return record(Assertion(
            name: name, route: route, subject: subject,
            rule: "numerical tolerance (\(formatFactor(tolerance.safetyFactor))x error estimate + rounding)",
            estimate: value, interval: Interval(center: value, halfWidth: half), region: region,
            delta: resolution, alpha: 0, samples: samples, note: note))
    }

    // MARK: Monte Carlo

    /// Estimates a mean by Monte Carlo with a t-interval whose sample size is
    /// planned from a pilot: half of `alpha` bounds the pilot's standard
    /// deviation from above (chi-squared), half is the interval's; n makes the
    /// half-width at most (scaled) resolution / 2. `sample` returns the moments
    /// of `count` draws of the statistic using the generator it is given.
    @discardableResult
    public func estimateMean(
        _ name: String, subject: Subject = .asPrinted, region: ClaimedRegion, resolution: Double, alpha: Double,
        label: String? = nil, pilotSamples: Int = 20_000, chunkSize: Int = 1 << 14, note: String? = nil,
        sample: @escaping @Sendable (inout Xoshiro256, Int) throws -> RunningMoments
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateMean")
        try Require.atLeast(pilotSamples, 2, "pilotSamples", in: "ClaimContext.estimateMean")
        let run = try pilotThenMain(label ?? name, pilotCount: pilotSamples, chunkSize: chunkSize, sample) { stage, _ in
            let sigma = try SampleSize.sigmaUpperBound(RunningMoments.merging(stage), alpha: alpha / 2)
            return try SampleSize.forMean(sigmaUpper: sigma, halfWidth: delta / 2, alpha: alpha / 2)
        }
        let main = RunningMoments.merging(run.main)
        return record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "t-interval, n from pilot",
            estimate: main.mean, interval: try MeanInterval.student(main, alpha: alpha / 2), region: region,
            delta: delta, alpha: alpha, samples: pilotSamples + main.count, note: joined(note, run.note)))
    }

    /// Estimates g(E X) for a smooth function g of the means of a random vector
    /// (a ratio, the mean similarity E⟨X,Y⟩/√(E‖X‖² E‖Y‖²), ...) with a
    /// delta-method normal interval: g(mean) ± z · sqrt(∇gᵀ Σ ∇g / n), n planned
    /// from a pilot like `estimateMean` (half of alpha each). The estimator's
    /// O(1/n) bias is far below the interval at the sizes planned. `sample`
    /// returns the joint moments of `count` draws of the vector.
    @discardableResult
    public func estimateFunctionOfMeans(
        _ name: String, subject: Subject = .asPrinted, function: FunctionOfMeans, region: ClaimedRegion,
        resolution: Double, alpha: Double, label: String? = nil, pilotSamples: Int = 20_000,
        chunkSize: Int = 1 << 14, note: String? = nil,
        sample: @escaping @Sendable (inout Xoshiro256, Int) throws -> JointMoments
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateFunctionOfMeans")
        try Require.atLeast(pilotSamples, 2, "pilotSamples", in: "ClaimContext.estimateFunctionOfMeans")
        let k = function.dimension
        let run = try pilotThenMain(label ?? name, pilotCount: pilotSamples, chunkSize: chunkSize, sample) { stage, _ in
            let moments = try JointMoments.merging(stage, dimension: k)
            let factor = try SampleSize.upperBoundFactor(count: moments.count, alpha: alpha / 2)
            return try SampleSize.forMean(sigmaUpper: function.standardDeviation(moments) * factor,
                                          halfWidth: delta / 2, alpha: alpha / 2)
        }
        let main = try JointMoments.merging(run.main, dimension: k)
        let estimate = function.value(main.means)
        let z = try Distributions.normalUpperQuantile(alpha / 4)
        let half = z * function.standardDeviation(main) / Double(max(main.count, 1)).squareRoot()
        guard estimate.isFinite, half.isFinite else {
            throw StatisticsError("\(name): the function of the means is not finite (estimate \(estimate))")
        }
        return record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "delta-method interval, n from pilot",
            estimate: estimate, interval: Interval(center: estimate, halfWidth: half), region: region, delta: delta,
            alpha: alpha, samples: pilotSamples + main.count, note: joined(note, run.note)))
    }

    /// Estimates a probability by Monte Carlo with an exact Clopper–Pearson
    /// interval; n is planned from a pilot (half of alpha each). `trials`
    /// returns the number of successes among `count` independent trials.
    @discardableResult
    public func estimateProportion(
        _ name: String, subject: Subject = .asPrinted, region: ClaimedRegion, resolution: Double, alpha: Double,
        label: String? = nil, pilotTrials: Int = 10_000, chunkSize: Int = 1 << 14, note: String? = nil,
        trials: @escaping @Sendable (inout Xoshiro256, Int) throws -> Int
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.estimateProportion")
        try Require.atLeast(pilotTrials, 1, "pilotTrials", in: "ClaimContext.estimateProportion")
        let run = try pilotThenMain(label ?? name, pilotCount: pilotTrials, chunkSize: chunkSize, trials) { stage, count in
            let plausible = try ProportionInterval.clopperPearson(successes: stage.reduce(0, +), trials: count,
                                                                  alpha: alpha / 2)
            return try SampleSize.forProportion(plausible: plausible, halfWidth: delta / 2, alpha: alpha / 2)
        }
        let hits = run.main.reduce(0, +)
        return record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "Clopper-Pearson, n from pilot",
            estimate: Double(hits) / Double(run.n),
            interval: try ProportionInterval.clopperPearson(successes: hits, trials: run.n, alpha: alpha / 2),
            region: region, delta: delta, alpha: alpha, samples: pilotTrials + run.n, note: joined(note, run.note)))
    }

    /// Estimates the mean of a statistic bounded in `range` with an
    /// anytime-valid confidence sequence, drawing rounds of chunks until the
    /// verdict is decided or the budget's sample cap is reached. `observe`
    /// returns `count` observations in order.
    @discardableResult
    public func sequentialMean(
        _ name: String, subject: Subject = .asPrinted, range: ClosedRange<Double>, region: ClaimedRegion,
        resolution: Double, alpha: Double, label: String? = nil, chunkSize: Int = 256, chunksPerRound: Int = 8,
        maxSamples: Int? = nil, note: String? = nil,
        observe: @escaping @Sendable (inout Xoshiro256, Int) throws -> [Double]
    ) throws -> Assertion {
        let delta = scaled(resolution)
        try Require.positive(delta, "resolution", in: "ClaimContext.sequentialMean")
        try Require.atLeast(chunkSize, 1, "chunkSize", in: "ClaimContext.sequentialMean")
        try Require.atLeast(chunksPerRound, 1, "chunksPerRound", in: "ClaimContext.sequentialMean")
        let cap = min(maxSamples ?? budget.sampleCap, budget.sampleCap)
        let seed = stream(label ?? name)
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
                    throw StatisticsError("\(name): observe returned \(batch.count) values for a chunk of \(expected)")
                }
                for value in batch { try sequence.add(value) }
            }
            decided = region.decide(sequence.interval, delta: delta) != .inconclusive
            round += 1
        }
        return record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "empirical-Bernstein confidence sequence",
            estimate: sequence.mean, interval: sequence.interval, region: region, delta: delta, alpha: alpha,
            samples: sequence.count, note: joined(note, decided ? nil : "stopped at the sample cap (\(cap))")))
    }

    /// Fits log-log (or any) y = c0 + slope x with weights 1/se^2 and records
    /// the slope's (1 - alpha) interval against the claimed region.
    @discardableResult
    public func fitSlope(
        _ name: String, subject: Subject = .asPrinted, route: Route = .monteCarlo, x: [Double], y: [Double],
        standardErrors: [Double], region: ClaimedRegion, resolution: Double, alpha: Double, samples: Int,
        note: String? = nil
    ) throws -> Assertion {
        let fit = try SlopeInterval.fit(x: x, y: y, standardErrors: standardErrors, alpha: alpha)
        let fitNote = fit.widenedForLackOfFit
            ? "interval widened by √(χ²/dof) = \(formatFactor(fit.scaleFactor)) (straight-line fit p = \(formatFactor(fit.goodnessOfFitPValue)))"
            : nil
        return record(Assertion(
            name: name, route: route, subject: subject, rule: "weighted least-squares slope",
            estimate: fit.slope, interval: fit.interval, region: region, delta: resolution, alpha: alpha,
            samples: samples, note: joined(note, fitNote)))
    }

    /// A planned Monte Carlo estimate: a pilot of `pilotCount` draws on the
    /// stream "<label>/pilot"; n planned from it — at least the pilot's size, so
    /// a nearly constant statistic does not get a handful of draws and a huge
    /// t quantile; at most the budget's cap — and that many fresh draws on
    /// "<label>/main". The plan is then applied to the draws so far: when the
    /// pilot under-stated the spread (heavy tails make its chi-squared bound
    /// optimistic) and they ask for more, the shortfall is drawn on
    /// "<label>/top-up/k" and merged, up to `maxTopUps` times, so the
    /// interval's half-width meets its target and the false-fail rate stays at
    /// most alpha (Stein's two-stage idea continued as in Chow–Robbins's
    /// fixed-width procedure). `plan` gets the partial results of the draws so
    /// far and their number.
    private func pilotThenMain<Partial: Sendable>(
        _ label: String, pilotCount: Int, chunkSize: Int,
        _ body: @escaping @Sendable (inout Xoshiro256, Int) throws -> Partial,
        plan: ([Partial], Int) throws -> Int
    ) throws -> (main: [Partial], n: Int, note: String?) {
        let seed = stream(label)
        let cap = budget.sampleCap
        let planned = try plan(try engine.run(samples: pilotCount, chunkSize: chunkSize, stream: seed.child("pilot"), body),
                               pilotCount)
        let n = min(max(planned, pilotCount), cap)
        var main = try engine.run(samples: n, chunkSize: chunkSize, stream: seed.child("main"), body)
        var drawn = n
        for round in 0..<maxTopUps {
            let replanned = min(try plan(main, drawn), cap)
            guard replanned > drawn else { break }
            main += try engine.run(samples: replanned - drawn, chunkSize: chunkSize,
                                   stream: seed.child("top-up").child(round), body)
            drawn = replanned
        }
        guard drawn > n else { return (main, n, planned > cap ? capNote(planned) : nil) }
        let topUp = "the main sample's spread exceeded the pilot's bound: topped up from \(n) to \(drawn) draws"
        return (main, drawn, joined(topUp, drawn == cap ? "stopped at the \(budget.rawValue) budget's cap" : nil))
    }

    /// How many times a planned estimate re-plans from all its draws so far.
    private let maxTopUps = 8

    private func capNote(_ planned: Int) -> String {
        "planned \(planned) samples, capped at \(budget.sampleCap) by the \(budget.rawValue) budget"
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
