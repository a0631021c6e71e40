/// The outcome of checking one claim: its verdict, whether that is what the
/// project expects, and the evidence.
public struct ClaimResult: Sendable, Codable, Equatable {
    /// The claim's ID.
    public let id: String
    /// The key of the claim's paper.
    public let paper: String
    /// Where the claim is printed in the paper.
    public let location: String
    /// The kind of statement.
    public let kind: ClaimKind
    /// "holds", "erratum" or "fails".
    public let expectation: String
    /// For an erratum: the printed and the corrected statement.
    public let printed: String?
    /// For an erratum: the corrected statement.
    public let corrected: String?
    /// For an expected failure: where the claim breaks.
    public let counterexample: String?
    /// The verdict on the statement as printed.
    public let verdict: Verdict
    /// The verdict on the corrected form (errata only).
    public let correctedVerdict: Verdict?
    /// Whether the verdicts are what the expectations say: every assertion's verdict is accepted by its
    /// expected verdict (`expected(for:)`), and the claim-level rule holds — holds: confirmed (with any
    /// corrected assertions confirmed); fails: refuted; erratum: refuted as printed and confirmed corrected.
    /// False when the check failed.
    public let matchesExpectation: Bool
    /// The claim's share of the suite's false-fail budget when it ran (nil in
    /// runs saved before it was recorded): calibrate and diff use it.
    public let alpha: Double?
    /// Wall-clock time of the check, in seconds (0 in `timeless`); claims run side by side share the cores, so it
    /// includes waiting for them.
    public private(set) var seconds: Double
    /// Set when the check itself failed (an error was thrown); the verdict is then inconclusive.
    public let error: String?
    /// The evidence, in the order the check recorded it.
    public let assertions: [Assertion]
    /// The figures the check attached.
    public let figures: [Figure]

    /// The result of `claim`'s check: `assertions` and `figures` it recorded, its
    /// wall-clock `seconds`, the `error` it threw (if any), its share `alpha`, and the exceptions to the
    /// default expected verdicts it declared, by key. Every assertion gets its expected verdict: the
    /// declared one (with its reason), else the default for its subject and the claim's expectation.
    public init(claim: Claim, assertions: [Assertion], figures: [Figure], seconds: Double, error: String?,
                alpha: Double? = nil, declaredExpectations: [String: DeclaredExpectation] = [:]) {
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
        let expectation = claim.expectation.key
        self.assertions = assertions.map { a in
            declaredExpectations[a.key].map { a.expecting($0.verdict, reason: $0.reason) }
                ?? a.expecting(.defaultFor(a.subject, claimExpectation: expectation), reason: nil)
        }
        self.figures = figures
        matchesExpectation = Self.match(expectation: expectation, verdict, correctedVerdict, error: error,
                                        assertions: self.assertions) == true
    }

    /// The verdict expected of `assertion` (one of this result's): the one it recorded, else (a run saved
    /// before expectations were recorded) the default for its subject and the claim's expectation, which
    /// reports and comparisons show but which does not decide the saved run's match.
    public func expected(for assertion: Assertion) -> ExpectedVerdict {
        assertion.expected ?? .defaultFor(assertion.subject, claimExpectation: expectation)
    }

    /// The assertions whose recorded expected verdict does not accept their verdict, in order (none in a
    /// run saved before expectations were recorded).
    public var mismatchedAssertions: [Assertion] { assertions.filter(Self.missesExpectation) }

    /// Whether `assertion` recorded an expected verdict that does not accept its verdict.
    private static func missesExpectation(_ assertion: Assertion) -> Bool {
        assertion.expected.map { !$0.accepts(assertion.verdict) } ?? false
    }

    /// Whether a claim with expectation `key`, these verdicts, `error` and `assertions` matches: no error,
    /// the claim-level rule (`matches(expectation:_:_:)`) and every recorded expected verdict accepting its
    /// assertion's verdict (a run saved before expectations were recorded is judged by the claim-level rule
    /// alone, as it was when saved). Nil for an unknown expectation key.
    private static func match(expectation key: String, _ verdict: Verdict, _ corrected: Verdict?, error: String?,
                              assertions: [Assertion]) -> Bool? {
        guard let claimLevel = matches(expectation: key, verdict, corrected) else { return nil }
        return error == nil && claimLevel && !assertions.contains(where: missesExpectation)
    }

    /// `matches` for an expectation given by its key ("holds", "erratum", "fails"); nil for another key.
    static func matches(expectation key: String, _ verdict: Verdict, _ corrected: Verdict?) -> Bool? {
        switch key {
        case Expectation.holds.key: verdict == .confirmed && (corrected ?? .confirmed) == .confirmed
        case "fails": verdict == .refuted
        case "erratum": verdict == .refuted && corrected == .confirmed
        default: nil
        }
    }

    /// What `matchesExpectation` must be given the expectation, the verdicts, each assertion's recorded
    /// expected verdict and the error: false when the check failed or an assertion's verdict is not the
    /// expected one; nil for an unknown expectation.
    public var recomputedMatch: Bool? {
        Self.match(expectation: expectation, verdict, correctedVerdict, error: error, assertions: assertions)
    }

    private enum CodingKeys: String, CodingKey {
        case id, paper, location, kind, expectation, printed, corrected, counterexample, verdict, correctedVerdict
        case matchesExpectation, alpha, seconds, error, assertions, figures
    }

    /// Decodes a saved result. Only the firm fields (DESIGN.md: id, paper,
    /// expectation, verdict, seconds, assertions) are required; a missing
    /// extension field takes a default: no location, kind `empirical`, no
    /// statements, errors or figures, the share of alpha unrecorded, the
    /// corrected verdict combined from the corrected-form assertions,
    /// `matchesExpectation` recomputed from the verdicts and the expectations
    /// (`recomputedMatch`), and each assertion's expected verdict left
    /// unrecorded (`expected(for:)` gives the default).
    /// A recorded `matchesExpectation` is kept as recorded (`RunReport.problems`
    /// flags one that contradicts the verdicts). Throws `DecodingError` for a
    /// missing or mistyped field.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        paper = try c.decode(String.self, forKey: .paper)
        location = try c.decodeIfPresent(String.self, forKey: .location) ?? ""
        kind = try c.decodeIfPresent(ClaimKind.self, forKey: .kind) ?? .empirical
        expectation = try c.decode(String.self, forKey: .expectation)
        printed = try c.decodeIfPresent(String.self, forKey: .printed)
        corrected = try c.decodeIfPresent(String.self, forKey: .corrected)
        counterexample = try c.decodeIfPresent(String.self, forKey: .counterexample)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        assertions = try c.decode([Assertion].self, forKey: .assertions)
        correctedVerdict = c.contains(.correctedVerdict)
            ? try c.decodeIfPresent(Verdict.self, forKey: .correctedVerdict)
            : Verdict.combining(assertions.filter { $0.subject == .corrected }.map(\.verdict))
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha)
        seconds = try c.decode(Double.self, forKey: .seconds)
        error = try c.decodeIfPresent(String.self, forKey: .error)
        figures = try c.decodeIfPresent([Figure].self, forKey: .figures) ?? []
        matchesExpectation = try c.decodeIfPresent(Bool.self, forKey: .matchesExpectation)
            ?? (Self.match(expectation: expectation, verdict, correctedVerdict, error: error, assertions: assertions) == true)
    }

    /// The assertions by their stable key, a repeated key numbered by
    /// occurrence ("key #2"): how runs are compared assertion by assertion.
    public var keyedAssertions: [(key: String, assertion: Assertion)] {
        var seen: [String: Int] = [:]
        return assertions.map { assertion in
            let n = (seen[assertion.key] ?? 0) + 1
            seen[assertion.key] = n
            return (n == 1 ? assertion.key : "\(assertion.key) #\(n)", assertion)
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
    /// The suite seed of the run.
    public let seed: UInt64
    /// The budget tier of the run.
    public let budget: Budget
    /// The suite's family-wise false-fail rate the run's shares were split from.
    public let suiteAlpha: Double
    /// One result per claim run, in run order.
    public let claims: [ClaimResult]

    /// A run at `seed` and `budget` whose claims shared `suiteAlpha`.
    public init(seed: UInt64, budget: Budget, suiteAlpha: Double, claims: [ClaimResult]) {
        self.seed = seed
        self.budget = budget
        self.suiteAlpha = suiteAlpha
        self.claims = claims
    }

    private enum CodingKeys: String, CodingKey {
        case seed, budget, suiteAlpha, claims
    }

    /// Decodes a saved run; only the firm fields (seed, budget, claims) are
    /// required, a missing `suiteAlpha` reads as the default
    /// (`ErrorBudget.defaultSuiteAlpha`). Throws `DecodingError` for a missing
    /// or mistyped field; `problems` lists what decodes but is inconsistent.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(UInt64.self, forKey: .seed)
        budget = try c.decode(Budget.self, forKey: .budget)
        suiteAlpha = try c.decodeIfPresent(Double.self, forKey: .suiteAlpha) ?? ErrorBudget.defaultSuiteAlpha
        claims = try c.decode([ClaimResult].self, forKey: .claims)
    }

    /// What makes a decoded run inconsistent, each naming its field
    /// ("claims[2] (ID).assertions[0] (key).lower"): no claims, a claim ID
    /// twice, a suite alpha outside (0, 1), a claim's share outside (0, 1), an
    /// unknown expectation, a `matchesExpectation` that contradicts the
    /// verdicts and the assertions' expected verdicts (recomputed by
    /// `recomputedMatch`), an expected verdict `either` without its reason, an assertion whose interval is reversed or does not contain
    /// its estimate, a negative resolution, a negative sample count, or
    /// an alpha outside [0, 1) (0 is a deterministic assertion). A NaN
    /// estimate (null in JSON) and infinite interval sides (null) are
    /// legitimate. Empty for every run the `Runner` produces.
    public var problems: [String] {
        var found: [String] = []
        if !(suiteAlpha > 0 && suiteAlpha < 1) { found.append("suiteAlpha: \(suiteAlpha) is not in (0, 1)") }
        if claims.isEmpty { found.append("claims: empty, a run must have at least one claim") }
        var seen: [String: Int] = [:]
        for (i, claim) in claims.enumerated() {
            let place = "claims[\(i)] (\(Self.quoted(claim.id)))"
            if let first = seen[claim.id] {
                found.append("\(place).id: the claim appears twice (also claims[\(first)])")
            } else {
                seen[claim.id] = i
            }
            if let alpha = claim.alpha, !(alpha > 0 && alpha < 1) {
                found.append("\(place).alpha: \(alpha) is not in (0, 1)")
            }
            if let match = claim.recomputedMatch {
                if match != claim.matchesExpectation {
                    found.append("\(place).matchesExpectation: \(claim.matchesExpectation) contradicts expectation "
                        + "\(claim.expectation) with verdict \(claim.verdict.rawValue)"
                        + (claim.correctedVerdict.map { ", corrected verdict \($0.rawValue)" } ?? "")
                        + Self.mismatchText(claim.mismatchedAssertions.count)
                        + (claim.error == nil ? "" : " and an error"))
                }
            } else {
                found.append("\(place).expectation: \(Self.quoted(claim.expectation)) is not holds, erratum or fails")
            }
            for (j, a) in claim.assertions.enumerated() {
                let field = "\(place).assertions[\(j)] (\(Self.quoted(a.key)))"
                // NaN sides are what null reads as elsewhere: infinite.
                let lower = a.lower.isNaN ? -.infinity : a.lower, upper = a.upper.isNaN ? .infinity : a.upper
                if lower > upper {
                    found.append("\(field).lower: \(lower) > upper \(upper), the interval is reversed")
                } else if !a.estimate.isNaN && !(lower <= a.estimate && a.estimate <= upper) {
                    found.append("\(field).estimate: \(a.estimate) is outside its interval [\(lower), \(upper)]")
                }
                if a.delta < 0 { found.append("\(field).delta: \(a.delta) is negative") }
                if a.samples < 0 { found.append("\(field).samples: \(a.samples) is negative") }
                if !(a.alpha >= 0 && a.alpha < 1) { found.append("\(field).alpha: \(a.alpha) is not in [0, 1)") }
                if a.expected == .either && (a.expectedReason ?? "").allSatisfy(\.isWhitespace) {
                    found.append("\(field).expectedReason: missing, an expected verdict 'either' needs its reason")
                }
            }
        }
        return found
    }

    /// ", N assertions off their expected verdict" (nothing for none).
    private static func mismatchText(_ count: Int) -> String {
        count == 0 ? "" : ", \(count) assertion\(count == 1 ? "" : "s") off \(count == 1 ? "its" : "their") expected verdict"
    }

    /// `text` in single quotes, control characters escaped (file contents are echoed in one line).
    private static func quoted(_ text: String) -> String {
        "'" + text.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\t": "\\t"
            case "\r": "\\r"
            default:
                scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                    : String(scalar)
            }
        }.joined() + "'"
    }

    /// True when every claim's verdict matches its expectation.
    public var allMatch: Bool { claims.allSatisfy(\.matchesExpectation) }
}
