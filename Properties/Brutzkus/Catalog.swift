import ClaimKit

extension Catalogs {
    /// The brutzkus entries of the claim catalog brutzkus-maxpool.md (its index section).
    static let brutzkus = PaperCatalog(
        paper: Papers.brutzkus, file: "brutzkus-maxpool.md",
        entries: [
            CatalogEntry("BG-S3.1", "exact", "every x in supp(D) has ‖x‖² = n; w = (o1−o2,…,o1−o2) separates D with y w·x = 1 exactly"),
            CatalogEntry("BG-E3", "exact", "max_j σ(w_i·x[j]) = w_i·p_i(x)"),
            CatalogEntry("BG-T4.2", "exact/combinatorial", "d = 2n, n ≥ 2 ⇒ VCdim(H_CNN(supp D)) ≥ 2^{d/2−1}, via an explicit shattered set B of size 2^{n−1}"),
            CatalogEntry("BG-T4.2-SM", "exact (linear algebra)", "J − I (2^{n−1}×2^{n−1}) is invertible (Sherman–Morrison); unique α"),
            CatalogEntry("BG-T5.1", "probability bound + asymptotic rate", "under the conditions, w.p. ≥ (1−δ)(1−4e^{−d}−4e^{−m/36}): L2 → 0 and test error = O(√(d/m))"),
            CatalogEntry("BG-L5.2", "probability bound", "w.p. ≥ 1−4e^{−d}: k/(4d) ≤ #(W0+∩A+), #(W0−∩A−) ≤ k/d"),
            CatalogEntry("BG-B.1", "exact probability", "P(i∈W0+) = (1−2^{−d+1})/(d−1); P(i∈W0+∩A+) = (1−2^{−d+1})/(2(d−1)) (true only for l = d)"),
            CatalogEntry("BG-B.2", "exact inequalities", "1/(2d) ≤ p ≤ 1/d for d ≥ 3; Hoeffding with k ≥ 8d³ gives 2e^{−d}"),
            CatalogEntry("BG-L5.3", "trajectory invariant", "lucky positive channels: o1·w ≥ tη1/9 (printed \"/0\"), o_j·w ≤ r (j≠1), p_i(x+) = o1 on S1+"),
            CatalogEntry("BG-C5.4", "trajectory invariant", "same for W0−∩A− with o2, w.p. ≥ 1−4e^{−d}−4e^{−m/36}"),
            CatalogEntry("BG-L5.5", "trajectory invariant", "x[j]·w_i^(t) ≤ 2η1 t for all t ≥ 1, all i, all x ∈ supp D"),
            CatalogEntry("BG-LC.1", "trajectory invariant", "‖w_i^(t)‖ ≤ r + η1 t ≤ η1(t+1); ‖∂L1/∂w_i‖ ≤ 1"),
            CatalogEntry("BG-LC.2", "trajectory invariant", "abs(N[(W^(t),a^(0))](x)) ≤ 1/2 on S1 (proof gives ≤ 1/4)"),
            CatalogEntry("BG-LC.3", "trajectory invariant + probability", "Lemma 5.3 holds w.p. ≥ 1−4e^{−m/36} (event (14): #S1± ≥ m1/3)"),
            CatalogEntry("BG-E.1", "exact (given events)", "v* (±80d/(kη1T1) on lucky sets) satisfies y z(x)·v* > 1 on all of supp D"),
            CatalogEntry("BG-E.2", "exact (given events)", "‖v*‖² ≤ 2·80²d/(kη1²T1²)"),
            CatalogEntry("BG-E.3", "exact", "‖z(x)‖² ≤ 4kη1²T1²; σ²_max(Z) ≤ ‖Z‖_F² ≤ 4m2kη1²T1² ≤ m2/(4k); η2 < 8k ≤ 2σ_max^{−2}m2"),
            CatalogEntry("BG-E.4", "asymptotic (Soudry et al.)", "a^(t)/‖a^(t)‖ → â/‖â‖ (hard-margin SVM on z(S2)); L2 → 0"),
            CatalogEntry("BG-E.5", "exact + rate", "‖â‖² ≤ ‖v*‖²; ‖â‖²·max‖z‖² ≤ 51200·d = O(d); margin bound ⇒ O(√(d/m))"),
            CatalogEntry("BG-A.1", "asymptotic rate", "normalized max-margin of D_z is (order) 1/√d; O(d) iterations suffice (Ji & Telgarsky)"),
            CatalogEntry("BG-FN5", "asymptotic", "confidence factor e^{−d} improvable to e^{−Θ(k)}"),
            CatalogEntry("BG-S6.1", "exact", "D linearly separable in x; R² = n; bound O(‖w*‖²R²) independent of k"),
            CatalogEntry("BG-P6.1", "exact (optimization)", "min ‖w‖² s.t. y w·x ≥ 1 on supp D satisfies ‖ŵ‖² ≥ n (finding: exactly 2n, loose by a factor 2)"),
            CatalogEntry("BG-S6.2", "derived", "best FCN/SVM bound is Ω(n²); n = Θ(d^r) ⇒ Ω(d^{2r}) vs CNN O(d)"),
            CatalogEntry("BG-X7.0", "empirical", "layer-wise training ≈ standard (end-to-end Adam) training"),
            CatalogEntry("BG-X7.1", "empirical", "d=20, n=10, k=500: ConvPool beats MLP and SVM; all have zero train error"),
            CatalogEntry("BG-X7.2", "empirical", "with pattern noise ‖v‖ ≤ 1: linear SVM fails (non-zero train error), ConvPool good, beats MLP"),
            CatalogEntry("BG-X7.3", "empirical", "increasing n hurts MLP/SVM, only mildly hurts ConvPool"),
            CatalogEntry("BG-X7.4", "empirical (needs MNIST)", "MNIST 4-digit detection (3 vs 5): ConvPool beats baselines"),
        ],
        reasons: [
            "BG-X7.4": "needs the MNIST data set (digit images as patterns), which is not available offline; the patch size and the sampling of digit images are not specified either, and a synthetic stand-in would not be the paper's experiment",
        ])
}
