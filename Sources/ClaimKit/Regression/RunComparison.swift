import Foundation

/// A run compared with a baseline run (both the JSON of `claims run --json`):
/// the regression check for continuous integration.
///
/// Assertions are matched by claim ID and assertion key. An estimate has *moved* when
/// the two estimates differ by more than the runs' combined statistical
/// uncertainty: for a difference d = current − baseline, the root sum of
/// squares of the baseline's interval side towards the current estimate and
/// the current's side towards the baseline (each interval is a (1 − alpha)
/// confidence interval for Monte Carlo, the value ± its numerical tolerance
/// for deterministic routes). Same seed and unchanged code give identical
/// estimates; another seed moves them within that uncertainty except with a
/// probability of the order of the assertions' alphas. Every verdict change
/// (assertion, claim, corrected form, error; an assertion's with whether
/// each side met its expected verdict), every expected verdict that changed
/// (when both runs recorded one), every interval whose width
/// changed beyond rounding at the same seed and budget (error bars that
/// moved: a different rule, a wrong standard error), every claim whose recorded
/// share of the false-fail budget changed, and every claim or assertion
/// present in one run only is a difference too.
public struct RunComparison: Sendable, Codable, Equatable {
    /// What kind of difference was found (its raw value is what `claims diff` prints and its JSON holds).
    public enum Kind: String, Sendable, Codable {
        /// An assertion's estimate moved beyond the runs' combined uncertainty.
        case estimateMoved = "estimate-moved"
        /// A verdict changed: an assertion's, the claim's, the corrected form's, the expectation, or the check's error.
        case verdictChanged = "verdict-changed"
        /// A claim or assertion of the baseline is missing from the current run.
        case onlyInBaseline = "only-in-baseline"
        /// A claim or assertion of the current run is new (not in the baseline).
        case onlyInCurrent = "only-in-current"
        /// The claim's recorded share of the false-fail budget differs: its
        /// intervals are at other confidence levels (a registry that grew or
        /// shrank, another suite alpha).
        case alphaChanged = "alpha-changed"
        /// At the same seed and budget, an interval's width changed beyond its
        /// rounding: the error bars moved even if the estimate did not.
        case widthChanged = "width-changed"
        /// An assertion's expected verdict changed (a declaration added, removed or changed, or the claim's
        /// expectation changed its default). Compared only when both runs recorded expected verdicts.
        case expectationChanged = "expectation-changed"
    }

    /// One difference; `assertion` is nil for a claim-level one.
    public struct Difference: Sendable, Codable, Equatable {
        /// What kind of difference it is.
        public let kind: Kind
        /// The claim's ID.
        public let claim: String
        /// The assertion's key (numbered "#2", ... when repeated), or nil for a claim-level difference.
        public let assertion: String?
        /// What changed, e.g. "verdict confirmed → inconclusive" or the two estimates with |Δ| and the uncertainty.
        public let detail: String
    }

    /// The seed of the baseline run.
    public let baselineSeed: UInt64
    /// The seed of the current run.
    public let currentSeed: UInt64
    /// The budget tier of the baseline run.
    public let baselineBudget: Budget
    /// The budget tier of the current run.
    public let currentBudget: Budget
    /// Claims and assertions present in both runs.
    public let claimsCompared: Int
    /// Assertions present in both runs (matched by claim ID and key).
    public let assertionsCompared: Int
    /// Every difference, claim by claim in baseline order, then the claims new in the current run.
    public let differences: [Difference]

    /// Compares `current` with `baseline`: claim by claim (by ID), then assertion by assertion (by key).
    public init(baseline: RunReport, current: RunReport) {
        var differences: [Difference] = []
        var claimsCompared = 0, assertionsCompared = 0
        let currentClaims = Dictionary(current.claims.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let baselineIDs = Set(baseline.claims.map(\.id))
        for old in baseline.claims {
            guard let new = currentClaims[old.id] else {
                differences.append(Difference(kind: .onlyInBaseline, claim: old.id, assertion: nil, detail: "claim missing from the current run"))
                continue
            }
            claimsCompared += 1
            differences += Self.claimLevel(old, new)
            let newAssertions = new.keyedAssertions
            let oldAssertions = old.keyedAssertions
            let newByKey = Dictionary(uniqueKeysWithValues: newAssertions.map { ($0.key, $0.assertion) })
            let oldKeys = Set(oldAssertions.map(\.key))
            for (key, a) in oldAssertions {
                guard let b = newByKey[key] else {
                    differences.append(Difference(kind: .onlyInBaseline, claim: old.id, assertion: key, detail: "assertion missing from the current run"))
                    continue
                }
                assertionsCompared += 1
                differences += Self.assertionLevel(old.id, key, a, b, expected: (old.expected(for: a), new.expected(for: b)),
                                                   sameDraws: baseline.seed == current.seed && baseline.budget == current.budget)
            }
            for (key, _) in newAssertions where !oldKeys.contains(key) {
                differences.append(Difference(kind: .onlyInCurrent, claim: old.id, assertion: key, detail: "assertion new in the current run"))
            }
        }
        for new in current.claims where !baselineIDs.contains(new.id) {
            differences.append(Difference(kind: .onlyInCurrent, claim: new.id, assertion: nil, detail: "claim new in the current run"))
        }
        baselineSeed = baseline.seed
        currentSeed = current.seed
        baselineBudget = baseline.budget
        currentBudget = current.budget
        self.claimsCompared = claimsCompared
        self.assertionsCompared = assertionsCompared
        self.differences = differences
    }

    /// The uncertainty of current − baseline: the root sum of squares of the
    /// two interval sides that face each other.
    public static func combinedUncertainty(baseline a: Assertion, current b: Assertion) -> Double {
        let (sideA, sideB) = b.estimate >= a.estimate
            ? (a.upper - a.estimate, b.estimate - b.lower)
            : (a.estimate - a.lower, b.upper - b.estimate)
        return (max(0, sideA) * max(0, sideA) + max(0, sideB) * max(0, sideB)).squareRoot()
    }

    /// Whether the estimate moved beyond the combined uncertainty (NaN against a number counts as moved).
    public static func moved(baseline a: Assertion, current b: Assertion) -> Bool {
        if a.estimate.isNaN || b.estimate.isNaN { return a.estimate.isNaN != b.estimate.isNaN }
        if a.estimate == b.estimate { return false }
        return !(abs(b.estimate - a.estimate) <= combinedUncertainty(baseline: a, current: b))
    }

    private static func claimLevel(_ old: ClaimResult, _ new: ClaimResult) -> [Difference] {
        var found: [Difference] = []
        func change(_ what: String, _ a: String, _ b: String) {
            if a != b { found.append(Difference(kind: .verdictChanged, claim: old.id, assertion: nil, detail: "\(what) \(a) → \(b)")) }
        }
        change("verdict", old.verdict.rawValue, new.verdict.rawValue)
        change("corrected verdict", old.correctedVerdict?.rawValue ?? "none", new.correctedVerdict?.rawValue ?? "none")
        change("expectation", old.expectation, new.expectation)
        change("error", old.error ?? "none", new.error ?? "none")
        if let a = old.alpha, let b = new.alpha, a != b {
            found.append(Difference(kind: .alphaChanged, claim: old.id, assertion: nil, detail: String(
                format: "the claim's share of the false-fail budget %.6g → %.6g: its intervals are at other confidence levels", a, b)))
        }
        return found
    }

    /// The relative change of an interval's width that counts as a change of
    /// its error bars: machines with other BLAS kernels can move a Monte Carlo
    /// width by a few parts in 10⁴ at the same seed (a discrete outcome that
    /// rounding tips), a wrong standard-error formula by tens of percent.
    public static let widthTolerance = 1e-2

    /// Widths below 1e-9 of the estimate's scale are rounding themselves (a
    /// solver's bracket); their changes are not error bars moving.
    public static let widthFloor = 1e-9

    /// Whether the interval's width changed beyond rounding: by more than
    /// `widthTolerance` of itself and more than `widthFloor` × max(1, |estimate|)
    /// (infinite widths must agree).
    public static func widthChanged(baseline a: Assertion, current b: Assertion) -> Bool {
        let (wa, wb) = (a.upper - a.lower, b.upper - b.lower)
        if wa.isNaN || wb.isNaN { return wa.isNaN != wb.isNaN }
        if wa == wb { return false }
        if !wa.isFinite || !wb.isFinite { return true }
        let scale = max(1, abs(a.estimate.isFinite ? a.estimate : 0), abs(b.estimate.isFinite ? b.estimate : 0))
        let change = abs(wb - wa)
        return change > widthTolerance * max(abs(wa), abs(wb)) && change > widthFloor * scale
    }

    /// The differences of one assertion; `expected` holds its expected verdict in each run (recorded, or the
    /// claim's default for a run saved before expectations were recorded).
    private static func assertionLevel(_ claim: String, _ key: String, _ a: Assertion, _ b: Assertion,
                                       expected: (old: ExpectedVerdict, new: ExpectedVerdict),
                                       sameDraws: Bool) -> [Difference] {
        var found: [Difference] = []
        if a.verdict != b.verdict {
            found.append(Difference(kind: .verdictChanged, claim: claim, assertion: key, detail:
                "verdict \(a.verdict.rawValue) → \(b.verdict.rawValue) (\(judgement(a.verdict, expected.old)) → \(judgement(b.verdict, expected.new)))"))
        }
        if let was = a.expected, let now = b.expected, was != now {
            found.append(Difference(kind: .expectationChanged, claim: claim, assertion: key, detail:
                "expected \(was.rawValue) → \(now.rawValue)" + (b.expectedReason.map { " (\($0))" } ?? "")
                + "; verdict \(b.verdict.rawValue) (\(judgement(a.verdict, was)) → \(judgement(b.verdict, now)))"))
        }
        if moved(baseline: a, current: b) {
            let d = abs(b.estimate - a.estimate)
            found.append(Difference(kind: .estimateMoved, claim: claim, assertion: key, detail: String(
                format: "estimate %.10g → %.10g (|Δ| %.3g > combined uncertainty %.3g)",
                a.estimate, b.estimate, d, combinedUncertainty(baseline: a, current: b))))
        }
        if sameDraws && widthChanged(baseline: a, current: b) {
            found.append(Difference(kind: .widthChanged, claim: claim, assertion: key, detail: String(
                format: "interval width %.6g → %.6g at the same seed and budget", a.upper - a.lower, b.upper - b.lower)))
        }
        return found
    }

    /// "meets expected confirmed" or "misses expected refuted": whether `expected` accepts `verdict`.
    private static func judgement(_ verdict: Verdict, _ expected: ExpectedVerdict) -> String {
        (expected.accepts(verdict) ? "meets" : "misses") + " expected \(expected.rawValue)"
    }

    /// Counts of differences by kind.
    public func count(_ kind: Kind) -> Int { differences.count { $0.kind == kind } }
}
