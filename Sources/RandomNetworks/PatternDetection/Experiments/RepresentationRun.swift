import Foundation
import Randomness

/// A configuration of LW_CNN (Brutzkus & Globerson, §5) with Theorem 5.1's hyper-parameters for the
/// checks of App. E (the representation z(x) after the first loop).
public struct RepresentationSetting: Sendable, CustomStringConvertible {
    /// d, the filter dimension (and the number of patterns).
    public let dimension: Int
    /// n, the patterns per input.
    public let patternsPerInput: Int
    /// m, the training set size (S1 trains the first loop, S2 the second).
    public let sampleSize: Int
    /// T1, the steps of the first loop.
    public let steps: Int

    /// A setting of the given sizes.
    public init(dimension: Int, patternsPerInput: Int, sampleSize: Int, steps: Int) {
        self.dimension = dimension
        self.patternsPerInput = patternsPerInput
        self.sampleSize = sampleSize
        self.steps = steps
    }

    /// The sizes in words.
    public var description: String { "d = \(dimension), n = \(patternsPerInput), m = \(sampleSize), T1 = \(steps)" }
}

/// One run of LW_CNN's first loop and the quantities of Brutzkus & Globerson's App. E computed from the features
/// z(x)_i = max_j σ(w_i^(T1) · x[j]) over the whole support of D and over S2.
public struct RepresentationRun: Sendable {
    /// The configuration run.
    public let setting: RepresentationSetting
    /// k, the channels.
    public let channels: Int
    /// η1, the first loop's learning rate.
    public let rate: Double
    /// r, the initialization radius.
    public let radius: Double
    /// η2, the second loop's learning rate.
    public let secondLayerRate: Double
    /// |S2|.
    public let secondHalf: Int
    /// Event (7) of Lemma 5.2 at initialization.
    public let event7: Bool
    /// Event (14) (corrected, App. C) on S1.
    public let event14: Bool
    /// |W0+ ∩ A+| at initialization.
    public let luckyPositive: Int
    /// |W0− ∩ A−| at initialization.
    public let luckyNegative: Int
    /// min over (x, y) in the support of y z(x) · v*, v* = ±80d/(kη1T1) on W0± ∩ A± (App. E).
    public let minSupportMargin: Double
    /// The proof's lower bound on that margin from the realized counts: c(|L+| η1T1/9 − |L−| r), c = 80d/(kη1T1)
    /// (the smaller of the two classes).
    public let proofMarginBound: Double
    /// min over x of the channel's class and i ∈ L of z_i(x)/(η1 T1) (≥ 1/9 by Lemma 5.3 / Cor. 5.4).
    public let minLuckyFeature: Double
    /// max over x of the other class and i ∈ L of z_i(x)/r (≤ 1 by claim 2).
    public let maxOppositeFeature: Double
    /// ‖v*‖².
    public let vStarNormSquared: Double
    /// max over the support of ‖z(x)‖².
    public let maxFeatureNormSquared: Double
    /// ‖Z‖_F² for Z = [z(x) : x ∈ S2].
    public let frobeniusSquared: Double
    /// σ²_max(Z) by power iteration on ZZᵀ.
    public let sigmaMaxSquared: Double
    /// The residual of that power iteration.
    public let sigmaResidual: Double
    /// min over S2 of y z(x) · v*.
    public let minTrainingMarginOfVStar: Double
    /// The max-margin classifier â of eq. (25) on z(S2).
    public let svm: HardMarginSVM
    /// P_D(sign(z(x) · â) ≠ y), exactly over the support classes.
    public let svmTestError: Double
    /// The max-margin classifier on z over the whole support (the classes (y, U)): D_z's max margin is 1/‖â_D‖.
    public let supportSVM: HardMarginSVM

    /// D_z's normalized max margin γ = 1/(‖â_D‖ max_supp ‖z‖) (App. A: the margin "after normalizing the points").
    public var normalizedSupportMargin: Double { 1 / (supportSVM.normSquaredUpperBound * maxFeatureNormSquared).squareRoot() }

    /// Events (7) and (14) both hold (App. E's conditioning).
    public var eventsHold: Bool { event7 && event14 }

    /// Runs the first loop on a fresh sample and computes the representation quantities.
    public static func run(_ setting: RepresentationSetting, rng: inout Xoshiro256) throws -> RepresentationRun {
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
        let z = try network.pooledFeatures(representatives.inputs)
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

        let training = try network.pooledFeatures(s2.inputs)
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

    /// `seeds` runs of each of `settings`, in parallel on `engine` with run i on the stream `stream.child(i)`
    /// (`BlockMap`), settings outermost.
    public static func runs(_ settings: [RepresentationSetting], seeds: Int, engine: MonteCarloEngine, stream: StreamSeed)
        throws -> [RepresentationRun] {
        try BlockMap.map(engine, count: settings.count * seeds, stream: stream) { index, rng in
            try RepresentationRun.run(settings[index / seeds], rng: &rng)
        }
    }

    /// D_z's normalized max margin of one run drawn conditionally on events (7) and (14): runs where they fail are
    /// redrawn, at most `attempts` times (nil if they failed every time).
    public static func conditionedMargin(_ setting: RepresentationSetting, attempts: Int,
                                         rng: inout Xoshiro256) throws -> Double? {
        for _ in 0..<attempts {
            let run = try RepresentationRun.run(setting, rng: &rng)
            if run.eventsHold { return run.normalizedSupportMargin }
        }
        return nil
    }
}
