/// A paper whose claims a registry verifies.
public struct Paper: Sendable, Hashable, Codable {
    /// The key used on the command line (`--paper nachum`); lower-case letters, digits and dashes.
    public let key: String
    /// The paper's title, as printed.
    public let title: String
    /// The authors, as the report lists them.
    public let authors: String
    /// Where a reader finds the paper (a DOI, an arXiv ID, a venue), or nil.
    public let reference: String?

    /// A paper under the command-line `key`.
    public init(key: String, title: String, authors: String, reference: String? = nil) {
        self.key = key
        self.title = title
        self.authors = authors
        self.reference = reference
    }
}
