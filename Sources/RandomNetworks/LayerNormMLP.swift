import BLAS
import Foundation
import GSL
import Randomness

/// One layer of the layer-norm MLP of the layer-norm paper, eq. (2.1).
public struct LayerNormLayer: Sendable, Equatable {
    /// N_l.
    public let width: Int
    /// φ_l (the paper's first layer is the identity "embedding").
    public let activation: Activation
    /// σ²_{(l),w} and σ²_{(l),b}.
    public let weightVariance: Double
    public let biasVariance: Double

    public init(width: Int, activation: Activation, weightVariance: Double, biasVariance: Double = 0) throws {
        try Require.atLeast(width, 1, "width", in: "LayerNormLayer")
        try Require.positive(weightVariance, "weightVariance", in: "LayerNormLayer")
        try Require.nonNegative(biasVariance, "biasVariance", in: "LayerNormLayer")
        self.width = width
        self.activation = try activation.validated()
        self.weightVariance = weightVariance
        self.biasVariance = biasVariance
    }
}

/// The finite-width layer-norm MLP of the layer-norm paper, eq. (2.1):
///
///     y^{(l)} = N_{l−1}^{−1/2} W^{(l)} φ_l(z^{(l−1)}) + b^{(l)},   z^{(l)} = √N_l · y^{(l)} / ‖y^{(l)}‖,
///
/// with W_ij ~ N(0, σ²_w) and b_i ~ N(0, σ²_b) independent (layer norm without centering).
/// A batch (columns are inputs) is propagated through weights drawn layer by
/// layer: layer l's weights come from the stream `stream.child(l)`, its rows in
/// fixed blocks `child(block)`, each block drawn and multiplied (OpenBLAS) by
/// one worker; the column norms are summed per block and combined in block
/// order. Nothing depends on the number of threads, so neither does the output.
public struct LayerNormMLP: Sendable {
    public let inputWidth: Int
    public let layers: [LayerNormLayer]

    /// Rows of a weight matrix drawn and multiplied together, one block per task.
    public static let rowBlock = 256

    public init(inputWidth: Int, layers: [LayerNormLayer]) throws {
        try Require.atLeast(inputWidth, 1, "inputWidth", in: "LayerNormMLP")
        try Require.atLeast(layers.count, 1, "number of layers", in: "LayerNormMLP")
        self.inputWidth = inputWidth
        self.layers = layers
    }

    /// The preactivations z^{(L)} of the last layer (N_L x B) for the inputs
    /// `batch` (N_0 x B, each column with ‖x‖² = N_0 as in the paper);
    /// `observe(l, z)` sees every layer's z^{(l)}. A column with y^{(l)} = 0
    /// (probability zero) has no layer norm and throws.
    public func propagate(_ batch: Matrix, stream: StreamSeed, engine: MonteCarloEngine,
                          observe: ((Int, Matrix) throws -> Void)? = nil) throws -> Matrix {
        guard batch.rows == inputWidth else {
            throw ParameterError("LayerNormMLP.propagate", parameter: "batch", value: "\(batch.rows) rows",
                                 requirement: "the input width \(inputWidth)")
        }
        let widths = [inputWidth] + layers.map(\.width)
        let workspace = Workspace(maxWidth: widths.max()!, batchSize: batch.columns)
        defer { workspace.deallocate() }
        var current = workspace.values[0]
        current.pointer.update(from: batch.storage, count: batch.storage.count)
        var factors = [Double](repeating: 1, count: batch.columns)
        for (index, layer) in layers.enumerated() {
            let next = workspace.values[(index + 1) % 2]
            factors = try step(current, factors: factors, inputWidth: widths[index], layer: layer,
                               output: next, workspace: workspace, stream: stream.child(index + 1), engine: engine)
            current = next
            if let observe {
                try observe(index + 1, try Self.normalized(current, rows: layer.width, factors: factors))
            }
        }
        return try Self.normalized(current, rows: widths.last!, factors: factors)
    }

    /// One layer, from y^{(l−1)} and its column factors (z = y · factor) to y^{(l)}; returns the new factors.
    /// Phase 1 (row blocks of the input): φ(z). Phase 2 (row blocks of the output): draw the
    /// block's weights and bias, multiply, and sum its squares per column. Then √N/‖y‖ per column.
    private func step(_ input: SharedBuffer, factors inputFactors: [Double], inputWidth: Int, layer: LayerNormLayer,
                      output: SharedBuffer, workspace: Workspace, stream: StreamSeed,
                      engine: MonteCarloEngine) throws -> [Double] {
        let batchSize = inputFactors.count
        let activated = workspace.activated, factors = workspace.factors, squares = workspace.squares
        factors.pointer.update(from: inputFactors, count: batchSize)
        let activation = layer.activation
        try engine.forEachBlock((inputWidth + Self.rowBlock - 1) / Self.rowBlock) { block in
            let values = input.pointer, target = activated.pointer, factor = factors.pointer
            for row in (block * Self.rowBlock)..<min((block + 1) * Self.rowBlock, inputWidth) {
                let offset = row * batchSize
                for column in 0..<batchSize {
                    target[offset + column] = activation(values[offset + column] * factor[column])
                }
            }
        }
        let blocks = (layer.width + Self.rowBlock - 1) / Self.rowBlock
        let scale = (layer.weightVariance / Double(inputWidth)).squareRoot()
        let biasScale = layer.biasVariance.squareRoot()
        let width = layer.width
        let weightBlocks = workspace.weights
        try engine.forEachBlock(blocks) { block in
            let first = block * Self.rowBlock
            let rows = min(Self.rowBlock, width - first)
            var rng = stream.child(block).generator()
            let sampler = NormalSampler()
            let weights = weightBlocks[block].pointer
            for i in 0..<(rows * inputWidth) { weights[i] = scale * sampler.next(using: &rng) }
            let target = output.pointer + first * batchSize
            BLAS.gemm(m: rows, n: batchSize, k: inputWidth, a: weights, lda: inputWidth,
                      b: activated.pointer, ldb: batchSize, c: target, ldc: batchSize)
            let blockSquares = squares.pointer + block * batchSize
            for column in 0..<batchSize { blockSquares[column] = 0 }
            for row in 0..<rows {
                let bias = biasScale > 0 ? biasScale * sampler.next(using: &rng) : 0
                for column in 0..<batchSize {
                    let value = target[row * batchSize + column] + bias
                    target[row * batchSize + column] = value
                    blockSquares[column] += value * value
                }
            }
        }
        let norm = Double(layer.width).squareRoot()
        return try (0..<batchSize).map { column in
            var sum = 0.0
            for block in 0..<blocks { sum += squares.pointer[block * batchSize + column] }
            guard sum > 0 else {
                throw ParameterError("LayerNormMLP.propagate", parameter: "y", value: "0 in column \(column)",
                                     requirement: "non-zero for the layer norm √N y/‖y‖ to be defined")
            }
            return norm / sum.squareRoot()
        }
    }

    /// z = y · factor as a matrix.
    private static func normalized(_ y: SharedBuffer, rows: Int, factors: [Double]) throws -> Matrix {
        let columns = factors.count
        var z = [Double](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns { z[row * columns + column] = y.pointer[row * columns + column] * factors[column] }
        }
        return try Matrix(rows: rows, columns: columns, storage: z)
    }
}

/// The buffers of one propagation, allocated once: the layer values (two, used
/// in turn), the activations, the column factors and block sums of squares,
/// and one weight block per task.
private struct Workspace {
    let values: [SharedBuffer]
    let activated: SharedBuffer
    let factors: SharedBuffer
    let squares: SharedBuffer
    let weights: [SharedBuffer]

    init(maxWidth: Int, batchSize: Int) {
        let blocks = (maxWidth + LayerNormMLP.rowBlock - 1) / LayerNormMLP.rowBlock
        values = [SharedBuffer(count: maxWidth * batchSize), SharedBuffer(count: maxWidth * batchSize)]
        activated = SharedBuffer(count: maxWidth * batchSize)
        factors = SharedBuffer(count: batchSize)
        squares = SharedBuffer(count: blocks * batchSize)
        weights = (0..<blocks).map { _ in SharedBuffer(count: LayerNormMLP.rowBlock * maxWidth) }
    }

    func deallocate() {
        (values + [activated, factors, squares] + weights).forEach { $0.deallocate() }
    }
}

/// A buffer written by several workers at disjoint offsets; freed by its
/// owner with `deallocate()`. A struct of one pointer: capturing it costs no
/// reference counting in the workers' loops. Not initialized: writers come first.
struct SharedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>

    init(count: Int) { pointer = .allocate(capacity: count) }

    func deallocate() { pointer.deallocate() }
}
