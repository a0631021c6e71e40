import ClaimKit

/// This module's paper, under its command-line key.
enum Papers {
    static let layernorm = Paper(key: "layernorm", title: "Gradient explosion and representation shrinkage in infinite networks", authors: "Anonymous (ICLR submission)")
}

/// This module's claim catalog (`Catalog.swift`).
enum Catalogs {}

extension LayerNormClaims {
    /// The paper these claims come from.
    public static let paper = Papers.layernorm
    /// The paper's catalog: every entry, and why those not encoded are not.
    public static let catalog = Catalogs.layernorm
}
