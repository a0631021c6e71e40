import ClaimKit

/// Claims of the anonymous submission "Contraction property of pooling layer"
/// (catalog: ../shared/claims/pooling-nachum.md, POOL part).
enum PoolingClaims {
    static let all: [Claim] = [
        arcCosineKernel, notation, fcnDefinition, cnnDefinition, experimentalSetup, theorem41, theorem41MeanSimilarity,
        pooledVariance, pooledDifference, pooledDifferenceIID, cosineBound, psi2Chain,
        bernsteinTail, pooledNorm, theorem42, superconcentration, borellTIS,
        maxPoolingOrliczNorms, corollary43, scaleInvariance, theorem44Orthogonality, theorem44ReLU,
        theorem44AveragePooling, appendixEExpansion, appendixENumerator, overlapCount, dependentPartBound, finalBoundOnC,
        kernelLipschitz, poincareVariance, channelsIID, toyPair, table2, table2Qualitative,
        fcnDataIndependence, fcnExperiment, cnnExperiment, poolingMainSource,
        maxPoolingNotOptimal, varianceReduction, averagePoolingVariability, cnnArcCosine, nonCentering,
        gaussianDataOnlySize,
    ]
}
