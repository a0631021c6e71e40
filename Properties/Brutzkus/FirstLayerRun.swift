import Foundation
import RandomNetworks
import Randomness

/// A configuration of LW_CNN's first loop with Theorem 5.1's hyper-parameters
/// (k = 8d³ + 1, η1 = 1/(4k(T1 + 1)), r = η1/200), l = d patterns.
struct FirstLayerSetting: Sendable, CustomStringConvertible {
    let dimension: Int
    let patternsPerInput: Int
    let sampleSize: Int
    let steps: Int
    var haar = false
    /// η1 is multiplied by this (1: the theorem's η1; > 1 only for controls outside the hypotheses).
    var rateFactor = 1.0

    var description: String {
        "d = \(dimension), n = \(patternsPerInput), m = \(sampleSize), T1 = \(steps)\(haar ? ", Haar O" : "")"
            + (rateFactor == 1 ? "" : ", η1 × \(Int(rateFactor))")
    }

    /// The configurations of the first-layer checks: all seven at the standard budget, four at the quick one.
    static func grid(_ budgetIsQuick: Bool) -> [FirstLayerSetting] {
        let all = [(3, 3, 30, 20), (4, 3, 40, 50), (4, 4, 100, 10), (5, 4, 60, 20), (6, 5, 60, 10), (6, 8, 40, 5), (8, 6, 60, 3)]
        let chosen = budgetIsQuick ? [all[0], all[1], all[3], all[4]] : all
        return chosen.map { FirstLayerSetting(dimension: $0.0, patternsPerInput: $0.1, sampleSize: $0.2, steps: $0.3) }
            + [FirstLayerSetting(dimension: 4, patternsPerInput: 3, sampleSize: 40, steps: 20, haar: true)]
    }
}

/// The extremes, over a run, of the quantities Lemma 5.3 (or Corollary 5.4) bounds for the lucky channels
/// L = W0+ ∩ A+ (or W0− ∩ A−), with o their pattern (o_1 or o_2).
struct LuckyTrajectory: Sendable {
    /// min over t ≥ 1 and i ∈ L of o · w_i^(t)/(t η1) (claim 1: ≥ 1/9).
    var minGrowth = Double.infinity
    /// min over t and i ∈ L of (o · w_i^(t+1) − o · w_i^(t))/η1 (the induction step: ≥ 1/9).
    var minIncrement = Double.infinity
    /// max over t, i ∈ L and j ≠ own of o_j · w_i^(t)/r (claim 2: ≤ 1).
    var maxOther = -Double.infinity
    /// (t, i, x) with x in the channel's class of S1 and p_i^(t)(x) ≠ o (claim 3).
    var patternViolations = 0
    var patternChecks = 0
    /// (t, i) with i ∈ L leaving W_t^± (the channel keeps detecting its pattern).
    var membershipLosses = 0

    /// Claims 1–3 of Lemma 5.3 (Corollary 5.4) hold at every step for every channel of L (vacuous if L is empty).
    var lemmaHolds: Bool { !(minGrowth < 1.0 / 9) && !(maxOther > 1) && patternViolations == 0 }
}

/// One run of LW_CNN's first loop and the quantities Lemmas 5.3, 5.5, C.1, C.2 and Corollary 5.4 bound.
struct FirstLayerRun: Sendable {
    let setting: FirstLayerSetting
    let channels: Int
    let rate: Double
    let radius: Double
    let firstHalf: Int
    let positives: Int
    let negatives: Int
    let luckyPositive: Int
    let luckyNegative: Int
    /// max over t, i of ‖w_i^(t)‖/(r + η1 t) and ‖w_i^(t)‖/(η1(t + 1)) (Lemma C.1).
    var maxNormRatio = -Double.infinity
    var maxNormOverNextStep = -Double.infinity
    /// max over t, i of ‖∂L1/∂w_i‖ (Lemma C.1's ingredient: ≤ 1).
    var maxGradientNorm = -Double.infinity
    /// max over t and x ∈ S1 of |N[(W^(t), a^(0))](x)| and of |N|/(kη1(t + 1)) (Lemma C.2).
    var maxOutput = -Double.infinity
    var maxOutputOverProofBound = -Double.infinity
    /// max over t ≥ 1, i and every pattern o_q of o_q · w_i^(t)/(2η1 t) (Lemma 5.5; every x[j] of supp D is a pattern).
    var maxActivationRatio = -Double.infinity
    var positive = LuckyTrajectory()
    var negative = LuckyTrajectory()

    /// Event (14), corrected: |S1+|, |S1−| ≥ m1/3.
    var event14: Bool { LuckyCounts.event14(positives: positives, of: firstHalf) }

    /// Runs the first loop on a sample of D (or on `trainingSet` when given) and records every bounded quantity.
    static func run(_ setting: FirstLayerSetting, rng: inout Xoshiro256, trainingSet: LabeledPatterns? = nil) throws
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
