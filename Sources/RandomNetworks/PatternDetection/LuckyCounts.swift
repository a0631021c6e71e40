import Foundation
import GSL
import Randomness

/// The numbers of lucky channels at initialization (Brutzkus & Globerson, Lemma 5.2, App. B):
/// (|W0+ ∩ A+|, |W0− ∩ A−|, rest) ~ Multinomial(k; p, p, 1 − 2p), the two sets
/// being disjoint because A+ ∩ A− = ∅, with p the per-channel probability.
public struct LuckyCounts: Sendable {
    /// k, the channels.
    public let channels: Int
    /// d, the filter dimension.
    public let dimension: Int
    /// p = P(i ∈ W0+ ∩ A+).
    public let probability: Double
    /// The admissible range of Lemma 5.2: ⌈k/(4d)⌉ … ⌊k/d⌋.
    public var lower: Int { (channels + 4 * dimension - 1) / (4 * dimension) }
    /// ⌊k/d⌋, the top of the admissible range.
    public var upper: Int { channels / dimension }

    /// Event (7) of Lemma 5.2: k/(4d) ≤ |W0+ ∩ A+|, |W0− ∩ A−| ≤ k/d (that is, both counts in lower … upper).
    public static func event7(positive: Int, negative: Int, channels k: Int, dimension d: Int) -> Bool {
        [positive, negative].allSatisfy { 4 * d * $0 >= k && d * $0 <= k }
    }

    /// Event (14), corrected (App. C): |S1+|, |S1−| ≥ m1/3 for `positives` positive labels among m1.
    public static func event14(positives: Int, of m1: Int) -> Bool { 3 * positives >= m1 && 3 * (m1 - positives) >= m1 }

    /// p for l patterns: the l − 1 projections (w · o_q)_{q ≠ 2} are i.i.d.-sign,
    /// exchangeable coordinates, so P(o_1 wins and w · o_1 > 0) = (1 − 2^{−(l−1)})/(l − 1), halved for a_i = +1.
    public static func perChannel(patternCount l: Int) -> Double {
        (1 - pow(2, -Double(l - 1))) / (2 * Double(l - 1))
    }

    /// The printed (1 − 2^{−d+1})/(2(d − 1)) of §5 and App. B (the case l = d).
    public static func printed(dimension d: Int) -> Double { perChannel(patternCount: d) }

    /// The counts for k = `channels`, d = `dimension` and l = `patternCount` patterns.
    public init(channels: Int, dimension: Int, patternCount: Int) {
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
    public func logOneSetTail() throws -> Double {
        try logOutside(channels, probability, logFactorials())
    }

    /// The same tail through GSL's binomial distribution functions.
    public func oneSetTailByDistributionFunctions() throws -> Double {
        try Distributions.binomialLowerTail(atMost: lower - 1, trials: channels, probability: probability)
            + Distributions.binomialUpperTail(atLeast: upper + 1, trials: channels, probability: probability)
    }

    /// log P(Lemma 5.2 fails) = log [P(C+ ∉ R) + Σ_{c ∈ R} P(C+ = c) P(C− ∉ R | C+ = c)],
    /// C− | C+ = c ~ Bin(k − c, p/(1 − p)), R = [lower, upper]; exact, in log space.
    public func logFailure() throws -> Double {
        let table = try logFactorials()
        let conditional = probability / (1 - probability)
        var terms = [logOutside(channels, probability, table)]
        for c in max(lower, 0)...min(upper, channels) {
            terms.append(Self.logBinomialPMF(c, channels, probability, table) + logOutside(channels - c, conditional, table))
        }
        return Self.logSum(terms)
    }

    /// log P(Lemma 5.2 holds) = log Σ_{c ∈ R} P(C+ = c) P(C− ∈ R | C+ = c), computed directly (no 1 − P(fail)).
    public func logSuccess() throws -> Double {
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
    public static func chernoffRate(dimension d: Int, probability p: Double) -> Double {
        func kl(_ a: Double) -> Double { a * log(a / p) + (1 - a) * log((1 - a) / (1 - p)) }
        return min(kl(1 / (4 * Double(d))), kl(1 / Double(d)))
    }

    /// P(|S1+| ∈ {c : `admissible`(c)}) for |S1+| ~ Bin(m1, 1/2), by summing the pmf (from log factorials), with
    /// its rounding error: each term's log carries about (1 + log m1!) ulp, relative to the term, over m1 + 1 terms.
    public static func halfBinomialMass(trials m1: Int, where admissible: (Int) -> Bool) throws -> (value: Double, error: Double) {
        let logAll = try SpecialFunctions.logFactorial(m1).value - Double(m1) * log(2)
        let value = try (0...m1).filter(admissible).reduce(0.0) { total, c in
            total + exp(logAll - (try SpecialFunctions.logFactorial(c).value) - (try SpecialFunctions.logFactorial(m1 - c).value))
        }
        return (value, value * Double(m1 + 1) * (1 + abs(logAll) + Double(m1) * log(2)) * Double.ulpOfOne)
    }

    /// P(event (14) fails) for m examples: |S1+| ~ Bin(m1, 1/2), m1 = ⌈m/2⌉, and (14) needs |S1±| ≥ m1/3. By GSL's
    /// binomial CDF: the two tails are disjoint and equal, 2 F(⌈m1/3⌉ − 1).
    public static func event14Failure(sampleSize m: Int) throws -> Double {
        let m1 = (m + 1) / 2
        return 2 * (try Distributions.binomialLowerTail(atMost: (m1 + 2) / 3 - 1, trials: m1, probability: 0.5))
    }

    /// A chunk sampler counting, among `count` initializations of k channels (§5), those where Lemma 5.2's
    /// event k/(4d) ≤ |W0+ ∩ A+|, |W0− ∩ A−| ≤ k/d holds, for D with d and l patterns.
    public static func lemma52Successes(channels k: Int, dimension d: Int, patternCount l: Int)
        -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        luckyCountSuccesses(channels: k, dimension: d, patternCount: l) {
            LuckyCounts.event7(positive: $0, negative: $1, channels: k, dimension: d)
        }
    }

    /// A chunk counter of trials: among `count` initializations (k channels, l patterns, d = dimension), those whose
    /// lucky counts (|W0+ ∩ A+|, |W0− ∩ A−|) satisfy `event`.
    public static func luckyCountSuccesses(channels k: Int, dimension d: Int, patternCount l: Int,
                                           event: @escaping @Sendable (Int, Int) -> Bool)
        -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        { rng, count in
            let (distribution, initializer) = try initialization(channels: k, patternCount: l, dimension: d)
            var successes = 0
            for _ in 0..<count {
                let network = try initializer.initialize(dimension: d, rng: &rng)
                let lucky = try distribution.luckyChannels(of: network, initialSigns: network.outputWeights)
                if event(lucky.positive.count, lucky.negative.count) { successes += 1 }
            }
            return successes
        }
    }

    /// A chunk sampler counting, among `count` channels drawn with the §5 initialization (w uniform on a sphere,
    /// a uniform on ±1), those in W0+ ∩ A+ for D with d = `dimension` and l = `patternCount` (o_i = e_i).
    public static func luckyPositiveCounter(dimension d: Int, patternCount l: Int)
        -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        { rng, count in
            let (distribution, initializer) = try initialization(channels: count, patternCount: l, dimension: d)
            let network = try initializer.initialize(dimension: d, rng: &rng)
            return try distribution.luckyChannels(of: network, initialSigns: network.outputWeights).positive.count
        }
    }

    /// D with d and l patterns (o_i = e_i, n = 2) and a trainer that only draws the §5 initialization of k channels.
    private static func initialization(channels k: Int, patternCount l: Int, dimension d: Int) throws
        -> (PatternDistribution, LayerwiseTrainer) {
        (try PatternDistribution.standardBasis(dimension: d, patternCount: l, patternsPerInput: 2),
         try LayerwiseTrainer(channels: k, firstLayerSteps: 0, firstLayerRate: 1, secondLayerSteps: 0, secondLayerRate: 1,
                              initialRadius: 1e-3))
    }
}
