import ClaimKit
import Foundation
import RandomNetworks
import Randomness

/// A configuration of LW_CNN with Theorem 5.1's hyper-parameters for the
/// checks of App. E (the representation z(x) after the first loop).
struct RepresentationSetting: Sendable, CustomStringConvertible {
    let dimension: Int
    let patternsPerInput: Int
    let sampleSize: Int
    let steps: Int

    var description: String { "d = \(dimension), n = \(patternsPerInput), m = \(sampleSize), T1 = \(steps)" }

    /// The configurations of App. E's checks: five at the standard budget, three at the quick one.
    static func grid(_ budgetIsQuick: Bool) -> [RepresentationSetting] {
        let all = [(4, 3, 60, 50), (5, 4, 40, 20), (6, 5, 40, 10), (6, 5, 200, 10), (8, 6, 100, 5)]
        return (budgetIsQuick ? Array(all.prefix(3)) : all).map {
            RepresentationSetting(dimension: $0.0, patternsPerInput: $0.1, sampleSize: $0.2, steps: $0.3)
        }
    }
}

/// One run of LW_CNN's first loop and the quantities of App. E computed from the features
/// z(x)_i = max_j σ(w_i^(T1) · x[j]) over the whole support of D and over S2.
struct RepresentationRun: Sendable {
    let setting: RepresentationSetting
    let channels: Int
    let rate: Double
    let radius: Double
    let secondLayerRate: Double
    let secondHalf: Int
    let event7: Bool
    let event14: Bool
    let luckyPositive: Int
    let luckyNegative: Int
    /// min over (x, y) in the support of y z(x) · v*, v* = ±80d/(kη1T1) on W0± ∩ A± (App. E).
    let minSupportMargin: Double
    /// The proof's lower bound on that margin from the realized counts: c(|L+| η1T1/9 − |L−| r), c = 80d/(kη1T1)
    /// (the smaller of the two classes).
    let proofMarginBound: Double
    /// min over x of the channel's class and i ∈ L of z_i(x)/(η1 T1) (≥ 1/9 by Lemma 5.3 / Cor. 5.4).
    let minLuckyFeature: Double
    /// max over x of the other class and i ∈ L of z_i(x)/r (≤ 1 by claim 2).
    let maxOppositeFeature: Double
    let vStarNormSquared: Double
    /// max over the support of ‖z(x)‖².
    let maxFeatureNormSquared: Double
    /// ‖Z‖_F² and σ²_max(Z) (power iteration on ZZᵀ, with its residual) for Z = [z(x) : x ∈ S2].
    let frobeniusSquared: Double
    let sigmaMaxSquared: Double
    let sigmaResidual: Double
    /// min over S2 of y z(x) · v*.
    let minTrainingMarginOfVStar: Double
    /// The max-margin classifier â of eq. (25) on z(S2).
    let svm: HardMarginSVM
    /// P_D(sign(z(x) · â) ≠ y), exactly over the support classes.
    let svmTestError: Double
    /// The max-margin classifier on z over the whole support (the classes (y, U)): D_z's max margin is 1/‖â_D‖.
    let supportSVM: HardMarginSVM

    /// D_z's normalized max margin γ = 1/(‖â_D‖ max_supp ‖z‖) (App. A: the margin "after normalizing the points").
    var normalizedSupportMargin: Double { 1 / (supportSVM.normSquaredUpperBound * maxFeatureNormSquared).squareRoot() }

    var eventsHold: Bool { event7 && event14 }

    /// Runs the first loop on a fresh sample and computes the representation quantities.
    static func run(_ setting: RepresentationSetting, rng: inout Xoshiro256) throws -> RepresentationRun {
        let d = setting.dimension, n = setting.patternsPerInput
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: n)
        let trainer = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: setting.steps, secondLayerSteps: 0)
        let start = try trainer.initialize(dimension: d, rng: &rng)
        let sample = try distribution.sample(count: setting.sampleSize, rng: &rng)
        let (s1, s2) = try sample.halves()
        let network = try trainer.trainFirstLayer(start, on: s1)
        let lucky = try distribution.luckyChannels(of: start, initialSigns: start.outputWeights)
        let k = trainer.channels, eta = trainer.firstLayerRate, r = trainer.initialRadius, t1 = Double(setting.steps)
        let c = 80 * Double(d) / (Double(k) * eta * t1)
        var vStar = [Double](repeating: 0, count: k)
        for i in lucky.positive { vStar[i] = c }
        for i in lucky.negative { vStar[i] = -c }

        let classes = try distribution.supportClasses()
        let representatives = try distribution.representatives(of: classes)
        let z = try network.pooled(representatives.inputs).features
        var minMargin = Double.infinity, minLucky = Double.infinity, maxOpposite = -Double.infinity, maxNorm = 0.0
        for b in 0..<z.rows {
            let y = representatives.labels[b]
            let row = Array(z.storage[(b * k)..<((b + 1) * k)])
            minMargin = min(minMargin, y * Vector.dot(row, vStar))
            maxNorm = max(maxNorm, Vector.dot(row, row))
            for i in (y > 0 ? lucky.positive : lucky.negative) { minLucky = min(minLucky, row[i] / (eta * t1)) }
            for i in (y > 0 ? lucky.negative : lucky.positive) { maxOpposite = max(maxOpposite, row[i] / r) }
        }
        let proofBound = min(c * (Double(lucky.positive.count) * eta * t1 / 9 - Double(lucky.negative.count) * r),
                             c * (Double(lucky.negative.count) * eta * t1 / 9 - Double(lucky.positive.count) * r))

        let training = try network.pooled(s2.inputs).features
        let power = try PowerIteration.largestEigenvalue(of: training.gram())
        let trainingMargins = (0..<training.rows).map { b in
            s2.labels[b] * Vector.dot(Array(training.storage[(b * k)..<((b + 1) * k)]), vStar)
        }
        let svm = try HardMarginSVM.fit(features: training, labels: s2.labels)
        let aHat = try svm.weights(features: training, labels: s2.labels)
        var limit = network
        limit.outputWeights = aHat
        let testError = try distribution.exactError(outputs: limit.outputs(features: z),
                                                    classes: classes)
        let m1 = s1.count, positives = s1.labels.filter { $0 > 0 }.count
        return RepresentationRun(
            setting: setting, channels: k, rate: eta, radius: r, secondLayerRate: trainer.secondLayerRate,
            secondHalf: s2.count, event7: LuckyCounts.event7(positive: lucky.positive.count, negative: lucky.negative.count, channels: k, dimension: d),
            event14: LuckyCounts.event14(positives: positives, of: m1), luckyPositive: lucky.positive.count,
            luckyNegative: lucky.negative.count, minSupportMargin: minMargin, proofMarginBound: proofBound,
            minLuckyFeature: minLucky, maxOppositeFeature: maxOpposite, vStarNormSquared: Vector.dot(vStar, vStar),
            maxFeatureNormSquared: maxNorm, frobeniusSquared: training.frobeniusNormSquared, sigmaMaxSquared: power.value,
            sigmaResidual: power.residual, minTrainingMarginOfVStar: trainingMargins.min() ?? .nan, svm: svm,
            svmTestError: testError, supportSVM: try HardMarginSVM.fit(features: z, labels: representatives.labels))
    }
}

/// Independent representation runs in parallel, one stream per run.
enum RepresentationStudy {
    static func runs(_ ctx: ClaimContext, label: String = "representation runs") throws -> [RepresentationRun] {
        let settings = RepresentationSetting.grid(ctx.budget == .quick)
        let seeds = ctx.budget == .quick ? 3 : 6
        return try BlockMap.map(ctx, count: settings.count * seeds, stream: ctx.stream(label)) { index, rng in
            try RepresentationRun.run(settings[index / seeds], rng: &rng)
        }
    }

    /// The runs where events (7) and (14) hold (App. E's conditioning), with a summary of all runs.
    static func eventRuns(_ ctx: ClaimContext) throws -> (runs: [RepresentationRun], note: String) {
        let all = try runs(ctx)
        return (all.filter(\.eventsHold), summary(all))
    }

    static func summary(_ runs: [RepresentationRun]) -> String {
        "\(runs.count) runs over \(Set(runs.map(\.setting.description)).count) settings, \(runs.filter(\.eventsHold).count) with events (7) and (14)"
    }
}
