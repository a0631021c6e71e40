import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let balancedHalfEvent = Claim(
        id: "BG-LC.3", paper: Papers.brutzkus, location: "App. C, Lemma C.3 and event (14)",
        statement: """
        Lemma C.3. With probability at least 1 − 4e^{−m/36}, for all 0 ≤ t ≤ T1 and all i ∈ W0+ ∩ A+: 1. o_1 · w_i^(t) ≥ tη1/9. \
        2. For all j ≠ 1, o_j · w_i^(t) ≤ r. Proof: "we condition on the event: |S1+|/m1, |S1−|/m1 ≥ m1/3 (14). This holds \
        with probability at least 1 − 4e^{−m/36} by applying Hoeffding's inequality and a union bound."
        """,
        assumptions: [
            "|S1+| ~ Bin(m1, 1/2), m1 = ⌈m/2⌉ (S1 = the first ⌈m/2⌉ examples of an i.i.d. sample of D)",
            "as printed, (14) requires |S1±| ≥ m1²/3, impossible for m1 > 3 since |S1+| + |S1−| = m1; corrected: |S1±| ≥ m1/3",
            "Hoeffding for each tail gives e^{−2m1(1/6)²} = e^{−m1/18} ≤ e^{−m/36}; the union gives 2e^{−m1/18} ≤ 4e^{−m/36}",
            "the lemma's probability: LW_CNN runs with d = 3, n = 3, m = 100, T1 = 10 (Theorem 5.1's hyper-parameters), exact binomial interval",
        ],
        kind: .probabilityBound,
        expectation: .erratum(printed: "event (14) |S1+|/m1, |S1−|/m1 ≥ m1/3 holds with probability ≥ 1 − 4e^{−m/36}",
                              corrected: "event (14) |S1+|/m1, |S1−|/m1 ≥ 1/3 holds with probability ≥ 1 − 4e^{−m/36} (in fact ≥ 1 − 2e^{−m1/18})")
    ) { ctx in
        // As printed: no value of |S1+| satisfies both inequalities once m1 > 3.
        for m in [60, 100, 400] {
            let m1 = (m + 1) / 2
            let admissible = { (c: Int) in 3 * c >= m1 * m1 && 3 * (m1 - c) >= m1 * m1 }
            let printed = try LuckyCounts.halfBinomialMass(trials: m1, where: admissible)
            ctx.bound("m = \(m): P(|S1+|/m1, |S1−|/m1 ≥ m1/3) (printed (14); Bin(m1, 1/2) pmf summed over the \((0...m1).filter(admissible).count) admissible values)",
                      route: .enumeration, value: printed.value, error: printed.error,
                      region: .atLeast(1 - 4 * exp(-Double(m) / 36)), resolution: 1e-12)
        }
        // Corrected: the exact failure probability by two routes, and the bounds, for m = 2 … 400.
        var worstHoeffding = 0.0, worstPaper = 0.0, worstHalf = 0.0
        for m in 2...400 {
            let failure = try LuckyCounts.event14Failure(sampleSize: m)
            let m1 = Double((m + 1) / 2)
            worstHoeffding = max(worstHoeffding, failure / (2 * exp(-m1 / 18)))
            worstPaper = max(worstPaper, failure / (4 * exp(-Double(m) / 36)))
            worstHalf = max(worstHalf, 2 * exp(-m1 / 18) / (4 * exp(-Double(m) / 36)))
            if [10, 36, 100, 400].contains(m) {
                let enumerated = try LuckyCounts.halfBinomialMass(trials: (m + 1) / 2) { !LuckyCounts.event14(positives: $0, of: (m + 1) / 2) }
                ctx.compare("m = \(m): P((14) fails) by summing the pmf vs 2F_Bin(⌈m1/3⌉ − 1; m1, 1/2)", subject: .corrected,
                            route: .enumeration, value: enumerated.value, error: enumerated.error, reference: failure,
                            referenceRoute: .closedForm, resolution: 1e-9 * failure)
            }
        }
        ctx.bound("max over m = 2…400 of P((14) fails)/(2e^{−m1/18}) (Hoeffding + union)", subject: .corrected,
                  route: .enumeration, value: worstHoeffding, region: .atMost(1), samples: 399)
        ctx.bound("max over m = 2…400 of 2e^{−m1/18}/(4e^{−m/36}) (m1 ≥ m/2)", subject: .corrected, route: .closedForm,
                  value: worstHalf, region: .atMost(1), samples: 399)
        ctx.bound("max over m = 2…400 of P((14) fails)/(4e^{−m/36})", subject: .corrected, route: .enumeration,
                  value: worstPaper, region: .atMost(1), samples: 399)
        // The exact value against simulated first halves.
        let exact36 = try LuckyCounts.event14Failure(sampleSize: 36)
        try ctx.estimateProportion("m = 36: P((14) fails) for simulated S1 (labels of D) vs the exact value", subject: .corrected,
                                   region: .equal(exact36), resolution: 0.01, alpha: try ctx.reserveAlpha(0.5)) { rng, count in
            let distribution = try PatternDistribution.standardBasis(dimension: 3, patternCount: 3, patternsPerInput: 1)
            var failures = 0
            for _ in 0..<count {
                let labels = try distribution.sample(count: 36, rng: &rng).halves().first.labels
                if !LuckyCounts.event14(positives: labels.filter { $0 > 0 }.count, of: labels.count) { failures += 1 }
            }
            return failures
        }
        // The lemma's probability statement over LW_CNN runs.
        try assertLemmaProbability(ctx, subject: .corrected, trajectory: \.positive, bound: { _, m in 1 - 4 * exp(-m / 36) },
                                   name: "P(claims 1–2 (and 3) hold for W0+ ∩ A+) ≥ 1 − 4e^{−m/36}", alphaFraction: 0.5)
    }
}
