import ClaimKit

/// Claims of the anonymous submission "Contraction property of pooling layer"
/// (catalog: ../shared/claims/pooling-nachum.md, POOL part).
enum PoolingClaims {
    static let all: [Claim] = [arcCosineKernel]
}
