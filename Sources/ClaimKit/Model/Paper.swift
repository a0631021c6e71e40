/// A paper whose claims the suite verifies.
public struct Paper: Sendable, Hashable, Codable {
    /// The key used on the command line (`--paper nachum`).
    public let key: String
    public let title: String
    public let authors: String
    /// The paper's text, relative to the shared folder (`papers/nachum-jl-cnn.txt`).
    public let source: String

    public init(key: String, title: String, authors: String, source: String) {
        self.key = key
        self.title = title
        self.authors = authors
        self.source = source
    }
}
