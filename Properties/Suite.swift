import ClaimKit

/// Every encoded claim, and the catalogs they are drawn from.
public enum Suite {
    public static let registry = Registry(
        papers: Papers.all,
        claims: PoolingClaims.all + NachumClaims.all + LayerNormClaims.all + ASVClaims.all + BrutzkusClaims.all)

    public static let catalogs: [PaperCatalog] = [
        Catalogs.pooling, Catalogs.nachum, Catalogs.layernorm, Catalogs.asv, Catalogs.brutzkus,
    ]
}

/// The repository's copy of each paper's claim index (see Catalogs/).
public enum Catalogs {}
