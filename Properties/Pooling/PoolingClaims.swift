import ClaimKit

/// Claims of the anonymous submission "Contraction property of pooling layer"
/// (its catalog: Catalog.swift, drawn from pooling-nachum.md, POOL part), in the order of the paper.
public enum PoolingClaims {
    /// Every claim of this paper, in catalog order.
    public static let all: [Claim] = [
        // §1–§2: the arc-cosine kernel, notation and the two models.
        arcCosineKernel, poolingMainSource, cnnArcCosine, notation, fcnDefinition, cnnDefinition,
        // §3: experiments, the toy pair and Table 2.
        experimentalSetup, fcnExperiment, cnnExperiment, toyPair, table2, table2Qualitative,
        // §4: theorems 4.1–4.4 and the surrounding statements.
        fcnDataIndependence, theorem41, theorem41MeanSimilarity, theorem42, corollary43, gaussianDataOnlySize,
        theorem44Orthogonality, theorem44ReLU, theorem44AveragePooling,
        // §5 and the conclusion.
        nonCentering, averagePoolingVariability, maxPoolingNotOptimal, varianceReduction,
        // App. A (Theorem 4.1).
        cosineBound, pooledDifferenceIID, pooledVariance, pooledDifference, psi2Chain, bernsteinTail, pooledNorm,
        // App. B (Theorem 4.2) and App. C (Corollary 4.3).
        borellTIS, maxPoolingOrliczNorms, superconcentration, scaleInvariance,
        // App. D and App. E (Theorem 4.4).
        kernelLipschitz, poincareVariance, channelsIID,
        appendixEExpansion, appendixENumerator, overlapCount, dependentPartBound, finalBoundOnC,
    ]
}
