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
/// p-value is at least `testLevel`. Per assertion, a miss is a verdict its
/// expected verdict (`ClaimResult.expected(for:)`) does not accept. Where it
/// expects confirmed, alpha bounds the miss rate, and an exact binomial test
/// against the assertion's own alpha, Bonferroni-split over those assertions,
/// flags an excess (a deterministic assertion, alpha 0, may never miss);
/// where it expects refuted, a miss is a lack of power, which alpha does not
/// bound; `either` accepts every verdict. Each claim counts its assertions'
/// misses over the seeds (`ClaimTally.assertionMismatches`).
public struct SeedCalibration: Sendable, Codable, Equatable {
    /// One assertion over the seeds.
    public struct AssertionTally: Sendable, Codable, Equatable {
        /// The claim's ID.
        public let claim: String
        /// The assertion's key within the claim (numbered "#2", ... when repeated), as runs are matched.
        public let name: String
        /// As printed or corrected.
        public let subject: Subject
        /// The false-fail rate the assertion spent (the largest over the seeds; 0 for a deterministic one).
        public let alpha: Double
        /// The assertion's expected verdict (the first run's): a verdict it accepts is a hit.
        public let expected: ExpectedVerdict
        /// Whether alpha bounds the miss rate (expected confirmed).
        public let alphaBoundsMisses: Bool
        /// The seeds at which the assertion was recorded.
        public let runs: Int
        /// Seeds at which it was confirmed.
        public let confirmed: Int
        /// Seeds at which it was refuted.
        public let refuted: Int
        /// Seeds at which it was inconclusive.
        public let inconclusive: Int
        /// The smallest and largest estimate over the seeds (nil when none was a number).
        public let estimateMin: Double?
        /// The largest estimate over the seeds (nil when none was a number).
        public let estimateMax: Double?
        /// P(K ≥ misses) for K ~ Binomial(runs, alpha), when alpha bounds the misses.
        public internal(set) var upperTailProbability: Double?

        /// Seeds at which `expected` did not accept the verdict.
        public var misses: Int {
            runs - [(Verdict.confirmed, confirmed), (.refuted, refuted), (.inconclusive, inconclusive)]
                .filter { expected.accepts($0.0) }.reduce(0) { $0 + $1.1 }
        }
    }

    /// One claim over the seeds.
    public struct ClaimTally: Sendable, Codable, Equatable {
        /// The claim's ID.
        public let id: String
        /// "holds", "erratum" or "fails".
        public let expectation: String
        /// The seeds at which the claim ran.
        public let runs: Int
        /// The claim's share of the suite budget, as its runs recorded it.
        public let alpha: Double
        /// Seeds at which the claim's verdict differed from its expectation (or the check failed).
        public let mismatchedSeeds: [UInt64]
        /// Assertion verdicts their expected verdict did not accept, summed over the seeds.
        public let assertionMismatches: Int
        /// P(K ≥ mismatches) for K ~ Binomial(runs, the claim's share).
        public let upperTailProbability: Double
    }

    /// The level of the binomial tests.
    public static let testLevel = 0.05

    /// The budget tier every run used.
    public let budget: Budget
    /// The runs' seeds, in the order given.
    public let seeds: [UInt64]
    /// The family-wise budget of the claims calibrated (their shares summed).
    public let familyAlpha: Double
    /// Seeds at which at least one claim's verdict differed from its expectation.
    public let seedsWithMismatch: [UInt64]
    /// The exact two-sided 95% Clopper–Pearson interval of the family-wise miss rate.
    public let familyRateInterval: Interval
    /// P(K ≥ seedsWithMismatch.count) for K ~ Binomial(seeds.count, familyAlpha).
    public let familyUpperTailProbability: Double
    /// One tally per claim, in the order the claims first appear.
    public let claims: [ClaimTally]
    /// One tally per assertion, in the order they first appear.
    public let assertions: [AssertionTally]
    /// "CLAIM / assertion" for assertions whose misses exceed their alpha.
    public let flaggedAssertions: [String]

    /// The family-wise count is consistent with the budget and no assertion is flagged.
    public var consistentWithBudget: Bool {
        familyUpperTailProbability >= Self.testLevel && flaggedAssertions.isEmpty
    }

    /// Builds the calibration from one run per seed (the JSON of `claims run`),
    /// all at one budget and over one set of claims. Each claim's share of the
    /// suite budget is the one its runs recorded; `claimAlpha` stands in for
    /// claims of runs saved before shares were recorded. Throws
    /// `ParameterError` for no runs, a repeated seed, mixed budgets, runs over
    /// different claims, a claim whose runs recorded different shares, or a
    /// share outside (0, 1) or missing. The runs are tallied one at a time
    /// (see `Accumulator`).
    public init(runs: [RunReport], claimAlpha: Double? = nil) throws {
        var accumulator = try Accumulator(claimAlpha: claimAlpha)
        for run in runs { try accumulator.add(run) }
        self = try accumulator.calibration()
    }

    init(budget: Budget, seeds: [UInt64], seedsWithMismatch: [UInt64], claims: [ClaimTally],
         assertions: [AssertionTally]) throws {
        self.budget = budget
        self.seeds = seeds
        self.claims = claims
        familyAlpha = min(1, claims.reduce(0) { $0 + $1.alpha })
        self.seedsWithMismatch = seedsWithMismatch
        familyRateInterval = try ProportionInterval.clopperPearson(successes: seedsWithMismatch.count, trials: seeds.count,
                                                                   alpha: Self.testLevel)
        familyUpperTailProbability = try Distributions.binomialUpperTail(
            atLeast: seedsWithMismatch.count, trials: seeds.count, probability: familyAlpha)
        self.assertions = assertions
        let bounded = assertions.filter(\.alphaBoundsMisses)
        let level = Self.testLevel / Double(max(bounded.count, 1))
        flaggedAssertions = bounded.filter { tally in
            tally.alpha == 0 ? tally.misses > 0 : (tally.upperTailProbability ?? 1) < level
        }.map { "\($0.claim) / \($0.name)" }
    }
}

extension SeedCalibration {
    /// Builds a calibration one run at a time, keeping only tallies: counts of
    /// verdicts per claim and assertion, the extreme estimates, and the seeds
    /// (and the seeds at which something missed), so its memory does not grow
    /// with the runs' evidence. `claims calibrate` feeds it each seed's run as
    /// it finishes, and each saved run as it is read.
    ///
    /// ```swift
    /// var accumulator = try SeedCalibration.Accumulator()
    /// for seed in seeds { try accumulator.add(runner(seed).run(claims)) }
    /// let calibration = try accumulator.calibration()
    /// ```
    public struct Accumulator: Sendable {
        private struct ClaimCounts: Sendable {
            var expectation: String, alpha: Double, runs = 0, mismatched: [UInt64] = [], assertionMismatches = 0
        }

        private struct AssertionCounts: Sendable {
            var subject: Subject, alpha: Double, expected: ExpectedVerdict
            var confirmed = 0, refuted = 0, inconclusive = 0, low = Double.infinity, high = -Double.infinity, runs = 0

            mutating func record(_ assertion: Assertion) {
                runs += 1
                switch assertion.verdict {
                case .confirmed: confirmed += 1
                case .refuted: refuted += 1
                case .inconclusive: inconclusive += 1
                }
                alpha = max(alpha, assertion.alpha)
                if !assertion.estimate.isNaN {
                    low = min(low, assertion.estimate)
                    high = max(high, assertion.estimate)
                }
            }
        }

        private let claimAlpha: Double?
        private var budget: Budget?
        private var claimIDs: Set<String> = []
        private var seedSet: Set<UInt64> = []
        /// The seeds of the runs added, in order.
        public private(set) var seeds: [UInt64] = []
        /// The seeds of the runs added at which a claim's verdict differed from its expectation.
        public private(set) var seedsWithMismatch: [UInt64] = []
        private var claimOrder: [String] = []
        private var claimCounts: [String: ClaimCounts] = [:]
        private var assertionOrder: [(claim: String, key: String)] = []
        private var assertionCounts: [String: [String: AssertionCounts]] = [:]

        /// An empty accumulator; `claimAlpha` stands in for the share of claims
        /// whose runs did not record one. Throws `ParameterError` unless it is in (0, 1).
        public init(claimAlpha: Double? = nil) throws {
            if let claimAlpha { try Require.openUnit(claimAlpha, "claimAlpha", in: "SeedCalibration") }
            self.claimAlpha = claimAlpha
        }

        /// The number of runs added.
        public var count: Int { seeds.count }

        /// Tallies `run`. `claimAlpha` stands in (for this run) for claims that
        /// did not record a share, before the accumulator's own. Throws
        /// `ParameterError`, leaving the tallies unchanged, for a seed already
        /// added, another budget or another set of claims than the first run's,
        /// a run without claims or with a claim twice, a share missing, outside
        /// (0, 1) or other than the one earlier runs recorded.
        public mutating func add(_ run: RunReport, claimAlpha runAlpha: Double? = nil) throws {
            if let runAlpha { try Require.openUnit(runAlpha, "claimAlpha", in: "SeedCalibration") }
            if let budget, run.budget != budget {
                throw ParameterError("SeedCalibration", parameter: "budget", value: run.budget.rawValue,
                                     requirement: "the same in every run (\(budget.rawValue))")
            }
            guard !seedSet.contains(run.seed) else {
                throw ParameterError("SeedCalibration", parameter: "seed", value: "\(run.seed)", requirement: "one run per seed")
            }
            guard !run.claims.isEmpty else {
                throw ParameterError("SeedCalibration", parameter: "claims", value: "none", requirement: "at least one claim per run")
            }
            let ids = run.claims.map(\.id)
            let idSet = Set(ids)
            guard idSet.count == ids.count else {
                let repeated = ids.first { id in ids.count { $0 == id } > 1 } ?? ""
                throw ParameterError("SeedCalibration", parameter: "claims", value: "\(repeated) twice",
                                     requirement: "each claim once per run")
            }
            if !claimIDs.isEmpty && idSet != claimIDs {
                let extra = idSet.subtracting(claimIDs).sorted(), missing = claimIDs.subtracting(idSet).sorted()
                let what = (extra.isEmpty ? [] : ["\(extra.count) new (\(Self.sample(extra)))"])
                    + (missing.isEmpty ? [] : ["\(missing.count) missing (\(Self.sample(missing)))"])
                throw ParameterError("SeedCalibration", parameter: "claims of seed \(run.seed)",
                                     value: what.joined(separator: ", "),
                                     requirement: "the same claims in every run (\(claimIDs.count) in the first)")
            }
            var alphas: [String: Double] = [:]
            for claim in run.claims {
                guard let alpha = claim.alpha ?? runAlpha ?? claimAlpha else {
                    throw ParameterError("SeedCalibration", parameter: "alpha of \(claim.id)", value: "not recorded",
                                         requirement: "recorded in the run, or given as claimAlpha")
                }
                try Require.openUnit(alpha, "alpha of \(claim.id)", in: "SeedCalibration")
                if let earlier = claimCounts[claim.id], earlier.alpha != alpha {
                    throw ParameterError("SeedCalibration", parameter: "alpha of \(claim.id)", value: "\(alpha)",
                                         requirement: "the same in every run (\(earlier.alpha))")
                }
                alphas[claim.id] = alpha
            }
            // Checked: from here on nothing throws.
            budget = run.budget
            claimIDs = idSet
            seedSet.insert(run.seed)
            seeds.append(run.seed)
            if !run.allMatch { seedsWithMismatch.append(run.seed) }
            for claim in run.claims {
                if claimCounts[claim.id] == nil {
                    claimOrder.append(claim.id)
                    claimCounts[claim.id] = ClaimCounts(expectation: claim.expectation, alpha: alphas[claim.id] ?? 0)
                }
                claimCounts[claim.id]?.runs += 1
                if !claim.matchesExpectation { claimCounts[claim.id]?.mismatched.append(run.seed) }
                claimCounts[claim.id]?.assertionMismatches += claim.mismatchedAssertions.count
                for (key, assertion) in claim.keyedAssertions {
                    if assertionCounts[claim.id]?[key] == nil {
                        assertionOrder.append((claim.id, key))
                        assertionCounts[claim.id, default: [:]][key] = AssertionCounts(
                            subject: assertion.subject, alpha: assertion.alpha, expected: claim.expected(for: assertion))
                    }
                    assertionCounts[claim.id]?[key]?.record(assertion)
                }
            }
        }

        /// The calibration of the runs added so far. Throws `ParameterError` when none was.
        public func calibration() throws -> SeedCalibration {
            guard let budget, !seeds.isEmpty else {
                throw ParameterError("SeedCalibration", parameter: "runs", value: "none", requirement: "at least one run")
            }
            let claims = try claimOrder.compactMap { id -> ClaimTally? in
                guard let c = claimCounts[id] else { return nil }
                let tail = try Distributions.binomialUpperTail(atLeast: c.mismatched.count, trials: c.runs, probability: c.alpha)
                return ClaimTally(id: id, expectation: c.expectation, runs: c.runs, alpha: c.alpha,
                                  mismatchedSeeds: c.mismatched, assertionMismatches: c.assertionMismatches,
                                  upperTailProbability: tail)
            }
            let assertions = try assertionOrder.compactMap { claim, key -> AssertionTally? in
                guard let c = assertionCounts[claim]?[key] else { return nil }
                let boundsMisses = c.expected == .confirmed
                var tally = AssertionTally(
                    claim: claim, name: key, subject: c.subject, alpha: c.alpha, expected: c.expected,
                    alphaBoundsMisses: boundsMisses, runs: c.runs, confirmed: c.confirmed, refuted: c.refuted,
                    inconclusive: c.inconclusive, estimateMin: c.low.isFinite ? c.low : nil,
                    estimateMax: c.high.isFinite ? c.high : nil, upperTailProbability: nil)
                if boundsMisses && c.alpha > 0 {
                    tally.upperTailProbability = try Distributions.binomialUpperTail(
                        atLeast: tally.misses, trials: c.runs, probability: c.alpha)
                }
                return tally
            }
            return try SeedCalibration(budget: budget, seeds: seeds, seedsWithMismatch: seedsWithMismatch, claims: claims,
                                       assertions: assertions)
        }

        private static func sample(_ ids: [String]) -> String {
            ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
        }
    }
}
