/// What kind of statement a claim makes; it decides which decision rules apply.
public enum ClaimKind: String, Sendable, Codable, CaseIterable {
    /// An exact identity or closed form.
    case identity
    /// A deterministic inequality.
    case inequality
    /// A bound that holds with a stated probability.
    case probabilityBound = "probability-bound"
    /// An asymptotic rate (O(1/n), O(L^-1/2), ...).
    case rate
    /// An empirical observation (tables, figures).
    case empirical
    /// A qualitative statement turned into a measurable proxy.
    case qualitative
    /// A definition, checked for internal consistency.
    case definition
}

/// What this project believes about a claim after checking it.
public enum Expectation: Sendable, Equatable {
    /// The claim holds as printed.
    case holds
    /// As printed the claim fails; the stated corrected form holds. Both are checked.
    case erratum(printed: String, corrected: String)
    /// The claim is false; `counterexample` says where it breaks.
    case fails(counterexample: String)

    /// The key used in JSON and on the command line: holds, erratum or fails.
    public var key: String {
        switch self {
        case .holds: "holds"
        case .erratum: "erratum"
        case .fails: "fails"
        }
    }
}

/// One claim of a paper, encoded as a property with an executable check.
public struct Claim: Sendable, Identifiable {
    /// The catalog's stable ID, e.g. `NACHUM-EQ2`.
    public let id: String
    /// The paper the claim belongs to (registered in the same `Registry`).
    public let paper: Paper
    /// Where the claim is printed, e.g. "§1, eq. (2)".
    public let location: String
    /// The statement as printed in the paper.
    public let statement: String
    /// Every assumption the statement needs, including implicit ones.
    public let assumptions: [String]
    /// What kind of statement it is (identity, inequality, rate, ...).
    public let kind: ClaimKind
    /// What the project believes: it holds, it is an erratum, or it fails; the run checks the verdicts against it.
    public let expectation: Expectation
    /// Runs the routes and records assertions in the context.
    public let check: @Sendable (ClaimContext) throws -> Void

    /// A claim with the catalog ID `id`, printed at `location` of `paper`, whose `check` records the
    /// assertions that decide it. The registry rejects duplicate IDs (see `Registry.problems`).
    public init(
        id: String, paper: Paper, location: String, statement: String, assumptions: [String],
        kind: ClaimKind, expectation: Expectation, check: @escaping @Sendable (ClaimContext) throws -> Void
    ) {
        self.id = id
        self.paper = paper
        self.location = location
        self.statement = statement
        self.assumptions = assumptions
        self.kind = kind
        self.expectation = expectation
        self.check = check
    }
}
