/// How a number was obtained.
public enum Route: String, Sendable, Codable, CaseIterable {
    case closedForm = "closed-form"
    case quadrature
    case enumeration
    case monteCarlo = "monte-carlo"
    case rootFinding = "root-finding"
    /// An iterative solver run to a stated tolerance (power iteration, an SVM's
    /// dual coordinate ascent), its residual or duality gap as the error.
    case iterativeSolver = "iterative-solver"
}

/// One piece of evidence: an estimate, the interval it supports, the region
/// the statement claims, and the verdict with its error rate.
public struct Assertion: Sendable, Codable, Equatable {
    public let name: String
    /// The route of the estimate.
    public let route: Route
    /// The route of the reference value, when it is computed (closed form vs quadrature).
    public let referenceRoute: Route?
    public let subject: Subject
    /// The decision rule that produced the interval (e.g. "t-interval").
    public let rule: String
    public let estimate: Double
    /// The claimed value, or the finite bound of a one-sided claim.
    public let reference: Double
    /// The (1 - alpha) interval (deterministic: estimate ± tolerance).
    public let lower: Double
    public let upper: Double
    /// The claimed region (one side may be infinite, encoded as null).
    public let claimedLower: Double
    public let claimedUpper: Double
    /// Resolution: the smallest deviation that matters.
    public let delta: Double
    /// The false-fail rate this assertion spends (0 for deterministic ones).
    public let alpha: Double
    /// Samples drawn (Monte Carlo), grid points or function evaluations.
    public let samples: Int
    public let verdict: Verdict
    /// A deviation from the claimed region at least this large would be refuted
    /// with probability at least 1 - alpha (the interval's full width).
    public let minimalDetectableDeviation: Double
    public let note: String?

    public init(
        name: String, route: Route, referenceRoute: Route? = nil, subject: Subject, rule: String,
        estimate: Double, interval: Interval, region: ClaimedRegion, delta: Double, alpha: Double,
        samples: Int, note: String? = nil
    ) {
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

    public var interval: Interval { Interval(lower: lower, upper: upper) }
    public var region: ClaimedRegion { ClaimedRegion(lower: claimedLower, upper: claimedUpper) }

    /// The same evidence (estimate, interval, resolution, alpha) judged against
    /// `region` under another name and subject: the verdict is decided anew.
    public func judged(as name: String, subject: Subject, against region: ClaimedRegion, note extra: String? = nil) -> Assertion {
        let notes = [note, extra].compactMap { $0 }
        return Assertion(name: name, route: route, referenceRoute: referenceRoute, subject: subject, rule: rule,
                         estimate: estimate, interval: interval, region: region, delta: delta, alpha: alpha,
                         samples: samples, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    enum CodingKeys: String, CodingKey {
        case name, route, referenceRoute, subject, rule, estimate, reference, lower, upper
        case claimedLower, claimedUpper, delta, alpha, samples, verdict, minimalDetectableDeviation, note
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
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
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        route = try c.decode(Route.self, forKey: .route)
        referenceRoute = try c.decodeIfPresent(Route.self, forKey: .referenceRoute)
        subject = try c.decode(Subject.self, forKey: .subject)
        rule = try c.decode(String.self, forKey: .rule)
        estimate = try c.decode(JSONNumber.self, forKey: .estimate).value
        reference = try c.decode(JSONNumber.self, forKey: .reference).value
        lower = try c.decodeIfPresent(JSONNumber.self, forKey: .lower)?.value ?? -.infinity
        upper = try c.decodeIfPresent(JSONNumber.self, forKey: .upper)?.value ?? .infinity
        claimedLower = try c.decodeIfPresent(JSONNumber.self, forKey: .claimedLower)?.value ?? -.infinity
        claimedUpper = try c.decodeIfPresent(JSONNumber.self, forKey: .claimedUpper)?.value ?? .infinity
        delta = try c.decode(JSONNumber.self, forKey: .delta).value
        alpha = try c.decode(Double.self, forKey: .alpha)
        samples = try c.decode(Int.self, forKey: .samples)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        minimalDetectableDeviation = try c.decode(JSONNumber.self, forKey: .minimalDetectableDeviation).value
        note = try c.decodeIfPresent(String.self, forKey: .note)
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
