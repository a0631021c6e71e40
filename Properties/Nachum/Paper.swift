import ClaimKit

/// This module's paper, under its command-line key.
enum Papers {
    static let nachum = Paper(key: "nachum", title: "A Johnson–Lindenstrauss framework for randomly initialized CNNs", authors: "Nachum, Hązła, Gastpar, Khina")
}

/// This module's claim catalog (`Catalog.swift`).
enum Catalogs {}

extension NachumClaims {
    /// The paper these claims come from.
    public static let paper = Papers.nachum
    /// The paper's catalog: every entry, and why those not encoded are not.
    public static let catalog = Catalogs.nachum
}
