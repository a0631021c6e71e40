import ClaimKit
import Foundation
import RandomNetworks

extension BrutzkusClaims {
    static let separableRepresentation = Claim(
        id: "BG-E.1", paper: Papers.brutzkus, location: "App. E, first display (separator v*); §5 Part 3",
        statement: """
        Define v* ∈ R^k: v*_i = 80d/(kη1T1) for i ∈ W0+ ∩ A+, v*_i = −80d/(kη1T1) for i ∈ W0− ∩ A−, 0 otherwise. Then for \
        any z(x+) such that (x+, 1) ~ D: z(x+) · v* > (80d/(kη1T1))(k/(4d))(η1T1/10) − (80d/(kη1T1))(k/d)(η1T1/80) = 1, by \
        Lemma 5.2, Lemma 5.3 and Corollary 5.4; by symmetry −z(x−) · v* > 1 for all (x−, −1) ~ D.
        """,
        assumptions: [
            "App. E conditions on the events of Lemmas 5.2 and 5.3 (events (7) and (14)); checked on every run where both hold",
            "z(x)_i = max_j σ(w_i^(T1) · x[j]) after LW_CNN's first loop with Theorem 5.1's hyper-parameters, l = d, o_i = e_i",
            "\"(x+, 1) ~ D\" read as every point of the support: z depends only on the set of patterns, so the support classes (y, U) cover it exactly",
            "the printed \"−80d/(kn_1T_1)\" is η1 (extraction slip); the main text's ‖v‖ = O(√(d/k)), ‖z‖ = O(√k) omit the factors 1/(η1T1) and η1T1, which cancel in the product",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let (runs, note) = try RepresentationStudy.eventRuns(ctx)
        ctx.bound("min over runs and the support of y z(x) · v* > 1", route: .enumeration,
                  value: runs.map(\.minSupportMargin).min() ?? .nan, region: .atLeast(1), resolution: 1e-9,
                  samples: runs.count, note: note)
        ctx.bound("min over runs of (realized margin) − (the proof's bound c(|L+|η1T1/9 − |L−|r)) ≥ 0", route: .enumeration,
                  value: runs.map { $0.minSupportMargin - $0.proofMarginBound }.min() ?? .nan, region: .atLeast(0),
                  resolution: 1e-9, samples: runs.count)
        ctx.bound("min over runs, support x of class ±, i ∈ W0± ∩ A± of z_i(x)/(η1T1) ≥ 1/9 (> 1/10 used in the display)",
                  route: .enumeration, value: runs.map(\.minLuckyFeature).min() ?? .nan, region: .atLeast(1.0 / 9),
                  resolution: 1e-12, samples: runs.count)
        ctx.bound("max over runs, support x of class ±, i ∈ W0∓ ∩ A∓ of z_i(x)/r ≤ 1 (r ≤ η1T1/80 used in the display)",
                  route: .enumeration, value: runs.map(\.maxOppositeFeature).max() ?? .nan, region: .atMost(1),
                  resolution: 1e-12, samples: runs.count)
    }

    static let separatorNorm = Claim(
        id: "BG-E.2", paper: Papers.brutzkus, location: "App. E, last paragraph (first inequality chain)",
        statement: """
        "By optimality of â and Lemma 5.2 we have ‖â‖² ≤ ‖v*‖² ≤ (80²d²/(k²η1²T1²))(2k/d) = 2 · 80² d/(kη1²T1²)."
        """,
        assumptions: [
            "‖v*‖² = (80d/(kη1T1))² (|W0+ ∩ A+| + |W0− ∩ A−|), so ‖v*‖²/bound = (|L+| + |L−|) d/(2k): given the upper half of event (7), |L±| ≤ k/d, the bound is algebra (ratio ≤ 1) and is not re-checked on runs filtered by (7)",
            "what can fail is how often the bound holds: checked on simulated initializations, unconditionally, as P((|L+| + |L−|) d/(2k) ≤ 1) ≥ 1 − 4e^{−d} (Lemma 5.2's probability) for l = d = 3, 4, k = 8d³ + 1",
            "l = d is needed (App. B): with l = 3 < d = 6 the counts' mean is 324 > k/d = 288 (catalog), and the bound fails for most initializations — checked as P(bound holds) ≤ 1/2",
            "the first inequality ‖â‖² ≤ ‖v*‖² is BG-E.5's",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let runs = try RepresentationStudy.runs(ctx)
        let ratios = runs.map { Double(($0.luckyPositive + $0.luckyNegative) * $0.setting.dimension) / Double(2 * $0.channels) }
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        for d in [3, 4] {
            let k = 8 * d * d * d + 1
            try ctx.estimateProportion(
                "d = l = \(d), k = \(k): P(‖v*‖² ≤ 2 · 80² d/(kη1²T1²)) over initializations ≥ 1 − 4e^{−d}",
                region: .atLeast(1 - 4 * exp(-Double(d))), resolution: 0.05, alpha: alpha, pilotTrials: 500, chunkSize: 64,
                note: d == 3 ? "LW_CNN runs (all, unfiltered): ratio ‖v*‖²/bound ≤ 1 in \(ratios.filter { $0 <= 1 }.count) of \(runs.count), largest \(ratios.max() ?? .nan)" : nil,
                trials: LuckyCounts.luckyCountSuccesses(channels: k, dimension: d, patternCount: d) { d * ($0 + $1) <= 2 * k })
        }
        let k6 = 8 * 216 + 1
        try ctx.estimateProportion(
            "l = 3 < d = 6, k = \(k6): P(‖v*‖² ≤ 2 · 80² d/(kη1²T1²)) ≤ 1/2 (the bound needs l = d)",
            region: .atMost(0.5), resolution: 0.05, alpha: alpha, pilotTrials: 500, chunkSize: 64,
            trials: LuckyCounts.luckyCountSuccesses(channels: k6, dimension: 6, patternCount: 3) { 6 * ($0 + $1) <= 2 * k6 })
    }
}
