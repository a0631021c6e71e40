import ASVPaper
import BrutzkusPaper
import ClaimKit
import LayerNormPaper
import NachumPaper
import PoolingPaper

/// The five papers' claims in one registry, with their catalogs: what the
/// `claims` command runs.
public enum Suite {
    /// Every encoded claim of the five papers, paper by paper.
    public static let registry = Registry(
        papers: [PoolingClaims.paper, NachumClaims.paper, LayerNormClaims.paper, ASVClaims.paper, BrutzkusClaims.paper],
        claims: PoolingClaims.all + NachumClaims.all + LayerNormClaims.all + ASVClaims.all + BrutzkusClaims.all)

    /// Each paper's catalog, in the registry's order.
    public static let catalogs: [PaperCatalog] = [
        PoolingClaims.catalog, NachumClaims.catalog, LayerNormClaims.catalog, ASVClaims.catalog, BrutzkusClaims.catalog,
    ]
}
