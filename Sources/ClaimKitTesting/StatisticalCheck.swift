import ClaimKit
import Foundation
import Testing

/// Statistical checks inside any Swift Testing `@Test`, with no registry and
/// no paper: the continuous-integration use for numeric code (a sampler's
/// moments, an integrator, a kernel).
///
/// The body gets a `ClaimContext` with the check's false-fail rate `alpha`
/// and records assertions through it exactly as a claim does (`compare`,
/// `bound`, `estimateMean`, `estimateProportion`, `fitSlope`, ...). Every
/// assertion whose verdict differs from `expecting` (or, for an assertion
/// whose key the body declared with `ctx.expect(_:for:because:)`, that the
/// declared expected verdict does not accept) records a test issue that
/// carries the estimate, the interval, the claimed region, the resolution δ,
/// the alpha it spent, the samples and the seed, with the command that
/// re-runs the test at that seed:
///
/// ```swift
/// @Test func samplerHasUnitVariance() throws {
///     try checkStatistically { ctx in
///         try ctx.estimateMean("E[Z²] = 1", region: .equal(1), resolution: 0.01, alpha: ctx.reserveAlpha(1)) { rng, n in
///             let sampler = NormalSampler()
///             var m = RunningMoments()
///             for _ in 0..<n { let z = sampler.next(using: &rng); m.add(z * z) }
///             return m
///         }
///     }
/// }
/// ```
///
/// The seed is `seed`, else the environment variable `seedVariable`
/// (`CLAIMS_SEED`), else `Runner.defaultSeed`; the same seed gives the same
/// numbers whatever the thread count. A check that throws, records nothing,
/// spends more than `alpha`, or declares an expectation for a key it never
/// records also records an issue. Returns the assertions.
@discardableResult
public func checkStatistically(
    _ name: String = #function, alpha: Double = 1e-6, budget: Budget = .standard, seed: UInt64? = nil,
    seedVariable: String = "CLAIMS_SEED", expecting expected: Verdict = .confirmed, threads: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: (ClaimContext) throws -> Void
) throws -> [Assertion] {
    let environment = ProcessInfo.processInfo.environment
    let chosenSeed = try seed ?? StatisticalCheckSeed.resolve(environment[seedVariable], variable: seedVariable)
    try Require.openUnit(alpha, "alpha", in: "checkStatistically")
    let engine = try MonteCarloEngine(threads: threads ?? MonteCarloEngine.machineThreads)
    let context = ClaimContext(claimID: name, seed: chosenSeed, budget: budget, alpha: alpha, engine: engine)
    let rerun = "\(seedVariable)=\(chosenSeed) swift test --filter '\(name)'"
    do {
        try body(context)
    } catch {
        Issue.record("\(name) threw: \(error) (seed \(chosenSeed); re-run: \(rerun))", sourceLocation: sourceLocation)
        return context.assertions
    }
    if context.assertions.isEmpty {
        Issue.record("\(name) recorded no assertion", sourceLocation: sourceLocation)
    }
    let spent = context.assertions.reduce(0) { $0 + $1.alpha }
    if spent > alpha * (1 + 1e-9) {
        Issue.record("\(name) spent alpha \(spent), more than its \(alpha)", sourceLocation: sourceLocation)
    }
    if let unrecorded = context.unrecordedExpectationError {
        Issue.record("\(name): \(unrecorded)", sourceLocation: sourceLocation)
    }
    for assertion in context.assertions {
        let declared = context.declaredExpectations[assertion.key]
        guard !(declared.map { $0.verdict.accepts(assertion.verdict) } ?? (assertion.verdict == expected)) else { continue }
        let wanted = declared.map { "\($0.verdict.rawValue) (\($0.reason))" } ?? expected.rawValue
        Issue.record(Comment(rawValue: StatisticalCheckSeed.describe(assertion, expected: wanted, seed: chosenSeed, rerun: rerun)),
                     sourceLocation: sourceLocation)
    }
    return context.assertions
}

/// The seed and the message of `checkStatistically`.
enum StatisticalCheckSeed {
    static func resolve(_ text: String?, variable: String) throws -> UInt64 {
        guard let text else { return Runner.defaultSeed }
        guard let value = UInt64(text) else {
            throw ParameterError("checkStatistically", parameter: variable, value: text,
                                 requirement: "an unsigned 64-bit integer")
        }
        return value
    }

    /// "key: inconclusive, expected confirmed; estimate …, interval […] (rule) vs claimed […], δ, α, samples, seed; re-run: …".
    static func describe(_ a: Assertion, expected: String, seed: UInt64, rerun: String) -> String {
        let claimed = "[\(bound(a.claimedLower)), \(bound(a.claimedUpper))]"
        var text = "\(a.name): \(a.verdict.rawValue), expected \(expected); estimate \(a.estimate), "
            + "interval [\(a.lower), \(a.upper)] (\(a.rule)) vs claimed region \(claimed), δ = \(a.delta), "
            + "α = \(a.alpha), \(a.samples) samples, seed \(seed)"
        if let note = a.note { text += "; \(note)" }
        return text + "\nre-run: \(rerun)"
    }

    private static func bound(_ x: Double) -> String { x.isInfinite ? (x < 0 ? "−∞" : "∞") : "\(x)" }
}
