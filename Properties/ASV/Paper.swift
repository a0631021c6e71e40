import ClaimKit

/// This module's paper, under its command-line key.
enum Papers {
    static let asv = Paper(key: "asv", title: "Adaptive Signal Variances: CNN initialization through modern architectures", authors: "Henmi, Zara, Hirohashi, Kato")
}

/// This module's claim catalog (`Catalog.swift`).
enum Catalogs {}

extension ASVClaims {
    /// The paper these claims come from.
    public static let paper = Papers.asv
    /// The paper's catalog: every entry, and why those not encoded are not.
    public static let catalog = Catalogs.asv
}
