import GSL

/// Claims re-run under many seeds: how often each verdict differed from its
/// expectation, against the false-fail rate it was given.
///
/// A claim's share of the suite budget bounds the probability that a claim
/// whose expectation is right misses it at one seed, so over N seeds the
/// number of seeds at which *any* calibrated claim missed is at most
/// Binomial(N, B) in distribution, B the sum of the claims' shares (the
/// suite's stated family-wise rate when every claim runs). The calibration
/// reports that count with its exact interval and the one-sided binomial
/// p-value P(K ≥ k | N, B); the rate is consistent with the budget when the
/// p-value is at least `testLevel`. Per assertion, a miss is a verdict other
/// than the expected one: confirmed for the assertions of a claim that holds
/// and for corrected forms (there alpha bounds the miss rate, and an exact
/// binomial test against the assertion's own alpha, Bonferroni-split over
/// those assertions, flags an excess; a deterministic assertion, alpha 0,
/// may never miss); for the as-printed assertions of an erratum or of a
/// failing claim, the verdict most seeds gave (a miss there is a lack of
/// power, which alpha does not bound; it shows in the claim's count).
public struct SeedCalibration: Sendable, Codable, Equatable {
    /// One assertion over the seeds.
    public struct AssertionTally: Sendable, Codable, Equatable {
        public let claim: String
        public let name: String
        public let subject: Subject
        public let alpha: Double
        public let expected: Verdict
        /// Whether alpha bounds the miss rate (expected confirmed).
        public let alphaBoundsMisses: Bool
        public let runs: Int
        public let confirmed: Int
        public let refuted: Int
        public let inconclusive: Int
        /// The smallest and largest estimate over the seeds (nil when none was a number).
        public let estimateMin: Double?
        public let estimateMax: Double?
        /// P(K ≥ misses) for K ~ Binomial(runs, alpha), when alpha bounds the misses.
        public let upperTailProbability: Double?

        public var misses: Int { runs - count(expected) }

        func count(_ verdict: Verdict) -> Int {
            switch verdict {
            case .confirmed: confirmed
            case .refuted: refuted
            case .inconclusive: inconclusive
            }
        }
    }

    /// One claim over the seeds.
    public struct ClaimTally: Sendable, Codable, Equatable {
        public let id: String
        public let expectation: String
        public let runs: Int
        /// The claim's share of the suite budget, as its runs recorded it.
        public let alpha: Double
        /// Seeds at which the claim's verdict differed from its expectation (or the check failed).
        public let mismatchedSeeds: [UInt64]
        /// P(K ≥ mismatches) for K ~ Binomial(runs, the claim's share).
        public let upperTailProbability: Double
    }

    /// The level of the binomial tests.
    public static let testLevel = 0.05

    public let budget: Budget
    public let seeds: [UInt64]
    /// The family-wise budget of the claims calibrated (their shares summed).
    public let familyAlpha: Double
    /// Seeds at which at least one claim's verdict differed from its expectation.
    public let seedsWithMismatch: [UInt64]
    /// The exact two-sided 95% Clopper–Pearson interval of the family-wise miss rate.
    public let familyRateInterval: Interval
    /// P(K ≥ seedsWithMismatch.count) for K ~ Binomial(seeds.count, familyAlpha).
    public let familyUpperTailProbability: Double
    public let claims: [ClaimTally]
    public let assertions: [AssertionTally]
    /// "CLAIM / assertion" for assertions whose misses exceed their alpha.
    public let flaggedAssertions: [String]

    /// The family-wise count is consistent with the budget and no assertion is flagged.
    public var consistentWithBudget: Bool {
        familyUpperTailProbability >= Self.testLevel && flaggedAssertions.isEmpty
    }

    /// Builds the calibration from one run per seed (the JSON of `claims run`),
    /// all at one budget. Each claim's share of the suite budget is the one its
    /// runs recorded; `claimAlpha` stands in for claims of runs saved before
    /// shares were recorded. Throws `ParameterError` for no runs, a repeated
    /// seed, mixed budgets, a claim whose runs recorded different shares, or a
    /// share outside (0, 1) or missing.
    public init(runs: [RunReport], claimAlpha: Double? = nil) throws {
        if let claimAlpha { try Require.openUnit(claimAlpha, "claimAlpha", in: "SeedCalibration") }
        guard let first = runs.first else {
            throw ParameterError("SeedCalibration", parameter: "runs", value: "none", requirement: "at least one run")
        }
        var seen = Set<UInt64>()
        for run in runs {
            guard run.budget == first.budget else {
                throw ParameterError("SeedCalibration", parameter: "budget", value: run.budget.rawValue,
                                     requirement: "the same in every run (\(first.budget.rawValue))")
            }
            guard seen.insert(run.seed).inserted else {
                throw ParameterError("SeedCalibration", parameter: "seed", value: "\(run.seed)", requirement: "one run per seed")
            }
        }
        budget = first.budget
        seeds = runs.map(\.seed)
        claims = try Self.claimTallies(runs, claimAlpha)
        familyAlpha = min(1, claims.reduce(0) { $0 + $1.alpha })
        seedsWithMismatch = runs.filter { !$0.allMatch }.map(\.seed)
        familyRateInterval = try ProportionInterval.clopperPearson(successes: seedsWithMismatch.count, trials: runs.count,
                                                                   alpha: Self.testLevel)
        familyUpperTailProbability = try Distributions.binomialUpperTail(
            atLeast: seedsWithMismatch.count, trials: runs.count, probability: familyAlpha)
        assertions = try Self.assertionTallies(runs)
        let bounded = assertions.filter(\.alphaBoundsMisses)
        let level = Self.testLevel / Double(max(bounded.count, 1))
        flaggedAssertions = bounded.filter { tally in
            tally.alpha == 0 ? tally.misses > 0 : (tally.upperTailProbability ?? 1) < level
        }.map { "\($0.claim) / \($0.name)" }
    }

    private static func claimTallies(_ runs: [RunReport], _ claimAlpha: Double?) throws -> [ClaimTally] {
        var order: [String] = []
        var byID: [String: (expectation: String, alpha: Double, runs: Int, mismatched: [UInt64])] = [:]
        for run in runs {
            for claim in run.claims {
                guard let alpha = claim.alpha ?? claimAlpha else {
                    throw ParameterError("SeedCalibration", parameter: "alpha of \(claim.id)", value: "not recorded",
                                         requirement: "recorded in the run, or given as claimAlpha")
                }
                try Require.openUnit(alpha, "alpha of \(claim.id)", in: "SeedCalibration")
                if byID[claim.id] == nil { order.append(claim.id) }
                var entry = byID[claim.id] ?? (claim.expectation, alpha, 0, [])
                guard entry.alpha == alpha else {
                    throw ParameterError("SeedCalibration", parameter: "alpha of \(claim.id)", value: "\(alpha)",
                                         requirement: "the same in every run (\(entry.alpha))")
                }
                entry.runs += 1
                if !claim.matchesExpectation { entry.mismatched.append(run.seed) }
                byID[claim.id] = entry
            }
        }
        return try order.compactMap { id in
            guard let entry = byID[id] else { return nil }
            let tail = try Distributions.binomialUpperTail(atLeast: entry.mismatched.count, trials: entry.runs,
                                                           probability: entry.alpha)
            return ClaimTally(id: id, expectation: entry.expectation, runs: entry.runs, alpha: entry.alpha,
                              mismatchedSeeds: entry.mismatched,
                              upperTailProbability: tail)
        }
    }

    private struct Counts {
        var subject: Subject, alpha: Double, boundsMisses: Bool
        var verdicts: [Verdict: Int] = [:], low = Double.infinity, high = -Double.infinity, runs = 0
    }

    private static func assertionTallies(_ runs: [RunReport]) throws -> [AssertionTally] {
        var order: [(claim: String, key: String)] = []
        var counts: [String: [String: Counts]] = [:]
        for run in runs {
            for claim in run.claims {
                for (key, assertion) in claim.keyedAssertions {
                    let boundsMisses = claim.expectation == Expectation.holds.key || assertion.subject == .corrected
                    var entry = counts[claim.id]?[key]
                        ?? Counts(subject: assertion.subject, alpha: assertion.alpha, boundsMisses: boundsMisses)
                    if counts[claim.id]?[key] == nil { order.append((claim.id, key)) }
                    entry.runs += 1
                    entry.verdicts[assertion.verdict, default: 0] += 1
                    entry.alpha = max(entry.alpha, assertion.alpha)
                    if !assertion.estimate.isNaN {
                        entry.low = min(entry.low, assertion.estimate)
                        entry.high = max(entry.high, assertion.estimate)
                    }
                    counts[claim.id, default: [:]][key] = entry
                }
            }
        }
        return try order.compactMap { claim, key in
            guard let c = counts[claim]?[key] else { return nil }
            let expected: Verdict = c.boundsMisses
                ? .confirmed
                : Verdict.allCases.max { (c.verdicts[$0] ?? 0) < (c.verdicts[$1] ?? 0) } ?? .refuted
            let misses = c.runs - (c.verdicts[expected] ?? 0)
            let tail = c.boundsMisses && c.alpha > 0
                ? try Distributions.binomialUpperTail(atLeast: misses, trials: c.runs, probability: c.alpha)
                : nil
            return AssertionTally(
                claim: claim, name: key, subject: c.subject, alpha: c.alpha, expected: expected,
                alphaBoundsMisses: c.boundsMisses, runs: c.runs, confirmed: c.verdicts[.confirmed] ?? 0,
                refuted: c.verdicts[.refuted] ?? 0, inconclusive: c.verdicts[.inconclusive] ?? 0,
                estimateMin: c.low.isFinite ? c.low : nil, estimateMax: c.high.isFinite ? c.high : nil,
                upperTailProbability: tail)
        }
    }
}
