import Foundation
import Randomness

/// A configuration of LW_CNN's first loop (Brutzkus & Globerson, §5) with Theorem 5.1's hyper-parameters
/// (k = 8d³ + 1, η1 = 1/(4k(T1 + 1)), r = η1/200), l = d patterns.
public struct FirstLayerSetting: Sendable, CustomStringConvertible {
    /// d, the filter dimension (and the number of patterns).
    public let dimension: Int
    /// n, the patterns per input.
    public let patternsPerInput: Int
    /// m, the training set size (the first loop trains on its first half S1).
    public let sampleSize: Int
    /// T1, the steps of the first loop.
    public let steps: Int
    /// Haar-random patterns instead of the standard basis.
    public var haar = false
    /// η1 is multiplied by this (1: the theorem's η1; > 1 only for controls outside the hypotheses).
    public var rateFactor = 1.0

    /// A setting of the given sizes.
    public init(dimension: Int, patternsPerInput: Int, sampleSize: Int, steps: Int, haar: Bool = false, rateFactor: Double = 1) {
        self.dimension = dimension
        self.patternsPerInput = patternsPerInput
        self.sampleSize = sampleSize
        self.steps = steps
        self.haar = haar
        self.rateFactor = rateFactor
    }

    /// The sizes in words.
    public var description: String {
        "d = \(dimension), n = \(patternsPerInput), m = \(sampleSize), T1 = \(steps)\(haar ? ", Haar O" : "")"
            + (rateFactor == 1 ? "" : ", η1 × \(Int(rateFactor))")
    }
}

/// The extremes, over a run, of the quantities Brutzkus & Globerson's Lemma 5.3 (or Corollary 5.4) bounds for the lucky channels
/// L = W0+ ∩ A+ (or W0− ∩ A−), with o their pattern (o_1 or o_2).
public struct LuckyTrajectory: Sendable {
    /// min over t ≥ 1 and i ∈ L of o · w_i^(t)/(t η1) (claim 1: ≥ 1/9).
    public internal(set) var minGrowth = Double.infinity
    /// min over t and i ∈ L of (o · w_i^(t+1) − o · w_i^(t))/η1 (the induction step: ≥ 1/9).
    public internal(set) var minIncrement = Double.infinity
    /// max over t, i ∈ L and j ≠ own of o_j · w_i^(t)/r (claim 2: ≤ 1).
    public internal(set) var maxOther = -Double.infinity
    /// (t, i, x) with x in the channel's class of S1 and p_i^(t)(x) ≠ o (claim 3).
    public internal(set) var patternViolations = 0
    /// The (t, i, x) examined for claim 3.
    public internal(set) var patternChecks = 0
    /// (t, i) with i ∈ L leaving W_t^± (the channel keeps detecting its pattern).
    public internal(set) var membershipLosses = 0

    /// Claims 1–3 of Lemma 5.3 (Corollary 5.4) hold at every step for every channel of L (vacuous if L is empty).
    public var lemmaHolds: Bool { !(minGrowth < 1.0 / 9) && !(maxOther > 1) && patternViolations == 0 }
}

/// One run of LW_CNN's first loop (Brutzkus & Globerson, §5) and the quantities Lemmas 5.3, 5.5, C.1, C.2 and Corollary 5.4 bound.
public struct FirstLayerRun: Sendable {
    /// The configuration run.
    public let setting: FirstLayerSetting
    /// k, the channels.
    public let channels: Int
    /// η1, the first loop's learning rate.
    public let rate: Double
    /// r, the initialization radius.
    public let radius: Double
    /// m1 = |S1|.
    public let firstHalf: Int
    /// |S1+|.
    public let positives: Int
    /// |S1−|.
    public let negatives: Int
    /// |W0+ ∩ A+| at initialization.
    public let luckyPositive: Int
    /// |W0− ∩ A−| at initialization.
    public let luckyNegative: Int
    /// max over t, i of ‖w_i^(t)‖/(r + η1 t) (Lemma C.1).
    public internal(set) var maxNormRatio = -Double.infinity
    /// max over t, i of ‖w_i^(t)‖/(η1(t + 1)) (Lemma C.1).
    public internal(set) var maxNormOverNextStep = -Double.infinity
    /// max over t, i of ‖∂L1/∂w_i‖ (Lemma C.1's ingredient: ≤ 1).
    public internal(set) var maxGradientNorm = -Double.infinity
    /// max over t and x ∈ S1 of |N[(W^(t), a^(0))](x)| (Lemma C.2).
    public internal(set) var maxOutput = -Double.infinity
    /// max over t and x ∈ S1 of |N|/(kη1(t + 1)) (Lemma C.2's proof bound).
    public internal(set) var maxOutputOverProofBound = -Double.infinity
    /// max over t ≥ 1, i and every pattern o_q of o_q · w_i^(t)/(2η1 t) (Lemma 5.5; every x[j] of supp D is a pattern).
    public internal(set) var maxActivationRatio = -Double.infinity
    /// The lucky channels W0+ ∩ A+ (pattern o_1, Lemma 5.3).
    public internal(set) var positive = LuckyTrajectory()
    /// The lucky channels W0− ∩ A− (pattern o_2, Corollary 5.4).
    public internal(set) var negative = LuckyTrajectory()

    /// Event (14), corrected: |S1+|, |S1−| ≥ m1/3.
    public var event14: Bool { LuckyCounts.event14(positives: positives, of: firstHalf) }

    /// Runs the first loop on a sample of D (or on `trainingSet` when given) and records every bounded quantity.
    public static func run(_ setting: FirstLayerSetting, rng: inout Xoshiro256, trainingSet: LabeledPatterns? = nil) throws
        -> FirstLayerRun {
        let d = setting.dimension
        let distribution = setting.haar
            ? try PatternDistribution.haarRandom(dimension: d, patternCount: d, patternsPerInput: setting.patternsPerInput, rng: &rng)
            : try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: setting.patternsPerInput)
        let recipe = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: setting.steps, secondLayerSteps: 0)
        let trainer = try LayerwiseTrainer(channels: recipe.channels, firstLayerSteps: setting.steps,
                                           firstLayerRate: recipe.firstLayerRate * setting.rateFactor, secondLayerSteps: 0,
                                           secondLayerRate: recipe.secondLayerRate, initialRadius: recipe.initialRadius)
        let start = try trainer.initialize(dimension: d, rng: &rng)
        let sample = try trainingSet ?? distribution.sample(count: setting.sampleSize, rng: &rng)
        let s1 = try sample.halves().first
        let lucky = try distribution.luckyChannels(of: start, initialSigns: start.outputWeights)
        let positives = s1.labels.filter { $0 > 0 }.count
        var record = FirstLayerRun(setting: setting, channels: trainer.channels, rate: trainer.firstLayerRate,
                                   radius: trainer.initialRadius, firstHalf: s1.count, positives: positives,
                                   negatives: s1.count - positives, luckyPositive: lucky.positive.count,
                                   luckyNegative: lucky.negative.count)
        var previous: Matrix?
        _ = try trainer.trainFirstLayer(start, on: s1) { t, network, gradient in
            let projections = try distribution.projections(of: network)
            try record.observe(t, network, gradient, projections, previous, s1, distribution, lucky, start.outputWeights)
            previous = projections
        }
        return record
    }

    /// `seeds` runs of each of `settings` (a fresh sample S, initialization and, for Haar settings, patterns per
    /// run), in parallel on `engine` with run i on the stream `stream.child(i)` (`BlockMap`), settings outermost.
    public static func runs(_ settings: [FirstLayerSetting], seeds: Int, engine: MonteCarloEngine, stream: StreamSeed)
        throws -> [FirstLayerRun] {
        try BlockMap.map(engine, count: settings.count * seeds, stream: stream) { index, rng in
            try FirstLayerRun.run(settings[index / seeds], rng: &rng)
        }
    }

    /// A training set of D (§3; d = l, o_i = e_i) whose first half S1 has exactly `positives` positive examples
    /// out of m1 = ⌈m/2⌉ (the second half is an ordinary draw).
    public static func trainingSet(dimension d: Int, patternsPerInput n: Int, size m: Int, firstHalfPositives: Int,
                                   rng: inout Xoshiro256) throws -> LabeledPatterns {
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: n)
        let pool = try distribution.sample(count: 4 * m + 40, rng: &rng)
        let indices = pool.inputs.patternIndices ?? []
        let m1 = (m + 1) / 2
        let positive = (0..<pool.count).filter { pool.labels[$0] > 0 }, negative = (0..<pool.count).filter { pool.labels[$0] < 0 }
        let order = Array(positive.prefix(firstHalfPositives)) + Array(negative.prefix(m1 - firstHalfPositives))
            + Array(positive.dropFirst(firstHalfPositives).prefix((m - m1) / 2))
            + Array(negative.dropFirst(m1 - firstHalfPositives).prefix(m - m1 - (m - m1) / 2))
        return try LabeledPatterns(inputs: distribution.inputs(patternIndices: order.flatMap { indices[($0 * n)..<(($0 + 1) * n)] }),
                                   labels: order.map { pool.labels[$0] })
    }

    private mutating func observe(_ t: Int, _ network: PatternDetectionNetwork, _ gradient: NetworkGradient,
                                  _ projections: Matrix, _ previous: Matrix?, _ s1: LabeledPatterns,
                                  _ distribution: PatternDistribution, _ lucky: LuckyChannels, _ signs: [Double]) throws {
        let d = setting.dimension, k = channels, l = distribution.patternCount
        let step = Double(t)
        for i in 0..<k {
            let norm = Vector.norm(Array(network.filters.storage[(i * d)..<((i + 1) * d)]))
            maxNormRatio = max(maxNormRatio, norm / (radius + rate * step))
            maxNormOverNextStep = max(maxNormOverNextStep, norm / (rate * (step + 1)))
            maxGradientNorm = max(maxGradientNorm, Vector.norm(Array(gradient.filters.storage[(i * d)..<((i + 1) * d)])))
            if t >= 1 {
                for q in 0..<l { maxActivationRatio = max(maxActivationRatio, projections[i, q] / (2 * rate * step)) }
            }
        }
        let outputs = try network.outputs(s1.inputs)
        let largest = outputs.map(abs).max() ?? 0
        maxOutput = max(maxOutput, largest)
        maxOutputOverProofBound = max(maxOutputOverProofBound, largest / (Double(k) * rate * (step + 1)))
        let pooled = try network.pooled(s1.inputs)
        let now = try distribution.luckyChannels(of: network, initialSigns: signs)
        positive.update(t, lucky.positive, pattern: 0, label: 1, projections, previous, pooled, s1, now.positiveDetectors,
                        rate: rate, radius: radius, patterns: l)
        negative.update(t, lucky.negative, pattern: 1, label: -1, projections, previous, pooled, s1, now.negativeDetectors,
                        rate: rate, radius: radius, patterns: l)
    }
}

extension LuckyTrajectory {
    /// Folds step t of the channels `channels` (detecting pattern `pattern` in the examples labelled `label`) in.
    mutating func update(_ t: Int, _ channels: [Int], pattern: Int, label: Double, _ projections: Matrix,
                         _ previous: Matrix?, _ pooled: PooledFeatures, _ s1: LabeledPatterns, _ detectors: [Int],
                         rate: Double, radius: Double, patterns l: Int) {
        let detecting = Set(detectors)
        let k = projections.rows, n = s1.inputs.patternsPerInput
        let indices = s1.inputs.patternIndices ?? []
        for i in channels {
            let own = projections[i, pattern]
            if t >= 1 { minGrowth = min(minGrowth, own / (Double(t) * rate)) }
            if let previous { minIncrement = min(minIncrement, (own - previous[i, pattern]) / rate) }
            for j in 0..<l where j != pattern { maxOther = max(maxOther, projections[i, j] / radius) }
            if !detecting.contains(i) { membershipLosses += 1 }
            for b in 0..<s1.count where s1.labels[b] == label {
                patternChecks += 1
                let slot = pooled.slots[b * k + i]
                if !(pooled.features[b, i] > 0 && indices[b * n + slot] == pattern) { patternViolations += 1 }
            }
        }
    }
}
