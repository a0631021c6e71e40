import Foundation
import GSL
import Randomness

/// One residual block of §3 of the layer-norm paper: hidden width m_l, activation φ_l and the
/// variance σ²_(l) of its output weights V^{(l)}.
public struct ResidualBlock: Sendable, Equatable {
    /// m_l, the width of the block's hidden layer.
    public let hiddenWidth: Int
    /// φ_l.
    public let activation: Activation
    /// σ²_(l), the variance of the entries of V^{(l)} (U^{(l)} has variance 1).
    public let residualVariance: Double

    /// A block. Throws `ParameterError` for a hidden width below 1, σ² < 0, or an activation
    /// `Activation.validated()` rejects.
    public init(hiddenWidth: Int, activation: Activation, residualVariance: Double) throws {
        try Require.atLeast(hiddenWidth, 1, "hiddenWidth", in: "ResidualBlock")
        try Require.nonNegative(residualVariance, "residualVariance", in: "ResidualBlock")
        self.hiddenWidth = hiddenWidth
        self.activation = try activation.validated()
        self.residualVariance = residualVariance
    }
}

/// The residual network of §3 (the display before Theorem 2; the extracted text is garbled, so the
/// reading of the catalog's M-RESNET is used): z^{(0)} = x ∈ R^n with ‖x‖² = n, and per block
///
///     Y = U z^{(l−1)},   y = z^{(l−1)} + m^{−1/2} V φ(√m Y/‖Y‖),   z^{(l)} = √n y/‖y‖,
///
/// U ∈ R^{m×n} with i.i.d. N(0, 1) entries, V ∈ R^{n×m} with i.i.d. N(0, σ²) entries, no biases.
/// Its infinite-width correlation map is (A.10) (`ResidualCorrelationMap`). Block l draws U then V from
/// `stream.child(l)`; products go through OpenBLAS.
public struct ResidualNetwork: Sendable {
    /// n, the width of the residual stream (inputs have ‖x‖² = n).
    public let width: Int
    /// The blocks l = 1 … L (index l − 1).
    public let blocks: [ResidualBlock]

    /// A network of `blocks` on width n. Throws `ParameterError` for a width below 2 or no block.
    public init(width: Int, blocks: [ResidualBlock]) throws {
        try Require.atLeast(width, 2, "width", in: "ResidualNetwork")
        try Require.atLeast(blocks.count, 1, "number of blocks", in: "ResidualNetwork")
        self.width = width
        self.blocks = blocks
    }

    /// z^{(L)} of the columns of `batch` (n x B) and the derivatives ∂z^{(L)}(x)/∂x · t of the first
    /// column x along the columns t of `tangents` (n x K, or none), by the chain rule through the block:
    /// dY = U dz, du = (√m/‖Y‖)(dY − Ŷ(Ŷ·dY)), dy = dz + m^{−1/2} V (φ'(u) ⊙ du), dz' = (√n/‖y‖)(dy − ŷ(ŷ·dy)).
    /// `observe(l, values)` sees every block's Y, y and z^{(l)} (the inputs' columns).
    public func propagate(_ batch: Matrix, tangents: Matrix? = nil, stream: StreamSeed,
                          observe: ((Int, BlockValues) throws -> Void)? = nil) throws -> (output: Matrix, tangents: Matrix?) {
        guard batch.rows == width, tangents.map({ $0.rows == width }) ?? true else {
            throw ParameterError("ResidualNetwork.propagate", parameter: "batch", value: "\(batch.rows) rows",
                                 requirement: "the width \(width) (tangents too)")
        }
        let values = batch.columns
        var z = try Self.joined(batch, tangents)
        for (index, block) in blocks.enumerated() {
            var rng = stream.child(index + 1).generator()
            let u = try Matrix.gaussian(rows: block.hiddenWidth, columns: width, variance: 1, rng: &rng)
            let v = try Matrix.gaussian(rows: width, columns: block.hiddenWidth, variance: block.residualVariance, rng: &rng)
            var hidden = try u.multiplied(by: z)
            let preactivations = observe == nil ? nil : try Self.columns(hidden, 0..<values)
            try Self.layerNormalize(&hidden, valueColumns: values)
            for row in 0..<hidden.rows {
                let offset = row * hidden.columns
                let slope = block.activation.derivative(hidden.storage[offset])
                for column in 0..<hidden.columns {
                    hidden.storage[offset + column] = column < values ? block.activation(hidden.storage[offset + column])
                        : slope * hidden.storage[offset + column]
                }
            }
            let update = try v.multiplied(by: hidden)
            let scale = 1 / Double(block.hiddenWidth).squareRoot()
            for i in z.storage.indices { z.storage[i] += scale * update.storage[i] }
            let residual = observe == nil ? nil : try Self.columns(z, 0..<values)
            try Self.layerNormalize(&z, valueColumns: values)
            if let observe, let preactivations, let residual {
                try observe(index + 1, BlockValues(hidden: preactivations, residual: residual, output: try Self.columns(z, 0..<values)))
            }
        }
        return (try Self.columns(z, 0..<values), tangents == nil ? nil : try Self.columns(z, values..<z.columns))
    }

    /// ∂z^{(L)}/∂z^{(0)} (n x n) at x (n x 1), with z^{(L)}(x).
    public func jacobian(at x: Matrix, stream: StreamSeed) throws -> (output: Matrix, jacobian: Matrix) {
        var identity = [Double](repeating: 0, count: width * width)
        for i in 0..<width { identity[i * width + i] = 1 }
        let result = try propagate(x, tangents: try Matrix(rows: width, columns: width, storage: identity), stream: stream)
        return (result.output, result.tangents!)
    }

    /// One draw of the per-block statistics of (A.10) for two inputs of cosine ρ_0, exactly in distribution
    /// for Gaussian weights, in O(n + m) per block: the rows of Y = U z are i.i.d. N(0, Gram(z)); given
    /// A = φ(√m Y/‖Y‖), the rows of B = V A/√m are i.i.d. N(0, S), S = σ² AᵀA/m, independent of z; and
    /// Gram(z + B) has the law of Gram([R; 0] + B) with RᵀR = Gram(z) (rotate the rows so z lives in the
    /// first two; B's law is rotation invariant). So the state of the pair is its correlation alone.
    public func sampledBlockStatistics(inputCosine rho: Double, rng: inout Xoshiro256,
                                       sampler: NormalSampler) throws -> [BlockStatistics] {
        try Require.within(rho, -1...1, "inputCosine", in: "ResidualNetwork.sampledBlockStatistics")
        var correlation = rho
        var records: [BlockStatistics] = []
        let n = Double(width)
        for block in blocks {
            let s = ((1 - correlation) * (1 + correlation)).squareRoot()
            var ya2 = 0.0, yb2 = 0.0, yab = 0.0
            var ya = [Double](repeating: 0, count: block.hiddenWidth), yb = ya
            for i in 0..<block.hiddenWidth {
                let g1 = sampler.next(using: &rng), g2 = sampler.next(using: &rng)
                ya[i] = g1
                yb[i] = correlation * g1 + s * g2
                ya2 += ya[i] * ya[i]; yb2 += yb[i] * yb[i]; yab += ya[i] * yb[i]
            }
            let m = Double(block.hiddenWidth)
            let fa = (m / ya2).squareRoot(), fb = (m / yb2).squareRoot()
            var aa = 0.0, ab = 0.0, bb = 0.0
            for i in 0..<block.hiddenWidth {
                let a = block.activation(ya[i] * fa), b = block.activation(yb[i] * fb)
                aa += a * a; ab += a * b; bb += b * b
            }
            let sigma2 = block.residualVariance
            let (l11, l21, l22) = LayerNormMLP.cholesky(sigma2 * aa / m, sigma2 * ab / m, sigma2 * bb / m)
            let r = (alpha: (n.squareRoot(), 0.0), beta: (n.squareRoot() * correlation, n.squareRoot() * s))
            var gaa = 0.0, gab = 0.0, gbb = 0.0
            for i in 0..<width {
                let g1 = sampler.next(using: &rng), g2 = sampler.next(using: &rng)
                var a = l11 * g1, b = l21 * g1 + l22 * g2
                if i == 0 { a += r.alpha.0; b += r.beta.0 }
                if i == 1 { a += r.alpha.1; b += r.beta.1 }
                gaa += a * a; gab += a * b; gbb += b * b
            }
            records.append(BlockStatistics(hiddenCosine: yab / (ya2 * yb2).squareRoot(), residualInnerProduct: gab / n,
                                           outputCosine: gab / (gaa * gbb).squareRoot()))
            correlation = records.last!.outputCosine
        }
        return records
    }

    /// One block's values on the inputs' columns in `propagate`: Y = U z^{(l−1)} (m x B), y = z^{(l−1)} + m^{−1/2} V φ(…)
    /// (n x B) and z^{(l)} = √n y/‖y‖ (n x B), the three stages of (A.10).
    public struct BlockValues: Sendable {
        /// Y = U z^{(l−1)}, m × B.
        public let hidden: Matrix
        /// y = z^{(l−1)} + m^{−1/2} V φ(√m Y/‖Y‖), n × B.
        public let residual: Matrix
        /// z^{(l)} = √n y/‖y‖, n × B.
        public let output: Matrix
    }

    /// The quantities of (A.10) for one block and one pair of inputs.
    public struct BlockStatistics: Sendable, Equatable {
        /// Y·Y'/(‖Y‖‖Y'‖) → ρ_{l−1}.
        public let hiddenCosine: Double
        /// y·y'/n → ρ_{l−1} + σ² 𝔆[φ|ρ_{l−1}].
        public let residualInnerProduct: Double
        /// ρ_l = z·z'/n → P_l(ρ_{l−1}).
        public let outputCosine: Double
    }

    /// [batch | tangents] side by side.
    private static func joined(_ batch: Matrix, _ tangents: Matrix?) throws -> Matrix {
        guard let tangents else { return batch }
        let columns = batch.columns + tangents.columns
        var storage = [Double](repeating: 0, count: batch.rows * columns)
        for row in 0..<batch.rows {
            for c in 0..<batch.columns { storage[row * columns + c] = batch[row, c] }
            for c in 0..<tangents.columns { storage[row * columns + batch.columns + c] = tangents[row, c] }
        }
        return try Matrix(rows: batch.rows, columns: columns, storage: storage)
    }

    private static func columns(_ m: Matrix, _ range: Range<Int>) throws -> Matrix {
        var storage: [Double] = []
        storage.reserveCapacity(m.rows * range.count)
        for row in 0..<m.rows { for c in range { storage.append(m[row, c]) } }
        return try Matrix(rows: m.rows, columns: range.count, storage: storage)
    }

    /// The layer norm w ↦ √N w/‖w‖ on the first `valueColumns` columns of `m` (N rows), and its derivative on
    /// the remaining (tangent) columns at column 0: dw ↦ (√N/‖w‖)(dw − ŵ(ŵ·dw)).
    static func layerNormalize(_ m: inout Matrix, valueColumns: Int) throws {
        let n = Double(m.rows)
        var squares = [Double](repeating: 0, count: m.columns)
        for row in 0..<m.rows {
            let first = m[row, 0]
            for c in 0..<m.columns { squares[c] += (c < valueColumns ? m[row, c] : first) * m[row, c] }
        }
        for c in 0..<valueColumns where squares[c] == 0 {
            throw ParameterError("ResidualNetwork", parameter: "column \(c)", value: "0",
                                 requirement: "non-zero for the layer norm to be defined")
        }
        let factors = (0..<valueColumns).map { (n / squares[$0]).squareRoot() }
        for row in 0..<m.rows {
            let first = m.storage[row * m.columns]
            for c in 0..<m.columns {
                let index = row * m.columns + c
                m.storage[index] = c < valueColumns ? m.storage[index] * factors[c]
                    : factors[0] * (m.storage[index] - squares[c] / squares[0] * first)
            }
        }
    }
}
