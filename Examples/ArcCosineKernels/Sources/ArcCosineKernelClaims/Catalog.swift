import ClaimKit

extension ArcCosineKernelClaims {
    /// The paper's claim catalog (Catalog/cho-saul-2009.md, index section): every entry, and why those
    /// not encoded are not.
    public static let catalog = PaperCatalog(
        paper: paper, file: "cho-saul-2009.md",
        entries: [
            CatalogEntry("CS-JN-QUAD", "EX", "eq. (1) = (1/π)‖x‖ⁿ‖y‖ⁿJ_n(θ) with the printed J_0, J_1, J_2 (QUADPACK, θ from 1e-3 to π − 1e-3)."),
            CatalogEntry("CS-EQ1-MC", "EX", "eq. (1) by Monte Carlo over w ~ N(0, I_5), unequal norms, acute and obtuse angles."),
            CatalogEntry("CS-JN-DERIV", "EX", "the derivative formula for J_n gives the printed J_0, J_1, J_2; its J_3 matches eq. (1)."),
            CatalogEntry("CS-SPECIAL", "EX", "derived: J_n(0) = π(2n−1)!!, so k_n(x, x) = (2n−1)!!‖x‖^{2n}; J_n(π) = 0."),
            CatalogEntry("CS-K0-STEP", "EX", "k_0 = 1 − θ/π depends only on the angle; step units fire together with probability k_0/2."),
            CatalogEntry("CS-NET-LIMIT", "EX+RT", "(2/m) f(x)·f(y) → k_n for step, ramp, quarter-pipe; RMS error ∝ m^{−1/2}."),
            CatalogEntry("CS-MULTILAYER", "EX", "the recursion for k_n^(ℓ) is the kernel of a deep threshold network (n = 0, 1; ℓ = 2, 3)."),
            CatalogEntry("CS-PSD", "IN", "arc-cosine kernels and their compositions are positive semi-definite."),
            CatalogEntry("CS-EXP-SVM", "EM", "test error rates of SVMs with arc-cosine kernels on the MNIST variants, rectangles and convex problems."),
            CatalogEntry("CS-EXP-MKM", "EM", "test error rates of multilayer kernel machines (kernel PCA + feature selection per layer)."),
        ],
        reasons: [
            "CS-EXP-SVM": "empirical: the benchmark data sets (MNIST variants, rectangles, convex) are not available offline, and "
                + "the error rates depend on training and model-selection choices the paper does not fully specify; the kernels "
                + "those SVMs use are checked in CS-JN-QUAD, CS-MULTILAYER and CS-PSD",
            "CS-EXP-MKM": "empirical: needs the same data sets plus the per-layer kernel PCA and feature selection pipeline; no "
                + "offline computation can refute or confirm the reported error rates",
        ])
}
