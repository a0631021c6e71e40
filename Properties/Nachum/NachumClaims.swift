import ClaimKit

/// Claims of Nachum, Hązła, Gastpar & Khina, "A Johnson–Lindenstrauss framework
/// for randomly initialized CNNs" (catalog: ../shared/claims/pooling-nachum.md).
enum NachumClaims {
    static let all: [Claim] = [reluFNNDualActivation, contraction, definition1, propertiesOfRHat]
}
