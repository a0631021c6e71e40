/// The claims the suite knows, grouped by paper.
public struct Registry: Sendable {
    public let papers: [Paper]
    public let claims: [Claim]

    public init(papers: [Paper], claims: [Claim]) {
        self.papers = papers
        self.claims = claims
    }

    /// Problems with the registry itself: duplicate IDs, claims of unknown papers.
    public var problems: [String] {
        var seen = Set<String>()
        var found: [String] = []
        for claim in claims {
            if !seen.insert(claim.id).inserted { found.append("duplicate claim ID \(claim.id)") }
            if !papers.contains(claim.paper) { found.append("claim \(claim.id) belongs to unregistered paper \(claim.paper.key)") }
        }
        return found
    }

    public func claims(of paper: Paper) -> [Claim] { claims.filter { $0.paper == paper } }

    /// The claims selected by `--paper` keys and `--claim` IDs, in registry
    /// order; everything when both are empty. Throws `SelectionError` for an
    /// unknown key or ID.
    public func select(papers keys: [String], ids: [String]) throws -> [Claim] {
        for key in keys where !papers.contains(where: { $0.key == key }) {
            throw SelectionError.unknownPaper(key, known: papers.map(\.key))
        }
        for id in ids where !claims.contains(where: { $0.id == id }) {
            throw SelectionError.unknownClaim(id, suggestion: closestID(to: id))
        }
        if keys.isEmpty && ids.isEmpty { return claims }
        return claims.filter { keys.contains($0.paper.key) || ids.contains($0.id) }
    }

    private func closestID(to id: String) -> String? {
        let upper = id.uppercased()
        return claims.map(\.id).first { $0 == upper }
            ?? claims.map(\.id).first { $0.hasPrefix(upper) || upper.hasPrefix($0) }
    }
}

/// A `--paper` or `--claim` value that names nothing in the registry.
public enum SelectionError: Error, Equatable, CustomStringConvertible {
    case unknownPaper(String, known: [String])
    case unknownClaim(String, suggestion: String?)

    public var description: String {
        switch self {
        case let .unknownPaper(key, known):
            "unknown paper '\(key)'; known papers: \(known.joined(separator: ", "))"
        case let .unknownClaim(id, suggestion?):
            "unknown claim ID '\(id)'; did you mean '\(suggestion)'? (claims list shows all IDs)"
        case let .unknownClaim(id, nil):
            "unknown claim ID '\(id)' (claims list shows all IDs)"
        }
    }
}
