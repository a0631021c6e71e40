import ClaimKit

/// This module's paper, under its command-line key.
enum Papers {
    static let pooling = Paper(key: "pooling", title: "Contraction property of pooling layer", authors: "Anonymous (ICLR submission)")
}

/// This module's claim catalog (`Catalog.swift`).
enum Catalogs {}

extension PoolingClaims {
    /// The paper these claims come from.
    public static let paper = Papers.pooling
    /// The paper's catalog: every entry, and why those not encoded are not.
    public static let catalog = Catalogs.pooling
}
