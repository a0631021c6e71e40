import Foundation
import Randomness

/// One run of LW_CNN with Theorem 5.1's hyper-parameters (Brutzkus & Globerson, §5) as far as the theorem's two
/// conclusions reach: (1) L2 → 0, through the certified separability of z(S2) and the descent of the second loop;
/// (2) the test error of the T2 → ∞ classifier sign(z · â) (eq. (24)), exactly over D.
public enum TheoremRun {
    /// One LW_CNN run (Theorem 5.1's recipe, T1 = 5) on m examples of D with d = l, n = d − 1: whether z(S2) is
    /// certified separable, whether T2 steps of the second loop decrease L2 at every step and reach zero training
    /// error, and the exact test error of the limit classifier sign(z · â) (eq. (24): the T2 → ∞ limit).
    public static func run(dimension d: Int, sampleSize m: Int, secondLayerSteps: Int, rng: inout Xoshiro256) throws
        -> (separable: Bool, descends: Bool, testError: Double) {
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: d - 1)
        let trainer = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: 5, secondLayerSteps: secondLayerSteps)
        let start = try trainer.initialize(dimension: d, rng: &rng)
        let (s1, s2) = try distribution.sample(count: m, rng: &rng).halves()
        let network = try trainer.trainFirstLayer(start, on: s1)
        let features = try network.pooledFeatures(s2.inputs)
        let svm = try HardMarginSVM.fit(features: features, labels: s2.labels)
        var previous = Double.infinity, monotone = true, finalErrors = 0
        _ = try trainer.trainSecondLayer(network, on: s2, features: features) { state in
            monotone = monotone && state.loss <= previous
            previous = state.loss
            if state.step == secondLayerSteps { finalErrors = try LogisticLoss.errorCount(outputs: state.scores, labels: state.labels) }
        }
        var limit = network
        limit.outputWeights = try svm.weights(features: features, labels: s2.labels)
        let classes = try distribution.supportClasses()
        let z = try network.pooledFeatures(distribution.representatives(of: classes).inputs)
        return (svm.converged && (svm.margins.min() ?? 0) > 0, monotone && finalErrors == 0,
                try distribution.exactError(outputs: limit.outputs(features: z), classes: classes))
    }

    /// err · √(m/d) of one run of the T2 → ∞ classifier (its exact error over D).
    public static func scaledError(dimension d: Int, sampleSize m: Int, rng: inout Xoshiro256) throws -> Double {
        try run(dimension: d, sampleSize: m, secondLayerSteps: 0, rng: &rng).testError * (Double(m) / Double(d)).squareRoot()
    }
}
