import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks

extension NachumClaims {
    /// NACHUM-INTRO-CONTRACT: R̂(ρ) > ρ for ρ ≠ 1, so deep ReLU FNNs collapse all inputs.
    static let contraction = Claim(
        id: "NACHUM-INTRO-CONTRACT", paper: Papers.nachum, location: "§1, text after eq. (2)",
        statement: """
        The dual activation (2) of the ReLU satisfies ρ_out > ρ_in for ρ_in ≠ 1, meaning that it is a contraction. \
        Consequently, for deep FNNs, random initialization results in a collapse of all inputs with the same norm \
        to a single point at the output.
        """,
        assumptions: [
            "ρ_in ∈ [−1, 1); the collapse is read in the infinite-width limit, ρ_L = R̂^{∘L}(ρ_0)",
            "the rate 1 − ρ_L ≈ (9π²/2)/L² is derived here (not printed) from R̂(1 − ε) = 1 − ε + (2√2/(3π))ε^{3/2} + O(ε^{5/2})",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        try ReLUDualRoutes.assertContraction(ctx, grid: RhoGrid.standard)

        // Collapse: iterate ε ↦ 1 − R̂(1 − ε) = ε − R̂(ε − 1) (no cancellation: R̂ near −1 is accurate).
        let limit = 9 * Double.pi * Double.pi / 2
        let depth = ctx.scope(quick: 100_000, full: 1_000_000)
        for start in [-1.0, 0.0, 0.9] {
            var gap = 1 - start
            var smallestStep = Double.infinity
            for _ in 0..<depth {
                let next = gap - (try ReLUDualActivation.value(gap - 1))
                smallestStep = min(smallestStep, gap - next)
                gap = next
            }
            ctx.bound("1 − ρ_L strictly decreasing over L = 1…\(depth) from ρ_0 = \(start) (smallest step)",
                      route: .closedForm, value: smallestStep, region: .atLeast(Double.leastNonzeroMagnitude),
                      samples: depth)
            let scaled = gap * Double(depth) * Double(depth)
            // Each step rounds once or twice; over L steps the relative error accumulates to about 5 L ε
            // (measured against an 80-bit recomputation). The error allows 20 L ε.
            let accumulatedRounding = 20 * Double(depth) * Double.ulpOfOne * scaled
            ctx.bound("L²(1 − ρ_L) at L = \(depth) from ρ_0 = \(start) within 1% of 9π²/2 (derived rate)",
                      route: .closedForm, value: scaled, error: accumulatedRounding / ctx.tolerance.safetyFactor,
                      region: .between(0.99 * limit, 1.01 * limit), samples: depth,
                      note: "collapse: 1 − ρ_L → 0 like (9π²/2)/L²; error: the rounding accumulated over L steps, 20 L ε")
        }
    }
}
