import GSL

/// How much work a run may spend: the tier scales every Monte Carlo resolution
/// and caps the samples of any one assertion.
///
/// `quick` is what `swift test` runs; `standard` is the default of `claims run`
/// and `claims report`; `thorough` halves every resolution (about 4x the samples).
public enum Budget: String, CaseIterable, Sendable, Codable {
    /// `quick`: resolutions doubled, at most 2²⁴ samples per assertion (what `swift test` runs);
    /// `standard`: resolutions as declared, at most 2²⁷; `thorough`: resolutions halved, at most 2³⁰.
    case quick, standard, thorough

    /// Multiplies the resolution delta a Monte Carlo assertion declares.
    public var resolutionScale: Double {
        switch self {
        case .quick: 2
        case .standard: 1
        case .thorough: 0.5
        }
    }

    /// The most samples one Monte Carlo assertion may draw; an assertion that
    /// would need more runs with this many and says so (it may then be inconclusive).
    public var sampleCap: Int {
        switch self {
        case .quick: 1 << 24
        case .standard: 1 << 27
        case .thorough: 1 << 30
        }
    }
}

/// The suite-wide false-fail budget and its split.
///
/// The family-wise rate of the whole registry is `suiteAlpha` (1e-3 by
/// default): each claim receives an equal share, suiteAlpha / (number of
/// claims in the registry), whichever subset is run, so a claim's verdict is
/// the same alone or in the full suite. Within a claim, assertions reserve
/// fractions of the claim's share (Bonferroni); reserving more than the whole
/// share is an error.
public struct ErrorBudget: Sendable, Equatable {
    /// The default family-wise false-fail rate of a full run: 1e-3.
    public static let defaultSuiteAlpha = 1e-3

    /// The family-wise false-fail rate of a full run of the registry, in (0, 1).
    public let suiteAlpha: Double
    /// The number of claims in the registry (not in the subset run), so a claim's share never depends on the selection.
    public let claimCount: Int

    /// Throws `ParameterError` unless 0 < suiteAlpha < 1 and claimCount >= 1.
    public init(suiteAlpha: Double = defaultSuiteAlpha, claimCount: Int) throws {
        try Require.openUnit(suiteAlpha, "suiteAlpha", in: "ErrorBudget")
        try Require.atLeast(claimCount, 1, "claimCount (claims in the registry)", in: "ErrorBudget")
        self.suiteAlpha = suiteAlpha
        self.claimCount = claimCount
    }

    /// The false-fail rate one claim may spend.
    public var perClaim: Double { suiteAlpha / Double(claimCount) }
}
