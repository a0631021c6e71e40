import Foundation
import GSL

/// Full-batch Adam (Kingma & Ba 2014, Algorithm 1), the optimizer of
/// Brutzkus & Globerson §7 ("standard training with Adam"), on the logistic
/// loss of eq. (2). Training a slice of the parameters with the rest frozen
/// gives the layer-wise variant §7 compares with ("layer-wise training performs
/// very similarly to standard training").
public struct FullBatchAdam: Sendable, Equatable {
    /// The step size α.
    public let learningRate: Double
    /// The number of full-batch updates.
    public let steps: Int
    /// β1, the decay rate of the first-moment estimate.
    public let beta1: Double
    /// β2, the decay rate of the second-moment estimate.
    public let beta2: Double
    /// ε, added to the square root of the second moment in the update's denominator.
    public let epsilon: Double

    /// Adam with step size `learningRate` for `steps` full-batch updates and Kingma & Ba's defaults
    /// β1 = 0.9, β2 = 0.999, ε = 10⁻⁸; throws for a non-positive rate or ε, negative steps, or β outside [0, 1).
    public init(learningRate: Double, steps: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) throws {
        let context = "FullBatchAdam"
        try Require.positive(learningRate, "learningRate", in: context)
        try Require.atLeast(steps, 0, "steps", in: context)
        try Require.within(beta1, 0...0.999_999, "beta1", in: context)
        try Require.within(beta2, 0...0.999_999_999, "beta2", in: context)
        try Require.positive(epsilon, "epsilon", in: context)
        self.learningRate = learningRate
        self.steps = steps
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Runs `steps` Adam updates of the parameters with indices in `trainable`
    /// (all by default) on the full batch; returns the loss before each step.
    /// m_t = β1 m + (1−β1) g, v_t = β2 v + (1−β2) g², θ −= lr m̂/(√v̂ + ε) with
    /// m̂ = m_t/(1−β1^t), v̂ = v_t/(1−β2^t).
    @discardableResult
    public func train<Model: LogisticClassifier>(_ model: inout Model, inputs: Model.Inputs, labels: [Double],
                                                 trainable: Range<Int>? = nil) throws -> [Double] {
        var theta = model.parameters
        let range = trainable ?? theta.indices
        guard range.lowerBound >= 0, range.upperBound <= theta.count else {
            throw ParameterError("FullBatchAdam.train", parameter: "trainable", value: "\(range)",
                                 requirement: "within the \(theta.count) parameters")
        }
        var first = [Double](repeating: 0, count: range.count)
        var second = [Double](repeating: 0, count: range.count)
        var losses: [Double] = []
        guard steps > 0 else { return losses }
        losses.reserveCapacity(steps)
        for t in 1...steps {
            let (loss, gradient) = try model.logisticLossAndGradient(inputs, labels: labels)
            losses.append(loss)
            let correction1 = 1 - pow(beta1, Double(t)), correction2 = 1 - pow(beta2, Double(t))
            guard gradient.count >= range.upperBound else {
                throw ParameterError("FullBatchAdam.train", parameter: "gradient", value: "\(gradient.count) entries",
                                     requirement: "one per parameter (\(theta.count))")
            }
            let (beta1, beta2, rate, epsilon) = (beta1, beta2, learningRate, epsilon)
            gradient.withUnsafeBufferPointer { gradient in
                theta.withUnsafeMutableBufferPointer { theta in
                    first.withUnsafeMutableBufferPointer { first in
                        second.withUnsafeMutableBufferPointer { second in
                            // Element by element (the same operations in the same order, without bounds checks).
                            let g = gradient.baseAddress! + range.lowerBound, p = theta.baseAddress! + range.lowerBound
                            let m = first.baseAddress!, v = second.baseAddress!
                            // Two parameters at a time (SIMD lanes: IEEE division and square root round each lane
                            // exactly as the scalar operations do).
                            typealias Pair = SIMD2<Double>
                            var slot = 0
                            while slot + 2 <= range.count {
                                let gradient = UnsafeRawPointer(g + slot).loadUnaligned(as: Pair.self)
                                let first = Pair(repeating: beta1) * UnsafeRawPointer(m + slot).loadUnaligned(as: Pair.self)
                                    + Pair(repeating: 1 - beta1) * gradient
                                let second = Pair(repeating: beta2) * UnsafeRawPointer(v + slot).loadUnaligned(as: Pair.self)
                                    + Pair(repeating: 1 - beta2) * gradient * gradient
                                let step = Pair(repeating: rate) * (first / Pair(repeating: correction1))
                                    / ((second / Pair(repeating: correction2)).squareRoot() + Pair(repeating: epsilon))
                                let updated = UnsafeRawPointer(p + slot).loadUnaligned(as: Pair.self) - step
                                UnsafeMutableRawPointer(m + slot).storeBytes(of: first, as: Pair.self)
                                UnsafeMutableRawPointer(v + slot).storeBytes(of: second, as: Pair.self)
                                UnsafeMutableRawPointer(p + slot).storeBytes(of: updated, as: Pair.self)
                                slot += 2
                            }
                            while slot < range.count {
                                m[slot] = beta1 * m[slot] + (1 - beta1) * g[slot]
                                v[slot] = beta2 * v[slot] + (1 - beta2) * g[slot] * g[slot]
                                p[slot] -= rate * (m[slot] / correction1) / ((v[slot] / correction2).squareRoot() + epsilon)
                                slot += 1
                            }
                        }
                    }
                }
            }
            try model.setParameters(theta)
        }
        return losses
    }
}
