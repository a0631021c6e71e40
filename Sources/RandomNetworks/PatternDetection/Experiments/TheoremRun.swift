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
        let first = try FirstLoop(dimension: d, sampleSize: m, secondLayerSteps: secondLayerSteps, rng: &rng)
        var previous = Double.infinity, monotone = true, finalErrors = 0
        _ = try first.trainer.trainSecondLayer(first.network, on: first.s2, features: first.features) { state in
            monotone = monotone && state.loss <= previous
            previous = state.loss
            if state.step == secondLayerSteps { finalErrors = try LogisticLoss.errorCount(outputs: state.scores, labels: state.labels) }
        }
        return (first.svm.converged && (first.svm.margins.min() ?? 0) > 0, monotone && finalErrors == 0,
                try first.limitTestError())
    }

    /// err · √(m/d) of one run of the T2 → ∞ classifier (its exact error over D); the second loop, which the limit
    /// classifier does not depend on, is not run.
    public static func scaledError(dimension d: Int, sampleSize m: Int, rng: inout Xoshiro256) throws -> Double {
        let first = try FirstLoop(dimension: d, sampleSize: m, secondLayerSteps: 0, rng: &rng)
        return try first.limitTestError() * (Double(m) / Double(d)).squareRoot()
    }

    /// LW_CNN's first loop on S1 (T1 = 5) and the max-margin classifier â (eq. (25)) on the features z(S2) it gives.
    private struct FirstLoop {
        let distribution: PatternDistribution
        let trainer: LayerwiseTrainer
        let network: PatternDetectionNetwork
        let s2: LabeledPatterns
        let features: Matrix
        let svm: HardMarginSVM

        init(dimension d: Int, sampleSize m: Int, secondLayerSteps: Int, rng: inout Xoshiro256) throws {
            distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: d - 1)
            trainer = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: 5, secondLayerSteps: secondLayerSteps)
            let start = try trainer.initialize(dimension: d, rng: &rng)
            let s1: LabeledPatterns
            (s1, s2) = try distribution.sample(count: m, rng: &rng).halves()
            network = try trainer.trainFirstLayer(start, on: s1)
            features = try network.pooledFeatures(s2.inputs)
            svm = try HardMarginSVM.fit(features: features, labels: s2.labels)
        }

        /// The exact test error over D of sign(z · â) (eq. (24)).
        func limitTestError() throws -> Double {
            var limit = network
            limit.outputWeights = try svm.weights(features: features, labels: s2.labels)
            let classes = try distribution.supportClasses()
            let z = try network.pooledFeatures(distribution.representatives(of: classes).inputs)
            return try distribution.exactError(outputs: limit.outputs(features: z), classes: classes)
        }
    }
}
