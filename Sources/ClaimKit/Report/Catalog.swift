import Foundation

/// One entry of a paper's claim catalog: one claim of the paper, encoded or not.
public struct CatalogEntry: Sendable, Equatable {
    /// The entry's ID as the catalog prints it (e.g. `NACHUM-EQ2`); a claim with the same ID encodes it.
    public let id: String
    /// The catalog's kind tag (EX, IN, exact, ...), as written there.
    public let kind: String
    /// One line saying what the entry states (shown in the coverage table).
    public let summary: String

    /// An entry with its `id`, the catalog's `kind` tag and a one-line `summary`.
    public init(_ id: String, _ kind: String, _ summary: String) {
        self.id = id
        self.kind = kind
        self.summary = summary
    }
}

/// A paper's catalog as the repository knows it, with the reason each entry
/// that is not encoded as a claim is missing.
public struct PaperCatalog: Sendable {
    /// The paper the catalog lists the claims of.
    public let paper: Paper
    /// The name of the markdown catalog the entries were drawn from (what `report --catalogs DIR` reads in DIR).
    public let file: String
    /// Every claim the paper makes, encoded or not, in catalog order.
    public let entries: [CatalogEntry]
    /// Why specific entries are not encoded (data unavailable, constant unspecified, ...).
    public let reasons: [String: String]

    /// The coverage table's text for an entry that is neither encoded nor given a reason.
    public static let noReasonRecorded = "not encoded, and no reason recorded"

    /// A catalog of `paper` read from `file` (the markdown file's name, looked up under `report --catalogs DIR`),
    /// listing `entries`, with `reasons` (catalog ID → why) for the entries that are deliberately not encoded.
    public init(paper: Paper, file: String, entries: [CatalogEntry], reasons: [String: String] = [:]) {
        self.paper = paper
        self.file = file
        self.entries = entries
        self.reasons = reasons
    }
}

/// One row of the report's coverage table.
public struct CoverageRow: Sendable, Equatable {
    /// The catalog entry.
    public let entry: CatalogEntry
    /// The key of the paper whose catalog lists it.
    public let paper: String
    /// nil when the entry is encoded as a claim.
    public let reasonNotEncoded: String?

    /// Whether a registered claim has the entry's ID.
    public var isEncoded: Bool { reasonNotEncoded == nil }
}

/// Catalogs checked against a registry: which entries are encoded as claims, which reasons are stale, and
/// which claims no catalog lists.
public enum Coverage {
    /// Every catalog entry of every paper, with its status against `registry`.
    public static func rows(_ catalogs: [PaperCatalog], registry: Registry) -> [CoverageRow] {
        let encoded = Set(registry.claims.map(\.id))
        return catalogs.flatMap { catalog in
            catalog.entries.map { entry in
                CoverageRow(entry: entry, paper: catalog.paper.key,
                            reasonNotEncoded: encoded.contains(entry.id) ? nil : catalog.reasons[entry.id] ?? PaperCatalog.noReasonRecorded)
            }
        }
    }

    /// Reasons given for entries that are encoded after all, or for IDs the catalog does not list.
    public static func staleReasons(_ catalogs: [PaperCatalog], registry: Registry) -> [String] {
        let encoded = Set(registry.claims.map(\.id))
        return catalogs.flatMap { catalog in
            let listed = Set(catalog.entries.map(\.id))
            return catalog.reasons.keys.filter { encoded.contains($0) || !listed.contains($0) }
        }.sorted()
    }

    /// Registered claims whose IDs no catalog lists (they should not exist).
    public static func uncatalogued(_ catalogs: [PaperCatalog], registry: Registry) -> [String] {
        let known = Set(catalogs.flatMap { $0.entries.map(\.id) })
        return registry.claims.map(\.id).filter { !known.contains($0) }
    }
}

/// Reads the claim IDs from the index section of a catalog markdown file:
/// the `## ` section whose heading mentions "index", in any of the three
/// formats the catalogs use (`12. ID [KIND] ...`, `- ID: ...`, `| ID | ...`).
public enum CatalogIndexParser {
    /// The IDs listed in the index section of the markdown `text`, in order: a line counts when, after
    /// `12.`, `- ` or `| `, it starts with an ID of upper-case letters, a dash and more (`NACHUM-EQ2`);
    /// headings, prose and other sections are ignored. No index section gives an empty array.
    public static func ids(inMarkdown text: String) -> [String] {
        var inIndex = false
        var found: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") {
                inIndex = line.lowercased().contains("index")
                continue
            }
            guard inIndex, let id = leadingID(line) else { continue }
            found.append(id)
        }
        return found
    }

    private static func leadingID(_ line: String) -> String? {
        var rest = Substring(line)
        if let dot = rest.firstIndex(of: "."), rest[..<dot].allSatisfy(\.isNumber), !rest[..<dot].isEmpty {
            rest = rest[rest.index(after: dot)...]
        } else if rest.hasPrefix("- ") || rest.hasPrefix("| ") {
            rest = rest.dropFirst(2)
        } else {
            return nil
        }
        let token = rest.drop(while: { $0 == " " }).prefix { !" |:[".contains($0) }
        guard let dash = token.firstIndex(of: "-"), token.startIndex < dash,
              token[..<dash].allSatisfy({ $0.isUppercase && $0.isLetter }), token.count > token[..<dash].count + 1
        else { return nil }
        return String(token)
    }
}
