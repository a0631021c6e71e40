/// The claims the suite knows, grouped by paper.
public struct Registry: Sendable {
    /// The papers, in the order the report lists them.
    public let papers: [Paper]
    /// Every claim, in the order runs check them.
    public let claims: [Claim]

    /// A registry of `papers` and their `claims`; it is not validated here (see `problems`).
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

    /// The claims of `paper`, in registry order.
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

    /// The registered ID `id` most likely meant, or nil when none is genuinely
    /// close: the same ID in another case, else the nearest within an edit
    /// distance of 2 (case-insensitive; the first in registry order on a tie),
    /// else the first ID that `id` (3 characters or more) begins, case-insensitively.
    /// Nothing is suggested for an empty ID.
    func closestID(to id: String) -> String? {
        let wanted = Array(id.uppercased())
        guard !wanted.isEmpty else { return nil }
        let ids = claims.map(\.id)
        if let same = ids.first(where: { Array($0.uppercased()) == wanted }) { return same }
        var best: (id: String, distance: Int)?
        for candidate in ids {
            let distance = Self.editDistance(wanted, Array(candidate.uppercased()), limit: 2)
            if distance <= 2 && distance < (best?.distance ?? 3) { best = (candidate, distance) }
        }
        if let best { return best.id }
        guard wanted.count >= 3 else { return nil }
        return ids.first { $0.uppercased().hasPrefix(String(wanted)) }
    }

    /// The Levenshtein distance of `a` and `b`, or `limit + 1` once it is known to exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min() ?? 0 > limit { return limit + 1 }
            previous = current
        }
        return min(previous[b.count], limit + 1)
    }
}

/// A `--paper` or `--claim` value that names nothing in the registry.
public enum SelectionError: Error, Equatable, CustomStringConvertible {
    /// A `--paper` key that no registered paper has, with the keys that exist.
    case unknownPaper(String, known: [String])
    /// A `--claim` ID that no registered claim has, with the ID the user probably meant (same letters in
    /// another case, an edit distance of at most 2, or a beginning of 3 characters or more), if any.
    case unknownClaim(String, suggestion: String?)

    /// One line for the command line, naming the known papers or the suggested ID.
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
