/// The outcome of an assertion or a claim.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// The interval lies inside the claimed region widened by the resolution.
    case confirmed
    /// The interval lies entirely outside the claimed region.
    case refuted
    /// Neither: the evidence cannot decide at the stated resolution and error rate.
    case inconclusive

    /// The verdict of a set of assertions about one statement: refuted if any
    /// assertion refutes it, confirmed if all confirm it, else inconclusive.
    /// `nil` for an empty set.
    public static func combining(_ verdicts: [Verdict]) -> Verdict? {
        guard !verdicts.isEmpty else { return nil }
        if verdicts.contains(.refuted) { return .refuted }
        if verdicts.allSatisfy({ $0 == .confirmed }) { return .confirmed }
        return .inconclusive
    }
}

/// Which statement an assertion tests: the claim as printed, or the corrected
/// form stated in an `erratum` expectation.
public enum Subject: String, Sendable, Codable {
    /// The statement exactly as the paper prints it: the claim's verdict is decided by these assertions.
    case asPrinted = "as-printed"
    /// The corrected form of an erratum (decides `ClaimResult.correctedVerdict`).
    case corrected
}

/// A closed interval of real numbers; bounds may be infinite.
public struct Interval: Sendable, Equatable, Codable {
    /// The lower end (may be −∞).
    public var lower: Double
    /// The upper end (may be +∞).
    public var upper: Double

    /// The interval [lower, upper]; not validated (a reversed interval decides nothing, see `ClaimedRegion.decide`).
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The interval centre ± halfWidth.
    public init(center: Double, halfWidth: Double) {
        self.init(lower: center - halfWidth, upper: center + halfWidth)
    }

    /// upper − lower: for an assertion's interval, its minimal detectable deviation.
    public var width: Double { upper - lower }
}

/// The set of values a statement allows for the quantity an assertion estimates:
/// a point for identities, a half-line for bounds, an interval otherwise.
public struct ClaimedRegion: Sendable, Equatable {
    /// The smallest allowed value (−∞ for an upper bound).
    public let lower: Double
    /// The largest allowed value (+∞ for a lower bound).
    public let upper: Double

    /// The region [lower, upper]; either end may be infinite. The factories `equal`, `atMost`, `atLeast`
    /// and `between` say the same more readably.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The quantity equals `value`.
    public static func equal(_ value: Double) -> ClaimedRegion { .init(lower: value, upper: value) }
    /// The quantity is at most `bound`.
    public static func atMost(_ bound: Double) -> ClaimedRegion { .init(lower: -.infinity, upper: bound) }
    /// The quantity is at least `bound`.
    public static func atLeast(_ bound: Double) -> ClaimedRegion { .init(lower: bound, upper: .infinity) }
    /// The quantity lies in [lower, upper].
    public static func between(_ lower: Double, _ upper: Double) -> ClaimedRegion { .init(lower: lower, upper: upper) }

    /// The reference value reported with an assertion: the point of an
    /// identity, the finite bound of a half-line, the midpoint of an interval;
    /// NaN (null in JSON) for the whole line.
    public var reference: Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): lower == upper ? lower : (lower + upper) / 2
        case (true, false): lower
        case (false, true): upper
        case (false, false): .nan
        }
    }

    /// The decision rule of DESIGN.md: refuted when `interval` misses the region
    /// entirely; confirmed when it lies inside the region widened by `delta`;
    /// inconclusive otherwise. Refutation is tested first: evidence that the
    /// statement is violated is reported even when the violation is small.
    /// A malformed input — a reversed or NaN region or interval (a negative
    /// error estimate makes one), a negative or NaN delta — decides nothing.
    public func decide(_ interval: Interval, delta: Double) -> Verdict {
        guard lower <= upper, interval.lower <= interval.upper, delta >= 0 else { return .inconclusive }
        if interval.upper < lower || interval.lower > upper { return .refuted }
        if interval.lower >= lower - delta && interval.upper <= upper + delta { return .confirmed }
        return .inconclusive
    }
}
