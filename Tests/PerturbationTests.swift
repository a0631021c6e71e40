import ClaimKit
import Foundation
import FivePapers
import Randomness
import Testing

/// Power: a reference moved by twice the stated resolution must be refuted.
///
/// Thirty identity assertions, six per paper, over every route (Monte Carlo,
/// quadrature, closed form, root finding, enumeration, an iterative solver),
/// at the quick budget. Each claim runs once as it is (the assertions must be
/// confirmed) and twice with the references of its chosen assertions moved by
/// ± 2δ/|reference| of themselves (δ the resolution the run recorded):
/// every one must then be refuted. For a Monte Carlo assertion the interval's
/// half-width is at most δ/2 and it covers the truth except with probability
/// alpha, so the moved reference lies at least 1.5δ outside it.
@Suite("Power: perturbed references are refuted")
struct PerturbationTests {
    static let chosen: [(claim: String, assertion: String)] = [
        ("POOL-INTRO-K", "ρ̄_out at ρ = 0.5: dense ReLU layer D = 8, N = 32, s² = 0.25, ‖x‖ = 1.0, ‖y‖ = 1.0"),
        ("POOL-INTRO-K", "notation-table r̂(0.0) vs 2E[R(X)R(Y)] by QUADPACK"),
        ("POOL-T4.1-MEANSIM", "ρ̄(A_x, A_y) at n = 10, ρ = 0.0: Monte Carlo E⟨A_x,A_y⟩/√(E‖A_x‖² E‖A_y‖²), m = 20"),
        ("POOL-PA-DIFF", "r̂(ρ*) = 1/2 at the Brent root ρ* = 0.3286741629"),
        ("POOL-NOTATION", "|D| = d² output positions, k = 3, cyclic"),
        ("POOL-PA-PSI2", "‖Z‖_ψ2 by QUADPACK + Brent vs √(8/3) (E exp(Z²/t²) = (1 − 2/t²)^{−1/2})"),
        ("NACHUM-EQ2", "ρ̄_out at ρ = 0.5: dense ReLU layer D = 4, N = 16, s² = 0.5, ‖x‖ = 1.7, ‖y‖ = 0.6"),
        ("NACHUM-DEF1", "2E[R(X)R(Y)] at ρ = -0.5, Monte Carlo pairs"),
        ("NACHUM-DEF1", "ν_R² = E[R(X)²] by QUADPACK vs 1/2"),
        ("NACHUM-PROP-RHAT", "R̂''(0.5) = 1/(π√(1−ρ²)) vs central difference"),
        ("NACHUM-L4", "‖R(Z)‖_ψ2 by quadrature and Brent vs 3/2 (closed form: ½ + ½(1 − 2/t²)^{-1/2} = 2)"),
        ("NACHUM-L1", "G2, r = 2: ν² tr M of the quadratic form F'ᵀMF' vs ⟨x, y⟩"),
        ("LN-B-LRELU-COV", "𝔆[LReLU_0.1|0.5] by Monte Carlo pairs"),
        ("LN-B-LRELU-LIN", "φ̂_0 of LReLU_0.1 = E φ(X) by Monte Carlo"),
        ("LN-NOT-HERM-ORTH", "E[h_2(X) h_2(Y)] at ρ = 0.5 by Monte Carlo"),
        ("LN-EC-P7-STEIN", "𝔆[erf'|0.3] by nested QUADPACK vs closed form"),
        ("LN-PHASE-ORD", "ReLU, σ_b² = 0.1: (1 − ρ_301)/(1 − ρ_300) vs P'(1)"),
        ("LN-NOT-OPNORM", "rank one u wᵀ (4 x 3): ‖M‖²_op = (3/4)‖u‖²‖w‖²"),
        ("ASV-LEMMA1", "normal, n = 4: Pr(max ≤ 1.0) = Φ(1.0)⁴ (B.3)"),
        ("ASV-TAU-MAX", "τ_max(4) = E[ReLU(max u)²] by Monte Carlo"),
        ("ASV-LEMMA1", "normal, n = 2: E max = ∫ x p̂ = 1/√π"),
        ("ASV-B11", "q = 0.25, T = 2, x = 0.25: T β φ(βx) Φ(βx)^{T−1} = d/dx Φ(βx)^T"),
        ("ASV-EPS", "32×32×3 → 2, k = 3, p = 1: ε = 6(3w − 2)², ε/M' = 25.88671875"),
        ("ASV-B11", "q = 4, T = 4: E û by Monte Carlo against ∫ x p̂ (QAGI)"),
        ("BG-S3.1", "P(j+ = 1) for n = 3: the discriminative slot is uniform (1/n)"),
        ("BG-S3.1", "P(y = −1, U = {o_4, o_5}) for d = l = 5, n = 3: sampler vs ½ surj(n−1, |U|)/(l−2)^{n−1}"),
        ("BG-P6.1", "FINDING, n = 3, d = l = 4, o_i = e_i: ‖ŵ‖² = 2n exactly, so the printed ‖ŵ‖² ≥ n is loose by a factor 2 (bracket width as the error)"),
        ("BG-S3.1", "min of d = 3, l = 3, n = 2, o_i = e_i: ‖x‖² over the 4 support points = 2.0"),
        ("BG-S3.1", "min of d = l = 20, n = 10, Haar O: ‖x‖² over 2000 draws = 10.0"),
        ("BG-B.1", "d = 8, l = 4: P(i ∈ W0+ ∩ A+), initializer + eq. (6), vs (1 − 2^{−(l−1)})/(2(l − 1))"),
    ]

    static var claims: [String] { Array(Set(chosen.map(\.claim))).sorted() }

    @Test func theSetSpansEveryPaperAndRoute() throws {
        #expect(Self.chosen.count >= 20)
        let papers = Set(try Self.claims.map { id in try #require(Suite.registry.claims.first { $0.id == id }).paper.key })
        #expect(papers == Set(Suite.registry.papers.map(\.key)))
    }

    @Test(arguments: claims)
    func movedReferencesAreRefuted(_ id: String) throws {
        let claim = try #require(Suite.registry.claims.first { $0.id == id })
        var runner = try Runner(registry: Suite.registry, budget: .quick, engine: try MonteCarloEngine(threads: 2))
        let names = Self.chosen.filter { $0.claim == id }.map(\.assertion)
        let plain = runner.run(claim)
        var shifts: [String: Double] = [:]
        for name in names {
            let assertion = try #require(plain.assertions.first { $0.name == name }, "\(id): no assertion '\(name)'")
            #expect(assertion.verdict == .confirmed, "\(id) / \(name) unperturbed")
            #expect(assertion.region.lower == assertion.region.upper && assertion.reference != 0, "\(name) is not a non-zero identity")
            shifts[assertion.key] = 2 * assertion.delta / abs(assertion.reference)
        }
        for sign in [1.0, -1.0] {
            runner.perturbation = ReferencePerturbation(shifts: shifts.mapValues { sign * $0 })
            let moved = runner.run(claim)
            for name in names {
                let assertion = try #require(moved.assertions.first { $0.name == name })
                #expect(assertion.verdict == .refuted,
                        "\(id) / \(name): reference moved by \(sign > 0 ? "+" : "−")2δ, interval [\(assertion.lower), \(assertion.upper)] vs \(assertion.reference)")
            }
        }
    }
}
