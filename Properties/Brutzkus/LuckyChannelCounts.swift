import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let luckyChannelCounts = Claim(
        id: "BG-L5.2", paper: Papers.brutzkus, location: "§5, Lemma 5.2 (eq. (7)) and the sentence after it; App. B",
        statement: """
        Lemma 5.2. With probability at least 1 − 4e^{−d}: k/(4d) ≤ |W0+ ∩ A+|, |W0− ∩ A−| ≤ k/d (7). "The proof uses the \
        fact that P(i ∈ W0+ ∩ A+) = (1 − 2^{−d+1})/(2(d − 1)). Then, by concentration of measure for k ≥ d³, roughly \
        k/(2d) filters will be in W0+ ∩ A+."
        """,
        assumptions: [
            "§5 initialization (w_i^(0) uniform on a sphere, a_i^(0) uniform ±1, independent); D with 3 ≤ l ≤ d patterns as defined in §3",
            "the lemma states no condition on k; the text gives k ≥ d³, Theorem 5.1 and App. B use k > 8d³",
            "exact probabilities: (|W0+∩A+|, |W0−∩A−|, rest) ~ Multinomial(k; p, p, 1 − 2p), p = (1 − 2^{−(l−1)})/(2(l − 1)) (BG-B.1), summed in log space; for d ≤ 5 the failure probability also by summing the trinomial pmf over every pair of counts outside event (7) as printed (an independent route for the integer range ⌈k/(4d)⌉ … ⌊k/d⌋, where k/(4d) is not an integer)",
        ],
        kind: .probabilityBound,
        expectation: .erratum(
            printed: "w.p. ≥ 1 − 4e^{−d} for D with any 3 ≤ l ≤ d and (per the text) k ≥ d³",
            corrected: "w.p. ≥ 1 − 4e^{−d} when l = d and k > 8d³ (Theorem 5.1's conditions)")
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        // As printed, with fewer patterns than dimensions: the upper bound k/d fails almost surely.
        for (d, l) in [(6, 3), (10, 5)] {
            let k = 8 * d * d * d + 1
            let counts = LuckyCounts(channels: k, dimension: d, patternCount: l)
            ctx.bound("d = \(d), l = \(l), k = 8d³ + 1: exact P(eq. (7)) (E count \(Int(Double(k) * counts.probability)) vs k/d = \(k / d))",
                      route: .enumeration, value: exp(try counts.logSuccess()), region: .atLeast(1 - 4 * exp(-Double(d))))
        }
        try ctx.estimateProportion("d = 5, l = 3, k = 1001: P(eq. (7)) by simulated initializations", region: .atLeast(1 - 4 * exp(-5.0)),
                                   resolution: 0.05, alpha: alpha, pilotTrials: 500, chunkSize: 64,
                                   trials: LuckyCounts.lemma52Successes(channels: 1001, dimension: 5, patternCount: 3))
        // As printed with the text's k ≥ d³: d = 3, k = 27.
        let small = LuckyCounts(channels: 27, dimension: 3, patternCount: 3)
        ctx.bound("d = l = 3, k = d³ = 27: exact P(eq. (7))", route: .enumeration, value: exp(try small.logSuccess()),
                  region: .atLeast(1 - 4 * exp(-3.0)))
        try ctx.estimateProportion("d = l = 3, k = 27: P(eq. (7)) by simulated initializations", region: .atLeast(1 - 4 * exp(-3.0)),
                                   resolution: 0.01, alpha: alpha, chunkSize: 4096,
                                   trials: LuckyCounts.lemma52Successes(channels: 27, dimension: 3, patternCount: 3))
        let routes = try ctx.estimateProportion(
            "d = l = 3, k = 27: simulated P(eq. (7)) vs the exact multinomial sum (at the printed k = d³)",
            region: .equal(exp(try small.logSuccess())), resolution: 0.01, alpha: alpha,
            chunkSize: 4096, trials: LuckyCounts.lemma52Successes(channels: 27, dimension: 3, patternCount: 3))
        try ctx.expect(.confirmed, for: routes.key,
                       because: "cross-checks the simulated initializations against the exact sum at the printed k; "
                           + "it tests the routes, not the printed bound")
        // Corrected: l = d and k = 8d³ + 1.
        for d in 3...10 {
            let k = 8 * d * d * d + 1
            let counts = LuckyCounts(channels: k, dimension: d, patternCount: d)
            let logFailure = try counts.logFailure()
            ctx.bound("d = l = \(d), k = \(k): exact P(eq. (7) fails) ≤ 4e^{−d}", subject: .corrected, route: .enumeration,
                      value: exp(logFailure), region: .atMost(4 * exp(-Double(d))),
                      note: "log P(fail) = \(logFailure); 4e^{−d} = \(4 * exp(-Double(d)))")
            if d <= 5 {
                // The log-space sum carries the rounding of log k! (≈ k log k) in every log-pmf.
                let tail = try counts.oneSetTailByDistributionFunctions()
                let logFactorial = try SpecialFunctions.logFactorial(k).value
                ctx.compare("d = l = \(d), k = \(k): one-set tail by summing the pmf vs GSL binomial CDFs", subject: .corrected,
                            route: .enumeration, value: exp(try counts.logOneSetTail()),
                            error: 4 * logFactorial * Double.ulpOfOne * tail, reference: tail,
                            referenceRoute: .closedForm, resolution: 1e-9 * tail)
                // k/(4d) = 2d² + 1/(4d) is not an integer: the range's lower end ⌈k/(4d)⌉ = 2d² + 1 is tested here.
                let multinomial = try lemma52FailureByMultinomialSum(counts)
                ctx.compare("d = l = \(d), k = \(k): P(eq. (7) fails) by conditioning vs the multinomial pmf summed over the event's complement",
                            subject: .corrected, route: .enumeration, value: exp(logFailure),
                            error: 4 * logFactorial * Double.ulpOfOne * multinomial, reference: multinomial,
                            referenceRoute: .enumeration, referenceError: 4 * logFactorial * Double.ulpOfOne * multinomial,
                            resolution: 1e-9 * multinomial)
            }
        }
        for d in [3, 4] {
            let k = 8 * d * d * d + 1
            try ctx.estimateProportion("d = l = \(d), k = \(k): P(eq. (7)) by simulated initializations ≥ 1 − 4e^{−d}",
                                       subject: .corrected, region: .atLeast(1 - 4 * exp(-Double(d))), resolution: 0.05,
                                       alpha: alpha, pilotTrials: 200, chunkSize: 32,
                                       trials: LuckyCounts.lemma52Successes(channels: k, dimension: d, patternCount: d))
        }
    }

    /// P(eq. (7) fails) of Lemma 5.2 by summing the pmf of (|W0+ ∩ A+|, |W0− ∩ A−|, rest) ~ Multinomial(k; p, p, 1 − 2p) over
    /// every pair of counts outside event (7), the event tested as printed (k/(4d) ≤ count ≤ k/d, `LuckyCounts.event7`):
    /// no integer range, no conditioning.
    private static func lemma52FailureByMultinomialSum(_ counts: LuckyCounts) throws -> Double {
        let k = counts.channels, d = counts.dimension, logP = log(counts.probability), logRest = log1p(-2 * counts.probability)
        let logFactorials = try (0...k).map { try SpecialFunctions.logFactorial($0).value }
        var total = 0.0
        for positive in 0...k {
            for negative in 0...(k - positive) where !LuckyCounts.event7(positive: positive, negative: negative, channels: k, dimension: d) {
                let rest = k - positive - negative
                total += exp(logFactorials[k] - logFactorials[positive] - logFactorials[negative] - logFactorials[rest]
                             + Double(positive + negative) * logP + Double(rest) * logRest)
            }
        }
        return total
    }
}
