import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension BrutzkusClaims {
    static let confidenceRate = Claim(
        id: "BG-FN5", paper: Papers.brutzkus, location: "§5, footnote 5 (on Theorem 5.1's confidence)",
        statement: "\"The factor e^{−d} in the confidence guarantee can be improved to e^{−Θ(k)}.\"",
        assumptions: [
            "the factor e^{−d} is Lemma 5.2's failure probability 4e^{−d}; with l = d it is exactly P(fail) of the multinomial counts (BG-L5.2)",
            "Θ(k) at fixed d: by Chernoff's bound P(fail) ≤ 4e^{−k I_d}, I_d = min(KL(1/(4d) ‖ p), KL(1/d ‖ p)), and −log P(fail)/k → I_d (Cramér); the constant depends on d (I_d ≈ Θ(1/d))",
            "exact failure probabilities summed in log space for k up to 3200, the one-set tail T (P(fail) ∈ [T, 2T]) up to k = 25600",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let ks = [100, 200, 400, 800, 1600, 3200]
        let large = ctx.scope(quick: [6400, 12800], full: [12800, 25600])
        var series: [Figure.Series] = []
        for d in [3, 4, 6] {
            let p = LuckyCounts.printed(dimension: d)
            let rate = LuckyCounts.chernoffRate(dimension: d, probability: p)
            // The explicit e^{−Θ(k)} bound at every k (Chernoff applied to both counts and both sides).
            var excess = -Double.infinity
            var rates: [Double] = []
            for k in ks {
                let logFailure = try LuckyCounts(channels: k, dimension: d, patternCount: d).logFailure()
                excess = max(excess, logFailure - log(4) + Double(k) * rate)
                rates.append(-logFailure / Double(k))
            }
            ctx.bound("d = \(d): max over k = 100…3200 of log P(fail) − log(4e^{−k I_d}), I_d = \(rate)",
                      route: .enumeration, value: excess, region: .atMost(0), samples: ks.count,
                      note: "−log P(fail)/k = \(rates.map { String(format: "%.4f", $0) }.joined(separator: ", "))")
            // The rate itself: the slope of −log T(k) between the two largest k tends to I_d; the prefactor of
            // T(k) ~ c(k) e^{−k I_d}/√k (c bounded, oscillating with the lattice) moves it by O(1/k).
            let logTails = try large.map { try LuckyCounts(channels: $0, dimension: d, patternCount: d).logOneSetTail() }
            let slope = (logTails[0] - logTails[1]) / Double(large[1] - large[0])
            // The slope is a difference of two log tails: it carries the rounding of both, over Δk.
            let rounding = try large.map { try BrutzkusClaims.logTailRounding(channels: $0, probability: p) }.reduce(0, +) / Double(large[1] - large[0])
            ctx.bound("d = \(d): slope of −log T(k) between k = \(large[0]) and \(large[1]) within 2% of I_d", route: .enumeration,
                      value: slope, error: rounding / ctx.tolerance.safetyFactor, region: .between(0.98 * rate, 1.02 * rate),
                      resolution: 0, samples: 2,
                      note: "claimed interval: the O((½ log 2 + |Δ log c|)/Δk) finite-k correction of the slope; I_d = \(rate); error: the rounding bound of both log tails over Δk (\(rounding))")
            series.append(.init(label: "d = \(d): −log P(fail)/k", style: .scatter, x: ks.map(Double.init), y: rates))
            series.append(.init(label: "d = \(d): Chernoff rate I_d", style: .line, x: [100, 3200], y: [rate, rate]))
        }
        ctx.attach(Figure(name: "failure-rate", title: "Lemma 5.2: the failure probability decays like e^{−k I_d}",
                          xLabel: "channels k", yLabel: "−log P(fail) / k", series: series))
    }

    /// A bound on the absolute rounding of log T(k) = log Σ_c C(k, c) p^c (1 − p)^{k−c} summed in log space
    /// (`LuckyCounts.logOneSetTail`): each term's log adds five summands of magnitude at most S = 3 log k! +
    /// k(|log p| + |log(1 − p)|), each within 2 ulp of S, with four additions within 1 ulp of S each (≤ 14 S ε),
    /// and the log-sum-exp shifts every term by the largest, doubling it: 28 S ε, plus (k + 1) ε for the sum of exp.
    static func logTailRounding(channels k: Int, probability p: Double) throws -> Double {
        let magnitude = 3 * (try SpecialFunctions.logFactorial(k).value) + Double(k) * (abs(log(p)) + abs(log1p(-p)))
        return (28 * magnitude + Double(k + 1)) * Double.ulpOfOne
    }
}
