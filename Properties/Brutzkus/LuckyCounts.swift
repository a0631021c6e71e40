import Foundation
import GSL

/// The numbers of lucky channels at initialization (Lemma 5.2, App. B):
/// (|W0+ ∩ A+|, |W0− ∩ A−|, rest) ~ Multinomial(k; p, p, 1 − 2p), the two sets
/// being disjoint because A+ ∩ A− = ∅, with p the per-channel probability.
struct LuckyCounts {
    let channels: Int
    let dimension: Int
    /// p = P(i ∈ W0+ ∩ A+).
    let probability: Double
    /// The admissible range of Lemma 5.2: ⌈k/(4d)⌉ … ⌊k/d⌋.
    var lower: Int { (channels + 4 * dimension - 1) / (4 * dimension) }
    var upper: Int { channels / dimension }

    /// Event (7) of Lemma 5.2: k/(4d) ≤ |W0+ ∩ A+|, |W0− ∩ A−| ≤ k/d (that is, both counts in lower … upper).
    static func event7(positive: Int, negative: Int, channels k: Int, dimension d: Int) -> Bool {
        [positive, negative].allSatisfy { 4 * d * $0 >= k && d * $0 <= k }
    }

    /// Event (14), corrected (App. C): |S1+|, |S1−| ≥ m1/3 for `positives` positive labels among m1.
    static func event14(positives: Int, of m1: Int) -> Bool { 3 * positives >= m1 && 3 * (m1 - positives) >= m1 }

    /// p for l patterns: the l − 1 projections (w · o_q)_{q ≠ 2} are i.i.d.-sign,
    /// exchangeable coordinates, so P(o_1 wins and w · o_1 > 0) = (1 − 2^{−(l−1)})/(l − 1), halved for a_i = +1.
    static func perChannel(patternCount l: Int) -> Double {
        (1 - pow(2, -Double(l - 1))) / (2 * Double(l - 1))
    }

    /// The printed (1 − 2^{−d+1})/(2(d − 1)) of §5 and App. B (the case l = d).
    static func printed(dimension d: Int) -> Double { perChannel(patternCount: d) }

    init(channels: Int, dimension: Int, patternCount: Int) {
        self.channels = channels
        self.dimension = dimension
        probability = Self.perChannel(patternCount: patternCount)
    }

    /// log C(n, c) q^c (1 − q)^{n − c} from a table of log factorials.
    private static func logBinomialPMF(_ c: Int, _ n: Int, _ q: Double, _ logFactorials: [Double]) -> Double {
        logFactorials[n] - logFactorials[c] - logFactorials[n - c] + Double(c) * log(q) + Double(n - c) * log1p(-q)
    }

    /// log Σ exp(terms), stable.
    private static func logSum(_ terms: [Double]) -> Double {
        guard let top = terms.max(), top > -.infinity else { return -.infinity }
        return top + log(terms.reduce(0) { $0 + exp($1 - top) })
    }

    /// log P(B ∉ [lower, upper]) for B ~ Bin(n, q), summing the pmf (enumeration route).
    private func logOutside(_ n: Int, _ q: Double, _ logFactorials: [Double]) -> Double {
        let outside = (0...n).filter { $0 < lower || $0 > upper }
        return Self.logSum(outside.map { Self.logBinomialPMF($0, n, q, logFactorials) })
    }

    private func logFactorials() throws -> [Double] {
        try (0...channels).map { try SpecialFunctions.logFactorial($0).value }
    }

    /// log P(one count outside the range), by summing the binomial pmf.
    func logOneSetTail() throws -> Double {
        try logOutside(channels, probability, logFactorials())
    }

    /// The same tail through GSL's binomial distribution functions.
    func oneSetTailByDistributionFunctions() throws -> Double {
        try Distributions.binomialLowerTail(atMost: lower - 1, trials: channels, probability: probability)
            + Distributions.binomialUpperTail(atLeast: upper + 1, trials: channels, probability: probability)
    }

    /// log P(Lemma 5.2 fails) = log [P(C+ ∉ R) + Σ_{c ∈ R} P(C+ = c) P(C− ∉ R | C+ = c)],
    /// C− | C+ = c ~ Bin(k − c, p/(1 − p)), R = [lower, upper]; exact, in log space.
    func logFailure() throws -> Double {
        let table = try logFactorials()
        let conditional = probability / (1 - probability)
        var terms = [logOutside(channels, probability, table)]
        for c in max(lower, 0)...min(upper, channels) {
            terms.append(Self.logBinomialPMF(c, channels, probability, table) + logOutside(channels - c, conditional, table))
        }
        return Self.logSum(terms)
    }

    /// log P(Lemma 5.2 holds) = log Σ_{c ∈ R} P(C+ = c) P(C− ∈ R | C+ = c), computed directly (no 1 − P(fail)).
    func logSuccess() throws -> Double {
        let table = try logFactorials()
        let conditional = probability / (1 - probability)
        var terms: [Double] = []
        for c in max(lower, 0)...min(upper, channels) {
            let inside = (max(lower, 0)...min(upper, channels - c)).map { Self.logBinomialPMF($0, channels - c, conditional, table) }
            terms.append(Self.logBinomialPMF(c, channels, probability, table) + Self.logSum(inside))
        }
        return Self.logSum(terms)
    }

    /// The large-deviation rate of the failure probability as k → ∞ at fixed d:
    /// min(KL(1/(4d) ‖ p), KL(1/d ‖ p)) (Chernoff–Cramér for the binomial counts).
    static func chernoffRate(dimension d: Int, probability p: Double) -> Double {
        func kl(_ a: Double) -> Double { a * log(a / p) + (1 - a) * log((1 - a) / (1 - p)) }
        return min(kl(1 / (4 * Double(d))), kl(1 / Double(d)))
    }
}
