import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T5-16: the inner product after one ReLU layer is within the shared boundary of ⟨A, B⟩.
    static let theorem5InnerProduct = Claim(
        id: "NACHUM-T5-16", paper: Papers.nachum, location: "§3.4, Theorem 5, eq. (16); proof App. G, eq. (29)",
        statement: """
        Let A, B ⊂ [n] × [n] and a convolution filter F ∈ R^{(2r+1)×(2r+1)} such that the entries in F are i.i.d. \
        Gaussians with variance 2/(2r+1)². Then, ⟨A, B⟩ − ∂_r(A, B) ≤ E[⟨R(F * A), R(F * B)⟩] ≤ ⟨A, B⟩ + ∂_r(A, B) (16). \
        The proof (App. G) writes E = Σ_ij σ̂([A]^{r̄}_ij, [B]^{r̄}_ij, 2/(2r+1)) with \
        σ̂([A]^{r̄}_ij, [B]^{r̄}_ij, 2/(2r+1)) = ‖[A]^{r̄}_ij‖ ‖[B]^{r̄}_ij‖ R̂(ρ_ij)/(2r+1)² (29), and shows that it equals \
        A_ij B_ij off ∂_r(A, B).
        """,
        assumptions: [
            "∂_r(A, B) in (16) is the cardinality |∂_r(A, B)|; [n] × [n] is Z_n × Z_n; cyclic convolution",
            "(29)'s third argument is the ν of Definition 1, a standard deviation: with the variance 2/(2r+1)² of the "
                + "theorem it must be √2/(2r+1); as printed (2/(2r+1)) the left side is twice the right side",
            "the E₀ step of the proof writes \"A_{i+a₁,j+b₁} = 1 and A_{i+c₁,j+d₁} = 1\"; the second must be B (typo)",
            "(29) itself: its left side σ̂ = E[R(νX)R(νY)] (Definition 1) by nested quadrature of (5) on the 48 "
                + "pixels of ∂_1 for G3, for ν = 2/3 (printed) and √2/3, against its closed-form right side",
            "probed on 3000 random pairs (600 at the quick budget; Bernoulli noise, rectangles, ellipses, n ∈ [5, 19], "
                + "r ∈ [1, (n−1)/2]), all 2⁹ × 2⁹ pairs at n = 3 (standard budget) and G3",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "(29): σ̂([A]_ij, [B]_ij, 2/(2r+1)) = ‖[A]_ij‖‖[B]_ij‖R̂(ρ_ij)/(2r+1)² (the bounds (16) hold)",
            corrected: "(29) with third argument √2/(2r+1) (filter variance 2/(2r+1)²); (16) holds as printed")
    ) { ctx in
        let pairs = try theorem5Pairs(ctx)
        var lower = Double.infinity, upper = Double.infinity, tightest = Double.infinity
        var printed29 = 0.0, corrected29 = 0.0, offBoundary = 0.0
        for pair in pairs {
            let slack = Double(pair.boundary.count)
            lower = min(lower, pair.expected - (pair.dot - slack))
            upper = min(upper, pair.dot + slack - pair.expected)
            if slack > 0 { tightest = min(tightest, slack - abs(pair.expected - pair.dot)) }
            offBoundary = max(offBoundary, pair.largestOffBoundaryDeviation)
        }
        let boundsHold = "the bounds (16) hold as printed; only the third argument of (29) is misprinted"
        let below = ctx.bound("min over \(pairs.count) pairs of E⟨R(F*A),R(F*B)⟩ − (⟨A,B⟩ − |∂_r|)", route: .closedForm,
                              value: lower, error: 1e-11, region: .atLeast(0), resolution: 1e-9, samples: pairs.count)
        try ctx.expect(.confirmed, for: below.key, because: boundsHold)
        let above = ctx.bound("min over \(pairs.count) pairs of ⟨A,B⟩ + |∂_r| − E⟨R(F*A),R(F*B)⟩", route: .closedForm,
                              value: upper, error: 1e-11, region: .atLeast(0), resolution: 1e-9, samples: pairs.count,
                              note: "tightest pair with a non-empty boundary: |∂| − |E − ⟨A,B⟩| = \(tightest)")
        try ctx.expect(.confirmed, for: above.key, because: boundsHold)
        // (29) at G3 for r = 1 on the boundary pixels: Definition 1's left side σ̂([A]_ij, [B]_ij, ν) = E[R(νX)R(νY)]
        // by quadrature of eq. (5), for both readings of ν, against the closed-form right side ‖[A]_ij‖‖[B]_ij‖R̂(ρ_ij)/9.
        let (g3a, g3b) = try NachumInputs.g3()
        let windows = try PatchOperator.centered(radius: 1)
        var printedError = 0.0, correctedError = 0.0, boundaryPixels = 0
        let boundary = try SharedBoundary(g3a, g3b, radius: 1)
        for p in boundary.members.indices where boundary.members[p] {
            let wa = try windows.patch(of: g3a.image, row: p / 20, column: p % 20)
            let wb = try windows.patch(of: g3b.image, row: p / 20, column: p % 20)
            let norms = (Vector.dot(wa, wa) * Vector.dot(wb, wb)).squareRoot()
            let rightSide = norms > 0 ? norms * (try ReLUDualActivation.value(Vector.dot(wa, wb) / norms)) / 9 : 0
            let printed = try DualActivation.expectation(.relu, x: wa, y: wb, nu: 2.0 / 3)
            let corrected = try DualActivation.expectation(.relu, x: wa, y: wb, nu: Theorem5Pair.nu(1))
            printed29 = max(printed29, abs(printed.value - rightSide))
            corrected29 = max(corrected29, abs(corrected.value - rightSide))
            printedError = max(printedError, printed.absoluteError)
            correctedError = max(correctedError, corrected.absoluteError)
            boundaryPixels += 1
        }
        ctx.compare("G3, r = 1: max over the \(boundaryPixels) pixels of ∂_1 of |σ̂([A]_ij,[B]_ij, 2/3) − ‖[A]_ij‖‖[B]_ij‖R̂(ρ_ij)/9| (29) as printed",
                    route: .quadrature, value: printed29, error: printedError, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-9)
        ctx.compare("G3, r = 1: the same with third argument √2/3", subject: .corrected, route: .quadrature,
                    value: corrected29, error: correctedError, reference: 0, referenceRoute: .closedForm, resolution: 1e-9)
        ctx.compare("max over \(pairs.count) pairs and the pixels off ∂_r of |t_ij − A_ij B_ij| (t_ij: (29) corrected)",
                    subject: .corrected, route: .closedForm, value: offBoundary, error: 1e-14, reference: 0,
                    referenceRoute: .closedForm, resolution: 1e-12, samples: pairs.count)
        // Monte Carlo through the convolution (filters anchored at a corner, eq. (4)) against the centered-window sum.
        let radii = ctx.scope(quick: [1], full: [1, 2])
        let alpha = try ctx.reserveAlpha(1, splitOver: radii.count)
        for r in radii {
            let pair = try Theorem5Pair(g3a, g3b, radius: r)
            try ctx.estimateMean("G3, r = \(r): E⟨R(F*A),R(F*B)⟩ by Monte Carlo vs Σ t_ij = \(pair.expected) (⟨A,B⟩ = 35, |∂| = \(pair.boundary.count))",
                                 subject: .corrected, region: .equal(pair.expected), resolution: 2e-2 * pair.expected,
                                 alpha: alpha, pilotSamples: 400, chunkSize: 128,
                                 sample: FilterMonteCarlo.innerProduct(g3a.image, g3b.image, activation: .relu,
                                                                       filterSize: 2 * r + 1, nu: Theorem5Pair.nu(r)))
        }
    }

    /// NACHUM-T5-17: distances after one ReLU layer are within twice the shared boundary of ‖A − B‖².
    static let theorem5Distance = Claim(
        id: "NACHUM-T5-17", paper: Papers.nachum, location: "§3.4, Theorem 5, eq. (17); proof App. G, last paragraph",
        statement: """
        (Setting of Theorem 5.) ‖A − B‖² − 2∂_r(A, B) ≤ E[‖R(F * A) − R(F * B)‖²] ≤ ‖A − B‖² + 2∂_r(A, B). \
        (Proof: substitute ‖A − B‖² = ‖A‖² + ‖B‖² − 2⟨A, B⟩ and E‖R(F * A)‖² = ‖A‖² from (9).)
        """,
        assumptions: [
            "cyclic convolution (the proof uses (9)); filter variance 2/(2r+1)²; ∂_r(A, B) is the cardinality",
            "the same pairs as NACHUM-T5-16",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let pairs = try theorem5Pairs(ctx)
        var lower = Double.infinity, upper = Double.infinity
        for pair in pairs {
            let slack = 2 * Double(pair.boundary.count)
            lower = min(lower, pair.expectedSquaredDistance - (pair.squaredDistance - slack))
            upper = min(upper, pair.squaredDistance + slack - pair.expectedSquaredDistance)
        }
        ctx.bound("min over \(pairs.count) pairs of E‖R(F*A) − R(F*B)‖² − (‖A−B‖² − 2|∂_r|)", route: .closedForm,
                  value: lower, error: 1e-11, region: .atLeast(0), resolution: 1e-9, samples: pairs.count)
        ctx.bound("min over \(pairs.count) pairs of ‖A−B‖² + 2|∂_r| − E‖R(F*A) − R(F*B)‖²", route: .closedForm,
                  value: upper, error: 1e-11, region: .atLeast(0), resolution: 1e-9, samples: pairs.count)
        let (g3a, g3b) = try NachumInputs.g3()
        let radii = ctx.scope(quick: [1], full: [1, 2])
        let alpha = try ctx.reserveAlpha(1, splitOver: radii.count)
        for r in radii {
            let pair = try Theorem5Pair(g3a, g3b, radius: r)
            let (x, y, nu) = (g3a.image, g3b.image, Theorem5Pair.nu(r))
            try ctx.estimateMean("G3, r = \(r): E‖R(F*A) − R(F*B)‖² by Monte Carlo vs Σ_ij (eq. (8) terms) = \(pair.expectedSquaredDistance) (‖A−B‖² = 120)",
                                 region: .equal(pair.expectedSquaredDistance), resolution: 2e-2 * pair.expectedSquaredDistance,
                                 alpha: alpha, pilotSamples: 400, chunkSize: 128) { rng, count in
                let patches = try PatchedImagePair(x, y, filterSize: 2 * r + 1)
                return try RunningMoments.of(count: count) {
                    let s = try FilterMonteCarlo.sums(patches, activation: .relu, nu: nu, batch: 64, rng: &rng)
                    return (s.xx + s.yy - 2 * s.xy) / 64
                }
            }
        }
    }
}
