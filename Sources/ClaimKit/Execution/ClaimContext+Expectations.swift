/// Declaring the verdict an assertion is expected to have when it is not the default.
extension ClaimContext {
    /// Declares that the assertion recorded (before or after this call) under `key` is expected to be
    /// `verdict`, for `reason`, instead of the default (confirmed in a claim that holds and for corrected
    /// forms; refuted for the as-printed assertions of errata and failing claims):
    ///
    /// ```swift
    /// ctx.compare("τ_max(2) = 3/4 + 1/(2π)", route: .closedForm, value: tau2, reference: 0.75 + 0.5 / .pi,
    ///             referenceRoute: .quadrature, resolution: 1e-8)
    /// try ctx.expect(.confirmed, for: "τ_max(2) = 3/4 + 1/(2π)", because: "(12) is right; only (13) is misprinted")
    /// ```
    ///
    /// Use `.confirmed` where that part of a misprinted or false statement is right, `.either` only where
    /// the truth lies within δ of the claimed region's boundary (say so in the reason). The declaration
    /// applies to every assertion recorded under `key`. A key the check never records makes the claim's
    /// result an error (see `unrecordedExpectationKeys`), so a typo cannot pass silently.
    /// - Throws: `ParameterError` for an empty reason, or for a key already declared with another
    ///   expectation.
    public func expect(_ verdict: ExpectedVerdict, for key: String, because reason: String) throws {
        let declared = try DeclaredExpectation(verdict, because: reason)
        if let earlier = declaredExpectations[key], earlier != declared {
            throw ParameterError("ClaimContext.expect", parameter: "key", value: "'\(key)'",
                                 requirement: "declared once (already expected \(earlier.verdict.rawValue): \(earlier.reason))")
        }
        declaredExpectations[key] = declared
    }

    /// The keys of declared expectations that no recorded assertion has, sorted: each is an error of the
    /// check (a typo, or an assertion renamed or removed).
    public var unrecordedExpectationKeys: [String] {
        let recorded = Set(assertions.map(\.key))
        return declaredExpectations.keys.filter { !recorded.contains($0) }.sorted()
    }

    /// The error text for `unrecordedExpectationKeys`, nil when there are none.
    public var unrecordedExpectationError: String? {
        let keys = unrecordedExpectationKeys
        guard !keys.isEmpty else { return nil }
        return "expect(_:for:because:) names \(keys.count == 1 ? "a key" : "keys") the check never recorded: "
            + keys.map { "'\($0)'" }.joined(separator: ", ")
    }
}
