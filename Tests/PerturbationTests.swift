import ClaimKit
import Foundation
import FivePapers
import Randomness
import Testing

/// Power: a reference moved by twice the stated resolution must be refuted.
///
/// Thirty identity assertions, six per paper, over every route (Monte Carlo,
/// quadrature, closed form, root finding, enumeration, an iterative solver),
/// at the quick budget. Each claim's run as it is (shared with the registry
/// tests) must confirm them; judged again with their references moved by
/// ± 2δ/|reference| of themselves (δ the resolution the run recorded), every
/// one must be refuted. For a Monte Carlo assertion the interval's half-width
/// is at most δ/2 and it covers the truth except with probability alpha, so
/// the moved reference lies at least 1.5δ outside it.
///
/// The runner moves a reference when the assertion is recorded and leaves the
/// sampling untouched, so judging the recorded assertion against the moved
/// reference is what a run with the perturbation records;
/// `aRunWithMovedReferencesRecordsWhatTheMoveJudges` checks that on whole runs.
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
        #expect(Set(Self.rerun).isSubset(of: Self.claims))
    }

    /// The claims whose whole runs with moved references are compared with the moves applied afterwards
    /// (cheap ones, with Monte Carlo, quadrature, root-finding and enumeration assertions among them).
    static let rerun = ["POOL-INTRO-K", "POOL-PA-DIFF", "ASV-LEMMA1", "BG-S3.1"]

    /// The relative moves of claim `id`'s chosen assertions: 2δ/|reference| each, after checking that the
    /// unmoved run confirms them and that each is a non-zero identity.
    static func shifts(_ id: String, in plain: ClaimResult) throws -> [String: Double] {
        var shifts: [String: Double] = [:]
        for name in chosen.filter({ $0.claim == id }).map(\.assertion) {
            let assertion = try #require(plain.assertions.first { $0.name == name }, "\(id): no assertion '\(name)'")
            #expect(assertion.verdict == .confirmed, "\(id) / \(name) unperturbed")
            #expect(assertion.region.lower == assertion.region.upper && assertion.reference != 0, "\(name) is not a non-zero identity")
            shifts[assertion.key] = 2 * assertion.delta / abs(assertion.reference)
        }
        return shifts
    }

    @Test(arguments: claims)
    func movedReferencesAreRefuted(_ id: String) throws {
        let plain = try QuickRuns.result(id)
        let shifts = try Self.shifts(id, in: plain)
        for sign in [1.0, -1.0] {
            let perturbation = ReferencePerturbation(shifts: shifts.mapValues { sign * $0 })
            for assertion in plain.assertions where shifts[assertion.key] != nil {
                let moved = perturbation.apply(to: assertion)
                #expect(moved.verdict == .refuted,
                        "\(id) / \(moved.name): reference moved by \(sign > 0 ? "+" : "−")2δ, interval [\(moved.lower), \(moved.upper)] vs \(moved.reference)")
            }
        }
    }

    @Test(arguments: rerun)
    func aRunWithMovedReferencesRecordsWhatTheMoveJudges(_ id: String) throws {
        let claim = try #require(Suite.registry.claims.first { $0.id == id })
        let plain = try QuickRuns.result(id)
        let perturbation = ReferencePerturbation(shifts: try Self.shifts(id, in: plain))
        var runner = RegistryTests.runner
        runner.perturbation = perturbation
        let moved = runner.run(claim)
        #expect(moved.assertions == plain.assertions.map(perturbation.apply))
        #expect(moved.assertions.contains { $0.verdict == .refuted })
    }
}
