/// How a number was obtained.
public enum Route: String, Sendable, Codable, CaseIterable {
    /// A closed-form expression evaluated directly (its only error is rounding).
    case closedForm = "closed-form"
    /// Numerical integration (QUADPACK through GSL, Gauss–Hermite rules), with the integrator's error estimate.
    case quadrature
    /// Exact enumeration of a finite set of cases.
    case enumeration
    /// Random sampling, with a confidence interval at the assertion's alpha.
    case monteCarlo = "monte-carlo"
    /// A bracketing root finder (Brent), its final bracket as the error.
    case rootFinding = "root-finding"
    /// An iterative solver run to a stated tolerance (power iteration, an SVM's
    /// dual coordinate ascent), its residual or duality gap as the error.
    case iterativeSolver = "iterative-solver"
}

/// One piece of evidence: an estimate, the interval it supports, the region
/// the statement claims, and the verdict with its error rate.
public struct Assertion: Sendable, Codable, Equatable {
    /// The assertion's stable identity within its claim: what `claims diff`,
    /// `claims calibrate` and the baseline match runs by, and the label of the
    /// random streams it draws from. Rewording `name` changes neither.
    public let key: String
    /// The text the report shows (the key unless a description was given).
    public let name: String
    /// The route of the estimate.
    public let route: Route
    /// The route of the reference value, when it is computed (closed form vs quadrature).
    public let referenceRoute: Route?
    /// Whether it tests the statement as printed or the corrected form of an erratum.
    public let subject: Subject
    /// The decision rule that produced the interval (e.g. "t-interval").
    public let rule: String
    /// The computed value (point estimate).
    public let estimate: Double
    /// The claimed value, or the finite bound of a one-sided claim.
    public let reference: Double
    /// The lower end of the interval: the (1 - alpha) confidence interval, or for a deterministic
    /// route estimate ± tolerance (−∞ is encoded as null).
    public let lower: Double
    /// The interval's upper end (+∞ is encoded as null).
    public let upper: Double
    /// The claimed region's lower end (−∞ for an upper bound; infinite ends are encoded as null).
    public let claimedLower: Double
    /// The claimed region's upper end (+∞ for a lower bound).
    public let claimedUpper: Double
    /// Resolution: the smallest deviation that matters.
    public let delta: Double
    /// The false-fail rate this assertion spends (0 for deterministic ones).
    public let alpha: Double
    /// Samples drawn (Monte Carlo), grid points or function evaluations.
    public let samples: Int
    /// `region.decide(interval, delta:)`: confirmed, refuted or inconclusive.
    public let verdict: Verdict
    /// A deviation from the claimed region at least this large would be refuted
    /// with probability at least 1 - alpha (the interval's full width).
    public let minimalDetectableDeviation: Double
    /// Anything a reader needs to judge the evidence (a cap reached, a widened interval), or nil.
    public let note: String?
    /// Whether the claimed region (a threshold, a band, a reading of a vague word) was chosen after seeing
    /// data: set by `ClaimContext.recordingPostHoc`, shown with a marker in the report, `postHoc: true` in
    /// the run JSON (absent means false).
    public internal(set) var postHoc = false
    /// The verdict the project expects of this assertion (see `ExpectedVerdict`). A `ClaimResult` sets it
    /// on every assertion: a declared exception, else the default for the subject and the claim's
    /// expectation. Nil on an assertion no result has resolved yet, and in a run saved before expectations
    /// were recorded (then `ClaimResult.expected(for:)` gives the default).
    public private(set) var expected: ExpectedVerdict?
    /// Why the expectation differs from the default; nil for a default expectation.
    public private(set) var expectedReason: String?

    /// Evidence named `name` (matched across runs by `key`, which defaults to
    /// `name`), decided by `region.decide(interval, delta:)`.
    public init(
        name: String, key: String? = nil, route: Route, referenceRoute: Route? = nil, subject: Subject, rule: String,
        estimate: Double, interval: Interval, region: ClaimedRegion, delta: Double, alpha: Double,
        samples: Int, note: String? = nil
    ) {
        self.key = key ?? name
        self.name = name
        self.route = route
        self.referenceRoute = referenceRoute
        self.subject = subject
        self.rule = rule
        self.estimate = estimate
        self.reference = region.reference
        self.lower = interval.lower
        self.upper = interval.upper
        self.claimedLower = region.lower
        self.claimedUpper = region.upper
        self.delta = delta
        self.alpha = alpha
        self.samples = samples
        self.verdict = region.decide(interval, delta: delta)
        self.minimalDetectableDeviation = interval.width
        self.note = note
    }

    /// The same assertion expecting `verdict` (for the `reason` given when it is a declared exception,
    /// nil when it is the default).
    public func expecting(_ verdict: ExpectedVerdict, reason: String?) -> Assertion {
        var copy = self
        copy.expected = verdict
        copy.expectedReason = reason
        return copy
    }

    /// The interval [lower, upper].
    public var interval: Interval { Interval(lower: lower, upper: upper) }
    /// The claimed region [claimedLower, claimedUpper].
    public var region: ClaimedRegion { ClaimedRegion(lower: claimedLower, upper: claimedUpper) }

    /// The same evidence (estimate, interval, resolution, alpha) judged against
    /// `region` under another key (shown as `description`, else the key) and
    /// subject: the verdict is decided anew.
    public func judged(as key: String, description: String? = nil, subject: Subject, against region: ClaimedRegion,
                       note extra: String? = nil) -> Assertion {
        let notes = [note, extra].compactMap { $0 }
        var judged = Assertion(name: description ?? key, key: key, route: route, referenceRoute: referenceRoute, subject: subject,
                               rule: rule, estimate: estimate, interval: interval, region: region, delta: delta, alpha: alpha,
                               samples: samples, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        judged.postHoc = postHoc
        return judged
    }

    enum CodingKeys: String, CodingKey {
        case key, name, route, referenceRoute, subject, rule, estimate, reference, lower, upper
        case claimedLower, claimedUpper, delta, alpha, samples, verdict, minimalDetectableDeviation, note, postHoc
        case expected, expectedReason
    }

    /// Encodes the firm JSON of `claims run --json`: non-finite numbers (infinite bounds, NaN) as null.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(name, forKey: .name)
        try c.encode(route, forKey: .route)
        try c.encodeIfPresent(referenceRoute, forKey: .referenceRoute)
        try c.encode(subject, forKey: .subject)
        try c.encode(rule, forKey: .rule)
        try c.encode(JSONNumber(estimate), forKey: .estimate)
        try c.encode(JSONNumber(reference), forKey: .reference)
        try c.encode(JSONNumber(lower), forKey: .lower)
        try c.encode(JSONNumber(upper), forKey: .upper)
        try c.encode(JSONNumber(claimedLower), forKey: .claimedLower)
        try c.encode(JSONNumber(claimedUpper), forKey: .claimedUpper)
        try c.encode(JSONNumber(delta), forKey: .delta)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(samples, forKey: .samples)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(JSONNumber(minimalDetectableDeviation), forKey: .minimalDetectableDeviation)
        try c.encodeIfPresent(note, forKey: .note)
        if postHoc { try c.encode(postHoc, forKey: .postHoc) }
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(expectedReason, forKey: .expectedReason)
    }

    /// Decodes a saved assertion; a null lower (upper) bound reads as −∞ (+∞), and a run saved before keys
    /// existed takes its name as the key. Only the firm fields (DESIGN.md: name, route, estimate, reference,
    /// lower, upper, delta, alpha, samples) are required; a missing extension field takes a default: the
    /// subject as printed, the claimed region the reference as a point (the whole line for a null reference),
    /// the verdict decided anew from the interval, region and delta, the minimal detectable deviation the
    /// interval's width, the rule "not recorded", post hoc false, no expected verdict (the claim's default
    /// applies, see `ClaimResult.expected(for:)`). Throws `DecodingError` for a missing or mistyped field.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? name // runs saved before keys matched by name
        route = try c.decode(Route.self, forKey: .route)
        referenceRoute = try c.decodeIfPresent(Route.self, forKey: .referenceRoute)
        subject = try c.decodeIfPresent(Subject.self, forKey: .subject) ?? .asPrinted
        rule = try c.decodeIfPresent(String.self, forKey: .rule) ?? "not recorded"
        estimate = try c.decode(JSONNumber.self, forKey: .estimate).value
        reference = try c.decode(JSONNumber.self, forKey: .reference).value
        lower = try c.decodeIfPresent(JSONNumber.self, forKey: .lower)?.value ?? -.infinity
        upper = try c.decodeIfPresent(JSONNumber.self, forKey: .upper)?.value ?? .infinity
        // A missing claimed region (a file with the firm fields only) is the reference as a point; a null side is infinite.
        claimedLower = c.contains(.claimedLower)
            ? try c.decodeIfPresent(JSONNumber.self, forKey: .claimedLower)?.value ?? -.infinity
            : reference.isNaN ? -.infinity : reference
        claimedUpper = c.contains(.claimedUpper)
            ? try c.decodeIfPresent(JSONNumber.self, forKey: .claimedUpper)?.value ?? .infinity
            : reference.isNaN ? .infinity : reference
        delta = try c.decode(JSONNumber.self, forKey: .delta).value
        alpha = try c.decode(Double.self, forKey: .alpha)
        samples = try c.decode(Int.self, forKey: .samples)
        verdict = try c.decodeIfPresent(Verdict.self, forKey: .verdict)
            ?? ClaimedRegion(lower: claimedLower, upper: claimedUpper).decide(Interval(lower: lower, upper: upper), delta: delta)
        minimalDetectableDeviation = c.contains(.minimalDetectableDeviation)
            ? try c.decode(JSONNumber.self, forKey: .minimalDetectableDeviation).value
            : upper - lower
        note = try c.decodeIfPresent(String.self, forKey: .note)
        postHoc = try c.decodeIfPresent(Bool.self, forKey: .postHoc) ?? false
        expected = try c.decodeIfPresent(ExpectedVerdict.self, forKey: .expected)
        expectedReason = try c.decodeIfPresent(String.self, forKey: .expectedReason)
    }
}

/// A Double that encodes as a JSON number when finite and as null otherwise
/// (JSON has no infinities); null decodes as -inf for lower and +inf for
/// upper bounds by the callers' defaults.
struct JSONNumber: Codable {
    let value: Double

    init(_ value: Double) { self.value = value }

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        value = c.decodeNil() ? .nan : try c.decode(Double.self)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if value.isFinite { try c.encode(value) } else { try c.encodeNil() }
    }
}
