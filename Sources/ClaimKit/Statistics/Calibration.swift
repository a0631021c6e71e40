import Foundation
import GSL
import Randomness

/// Checks that the decision rules keep their stated error rates: each rule is
/// run many times on data with a known mean, and the observed miss rate is
/// compared with alpha by an exact binomial test.
public enum Calibration {
    /// The data a calibration draws.
    public enum Distribution: String, Sendable, CaseIterable {
        /// N(0.25, 1): the t-interval is exact here.
        case normal
        /// Exponential with mean 1 (skewness 2): the t-interval is only asymptotically exact.
        case exponential

        /// The true mean of the distribution (0.25 or 1): what every interval should cover.
        public var mean: Double { self == .normal ? 0.25 : 1 }

        func draw(_ rng: inout Xoshiro256, _ sampler: NormalSampler) -> Double {
            switch self {
            case .normal: 0.25 + sampler.next(using: &rng)
            case .exponential: -log1p(-rng.nextUniform())
            }
        }
    }

    /// The outcome of one calibration.
    public struct Result: Sendable {
        /// The rule calibrated and its data, e.g. "t-interval (normal)".
        public let rule: String
        /// How many times the rule was run, each on fresh data.
        public let replicates: Int
        /// The draws (or trials) each run used; for a planned estimate, the pilot's size.
        public let samplesPerReplicate: Int
        /// The error rate the rule was asked for.
        public let alpha: Double
        /// The runs whose interval missed the true mean (or, for a planned estimate, whose verdict was not confirmed).
        public let misses: Int
        /// The exact (1 - 1e-6) Clopper–Pearson interval of the miss rate.
        public let missRateInterval: Interval
        /// P(K >= misses) and P(K <= misses) for K ~ Binomial(replicates, alpha).
        public let upperTailProbability: Double
        /// P(K ≤ misses) for K ~ Binomial(replicates, alpha): small when the rule is conservative.
        public let lowerTailProbability: Double

        /// misses / replicates: the observed error rate.
        public var missRate: Double { Double(misses) / Double(replicates) }
    }

    /// The level of the binomial tests below.
    public static let testLevel = 1e-6

    /// Runs the t-interval `replicates` times on `samplesPerReplicate` draws.
    public static func meanInterval(
        _ distribution: Distribution, replicates: Int, samplesPerReplicate: Int, alpha: Double,
        seed: UInt64, engine: MonteCarloEngine
    ) throws -> Result {
        let sampler = NormalSampler()
        let stream = StreamSeed(root: seed).child("calibration/mean/\(distribution.rawValue)")
        let misses = try engine.run(samples: replicates, chunkSize: 64, stream: stream) { rng, count in
            var missed = 0
            for _ in 0..<count {
                var moments = RunningMoments()
                for _ in 0..<samplesPerReplicate { moments.add(distribution.draw(&rng, sampler)) }
                let interval = try MeanInterval.student(moments, alpha: alpha)
                if interval.lower > distribution.mean || interval.upper < distribution.mean { missed += 1 }
            }
            return missed
        }.reduce(0, +)
        return try result("t-interval (\(distribution.rawValue))", replicates, samplesPerReplicate, alpha, misses)
    }

    /// The whole planned pipeline of `ClaimContext.estimateMean` — pilot, planned n,
    /// top-up, t-interval, verdict — on a true identity (the region is the
    /// distribution's mean): a "miss" is any verdict but confirmed, the false
    /// fail the design bounds by alpha. Each replicate is its own claim context
    /// (its own streams); `samplesPerReplicate` reports the pilot size.
    public static func plannedMeanVerdict(
        _ distribution: Distribution, replicates: Int, pilotSamples: Int, resolution: Double, alpha: Double,
        seed: UInt64, engine: MonteCarloEngine
    ) throws -> Result {
        let sampler = NormalSampler()
        var missed = 0
        for replicate in 0..<replicates {
            let context = ClaimContext(claimID: "calibration/planned/\(distribution.rawValue)/\(replicate)", seed: seed,
                                       budget: .standard, alpha: alpha, engine: engine)
            let assertion = try context.estimateMean(
                "mean", region: .equal(distribution.mean), resolution: resolution, alpha: alpha,
                pilotSamples: pilotSamples, chunkSize: 256) { rng, count in
                RunningMoments.of(count: count) { distribution.draw(&rng, sampler) }
            }
            if assertion.verdict != .confirmed { missed += 1 }
        }
        return try result("planned estimate (\(distribution.rawValue))", replicates, pilotSamples, alpha, missed)
    }

    /// Runs the Clopper–Pearson interval on Bernoulli(p) trials.
    public static func proportionInterval(
        p: Double, replicates: Int, trialsPerReplicate: Int, alpha: Double, seed: UInt64, engine: MonteCarloEngine
    ) throws -> Result {
        let stream = StreamSeed(root: seed).child("calibration/proportion")
        let misses = try engine.run(samples: replicates, chunkSize: 64, stream: stream) { rng, count in
            var missed = 0
            for _ in 0..<count {
                var hits = 0
                for _ in 0..<trialsPerReplicate where rng.nextUniform() < p { hits += 1 }
                let interval = try ProportionInterval.clopperPearson(successes: hits, trials: trialsPerReplicate, alpha: alpha)
                if interval.lower > p || interval.upper < p { missed += 1 }
            }
            return missed
        }.reduce(0, +)
        return try result("Clopper-Pearson (p = \(p))", replicates, trialsPerReplicate, alpha, misses)
    }

    /// Runs the confidence sequence over `samplesPerReplicate` uniform
    /// observations on [0, 1]; a miss is any time at which the sequence
    /// excluded the mean 1/2.
    public static func confidenceSequence(
        replicates: Int, samplesPerReplicate: Int, alpha: Double, seed: UInt64, engine: MonteCarloEngine
    ) throws -> Result {
        let stream = StreamSeed(root: seed).child("calibration/sequence")
        let misses = try engine.run(samples: replicates, chunkSize: 16, stream: stream) { rng, count in
            var missed = 0
            for _ in 0..<count {
                var sequence = try ConfidenceSequence(range: 0...1, alpha: alpha)
                for _ in 0..<samplesPerReplicate {
                    try sequence.add(rng.nextUniform())
                    let interval = sequence.interval
                    if interval.lower > 0.5 || interval.upper < 0.5 { missed += 1; break }
                }
            }
            return missed
        }.reduce(0, +)
        return try result("confidence sequence (uniform)", replicates, samplesPerReplicate, alpha, misses)
    }

    private static func result(_ rule: String, _ replicates: Int, _ per: Int, _ alpha: Double, _ misses: Int) throws -> Result {
        Result(
            rule: rule, replicates: replicates, samplesPerReplicate: per, alpha: alpha, misses: misses,
            missRateInterval: try ProportionInterval.clopperPearson(successes: misses, trials: replicates, alpha: testLevel),
            upperTailProbability: try Distributions.binomialUpperTail(atLeast: misses, trials: replicates, probability: alpha),
            lowerTailProbability: try Distributions.binomialLowerTail(atMost: misses, trials: replicates, probability: alpha))
    }
}
