import ClaimKit
import RandomNetworkChecks
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T3: lower and upper bounds on the expected output inner product of a ReLU CNN layer.
    static let theorem3 = Claim(
        id: "NACHUM-T3", paper: Papers.nachum, location: "§3.2, Theorem 3, eq. (13); proof App. E, (24a)–(27)",
        statement: """
        Consider the setting of theorem 1 with a ReLU activation function and variance ν = 2/r², for inputs x and y \
        with similarity ρ. Then, max{⟨x, y⟩, 0} ≤ E[⟨R(F * x), R(F * y)⟩] ≤ ‖x‖ ‖y‖ (1 + ρ)/2.
        """,
        assumptions: [
            "cyclic convolution (4); filter entries i.i.d. zero-mean Gaussian",
            "as printed the symbol ν = 2/r² is the parameter of Definition 1, a standard deviation; the proof's (24c) "
                + "and Theorem 4 use the variance 2/r², i.e. ν = √2/r",
            "probed on 3000 random pairs (600 at the quick budget) of four kinds with n ∈ [3, 11], r ∈ [1, n], "
                + "d ∈ {1, 2, 3}, and Remark 2's tight examples; slacks normalized by ‖x‖‖y‖",
        ],
        kind: .inequality,
        expectation: .erratum(printed: "filter standard deviation ν = 2/r² (variance 4/r⁴)",
                              corrected: "filter variance ν² = 2/r² (ν = √2/r), as (24c) and Theorem 4 use")
    ) { ctx in
        // As printed: x = y, where both bounds equal ‖x‖²; with ν = 2/r², E‖R(F*x)‖² = (2/r²)‖x‖².
        let (x, _) = try NachumInputs.g1()
        let normSquared = x.norm * x.norm
        for r in [1, 3] {
            let e = try CNNDualFormula.expectedInnerProduct(.relu, x, x, filterSize: r, nu: 2 / Double(r * r))
            ctx.bound(r == 1 ? "r = 1, x = y (G1): E⟨R(F*x),R(F*x)⟩/‖x‖² ≤ (1+ρ)/2 = 1 with ν = 2/r²"
                             : "r = 3, x = y (G1): E⟨R(F*x),R(F*x)⟩/‖x‖² ≥ ⟨x,x⟩/‖x‖² = 1 with ν = 2/r²",
                      route: .closedForm, value: e / normSquared, error: 1e-14,
                      region: r == 1 ? .atMost(1) : .atLeast(1), resolution: 1e-12)
        }
        try ctx.estimateMean("r = 1, x = y (G1), filters of standard deviation 2: Monte Carlo E‖R(F*x)‖²/‖x‖² vs upper bound 1",
                             region: .atMost(1), resolution: 2e-2, alpha: try ctx.reserveAlpha(0.5), pilotSamples: 400,
                             chunkSize: 256,
                             sample: FilterMonteCarlo.innerProduct(try x.scaled(by: 1 / x.norm), try x.scaled(by: 1 / x.norm),
                                                                   activation: .relu, filterSize: 1, nu: 2))

        // Corrected: variance 2/r² over the randomized family and the tight examples.
        var rng = ctx.stream("family").generator()
        var pairs = try BoundsFamily.pairs(count: ctx.scope(quick: 600, full: 3000), rng: &rng)
        for rho in [0.0, 0.3, 0.7, 1.0] {
            pairs += try BoundsFamily.remark2(rho).map { BoundsFamily.Pair(x: $0.x, y: $0.y, filterSize: 1, kind: $0.label) }
        }
        let slacks = try BoundsFamily.slacks(pairs, nu: NachumInputs.reluNu)
        ctx.bound("min over the pairs of (E − max(⟨x,y⟩, 0))/(‖x‖‖y‖), ν² = 2/r²", subject: .corrected,
                  route: .closedForm, value: slacks.lower, error: 1e-12, region: .atLeast(0), resolution: 1e-10,
                  samples: slacks.count, note: "0 is attained by Remark 2 (ii)–(iii): the bound is tight")
        ctx.bound("min over the pairs of (‖x‖‖y‖(1+ρ)/2 − E)/(‖x‖‖y‖), ν² = 2/r²", subject: .corrected,
                  route: .closedForm, value: slacks.upper, error: 1e-12, region: .atLeast(0), resolution: 1e-10,
                  samples: slacks.count, note: "0 is attained by Remark 2 (i): the bound is tight")
        let (gx, gy) = try NachumInputs.g1()
        let inner = try gx.dot(gy)
        try ctx.estimateMean(
            "G1, ν² = 2/9: Monte Carlo E⟨R(F*x),R(F*y)⟩ within [max(⟨x,y⟩,0), ‖x‖‖y‖(1+ρ)/2]", subject: .corrected,
            region: .between(max(inner, 0), (gx.norm * gy.norm + inner) / 2), resolution: 2e-2 * gx.norm * gy.norm,
            alpha: try ctx.reserveAlpha(0.5), pilotSamples: 400, chunkSize: 256,
            sample: FilterMonteCarlo.innerProduct(gx, gy, activation: .relu, filterSize: 3, nu: NachumInputs.reluNu(filterSize: 3)))
    }

    /// NACHUM-INTRO-BOUNDS: eq. (3), the normalized form of Theorem 3, and the "contracting" conclusion, read with
    /// the equality case the paper itself states in Remarks 2 (iii) and 3.
    static let introductionBounds = Claim(
        id: "NACHUM-INTRO-BOUNDS", paper: Papers.nachum, location: "§1.1, eq. (3) and the sentence after it; §3.2, Remarks 2–3",
        statement: """
        For randomly initialized ReLU CNNs, we derive the following tight upper and lower bounds for ρ̄_out in terms of \
        ρ_in in theorem 3: max{ρ_in, 0} ≤ ρ̄_out ≤ (1 + ρ_in)/2 (3). These bounds imply, in turn, that for ρ_in ≠ 1 \
        each ReLU CNN layer is contracting.
        """,
        assumptions: [
            "ρ̄_out is eq. (12) (expectation over the filters, cyclic convolution); it is ν-free",
            "\"contracting\" read as the paper itself qualifies it for CNNs: the lower bound of (3) gives ρ̄_out ≥ ρ_in "
                + "(non-expansion; §3.2 before Theorem 3: \"every layer … is contracting in expectation\"); Remark 2 (iii) "
                + "states that it is attained (\"All bounds in theorem 3 are tight … ⟨x, y⟩ = E[σ(F * x)σ(F * y)] = ρ\") and "
                + "Remark 3 that it is strict \"in most typical scenarios\", with equality \"iff ρ_ij = 1 ∨ [x]^r_ij = 0 ∨ "
                + "[y]^r_ij = 0\" at every (i, j). The strict reading ρ̄_out > ρ_in for every ρ_in ≠ 1 (the FNN's sense of §1) "
                + "is what the intro sentence says taken alone; the paper's own remarks two pages later exclude it, so it "
                + "is not the claim tested (an earlier version of this check reported it as an erratum)",
            "equality case: Remark 2 (iii) with integer entries, x = (3, 4, 0), y = (0, 4, 3) as pixels, r = 1: "
                + "ρ_in = ρ̄_out = 16/25 in exact arithmetic, and Remark 3's condition holds at every pixel",
            "strictness is probed on the random family's Gaussian pairs whose patches have more than one entry "
                + "(r²d > 1): with r = d = 1 every ρ_ij is ±1 and Remark 3's equality case occurs with positive probability",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("family").generator()
        let random = try BoundsFamily.pairs(count: ctx.scope(quick: 600, full: 3000), rng: &rng)
        let slacks = try BoundsFamily.slacks(random, nu: NachumInputs.reluNu)
        let boundsHold = "the bounds (3) are right (Theorem 3); only the conclusion \"contracting\" is wrong"
        let below = ctx.bound("min over the random pairs of ρ̄_out − max(ρ_in, 0)", route: .closedForm,
                              value: slacks.lower, error: 1e-12, region: .atLeast(0), resolution: 1e-10, samples: slacks.count)
        try ctx.expect(.confirmed, for: below.key, because: boundsHold)
        let above = ctx.bound("min over the random pairs of (1 + ρ_in)/2 − ρ̄_out", route: .closedForm,
                              value: slacks.upper, error: 1e-12, region: .atLeast(0), resolution: 1e-10, samples: slacks.count)
        try ctx.expect(.confirmed, for: above.key, because: boundsHold)

        // The equality case: exactly representable integers make it exact.
        let x = try NachumInputs.pixels([3, 4, 0], size: 2), y = try NachumInputs.pixels([0, 4, 3], size: 2)
        let rhoIn = try x.cosine(y) ?? .nan
        let rhoOut = try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: 1) ?? .nan
        ctx.compare("same pair: ρ̄_out − ρ_in = 0 (equality case of the lower bound)",
                    description: "Remark 2 (iii), x = (3,4,0), y = (0,4,3), r = 1: ρ̄_out − ρ_in = 0 (the stated equality case)",
                    route: .closedForm, value: rhoOut - rhoIn, reference: 0, referenceRoute: .closedForm, resolution: 1e-13,
                    note: "exact arithmetic: every quantity is a small integer or 16/25")
        ctx.compare("same pair: pixels violating Remark 3's equality condition (ρ_ij = 1 or a zero patch)",
                    route: .enumeration, value: try conditionHolds(x, y, filterSize: 1) ? 0 : 1, reference: 0,
                    referenceRoute: .enumeration, resolution: 0.5)
        try ctx.estimateMean("same pair: Monte Carlo E⟨R(F*x),R(F*y)⟩ (ν² = 2) vs ⟨x,y⟩ = 16",
                             region: .equal(16), resolution: 0.2, alpha: try ctx.reserveAlpha(1), pilotSamples: 400,
                             chunkSize: 256,
                             sample: FilterMonteCarlo.innerProduct(x, y, activation: .relu, filterSize: 1, nu: 2.0.squareRoot()))
        // Generic: Gaussian pairs whose patches have more than one entry. With r = 1 and one channel every local cosine is
        // ±1, and when all pixel products are positive (probability 2^{−n²}) the pair is Remark 3's equality case exactly
        // (it happened at one seed in 100).
        let generic = random.filter {
            ($0.kind == "independent Gaussian" || $0.kind == "near-antipodal") && $0.filterSize * $0.filterSize * $0.x.channels > 1
        }
        let genericSlacks = try BoundsFamily.slacks(generic, nu: NachumInputs.reluNu)
        ctx.bound("min over the generic Gaussian pairs of ρ̄_out − ρ_in (strict non-expansion)",
                  description: "min over the generic Gaussian pairs of ρ̄_out − ρ_in > 0 (strict, Remark 3's typical case)",
                  route: .closedForm, value: genericSlacks.expansion, error: 1e-12,
                  region: .atLeast(Double.leastNonzeroMagnitude), resolution: 0, samples: genericSlacks.count,
                  note: "resolution 0: the interval must exclude 0, so a slack within rounding of 0 is not confirmed")

        let curve = RhoGrid.evenly(101, from: -1, to: 1)
        ctx.attach(Figure(
            name: "bounds", title: "ρ̄_out against ρ_in for random inputs: the bounds (3)",
            xLabel: "ρ_in", yLabel: "ρ̄_out (eq. (12))", series: [
                .init(label: "random pairs (exact ρ̄_out)", style: .scatter, x: slacks.points.map(\.0), y: slacks.points.map(\.1)),
                .init(label: "max(ρ_in, 0)", style: .line, x: curve, y: curve.map { max($0, 0) }),
                .init(label: "(1 + ρ_in)/2", style: .line, x: curve, y: curve.map { (1 + $0) / 2 }),
                .init(label: "R̂(ρ_in) (FNN, eq. (2))", style: .line, x: curve, y: try curve.map(ReLUDualActivation.value)),
            ]))
    }
}
