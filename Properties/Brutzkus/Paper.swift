import ClaimKit

/// This module's paper, under its command-line key.
enum Papers {
    static let brutzkus = Paper(key: "brutzkus", title: "An Optimization and Generalization Analysis for Max-Pooling Networks", authors: "Brutzkus, Globerson")
}

/// This module's claim catalog (`Catalog.swift`).
enum Catalogs {}

extension BrutzkusClaims {
    /// The paper these claims come from.
    public static let paper = Papers.brutzkus
    /// The paper's catalog: every entry, and why those not encoded are not.
    public static let catalog = Catalogs.brutzkus
}
