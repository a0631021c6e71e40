import ClaimKit

/// Claims of Cho & Saul, "Kernel Methods for Deep Learning" (NIPS 2009): the
/// arc-cosine kernels, their integral representation, the threshold networks
/// they describe, their multilayer composition and positive semi-definiteness.
public enum ArcCosineKernelClaims {
    /// The paper, under the command-line key `cho-saul`.
    public static let paper = Paper(
        key: "cho-saul", title: "Kernel Methods for Deep Learning", authors: "Youngmin Cho, Lawrence K. Saul",
        reference: "Advances in Neural Information Processing Systems 22 (NIPS 2009), pp. 342–350")

    /// Every claim, in catalog order.
    public static let all: [Claim] = [
        closedFormsByQuadrature, integralRepresentationMonteCarlo, derivativeFormula, specialValues,
        stepKernel, singleLayerLimit, multilayerRecursion, positiveSemidefinite,
    ]

    /// The registry the command line and the tests run.
    public static let registry = Registry(papers: [paper], claims: all)
}
