import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension BrutzkusClaims {
    static let hoeffdingStep = Claim(
        id: "BG-B.2", paper: Papers.brutzkus, location: "App. B, eq. (13) and the sentence after it",
        statement: """
        "by Hoeffding's inequality we get: P(| |W0+ ∩ A+|/k − (1 − 2^{−d+1})/(2(d − 1)) | > 1/(4d)) ≤ 2e^{−2k(1/(4d))²} \
        ≤ 2e^{−d} (13) where in the last inequality we used the assumption on k. Since (1 − 2^{−d+1})/(2(d − 1)) ≥ 1/(2d) \
        and (1 − 2^{−d+1})/(2(d − 1)) ≤ 1/d for d ≥ 3, we get that with probability at least 1 − 2e^{−d}, \
        |W0+ ∩ A+| ≥ (1 − 2^{−d+1})k/(2(d − 1)) − k/(4d) ≥ k/(4d) and |W0+ ∩ A+| ≤ (1 − 2^{−d+1})k/(2(d − 1)) + k/(4d) ≤ k/d."
        """,
        assumptions: [
            "p = (1 − 2^{−d+1})/(2(d − 1)) (l = d, see BG-B.1); the assumption on k is Theorem 5.1's k > 8d³ (checked at k = ⌈8d³⌉ and 8d³ + 1)",
            "d = 3 … 200 for the inequalities; the exact binomial tail of (13) for d = 3 … 10",
            "the last step needs p ≤ 3/(4d), not only p ≤ 1/d as the text says (pk + k/(4d) ≤ k/d ⇔ p ≤ 3/(4d)); p ≤ 3/(4d) is what is checked",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let dimensions = Array(3...200)
        let p = dimensions.map { LuckyCounts.printed(dimension: $0) }
        // p ≥ 1/(2d): 2dp − 1 = (d/(d − 1))(1 − 2^{1−d}) − 1 > 0, tending to 0 as d grows (the bound is tight asymptotically).
        let lowerGap = zip(dimensions, p).map { 2 * Double($0) * $1 - 1 }
        ctx.bound("min over d = 3…200 of 2dp − 1 (p ≥ 1/(2d)); smallest at d = \(dimensions[lowerGap.firstIndex(of: lowerGap.min()!)!])",
                  route: .closedForm, value: lowerGap.min() ?? .nan, region: .atLeast(0), samples: dimensions.count)
        ctx.bound("max over d = 3…200 of dp (p ≤ 1/d)", route: .closedForm,
                  value: zip(dimensions, p).map { Double($0) * $1 }.max() ?? .nan, region: .atMost(1),
                  samples: dimensions.count)
        ctx.bound("max over d = 3…200 of 4dp/3 (pk + k/(4d) ≤ k/d needs p ≤ 3/(4d)); largest at d = 3 (9/16·4/3 = 3/4)",
                  route: .closedForm, value: zip(dimensions, p).map { 4 * Double($0) * $1 / 3 }.max() ?? .nan,
                  region: .atMost(1), samples: dimensions.count)
        // (13)'s last step 2e^{−2k(1/(4d))²} = 2e^{−k/(8d²)} ≤ 2e^{−d}, evaluated at Theorem 5.1's k = 8d³ + 1, and at
        // the main text's k = d³ (catalog E6), where it fails.
        let hoeffdingOverTarget = { (d: Int, k: Int) in 2 * exp(-Double(k) / (8 * Double(d * d))) / (2 * exp(-Double(d))) }
        ctx.bound("max over d = 3…200 of 2e^{−k/(8d²)} / 2e^{−d} at k = 8d³ + 1 (≤ 1: the assumption on k suffices)",
                  route: .closedForm, value: dimensions.map { hoeffdingOverTarget($0, 8 * $0 * $0 * $0 + 1) }.max() ?? .nan,
                  region: .atMost(1), samples: dimensions.count)
        ctx.bound("min over d = 3…200 of 2e^{−k/(8d²)} / 2e^{−d} at the main text's k = d³ (> 1: k ≥ d³ does not give (13), E6)",
                  route: .closedForm, value: dimensions.map { hoeffdingOverTarget($0, $0 * $0 * $0) }.min() ?? .nan,
                  region: .atLeast(1), samples: dimensions.count, note: "the ratio is e^{7d/8} at k = d³")
        // Hoeffding's bound against the exact two-sided binomial tail of (13), k = 8d³ + 1.
        var worstRatio = 0.0
        for d in 3...10 {
            let k = 8 * d * d * d + 1
            let pd = LuckyCounts.printed(dimension: d)
            let below = Int((Double(k) * (pd - 1 / (4 * Double(d)))).rounded(.up)) - 1
            let above = Int((Double(k) * (pd + 1 / (4 * Double(d)))).rounded(.down)) + 1
            let exact = try Distributions.binomialLowerTail(atMost: below, trials: k, probability: pd)
                + Distributions.binomialUpperTail(atLeast: above, trials: k, probability: pd)
            let hoeffding = 2 * exp(-2 * Double(k) / (16 * Double(d * d)))
            worstRatio = max(worstRatio, exact / hoeffding)
            ctx.bound("d = \(d), k = \(k): exact P(| |W0+∩A+|/k − p | > 1/(4d)) (GSL binomial tails) ≤ 2e^{−d}",
                      route: .closedForm, value: exact, region: .atMost(2 * exp(-Double(d))),
                      note: "Hoeffding's 2e^{−k/(8d²)} = \(hoeffding)")
        }
        ctx.bound("max over d = 3…10 of exact tail / Hoeffding bound 2e^{−k/(8d²)}", route: .closedForm,
                  value: worstRatio, region: .atMost(1), samples: 8)
    }
}
