import ClaimKit

/// Claims of Nachum, Hązła, Gastpar & Khina, "A Johnson–Lindenstrauss framework
/// for randomly initialized CNNs" (its catalog: Catalog.swift, drawn from pooling-nachum.md).
public enum NachumClaims {
    /// Every claim of this paper, in catalog order.
    public static let all: [Claim] = [
        reluFNNDualActivation, contraction, definition1, propertiesOfRHat,
        theorem1General, theorem1Homogeneous, theorem1Norm, theorem2, remark1, meanSimilarity, corollary1,
        lemma1, lemma2, theorem3, introductionBounds, remark2, remark3, theorem4, figure1,
        definition2, example1, theorem5InnerProduct, theorem5Distance, theorem5Corollary, theorem5Resolution,
        grayscaleExtension, redGreen, meanRemoval, orthogonalInitialization, zeroSumFilters,
        lemma3, lemma4, linearFNN, johnsonLindenstrauss,
    ]
}
