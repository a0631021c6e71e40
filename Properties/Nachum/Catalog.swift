import ClaimKit

extension Catalogs {
    /// The nachum entries of the claim catalog pooling-nachum.md (its index section).
    static let nachum = PaperCatalog(
        paper: Papers.nachum, file: "pooling-nachum.md",
        entries: [
            CatalogEntry("NACHUM-INTRO-LINFNN", "EX", "linear FNN (var 1/N) preserves <·,·> and norms in expectation."),
            CatalogEntry("NACHUM-INTRO-JL", "PR", "JL: P(|ρ_out−ρ_in|<ε) ≥ 1−δ for N > c log(1/δ)/ε²; exact Beta law at ρ_in=0."),
            CatalogEntry("NACHUM-EQ2", "EX+RT", "ReLU FNN: ρ̄_out = R̂(ρ_in); ρ_out concentrates."),
            CatalogEntry("NACHUM-INTRO-CONTRACT", "IN", "R̂(ρ) > ρ for ρ<1; deep collapse (1−ρ_L ~ 44.41/L², derived)."),
            CatalogEntry("NACHUM-INTRO-BOUNDS", "IN", "eq. (3): max(ρ_in,0) ≤ ρ̄_out ≤ (1+ρ_in)/2 (\"contracting\": non-expanding, equality case of Remarks 2–3)."),
            CatalogEntry("NACHUM-FIG1", "EM", "Gaussian pairs follow R̂; natural images ρ_out ≈ ρ_in, fit slope 0.97 (100 filters, 200 pairs)."),
            CatalogEntry("NACHUM-DEF1", "DF+EX", "dual activation; σ̂(1)=1; ν_R² = 1/2; closed form of R̂."),
            CatalogEntry("NACHUM-PROP-RHAT", "IN", "a ≤ R̂(a); R̂ convex, R̂(±1) ∈ {1,0}; R̂(ρ) ≤ (1+ρ)/2."),
            CatalogEntry("NACHUM-T1-EQ7", "EX", "E<σ(F*x),σ(F*y)> = Σ_ij σ̂([x]_ij,[y]_ij,ν) (any σ, cyclic)."),
            CatalogEntry("NACHUM-T1-EQ8", "EX", "homogeneous form ν²ν_σ² Σ‖a_ij‖‖b_ij‖σ̂(ρ_ij)."),
            CatalogEntry("NACHUM-T1-EQ9", "EX", "E‖σ(F*x)‖² = ν²ν_σ²r²‖x‖²; ν = 1/(ν_σ r) preserves norms."),
            CatalogEntry("NACHUM-T2", "PR", "concentration of (1/N)Σ<·,·> with N > max(K,K²)log(2n²/δ), K = Dν²L²R²n²/ε."),
            CatalogEntry("NACHUM-R1", "IN", "‖[x]_ij‖ ≤ ‖x‖."),
            CatalogEntry("NACHUM-EQ12", "EX", "ρ̄_out = Σ‖a‖‖b‖σ̂(ρ_ij)/(r²‖x‖‖y‖)."),
            CatalogEntry("NACHUM-C1", "PR", "concentration of ρ_out (printed K has ν² — must be ν_σ²)."),
            CatalogEntry("NACHUM-L1", "EX", "linear CNN, ν=1/r: E<F*x,F*y> = <x,y>."),
            CatalogEntry("NACHUM-L2", "PR", "linear CNN concentration; exact variance 2ν⁴‖M_s‖_F²/N."),
            CatalogEntry("NACHUM-T3", "IN", "max(<x,y>,0) ≤ E<R(F*x),R(F*y)> ≤ ‖x‖‖y‖(1+ρ)/2 (variance 2/r², printed \"ν = 2/r²\")."),
            CatalogEntry("NACHUM-R2", "EX", "three r=1 examples attaining the bounds."),
            CatalogEntry("NACHUM-R3", "EX", "lower bound equality iff ρ_ij=1 or a zero patch at every position."),
            CatalogEntry("NACHUM-T4", "EX", "Gaussian correlated inputs: E_{F,X,Y}<R(F*X),R(F*Y)> = R̂(ρ)."),
            CatalogEntry("NACHUM-DEF2", "DF", "shared r-boundary ∂_r(A,B)."),
            CatalogEntry("NACHUM-EX1", "EX", "rectangles: |∂_r| = 4r(e+f) (needs e,f ≥ 2r, no wrap)."),
            CatalogEntry("NACHUM-T5-16", "IN", "<A,B> − |∂_r| ≤ E<R(F*A),R(F*B)> ≤ <A,B> + |∂_r|."),
            CatalogEntry("NACHUM-T5-17", "IN", "‖A−B‖² ± 2|∂_r| bounds on E‖R(F*A)−R(F*B)‖²."),
            CatalogEntry("NACHUM-T5-COR", "IN+PR", "|ρ_out − ρ_in| ≤ |∂_r|/(‖A‖‖B‖) + ε."),
            CatalogEntry("NACHUM-T5-RES", "RT", "upsampling by s: |∂_r|/(‖A‖‖B‖) → 0 (≈ 1/s)."),
            CatalogEntry("NACHUM-S41-GRAY", "QL", "boundary result extends to grayscale."),
            CatalogEntry("NACHUM-S41-RG", "EX", "Red/Green: inner product 0 but E<R(F*Red),R(F*Green)> = 1/π."),
            CatalogEntry("NACHUM-S41-IMNET", "EM", "ImageNet channel angle ~12.5°, norm difference ~9.2 %."),
            CatalogEntry("NACHUM-S42-MEANREMOVAL", "QL", "mean removal/normalization sharpen contraction."),
            CatalogEntry("NACHUM-S42-ORTHO", "RT/QL", "orthogonal and Gaussian init duals coincide for large dimension."),
            CatalogEntry("NACHUM-S42-ZEROSUM", "QL", "zero-sum filters / batch norm cause expansion."),
            CatalogEntry("NACHUM-L3", "EX", "covariance of (<u,G>,<v,H>)."),
            CatalogEntry("NACHUM-L4", "IN", "sub-Gaussian calculus facts (Vershynin)."),
            CatalogEntry("NACHUM-T6", "PR", "Bernstein inequality for sub-exponentials."),
        ],
        reasons: [
            "NACHUM-S41-IMNET": "empirical: the channel angle ~12.5° and norm difference ~9.2 % are averages over 10⁴ "
                + "ImageNet images, not available offline (and the norm difference is not defined); the analysis it "
                + "supports, RGB with equal channels reduces to grayscale, is checked in NACHUM-S41-GRAY",
            "NACHUM-T6": "bibliographic: Bernstein's inequality for sub-exponentials quoted from Vershynin (2018, "
                + "Thm 2.8.1) with an unspecified absolute constant c, so no finite computation can refute it; the "
                + "concentration it yields in the paper is checked as rates in NACHUM-T2, NACHUM-C1 and NACHUM-L2",
        ])
}
