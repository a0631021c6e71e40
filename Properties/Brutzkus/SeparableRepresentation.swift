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
            "‖v*‖² = (80d/(kη1T1))² (|W0+ ∩ A+| + |W0− ∩ A−|); the bound uses the upper half of event (7), |W0± ∩ A±| ≤ k/d",
            "checked on every run where events (7) and (14) hold (App. E's conditioning); l = d (with l < d event (7) fails w.h.p., BG-L5.2)",
            "the first inequality ‖â‖² ≤ ‖v*‖² is BG-E.5's",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let (runs, note) = try RepresentationStudy.eventRuns(ctx)
        let ratios = runs.map { run in
            run.vStarNormSquared / (2 * 6400 * Double(run.setting.dimension)
                / (Double(run.channels) * run.rate * run.rate * Double(run.setting.steps * run.setting.steps)))
        }
        ctx.bound("max over runs of ‖v*‖² / (2 · 80² d/(kη1²T1²))", route: .enumeration, value: ratios.max() ?? .nan,
                  region: .atMost(1), resolution: 1e-12, samples: runs.count,
                  note: note + "; the ratio is (|L+| + |L−|) d/(2k), mean d p(d) ≈ 0.58")
        // The same ratio from the counts alone (no features): an independent route.
        let fromCounts = runs.map { Double(($0.luckyPositive + $0.luckyNegative) * $0.setting.dimension) / Double(2 * $0.channels) }
        ctx.compare("max over runs of (|L+| + |L−|) d/(2k) (the counts' route)", route: .enumeration,
                    value: fromCounts.max() ?? .nan, reference: ratios.max() ?? .nan, referenceRoute: .enumeration,
                    resolution: 1e-10)
    }
}
