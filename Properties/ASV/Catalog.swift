import ClaimKit

extension Catalogs {
    /// The asv entries of the claim catalog layernorm-asv.md (its index section).
    static let asv = PaperCatalog(
        paper: Papers.asv, file: "layernorm-asv.md",
        entries: [
            CatalogEntry("ASV-MOD-VEC", "DEF", "vectorization and sub-vector conventions."),
            CatalogEntry("ASV-MOD-CONV", "DEF/EXACT", "padded strided conv, index sets, sizes (A.4)–(A.14)."),
            CatalogEntry("ASV-MOD-CONV-BWD", "EXACT", "backward conv via W̃, 𝒥, ℋ (A.15)–(A.21)."),
            CatalogEntry("ASV-MOD-FC", "DEF/EXACT", "FC as a special Conv+Pool."),
            CatalogEntry("ASV-MOD-ACT", "DEF", "activation forward/backward."),
            CatalogEntry("ASV-MOD-POOL", "DEF/EXACT", "non-overlapping max/avg pooling (divisibility needed)."),
            CatalogEntry("ASV-MOD-POOL-BWD", "EXACT", "pooling backward routing."),
            CatalogEntry("ASV-EPS", "EXACT", "ε = Σ|s| = Σ|j| (double counting) and closed form."),
            CatalogEntry("ASV-LEMMA1", "EXACT", "density of the max of i.i.d. variables."),
            CatalogEntry("ASV-B7", "EXACT", "exact per-unit forward variance identity."),
            CatalogEntry("ASV-B10", "EXACT", "ReLU commutes with max."),
            CatalogEntry("ASV-B11", "EXACT", "density of the max of N(0,q)."),
            CatalogEntry("ASV-TAU-MAX", "EXACT", "τ_max(T) = T∫₀^∞ s²φΦ^{T−1}."),
            CatalogEntry("ASV-B14", "EXACT", "E ReLU(u) = √(q/2π)."),
            CatalogEntry("ASV-B15", "EXACT", "E ReLU(u)² = q/2."),
            CatalogEntry("ASV-TAU-AVG", "EXACT", "τ_avg = (1+(T−1)/π)/(2T)."),
            CatalogEntry("ASV-TAU-T1", "EXACT", "T = 1 gives τ = γ = ½."),
            CatalogEntry("ASV-B24", "EXACT", "P(argmax = j) = 1/T."),
            CatalogEntry("ASV-B25", "EXACT", "P(max ≥ 0) = 1 − 2^{−T}."),
            CatalogEntry("ASV-GAMMA-MAX", "EXACT", "γ_max = (2^T − 1)/(T·2^T)."),
            CatalogEntry("ASV-GAMMA-AVG", "EXACT", "γ_avg = 1/(2T²)."),
            CatalogEntry("ASV-MONO-TAU", "EXACT", "τ_max ↑, τ_avg ↓ in T."),
            CatalogEntry("ASV-MONO-GAMMA", "EXACT", "γ ↓ in T (both poolings)."),
            CatalogEntry("ASV-FWD-REC", "REC-IND", "forward recursion (11)."),
            CatalogEntry("ASV-B19", "REC-IND", "per-unit backward variance identity under independence."),
            CatalogEntry("ASV-BWD-REC", "REC-IND", "backward recursion (14)/(B.29)."),
            CatalogEntry("ASV-INIT-FWD", "EXACT", "σ² = M'/(τ_{ℓ−1} ε) keeps q = 1 under (11)."),
            CatalogEntry("ASV-INIT-BWD", "EXACT", "σ² = M_{ℓ−1}/(γ ε) keeps r = 1 under (14)."),
            CatalogEntry("ASV-KAIMING-FWD", "EXACT", "reduction to 2/(k²d) (exact, no padding)."),
            CatalogEntry("ASV-KAIMING-BWD", "APPROX", "reduction to 2/(k²d') (only approximate)."),
            CatalogEntry("ASV-PADDING", "EXACT", "padding lowers ε and raises σ² relative to Kaiming."),
            CatalogEntry("ASV-QI-UNIFORM", "QUAL", "q_i equal except at borders; normality with many channels."),
            CatalogEntry("ASV-BG-XAVIER", "BG", "Xavier variance (background)."),
            CatalogEntry("ASV-BG-ALEXNET", "BG", "AlexNet init (citation inaccuracy)."),
            CatalogEntry("ASV-E2E-FWD", "REC-IND", "end-to-end claim q^(ℓ) = 1 (fails with pooling)."),
            CatalogEntry("ASV-E2E-BWD", "REC-IND", "end-to-end claim r^(ℓ) = 1 (fails for max pooling)."),
        ],
        reasons: [
            "ASV-BG-ALEXNET": """
            bibliographic: how Krizhevsky et al. (2012) initialized AlexNet ("variance 0.1², all biases one" as the paper \
            cites it; the catalog recalls std 0.01, with biases 1 in some layers only) is a statement about another paper, \
            which is not available offline; there is no mathematical content to check
            """,
        ])
}
