import Foundation
import Randomness

/// The models and sizes of Brutzkus & Globerson's §7 experiments on synthetic pattern data.
public struct ExperimentScale: Sendable, CustomStringConvertible {
    /// d, the filter dimension (also the number of patterns l).
    public let dimension: Int
    /// n, the patterns per input.
    public let patternsPerInput: Int
    /// k, ConvPool's channels.
    public let channels: Int
    /// Full-batch Adam steps per model.
    public let steps: Int
    /// Adam's learning rate.
    public let learningRate: Double
    /// The size of each run's test set.
    public let testSize: Int
    /// The radius of the noise added to each pattern (0: noiseless, Fig. 3a; > 0: Fig. 3b).
    public let noiseRadius: Double

    /// A scale with the given sizes.
    public init(dimension: Int, patternsPerInput: Int, channels: Int, steps: Int, learningRate: Double, testSize: Int,
                noiseRadius: Double) {
        self.dimension = dimension
        self.patternsPerInput = patternsPerInput
        self.channels = channels
        self.steps = steps
        self.learningRate = learningRate
        self.testSize = testSize
        self.noiseRadius = noiseRadius
    }

    /// The MLP width giving about ConvPool's k(d + 1) parameters: round(k(d + 1)/(nd + 1)).
    public var mlpWidth: Int {
        Int((Double(channels * (dimension + 1)) / Double(patternsPerInput * dimension + 1)).rounded())
    }

    /// The sizes in words.
    public var description: String {
        "d = l = \(dimension), n = \(patternsPerInput), k = \(channels), MLP width \(mlpWidth), \(steps) Adam steps (lr \(learningRate))"
            + (noiseRadius > 0 ? ", noise ‖v‖ ≤ \(noiseRadius)" : "")
    }
}

/// The models of §7 trained on one training set, and their per-point test outcomes on one test set.
public struct ExperimentRun: Sendable {
    /// Which models are trained: ConvPool (the network of eq. (1)), ConvPool trained layer-wise, a leaky-ReLU
    /// MLP with about as many parameters, and the (hard- or soft-margin) linear SVM.
    public enum Model: String, Sendable, CaseIterable {
        /// `convPool`: the network of eq. (1) trained by Adam; `layerwise`: the same trained layer by layer;
        /// `mlp`: the leaky-ReLU MLP; `svm`: the linear SVM. The raw value is the name the report prints.
        /// ConvPool, all parameters trained jointly.
        case convPool = "ConvPool"
        /// ConvPool trained layer-wise: W with a at random signs ±1/√k, then a with W fixed.
        case layerwise = "ConvPool (layer-wise)"
        /// A one-hidden-layer leaky-ReLU MLP of width `ExperimentScale.mlpWidth`.
        case mlp = "MLP"
        /// The linear SVM on the flattened input.
        case svm = "SVM"
    }

    /// m, the training set size.
    public let sampleSize: Int
    /// Training errors (count) per model.
    public let trainingErrors: [Model: Int]
    /// Test-point errors (one per test point) per model.
    public let testMistakes: [Model: [Bool]]
    /// Whether the training set was linearly separable (the hard-margin SVM converged); else the soft margin C = 10³ was used.
    public let separable: Bool

    /// The fraction of test points `model` gets wrong.
    public func testError(_ model: Model) -> Double {
        let mistakes = testMistakes[model] ?? []
        return Double(mistakes.filter { $0 }.count) / Double(max(mistakes.count, 1))
    }

    /// Draws Haar patterns, a training set of size m and a test set, trains `models` on the same data, and
    /// records their training errors and test mistakes.
    public static func run(_ scale: ExperimentScale, sampleSize m: Int, models: [Model], rng: inout Xoshiro256) throws -> ExperimentRun {
        let d = scale.dimension, n = scale.patternsPerInput, k = scale.channels
        let distribution = try PatternDistribution.haarRandom(dimension: d, patternCount: d, patternsPerInput: n,
                                                              noiseRadius: scale.noiseRadius, rng: &rng)
        let train = try distribution.sample(count: m, rng: &rng)
        let test = try distribution.sample(count: scale.testSize, rng: &rng)
        let adam = try FullBatchAdam(learningRate: scale.learningRate, steps: scale.steps)
        var trainingErrors: [Model: Int] = [:], mistakes: [Model: [Bool]] = [:]
        func record(_ model: Model, train trainOutputs: [Double], test testOutputs: [Double]) throws {
            trainingErrors[model] = try LogisticLoss.errorCount(outputs: trainOutputs, labels: train.labels)
            mistakes[model] = zip(testOutputs, test.labels).map { LogisticLoss.label($0) != $1 }
        }
        var separable = true
        for model in models {
            switch model {
            case .convPool:
                var network = try PatternDetectionNetwork.uniformInitialization(channels: k, dimension: d, rng: &rng)
                try adam.train(&network, inputs: train.inputs, labels: train.labels)
                try record(model, train: network.outputs(train.inputs), test: network.outputs(test.inputs))
            case .layerwise:
                // a fixed at random signs ±1/√k while W trains, then a trains with W fixed.
                var network = try PatternDetectionNetwork.uniformInitialization(channels: k, dimension: d, rng: &rng)
                network.outputWeights = network.outputWeights.map { ($0 > 0 ? 1 : -1) / Double(k).squareRoot() }
                try adam.train(&network, inputs: train.inputs, labels: train.labels, trainable: 0..<(k * d))
                try adam.train(&network, inputs: train.inputs, labels: train.labels, trainable: (k * d)..<(k * d + k))
                try record(model, train: network.outputs(train.inputs), test: network.outputs(test.inputs))
            case .mlp:
                var network = try LeakyReLUNetwork.uniformInitialization(inputs: n * d, width: scale.mlpWidth, slope: 0.01,
                                                                         rng: &rng)
                try adam.train(&network, inputs: train.inputs.flattened, labels: train.labels)
                try record(model, train: network.outputs(train.inputs.flattened), test: network.outputs(test.inputs.flattened))
            case .svm:
                let x = try train.inputs.flattened
                var svm = try HardMarginSVM.fit(features: x, labels: train.labels, maxSweeps: 2000)
                separable = svm.converged && (svm.margins.min() ?? 0) > 0
                if !separable { svm = try HardMarginSVM.fit(features: x, labels: train.labels, box: 1e3, maxSweeps: 1000) }
                let w = try svm.weights(features: x, labels: train.labels)
                let score = { (matrix: Matrix) in (0..<matrix.rows).map { b in (0..<matrix.columns).reduce(0.0) { $0 + w[$1] * matrix[b, $1] } } }
                try record(model, train: score(x), test: score(test.inputs.flattened))
            }
        }
        return ExperimentRun(sampleSize: m, trainingErrors: trainingErrors, testMistakes: mistakes, separable: separable)
    }

    /// `seeds` independent runs for each size in `sizes`, indexed [size][seed], run in parallel on `engine`
    /// (run s · seeds + j on the stream `stream.child(s · seeds + j)`, `BlockMap`).
    public static func runs(_ scale: ExperimentScale, sizes: [Int], models: [Model], seeds: Int, engine: MonteCarloEngine,
                            stream: StreamSeed) throws -> [[ExperimentRun]] {
        let flat = try BlockMap.map(engine, count: sizes.count * seeds, stream: stream) { index, rng in
            try ExperimentRun.run(scale, sampleSize: sizes[index / seeds], models: models, rng: &rng)
        }
        return sizes.indices.map { Array(flat[($0 * seeds)..<(($0 + 1) * seeds)]) }
    }
}
