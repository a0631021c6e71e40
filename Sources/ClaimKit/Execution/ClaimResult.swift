/// The outcome of checking one claim: its verdict, whether that is what the
/// project expects, and the evidence.
public struct ClaimResult: Sendable, Codable, Equatable {
    public let id: String
    public let paper: String
    public let location: String
    public let kind: ClaimKind
    /// "holds", "erratum" or "fails".
    public let expectation: String
    /// For an erratum: the printed and the corrected statement.
    public let printed: String?
    public let corrected: String?
    /// For an expected failure: where the claim breaks.
    public let counterexample: String?
    /// The verdict on the statement as printed.
    public let verdict: Verdict
    /// The verdict on the corrected form (errata only).
    public let correctedVerdict: Verdict?
    public let matchesExpectation: Bool
    /// The claim's share of the suite's false-fail budget when it ran (nil in
    /// runs saved before it was recorded): calibrate and diff use it.
    public let alpha: Double?
    public private(set) var seconds: Double
    /// Set when the check itself failed (an error was thrown); the verdict is then inconclusive.
    public let error: String?
    public let assertions: [Assertion]
    public let figures: [Figure]

    /// The result of `claim`'s check: `assertions` and `figures` it recorded, its
    /// wall-clock `seconds`, the `error` it threw (if any) and its share `alpha`.
    public init(claim: Claim, assertions: [Assertion], figures: [Figure], seconds: Double, error: String?,
                alpha: Double? = nil) {
        id = claim.id
        self.alpha = alpha
        paper = claim.paper.key
        location = claim.location
        kind = claim.kind
        expectation = claim.expectation.key
        switch claim.expectation {
        case .holds:
            printed = nil; corrected = nil; counterexample = nil
        case let .erratum(p, c):
            printed = p; corrected = c; counterexample = nil
        case let .fails(c):
            printed = nil; corrected = nil; counterexample = c
        }
        let printedVerdicts = assertions.filter { $0.subject == .asPrinted }.map(\.verdict)
        let correctedVerdicts = assertions.filter { $0.subject == .corrected }.map(\.verdict)
        verdict = error == nil ? (Verdict.combining(printedVerdicts) ?? .inconclusive) : .inconclusive
        correctedVerdict = Verdict.combining(correctedVerdicts)
        self.seconds = seconds
        self.error = error
        self.assertions = assertions
        self.figures = figures
        matchesExpectation = error == nil && ClaimResult.matches(claim.expectation, verdict, correctedVerdict)
    }

    /// holds: confirmed (and any corrected-form assertions confirmed);
    /// fails: refuted; erratum: printed refuted and corrected confirmed.
    static func matches(_ expectation: Expectation, _ verdict: Verdict, _ corrected: Verdict?) -> Bool {
        switch expectation {
        case .holds: verdict == .confirmed && (corrected ?? .confirmed) == .confirmed
        case .fails: verdict == .refuted
        case .erratum: verdict == .refuted && corrected == .confirmed
        }
    }

    /// The assertions keyed by name, a repeated name numbered by occurrence
    /// ("name #2"): how runs are compared assertion by assertion.
    public var keyedAssertions: [(key: String, assertion: Assertion)] {
        var seen: [String: Int] = [:]
        return assertions.map { assertion in
            let n = (seen[assertion.name] ?? 0) + 1
            seen[assertion.name] = n
            return (n == 1 ? assertion.name : "\(assertion.name) #\(n)", assertion)
        }
    }

    /// The same result without wall-clock time, for comparing runs.
    public var timeless: ClaimResult {
        var copy = self
        copy.seconds = 0
        return copy
    }
}

/// The result of a run: the firm JSON of `claims run --json`.
public struct RunReport: Sendable, Codable, Equatable {
    public let seed: UInt64
    public let budget: Budget
    public let suiteAlpha: Double
    public let claims: [ClaimResult]

    public init(seed: UInt64, budget: Budget, suiteAlpha: Double, claims: [ClaimResult]) {
        self.seed = seed
        self.budget = budget
        self.suiteAlpha = suiteAlpha
        self.claims = claims
    }

    /// True when every claim's verdict matches its expectation.
    public var allMatch: Bool { claims.allSatisfy(\.matchesExpectation) }
}
