import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let luckyChannelProbability = Claim(
        id: "BG-B.1", paper: Papers.brutzkus, location: "App. B, proof of Lemma 5.2 (first paragraph); §5 after Lemma 5.2",
        statement: """
        "By definition of the initialization we have P(i ∈ A+) = 1/2. Furthermore, we have that \
        P(i ∈ W0+) = (1 − 2^{−d+1})/(d − 1). This follows, since with probability 2^{−d+1}, for all o ∈ O∖{2}, \
        w_i^(0) · o ≤ 0 … by symmetry … o_1 maximizes the dot product with w_i^(0), among patterns in O∖{2}, with \
        probability 1/(d − 1). By independence of W0 and a^(0), we have: P(i ∈ W0+ ∩ A+) = (1 − 2^{−d+1})/(2(d − 1))."
        """,
        assumptions: [
            "§5 initialization: w_i^(0) uniform on the sphere of radius r in R^d, a_i^(0) uniform on ±1, independent; D with 3 ≤ l ≤ d patterns (§3)",
            "W0+ as in eq. (6): o_1 is the argmax of w · o_q over q ∈ O∖{2} and w · o_1 > 0; r is irrelevant (scale invariance)",
            "corrected form derived here: the l − 1 projections (w · o_q)_{q ≠ 2} are exchangeable with i.i.d. signs, so P(i ∈ W0+) = ∫_0^∞ φ(x) Φ(x)^{l−2} dx = (1 − 2^{−(l−1)})/(l − 1)",
            "patterns o_i = e_i (every quantity is rotation invariant)",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "P(i ∈ W0+) = (1 − 2^{−d+1})/(d − 1), P(i ∈ W0+ ∩ A+) = (1 − 2^{−d+1})/(2(d − 1)) for every 3 ≤ l ≤ d",
            corrected: "P(i ∈ W0+) = (1 − 2^{−(l−1)})/(l − 1) and P(i ∈ W0+ ∩ A+) = (1 − 2^{−(l−1)})/(2(l − 1)); the printed values are the case l = d")
    ) { ctx in
        let cases = [(3, 3), (4, 4), (6, 6), (8, 8), (6, 3), (8, 4), (10, 5)]
        let alpha = try ctx.reserveAlpha(1, splitOver: cases.count + cases.filter { $0.0 != $0.1 }.count)
        for (d, l) in cases {
            let label = "d = \(d), l = \(l)"
            let printed = LuckyCounts.printed(dimension: d)
            let general = LuckyCounts.perChannel(patternCount: l)
            // P(i ∈ W0+) = ∫_0^∞ φ Φ^{l−2} by QUADPACK against the printed and the general closed forms.
            let power = Double(l - 2)
            let integral = try Integration.qagiu({ x in Distributions.normalPDF(x) * pow(Distributions.normalCDF(x), power) },
                                                 from: 0)
            let printedForm = ctx.compare("\(label): P(i ∈ W0+) = ∫_0^∞ φΦ^{l−2} by QUADPACK vs printed (1 − 2^{−d+1})/(d − 1)",
                                          route: .quadrature, value: integral.value, error: integral.absoluteError,
                                          reference: 2 * printed, referenceRoute: .closedForm, resolution: 1e-9)
            let printedCase = "l = d: the printed value is the general one, (1 − 2^{−(l−1)})/(l − 1), at l = d"
            if l == d { try ctx.expect(.confirmed, for: printedForm.key, because: printedCase) }
            if l != d {
                ctx.compare("\(label): P(i ∈ W0+) by QUADPACK vs (1 − 2^{−(l−1)})/(l − 1)", subject: .corrected,
                            route: .quadrature, value: integral.value, error: integral.absoluteError,
                            reference: 2 * general, referenceRoute: .closedForm, resolution: 1e-9)
            }
            // P(i ∈ W0+ ∩ A+) over channels drawn by the §5 initializer, classified by eq. (6).
            let sampled = try ctx.estimateProportion(
                "\(label): P(i ∈ W0+ ∩ A+), initializer + eq. (6), vs printed (1 − 2^{−d+1})/(2(d − 1))",
                region: .equal(printed), resolution: 4e-3, alpha: alpha,
                trials: LuckyCounts.luckyPositiveCounter(dimension: d, patternCount: l))
            if l == d { try ctx.expect(.confirmed, for: sampled.key, because: printedCase) }
            if l != d {
                try ctx.estimateProportion("\(label): P(i ∈ W0+ ∩ A+), initializer + eq. (6), vs (1 − 2^{−(l−1)})/(2(l − 1))",
                                           subject: .corrected, region: .equal(general), resolution: 4e-3, alpha: alpha,
                                           trials: LuckyCounts.luckyPositiveCounter(dimension: d, patternCount: l))
            }
        }
    }
}
