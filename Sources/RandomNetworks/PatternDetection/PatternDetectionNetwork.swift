import BLAS
import GSL
import Randomness

/// The convolution + ReLU + max-pooling network of Brutzkus & Globerson,
/// eq. (1): N_CNN[θ](x) = Σ_i a_i max_j σ(w_i · x[j]), θ = (W, a), with k
/// channels w_i ∈ R^d (the rows of W ∈ R^{k×d}; the paper's "R^{k×n}" is a
/// typo) applied to the n non-overlapping patterns of x, σ = ReLU, no biases.
public struct PatternDetectionNetwork: Sendable, Equatable {
    /// W, k × d: row i is the filter w_i.
    public var filters: Matrix
    /// a ∈ R^k, the weights of the fully connected output layer.
    public var outputWeights: [Double]

    /// θ = (W, a) of eq. (1); throws unless a has one weight per filter and every entry is finite.
    public init(filters: Matrix, outputWeights: [Double]) throws {
        try Shape.requireCount(outputWeights.count, filters.rows, "outputWeights", in: "PatternDetectionNetwork")
        for v in filters.storage { try Require.finite(v, "filter entry", in: "PatternDetectionNetwork") }
        for v in outputWeights { try Require.finite(v, "output weight", in: "PatternDetectionNetwork") }
        self.filters = filters
        self.outputWeights = outputWeights
    }

    /// PyTorch's default initialization of bias-free layers, the unspecified "standard training" start of §7:
    /// W ~ U(±1/√d), a ~ U(±1/√k), entrywise independent.
    public static func uniformInitialization(channels k: Int, dimension d: Int, rng: inout Xoshiro256) throws
        -> PatternDetectionNetwork {
        try Require.atLeast(k, 1, "channels", in: "PatternDetectionNetwork.uniformInitialization")
        try Require.atLeast(d, 1, "dimension", in: "PatternDetectionNetwork.uniformInitialization")
        try Require.product([k, d], "channels · dimension", in: "PatternDetectionNetwork.uniformInitialization")
        let first = 1 / Double(d).squareRoot(), second = 1 / Double(k).squareRoot()
        let w = (0..<(k * d)).map { _ in first * (2 * rng.nextUniform() - 1) }
        let a = (0..<k).map { _ in second * (2 * rng.nextUniform() - 1) }
        return try PatternDetectionNetwork(filters: Matrix(rows: k, columns: d, storage: w), outputWeights: a)
    }

    /// k, the number of channels.
    public var channels: Int { filters.rows }
    /// d, the filter dimension.
    public var dimension: Int { filters.columns }

    /// The activations w_i · x[j] of every slot: an (m·n) × k matrix whose row
    /// b·n + j holds the k channels at pattern x_b[j], by one GEMM.
    public func preActivations(_ batch: PatternBatch) throws -> Matrix {
        try requireDimension(batch, "preActivations")
        var out = [Double](repeating: 0, count: batch.rows.rows * channels)
        batch.rows.storage.withUnsafeBufferPointer { x in
            filters.storage.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeB: true, m: batch.rows.rows, n: channels, k: dimension, a: x.baseAddress!,
                              lda: dimension, b: w.baseAddress!, ldb: dimension, c: c.baseAddress!, ldc: channels)
                }
            }
        }
        return try Matrix(rows: batch.rows.rows, columns: channels, storage: out)
    }

    /// The pooled features z_i(x) = max_j σ(w_i · x[j]) (eq. (1) inside the sum;
    /// §5 Part 3) and the maximizing slots j_i(x) = argmax_j w_i · x[j] (§3,
    /// smallest j on ties), both m × k.
    public func pooled(_ batch: PatternBatch) throws -> PooledFeatures {
        let activations = try preActivations(batch)
        let m = batch.count, n = batch.patternsPerInput, k = channels
        var features = [Double](repeating: 0, count: m * k)
        var slots = [Int](repeating: 0, count: m * k)
        activations.storage.withUnsafeBufferPointer { act in
            for b in 0..<m {
                for i in 0..<k {
                    var best = act[b * n * k + i], slot = 0
                    for j in 1..<max(n, 1) where act[(b * n + j) * k + i] > best {
                        best = act[(b * n + j) * k + i]
                        slot = j
                    }
                    features[b * k + i] = max(0, best)
                    slots[b * k + i] = slot
                }
            }
        }
        return PooledFeatures(features: try Matrix(rows: m, columns: k, storage: features), slots: slots)
    }

    /// N_CNN[θ](x) for every input of the batch (eq. (1)).
    public func outputs(_ batch: PatternBatch) throws -> [Double] {
        try outputs(features: pooled(batch).features)
    }

    /// N(x) = a · z(x) from the pooled features z (one row per input, m × k).
    public func outputs(features: Matrix) throws -> [Double] {
        try Shape.requireCount(features.columns, channels, "features.columns", in: "PatternDetectionNetwork.outputs")
        let k = channels
        return (0..<features.rows).map { b in
            var s = 0.0
            for i in 0..<k { s += outputWeights[i] * features.storage[b * k + i] }
            return s
        }
    }

    /// p_i(x) for input `index` of the batch (§3): x[j_i(x)] when
    /// w_i · x[j_i(x)] > 0, else the zero vector; the k × d matrix of rows p_i(x).
    /// Eq. (3): z_i(x) = w_i · p_i(x).
    public func patternVectors(_ batch: PatternBatch, input index: Int) throws -> Matrix {
        try Require.within(Double(index), 0...Double(batch.count - 1), "input", in: "PatternDetectionNetwork.patternVectors")
        let pool = try pooled(batch)
        let d = dimension, n = batch.patternsPerInput
        var rows = [Double](repeating: 0, count: channels * d)
        for i in 0..<channels where pool.features[index, i] > 0 {
            let source = (index * n + pool.slots[index * channels + i]) * d
            for c in 0..<d { rows[i * d + c] = batch.rows.storage[source + c] }
        }
        return try Matrix(rows: channels, columns: d, storage: rows)
    }

    /// The empirical loss L[A](θ) of eq. (2) with ℓ the logistic loss, and its
    /// exact gradient (where the argmax is unique or the tied patterns are equal;
    /// σ'(0) = 0): ∂L/∂w_i = (1/|A|) Σ ℓ'(y N(x)) y a_i p_i(x) (the row update of
    /// eq. (15)), ∂L/∂a_i = (1/|A|) Σ ℓ'(y N(x)) y z_i(x).
    public func lossAndGradient(_ sample: LabeledPatterns) throws -> NetworkGradient {
        let batch = sample.inputs
        let pool = try pooled(batch)
        let out = try outputs(features: pool.features)
        let m = batch.count, n = batch.patternsPerInput, k = channels, d = dimension
        var loss = 0.0
        var coefficients = [Double](repeating: 0, count: m)
        for b in 0..<m {
            let y = sample.labels[b]
            loss += LogisticLoss.value(y * out[b])
            coefficients[b] = LogisticLoss.derivative(y * out[b]) * y / Double(m)
        }
        var filterGradient = [Double](repeating: 0, count: k * d)
        var outputGradient = [Double](repeating: 0, count: k)
        pool.features.storage.withUnsafeBufferPointer { z in
            batch.rows.storage.withUnsafeBufferPointer { x in
                for b in 0..<m {
                    let g = coefficients[b]
                    for i in 0..<k where z[b * k + i] > 0 {
                        outputGradient[i] += g * z[b * k + i]
                        let scale = g * outputWeights[i]
                        let source = (b * n + pool.slots[b * k + i]) * d
                        for c in 0..<d { filterGradient[i * d + c] += scale * x[source + c] }
                    }
                }
            }
        }
        return NetworkGradient(loss: loss / Double(m), filters: try Matrix(rows: k, columns: d, storage: filterGradient),
                               outputWeights: outputGradient)
    }

    private func requireDimension(_ batch: PatternBatch, _ function: String) throws {
        guard batch.dimension == dimension else {
            throw ParameterError("PatternDetectionNetwork.\(function)", parameter: "batch", value: "patterns of dimension \(batch.dimension)",
                                 requirement: "patterns of the filter dimension d = \(dimension)")
        }
    }
}

/// Max-pooled features of a batch: z_i(x) (m × k) and the slots j_i(x).
public struct PooledFeatures: Sendable, Equatable {
    /// z_i(x_b) at row b, column i.
    public let features: Matrix
    /// j_i(x_b) (0-based) at b · k + i.
    public let slots: [Int]
}

/// L[A](θ) and its gradient with respect to W and a.
public struct NetworkGradient: Sendable, Equatable {
    /// L[A](θ), the logistic loss (eq. (2)).
    public let loss: Double
    /// ∂L/∂W, k × d.
    public let filters: Matrix
    /// ∂L/∂a.
    public let outputWeights: [Double]
}
