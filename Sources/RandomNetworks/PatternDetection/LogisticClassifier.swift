import GSL

/// A real-valued classifier trained on the logistic loss of Brutzkus &
/// Globerson eq. (2), with its parameters as one flat vector so a generic
/// optimizer (`FullBatchAdam`) can train it, or a slice of it (layer-wise).
public protocol LogisticClassifier: Sendable {
    /// What the model takes as a batch of inputs (e.g. `PatternBatch`).
    associatedtype Inputs
    /// Every parameter, in a fixed order documented by the model.
    var parameters: [Double] { get }
    /// Replaces every parameter (same order and count as `parameters`).
    mutating func setParameters(_ values: [Double]) throws
    /// N(x) for every input.
    func outputs(_ inputs: Inputs) throws -> [Double]
    /// L = (1/m) Σ ℓ(y N(x)) (eq. (2)) and ∂L/∂parameters.
    func logisticLossAndGradient(_ inputs: Inputs, labels: [Double]) throws -> (loss: Double, gradient: [Double])
}

extension PatternDetectionNetwork: LogisticClassifier {
    /// W row-major (k·d entries), then a (k entries).
    public var parameters: [Double] { filters.storage + outputWeights }

    /// Replaces W (row-major) and a from one vector in the order of `parameters`.
    public mutating func setParameters(_ values: [Double]) throws {
        let split = filters.storage.count
        try Shape.requireCount(values.count, split + outputWeights.count, "parameters",
                               in: "PatternDetectionNetwork.setParameters")
        if !Vector.allFinite(values) { for v in values { try Require.finite(v, "parameter", in: "PatternDetectionNetwork.setParameters") } }
        filters.storage.replaceEntries(with: values[0..<split])
        outputWeights.replaceEntries(with: values[split...])
    }

    /// L[A] of eq. (2) and its gradient (`lossAndGradient`) as one vector in the order of `parameters`.
    public func logisticLossAndGradient(_ inputs: PatternBatch, labels: [Double]) throws -> (loss: Double, gradient: [Double]) {
        let sample = try LabeledPatterns(inputs: inputs, labels: labels)
        let split = filters.storage.count, count = split + channels
        // Every entry is written by `lossAndGradient(_:filterGradient:outputGradient:)`.
        var gradient = [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        let loss = try gradient.withUnsafeMutableBufferPointer { g in
            try lossAndGradient(sample, filterGradient: g.baseAddress!, outputGradient: g.baseAddress! + split)
        }
        return (loss, gradient)
    }
}

extension Array where Element == Double {
    /// `self = Array(values)`, copied into the existing storage when it has as many entries and is not shared
    /// (no allocation).
    mutating func replaceEntries(with values: ArraySlice<Double>) {
        guard values.count == count else {
            self = Array(values)
            return
        }
        _ = withUnsafeMutableBufferPointer { $0.update(fromContentsOf: values) }
    }
}
