import Foundation
import Randomness

/// The second loop of LW_CNN (Brutzkus & Globerson, §5) followed step by step: the loss at every step and, at decades t = 10^j,
/// the direction of a^(t) against the max-margin â of eq. (25).
public struct SecondLayerTrajectory: Sendable {
    /// The state of the second loop at one step t.
    public struct Checkpoint: Sendable {
        /// t.
        public let step: Int
        /// L2 at step t.
        public let loss: Double
        /// a^(t).
        public let weights: [Double]
        /// min_i y_i a · z_i /‖a‖ divided by the max margin 1/‖â‖.
        public let marginRatio: Double
        /// cos(a^(t), â).
        public let cosine: Double
        /// Training errors on S2.
        public let trainingErrors: Int
    }

    /// max over t of (L2(t + 1) − L2(t))/L2(t).
    public internal(set) var largestRelativeIncrease = -Double.infinity
    /// The state at t = 0 and at every decade t = 10^j.
    public internal(set) var checkpoints: [Checkpoint] = []
    /// â, the max-margin classifier of eq. (25) on z(S2).
    public internal(set) var maxMargin: [Double] = []
    /// ∂L2/∂a at a^(0), the gradient of eq. (2) on S2 taken directly in R^k (not through the trainer's Gram matrix).
    public internal(set) var initialGradient: [Double] = []

    /// Runs LW_CNN (Theorem 5.1's recipe with η2 = `fraction` · 8k) on a sample of D and follows the second loop.
    public static func run(setting: RepresentationSetting, fraction: Double, secondLayerSteps: Int, rng: inout Xoshiro256) throws
        -> SecondLayerTrajectory {
        let d = setting.dimension
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: setting.patternsPerInput)
        let trainer = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: setting.steps, secondLayerSteps: secondLayerSteps,
                                                     secondLayerFraction: fraction)
        let start = try trainer.initialize(dimension: d, rng: &rng)
        let (s1, s2) = try distribution.sample(count: setting.sampleSize, rng: &rng).halves()
        let first = try trainer.trainFirstLayer(start, on: s1)
        let features = try first.pooledFeatures(s2.inputs)
        let svm = try HardMarginSVM.fit(features: features, labels: s2.labels)
        let aHat = try svm.weights(features: features, labels: s2.labels)
        let aHatNorm = Vector.norm(aHat)
        var previousLoss = Double.nan
        var trajectory = SecondLayerTrajectory(maxMargin: aHat, initialGradient: try first.lossAndGradient(s2).outputWeights)
        var next = 1
        _ = try trainer.trainSecondLayer(first, on: s2, features: features) { state in
            if previousLoss.isFinite {
                trajectory.largestRelativeIncrease = max(trajectory.largestRelativeIncrease, (state.loss - previousLoss) / previousLoss)
            }
            previousLoss = state.loss
            guard state.step == 0 || state.step == next else { return }
            if state.step == next { next *= 10 }
            let a = state.outputWeights
            let norm = Vector.norm(a)
            let margins = zip(state.scores, state.labels).map { $0 * $1 }
            trajectory.checkpoints.append(Checkpoint(
                step: state.step, loss: state.loss, weights: a, marginRatio: (margins.min() ?? .nan) / norm * aHatNorm,
                cosine: Vector.dot(a, aHat) / (norm * aHatNorm), trainingErrors: margins.filter { $0 <= 0 }.count))
        }
        return trajectory
    }
}
