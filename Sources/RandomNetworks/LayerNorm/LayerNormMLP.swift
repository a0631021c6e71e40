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
    /// σ²_{(l),b}, the bias variance (0: no biases).
    public let biasVariance: Double

    /// A layer of width N_l. Throws `ParameterError` for a width below 1, σ_w² ≤ 0, σ_b² < 0, or an activation
    /// `Activation.validated()` rejects.
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
    /// N_0, the input dimension.
    public let inputWidth: Int
    /// The layers l = 1 … L (index l − 1).
    public let layers: [LayerNormLayer]

    /// Rows of a weight matrix drawn and multiplied together, one block per task.
    public static let rowBlock = 256

    /// A network on inputs of width N_0. Throws `ParameterError` for an input width below 1 or no layer.
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
        try run(batch, tangents: nil, stream: stream, engine: engine, observe: observe.map { o in { layer, z, _ in try o(layer, z) } }).output
    }

    /// As `propagate`, with `observe(l, z, y)` seeing every layer's z^{(l)} and y^{(l)} before the layer
    /// norm (eq. (2.1)), for eq. (2.2)'s ρ_l = y^{(l)}(x_α)·y^{(l)}(x_β)/(‖y^{(l)}(x_α)‖ ‖y^{(l)}(x_β)‖).
    public func propagate(_ batch: Matrix, stream: StreamSeed, engine: MonteCarloEngine,
                          observeWithPreactivations observe: @escaping (Int, Matrix, Matrix) throws -> Void) throws -> Matrix {
        try run(batch, tangents: nil, stream: stream, engine: engine, observe: observe).output
    }

    /// The preactivations z^{(L)} of `batch` and the directional derivatives ∂z^{(L)}(x)/∂x · t of the
    /// first input x (column 0 of `batch`) along the columns t of `tangents` (N_0 x K), through the same
    /// weights as `propagate` with the same stream. By the chain rule through eq. (2.1),
    ///
    ///     dy^{(l)} = N_{l−1}^{−1/2} W^{(l)} (φ_l'(z^{(l−1)}) ⊙ dz^{(l−1)}),
    ///     dz^{(l)} = (√N_l/‖y^{(l)}‖) (dy^{(l)} − ŷ (ŷ · dy^{(l)})),   ŷ = y^{(l)}/‖y^{(l)}‖,
    ///
    /// the tangent columns ride along the batch in the same products (φ' from the left at kinks).
    public func propagate(_ batch: Matrix, tangents: Matrix, stream: StreamSeed, engine: MonteCarloEngine,
                          observe: ((Int, Matrix) throws -> Void)? = nil) throws -> (output: Matrix, tangents: Matrix) {
        guard tangents.rows == inputWidth else {
            throw ParameterError("LayerNormMLP.propagate", parameter: "tangents", value: "\(tangents.rows) rows",
                                 requirement: "the input width \(inputWidth)")
        }
        let result = try run(batch, tangents: tangents, stream: stream, engine: engine, observe: observe.map { o in { layer, z, _ in try o(layer, z) } })
        return (result.output, result.tangents!)
    }

    /// The input-output Jacobian ∂z^{(L)}/∂z^{(0)} (N_L x N_0) at the input `x` (N_0 x 1): the tangents of
    /// the identity, with the output z^{(L)}(x).
    public func jacobian(at x: Matrix, stream: StreamSeed, engine: MonteCarloEngine) throws -> (output: Matrix, jacobian: Matrix) {
        var identity = [Double](repeating: 0, count: inputWidth * inputWidth)
        for i in 0..<inputWidth { identity[i * inputWidth + i] = 1 }
        let result = try propagate(x, tangents: try Matrix(rows: inputWidth, columns: inputWidth, storage: identity),
                                   stream: stream, engine: engine)
        return (result.output, result.tangents)
    }

    private func run(_ batch: Matrix, tangents: Matrix?, stream: StreamSeed, engine: MonteCarloEngine,
                     observe: ((Int, Matrix, Matrix) throws -> Void)?) throws -> (output: Matrix, tangents: Matrix?) {
        guard batch.rows == inputWidth else {
            throw ParameterError("LayerNormMLP.propagate", parameter: "batch", value: "\(batch.rows) rows",
                                 requirement: "the input width \(inputWidth)")
        }
        let widths = [inputWidth] + layers.map(\.width)
        let shape = Columns(values: batch.columns, tangents: tangents?.columns ?? 0)
        let workspace = Workspace(maxWidth: widths.max()!, columns: shape.total)
        defer { workspace.deallocate() }
        var current = workspace.values[0]
        for row in 0..<inputWidth {
            for column in 0..<shape.values { current.pointer[row * shape.total + column] = batch[row, column] }
            for j in 0..<shape.tangents { current.pointer[row * shape.total + shape.values + j] = tangents![row, j] }
        }
        var scaling = Scaling(factors: [Double](repeating: 1, count: shape.values),
                              projections: [Double](repeating: 0, count: shape.tangents))
        for (index, layer) in layers.enumerated() {
            let next = workspace.values[(index + 1) % 2]
            scaling = try step(current, scaling: scaling, shape: shape, inputWidth: widths[index], layer: layer,
                               output: next, workspace: workspace, stream: stream.child(index + 1), engine: engine)
            current = next
            if let observe {
                let unnormalized = Scaling(factors: [Double](repeating: 1, count: shape.values), projections: scaling.projections)
                try observe(index + 1, try Self.normalized(current, rows: layer.width, shape: shape, scaling: scaling).values,
                            try Self.normalized(current, rows: layer.width, shape: shape, scaling: unnormalized).values)
            }
        }
        let final = try Self.normalized(current, rows: widths.last!, shape: shape, scaling: scaling)
        return (final.values, final.tangents)
    }

    /// One layer, from y^{(l−1)} (and dy) with its scaling to y^{(l)}; returns the new scaling.
    /// Phase 1 (row blocks of the input): φ(z), and φ'(z_0) ⊙ dz for the tangents. Phase 2 (row
    /// blocks of the output): draw the block's weights and bias, multiply, and sum per block the
    /// squares of each value column and the products y_0 · dy_j. Then √N/‖y‖ and ŷ_0 · dy_j/‖y_0‖.
    private func step(_ input: SharedBuffer, scaling: Scaling, shape: Columns, inputWidth: Int, layer: LayerNormLayer,
                      output: SharedBuffer, workspace: Workspace, stream: StreamSeed,
                      engine: MonteCarloEngine) throws -> Scaling {
        let columns = shape.total, valueColumns = shape.values
        let activated = workspace.activated, factors = workspace.factors, squares = workspace.squares
        factors.pointer.update(from: scaling.factors + scaling.projections, count: columns)
        let activation = layer.activation
        try engine.forEachBlock((inputWidth + Self.rowBlock - 1) / Self.rowBlock) { block in
            let values = input.pointer, target = activated.pointer, factor = factors.pointer
            for row in (block * Self.rowBlock)..<min((block + 1) * Self.rowBlock, inputWidth) {
                let offset = row * columns
                if case let .erf(beta) = activation {
                    // The hot case: erf inlined with its tables read once (the same values as `activation`).
                    let tables = Erf.tables
                    for column in 0..<valueColumns {
                        target[offset + column] = Erf.value(beta * (values[offset + column] * factor[column]), tables)
                    }
                } else {
                    for column in 0..<valueColumns {
                        target[offset + column] = activation(values[offset + column] * factor[column])
                    }
                }
                guard columns > valueColumns else { continue }
                let first = values[offset], slope = activation.derivative(first * factor[0])
                for column in valueColumns..<columns {
                    target[offset + column] = slope * factor[0] * (values[offset + column] - factor[column] * first)
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
            let target = output.pointer + first * columns
            BLAS.gemm(m: rows, n: columns, k: inputWidth, a: weights, lda: inputWidth,
                      b: activated.pointer, ldb: columns, c: target, ldc: columns)
            let blockSums = squares.pointer + block * columns
            for column in 0..<columns { blockSums[column] = 0 }
            for row in 0..<rows {
                let bias = biasScale > 0 ? biasScale * sampler.next(using: &rng) : 0
                for column in 0..<valueColumns {
                    let value = target[row * columns + column] + bias
                    target[row * columns + column] = value
                    blockSums[column] += value * value
                }
                let first = target[row * columns]
                for column in valueColumns..<columns {
                    blockSums[column] += first * target[row * columns + column]
                }
            }
        }
        let norm = Double(layer.width).squareRoot()
        let sums = (0..<columns).map { column in
            (0..<blocks).reduce(0.0) { $0 + squares.pointer[$1 * columns + column] }
        }
        let newFactors = try (0..<valueColumns).map { column in
            guard sums[column] > 0 else {
                throw ParameterError("LayerNormMLP.propagate", parameter: "y", value: "0 in column \(column)",
                                     requirement: "non-zero for the layer norm √N y/‖y‖ to be defined")
            }
            return norm / sums[column].squareRoot()
        }
        return Scaling(factors: newFactors, projections: (valueColumns..<columns).map { sums[$0] / sums[0] })
    }

    /// z = y · factor for the value columns, dz_j = factor_0 (dy_j − c_j y_0) for the tangents.
    private static func normalized(_ y: SharedBuffer, rows: Int, shape: Columns, scaling: Scaling) throws
        -> (values: Matrix, tangents: Matrix?) {
        let columns = shape.total
        var z = [Double](repeating: 0, count: rows * shape.values)
        var dz = [Double](repeating: 0, count: rows * shape.tangents)
        for row in 0..<rows {
            let offset = row * columns
            for column in 0..<shape.values { z[row * shape.values + column] = y.pointer[offset + column] * scaling.factors[column] }
            for j in 0..<shape.tangents {
                dz[row * shape.tangents + j] = scaling.factors[0]
                    * (y.pointer[offset + shape.values + j] - scaling.projections[j] * y.pointer[offset])
            }
        }
        return (try Matrix(rows: rows, columns: shape.values, storage: z),
                shape.tangents > 0 ? try Matrix(rows: rows, columns: shape.tangents, storage: dz) : nil)
    }
}

/// The column layout of a propagation: the batch's inputs, then the tangents of input 0.
private struct Columns {
    let values: Int
    let tangents: Int
    var total: Int { values + tangents }
}

/// How a layer's stored y becomes z: z_c = y_c · factors[c] (√N/‖y_c‖) for the inputs, and
/// dz_j = factors[0] (dy_j − projections[j] y_0) with projections[j] = (y_0 · dy_j)/‖y_0‖² for the tangents.
private struct Scaling {
    let factors: [Double]
    let projections: [Double]
}

/// The buffers of one propagation, allocated once: the layer values (two, used
/// in turn), the activations, the column scalings and block sums (of squares and y_0 · dy_j),
/// and one weight block per task.
private struct Workspace {
    let values: [SharedBuffer]
    let activated: SharedBuffer
    let factors: SharedBuffer
    let squares: SharedBuffer
    let weights: [SharedBuffer]

    init(maxWidth: Int, columns: Int) {
        let blocks = (maxWidth + LayerNormMLP.rowBlock - 1) / LayerNormMLP.rowBlock
        values = [SharedBuffer(count: maxWidth * columns), SharedBuffer(count: maxWidth * columns)]
        activated = SharedBuffer(count: maxWidth * columns)
        factors = SharedBuffer(count: columns)
        squares = SharedBuffer(count: blocks * columns)
        weights = (0..<blocks).map { _ in SharedBuffer(count: min(LayerNormMLP.rowBlock, maxWidth) * maxWidth) }
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
