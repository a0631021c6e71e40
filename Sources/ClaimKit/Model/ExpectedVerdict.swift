/// The verdict the project expects of one assertion.
///
/// Defaults (`defaultFor(_:claimExpectation:)`): confirmed for every assertion of a claim that holds and
/// for every corrected-form assertion; refuted for the as-printed assertions of an erratum or a claim that
/// fails. A check declares exceptions with `ClaimContext.expect(_:for:because:)`, always with a reason.
public enum ExpectedVerdict: String, Sendable, Codable, CaseIterable {
    /// The assertion must be confirmed: the part of the statement it tests is right.
    case confirmed
    /// The assertion must be refuted: the part of the statement it tests is wrong by more than its δ.
    case refuted
    /// Any verdict is accepted: the truth lies within δ of the claimed region's boundary, where the decision
    /// rule promises none of the three. An interval that straddles the boundary (inconclusive) is as honest
    /// an outcome there as confirmed or refuted, so `either` accepts inconclusive too; the claim-level rule
    /// still applies (an inconclusive `either` in a claim that holds keeps the claim from matching).
    case either

    /// Whether `verdict` is what this expectation allows.
    public func accepts(_ verdict: Verdict) -> Bool {
        switch self {
        case .confirmed: verdict == .confirmed
        case .refuted: verdict == .refuted
        case .either: true
        }
    }

    /// The expectation of an assertion that declares none: confirmed for a corrected form and for any
    /// assertion of a claim that holds (`claimExpectation` "holds"); refuted for the as-printed assertions
    /// of "erratum" and "fails" claims. An unknown claim expectation reads like "holds" (a run file with one
    /// is reported by `RunReport.problems` anyway).
    public static func defaultFor(_ subject: Subject, claimExpectation: String) -> ExpectedVerdict {
        switch (subject, claimExpectation) {
        case (.corrected, _): .confirmed
        case (.asPrinted, "erratum"), (.asPrinted, "fails"): .refuted
        case (.asPrinted, _): .confirmed
        }
    }
}

/// An exception to an assertion's default expected verdict, declared in a claim's check with
/// `ClaimContext.expect(_:for:because:)`.
public struct DeclaredExpectation: Sendable, Equatable {
    /// The verdict expected of the assertion.
    public let verdict: ExpectedVerdict
    /// Why: which part of the printed statement is right, or how close the truth lies to the boundary.
    public let reason: String

    /// `verdict` with its `reason`. Throws `ParameterError` for a reason that is empty or only white space:
    /// an exception without a reason cannot be reviewed.
    public init(_ verdict: ExpectedVerdict, because reason: String) throws {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw ParameterError("DeclaredExpectation", parameter: "reason", value: "'\(reason)'",
                                 requirement: "a non-empty reason for expecting \(verdict.rawValue)")
        }
        self.verdict = verdict
        self.reason = reason
    }
}
