import Foundation
import GSL
import Randomness

/// LW_CNN, the layerwise gradient descent of Brutzkus & Globerson
/// (Algorithm 1, Figure 2), full batch, with the initialization of §5.
///
/// Layer 1: W^(t) = W^(t−1) − η1 ∂L1/∂W (W^(t−1), a^(0)), t = 1 … T1, on
/// L1 = L[S1] (eq. (2)), a frozen at a^(0). Layer 2: a^(t) = a^(t−1) −
/// η2 ∂L2/∂a (W^(T1), a^(t−1)), t = 1 … T2, on L2 = L[S2], starting from a^(0):
/// gradient descent for logistic regression on the features z(x), x ∈ S2.
public struct LayerwiseTrainer: Sendable, Equatable {
    /// k, the number of channels.
    public let channels: Int
    /// T1 and η1.
    public let firstLayerSteps: Int
    /// η1, the first layer's step size.
    public let firstLayerRate: Double
    /// T2 and η2.
    public let secondLayerSteps: Int
    /// η2, the second layer's step size.
    public let secondLayerRate: Double
    /// r, the radius of the sphere the filters start on.
    public let initialRadius: Double

    /// Algorithm 1's inputs (k, T1, η1, T2, η2) and the initial radius r of §5; any values, the
    /// theorem's conditions are not imposed (see `theorem51`). Throws for non-positive k, rates or r.
    public init(channels: Int, firstLayerSteps: Int, firstLayerRate: Double, secondLayerSteps: Int,
                secondLayerRate: Double, initialRadius: Double) throws {
        let context = "LayerwiseTrainer"
        try Require.atLeast(channels, 1, "channels", in: context)
        try Require.atLeast(firstLayerSteps, 0, "firstLayerSteps", in: context)
        try Require.atLeast(secondLayerSteps, 0, "secondLayerSteps", in: context)
        try Require.positive(firstLayerRate, "firstLayerRate", in: context)
        try Require.positive(secondLayerRate, "secondLayerRate", in: context)
        try Require.positive(initialRadius, "initialRadius", in: context)
        self.channels = channels
        self.firstLayerSteps = firstLayerSteps
        self.firstLayerRate = firstLayerRate
        self.secondLayerSteps = secondLayerSteps
        self.secondLayerRate = secondLayerRate
        self.initialRadius = initialRadius
    }

    /// The hyper-parameters of Theorem 5.1 at their limits: k = 8d³ + 1
    /// (k > 8d³), η1 = 1/(4k(T1 + 1)), r = η1/200, and η2 = `secondLayerFraction` · 8k
    /// (η2 < 8k needs a fraction in (0, 1)).
    public static func theorem51(dimension d: Int, firstLayerSteps: Int, secondLayerSteps: Int,
                                 secondLayerFraction: Double = 0.5) throws -> LayerwiseTrainer {
        try Require.atLeast(d, 1, "dimension", in: "LayerwiseTrainer.theorem51")
        try Require.atLeast(firstLayerSteps, 1, "firstLayerSteps", in: "LayerwiseTrainer.theorem51")
        guard secondLayerFraction > 0, secondLayerFraction < 1 else {
            throw ParameterError("LayerwiseTrainer.theorem51", parameter: "secondLayerFraction",
                                 value: "\(secondLayerFraction)", requirement: "in (0, 1) (η2 < 8k)")
        }
        let k = try Require.product([8, d, d, d], "8 · dimension³", in: "LayerwiseTrainer.theorem51") + 1
        let eta1 = 1 / (4 * Double(k) * (Double(firstLayerSteps) + 1))
        return try LayerwiseTrainer(channels: k, firstLayerSteps: firstLayerSteps, firstLayerRate: eta1,
                                    secondLayerSteps: secondLayerSteps, secondLayerRate: secondLayerFraction * 8 * Double(k),
                                    initialRadius: eta1 / 200)
    }

    /// The initialization of §5: each w_i^(0) uniform on the sphere of radius r
    /// in R^d (r g/‖g‖, g ~ N(0, I_d)), then each a_i^(0) uniform on {±1},
    /// independently.
    public func initialize(dimension d: Int, rng: inout Xoshiro256) throws -> PatternDetectionNetwork {
        try Require.atLeast(d, 1, "dimension", in: "LayerwiseTrainer.initialize")
        var filters = try Matrix.gaussian(rows: channels, columns: d, variance: 1, rng: &rng)
        filters.storage.withUnsafeMutableBufferPointer { w in
            for i in 0..<channels {
                let row = w.baseAddress! + i * d
                var squares = 0.0
                for c in 0..<d { squares += row[c] * row[c] }
                let scale = initialRadius / squares.squareRoot()
                for c in 0..<d { row[c] *= scale }
            }
        }
        let signs = (0..<channels).map { _ in rng.next() >> 63 == 1 ? 1.0 : -1.0 }
        return try PatternDetectionNetwork(filters: filters, outputWeights: signs)
    }

    /// The first loop of Algorithm 1 on S1. `observe(t, network, gradient)` sees
    /// W^(t) with a^(0) and ∂L1 at that point, for t = 0 … T1, before update t + 1.
    public func trainFirstLayer(
        _ network: PatternDetectionNetwork, on firstHalf: LabeledPatterns,
        observe: ((Int, PatternDetectionNetwork, NetworkGradient) throws -> Void)? = nil
    ) throws -> PatternDetectionNetwork {
        try requireChannels(network, "trainFirstLayer")
        var current = network
        for t in 0...firstLayerSteps {
            guard observe != nil || t < firstLayerSteps else { break }
            let gradient = try current.lossAndGradient(firstHalf)
            try observe?(t, current, gradient)
            guard t < firstLayerSteps else { break }
            for i in current.filters.storage.indices {
                current.filters.storage[i] -= firstLayerRate * gradient.filters.storage[i]
            }
        }
        return current
    }

    /// The second loop of Algorithm 1 on S2, from a^(0) = the network's output
    /// weights. It runs in the span of the features: a^(t) = a^(0) − (η2/m2) Zᵀu_t
    /// with Z the m2 × k feature matrix and u_t the running sum of the
    /// coefficients ℓ'(y N(x)) y, so a step costs O(m2²) with the Gram matrix
    /// ZZᵀ instead of O(k m2) — the same iterates up to rounding.
    /// `observe` sees the state at t = 0 … T2.
    public func trainSecondLayer(
        _ network: PatternDetectionNetwork, on secondHalf: LabeledPatterns,
        observe: ((SecondLayerState) throws -> Void)? = nil
    ) throws -> PatternDetectionNetwork {
        try requireChannels(network, "trainSecondLayer")
        return try trainSecondLayer(network, on: secondHalf, features: network.pooledFeatures(secondHalf.inputs),
                                    observe: observe)
    }

    /// `trainSecondLayer(_:on:observe:)` for a caller that has pooled S2 already: `features` is
    /// `network.pooledFeatures(secondHalf.inputs)` (z(S2), m2 × k).
    func trainSecondLayer(
        _ network: PatternDetectionNetwork, on secondHalf: LabeledPatterns, features: Matrix,
        observe: ((SecondLayerState) throws -> Void)?
    ) throws -> PatternDetectionNetwork {
        let labels = secondHalf.labels
        let m = labels.count, k = channels
        // The Gram matrix is needed only for the steps (T2 = 0: the features and the initial loss alone).
        let gram = secondLayerSteps > 0 ? try features.gram() : features
        let step = secondLayerRate / Double(m)
        var scores = try network.outputs(features: features)
        var accumulated = [Double](repeating: 0, count: m)
        var coefficients = [Double](repeating: 0, count: m)
        var change = [Double](repeating: 0, count: m)
        for t in 0...secondLayerSteps {
            var loss = 0.0
            for b in 0..<m {
                let margin = labels[b] * scores[b]
                let (value, derivative) = LogisticLoss.valueAndDerivative(margin)
                loss += value
                coefficients[b] = derivative * labels[b]
            }
            try observe?(SecondLayerState(step: t, loss: loss / Double(m), scores: scores, labels: labels,
                                          features: features, initial: network.outputWeights,
                                          accumulated: accumulated, stepSize: step))
            guard t < secondLayerSteps else { break }
            for b in 0..<m { accumulated[b] += coefficients[b] }
            // The change of the scores, (ZZᵀ u_t)_b, each summed in order over the examples.
            gram.storage.withUnsafeBufferPointer { g in
                coefficients.withUnsafeBufferPointer { u in
                    change.withUnsafeMutableBufferPointer { change in
                        Matrix.rowDots(rows: m, columns: m, matrix: g.baseAddress!, vector: u.baseAddress!,
                                       into: change.baseAddress!)
                    }
                }
            }
            for b in 0..<m { scores[b] -= step * change[b] }
        }
        var trained = network
        trained.outputWeights = SecondLayerState.weights(features: features, initial: network.outputWeights,
                                                         accumulated: accumulated, stepSize: step, channels: k)
        return trained
    }

    private func requireChannels(_ network: PatternDetectionNetwork, _ function: String) throws {
        try Shape.requireCount(network.channels, channels, "network.channels", in: "LayerwiseTrainer.\(function)")
    }
}

/// The second layer of LW_CNN at step t: L2(a^(t)), the outputs a^(t) · z(x)
/// on S2, and a^(t) on request.
public struct SecondLayerState {
    /// t, the number of second-layer steps taken.
    public let step: Int
    /// L2 at a^(t) (eq. (2) on S2).
    public let loss: Double
    /// N(x) = a^(t) · z(x) for x ∈ S2.
    public let scores: [Double]
    /// The labels y ∈ {±1} of S2, in order.
    public let labels: [Double]
    let features: Matrix
    let initial: [Double]
    let accumulated: [Double]
    let stepSize: Double

    /// a^(t) = a^(0) − (η2/m2) Zᵀ u_t.
    public var outputWeights: [Double] {
        Self.weights(features: features, initial: initial, accumulated: accumulated, stepSize: stepSize,
                     channels: initial.count)
    }

    static func weights(features: Matrix, initial: [Double], accumulated: [Double], stepSize: Double,
                        channels k: Int) -> [Double] {
        var a = initial
        for b in 0..<accumulated.count where accumulated[b] != 0 {
            let scale = stepSize * accumulated[b]
            for i in 0..<k { a[i] -= scale * features.storage[b * k + i] }
        }
        return a
    }
}
