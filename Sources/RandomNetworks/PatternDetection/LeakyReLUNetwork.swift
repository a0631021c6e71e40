import BLAS
import Foundation
import GSL
import Randomness

/// The one-hidden-layer fully connected network of Brutzkus & Globerson
/// eq. (8), N_FC[θ](x) = Σ_i a_i ψ(w_i · x), with w_i ∈ R^{nd} the rows of
/// W ∈ R^{k×nd}, a ∈ R^k and the leaky ReLU ψ(u) = max(αu, u), 0 ≤ α < 1
/// (α = 0: ReLU). It is also the "MLP" baseline of §7, which sees the whole x.
public struct LeakyReLUNetwork: Sendable, Equatable {
    /// W, width × inputs.
    public var hidden: Matrix
    /// a, one per hidden unit.
    public var outputWeights: [Double]
    /// α, the slope of ψ for u < 0.
    public let slope: Double

    /// N_FC of eq. (8) with rows w_i of `hidden`, weights a and ψ(u) = max(αu, u), α = `slope` ∈ [0, 1);
    /// throws unless a has one weight per row and every entry is finite.
    public init(hidden: Matrix, outputWeights: [Double], slope: Double) throws {
        try Shape.requireCount(outputWeights.count, hidden.rows, "outputWeights", in: "LeakyReLUNetwork")
        guard slope >= 0, slope < 1 else {
            throw ParameterError("LeakyReLUNetwork", parameter: "slope", value: "\(slope)", requirement: "in [0, 1)")
        }
        if !Vector.allFinite(hidden.storage) { for v in hidden.storage { try Require.finite(v, "hidden weight", in: "LeakyReLUNetwork") } }
        if !Vector.allFinite(outputWeights) { for v in outputWeights { try Require.finite(v, "output weight", in: "LeakyReLUNetwork") } }
        self.hidden = hidden
        self.outputWeights = outputWeights
        self.slope = slope
    }

    /// PyTorch's default initialization of a bias-free linear layer: W ~ U(±1/√(nd)), a ~ U(±1/√k).
    public static func uniformInitialization(inputs: Int, width: Int, slope: Double, rng: inout Xoshiro256) throws
        -> LeakyReLUNetwork {
        try Require.atLeast(inputs, 1, "inputs", in: "LeakyReLUNetwork.uniformInitialization")
        try Require.atLeast(width, 1, "width", in: "LeakyReLUNetwork.uniformInitialization")
        try Require.product([inputs, width], "inputs · width", in: "LeakyReLUNetwork.uniformInitialization")
        let first = 1 / Double(inputs).squareRoot(), second = 1 / Double(width).squareRoot()
        let w = (0..<(inputs * width)).map { _ in first * (2 * rng.nextUniform() - 1) }
        let a = (0..<width).map { _ in second * (2 * rng.nextUniform() - 1) }
        return try LeakyReLUNetwork(hidden: Matrix(rows: width, columns: inputs, storage: w), outputWeights: a, slope: slope)
    }

    /// k, the hidden width.
    public var width: Int { hidden.rows }

    /// The pre-activations w_i · x for every input (rows of `inputs`, m × nd): m × k by GEMM.
    func preActivations(_ inputs: Matrix) throws -> Matrix {
        guard inputs.columns == hidden.columns else {
            throw ParameterError("LeakyReLUNetwork", parameter: "inputs", value: "\(inputs.columns) columns",
                                 requirement: "\(hidden.columns) columns (the input dimension nd)")
        }
        // Every entry is written by the GEMM (beta = 0).
        var out = [Double](unsafeUninitializedCapacity: inputs.rows * width) { _, initialized in
            initialized = inputs.rows * width
        }
        inputs.storage.withUnsafeBufferPointer { x in
            hidden.storage.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeB: true, m: inputs.rows, n: width, k: hidden.columns, a: x.baseAddress!,
                              lda: hidden.columns, b: w.baseAddress!, ldb: hidden.columns, c: c.baseAddress!, ldc: width)
                }
            }
        }
        return try Matrix(rows: inputs.rows, columns: width, storage: out)
    }

    /// N_FC(x) (eq. (8)) for every row of `inputs`.
    public func outputs(_ inputs: Matrix) throws -> [Double] {
        let h = try preActivations(inputs)
        return (0..<inputs.rows).map { b in
            (0..<width).reduce(0.0) { s, i in
                let u = h.storage[b * width + i]
                return s + outputWeights[i] * (u > 0 ? u : slope * u)
            }
        }
    }
}

extension LeakyReLUNetwork: LogisticClassifier {
    /// W row-major (k · nd entries), then a (k entries).
    public var parameters: [Double] { hidden.storage + outputWeights }

    /// Replaces W (row-major) and a from one vector in the order of `parameters`.
    public mutating func setParameters(_ values: [Double]) throws {
        let split = hidden.storage.count
        try Shape.requireCount(values.count, split + outputWeights.count, "parameters", in: "LeakyReLUNetwork.setParameters")
        if !Vector.allFinite(values) { for v in values { try Require.finite(v, "parameter", in: "LeakyReLUNetwork.setParameters") } }
        hidden.storage.replaceEntries(with: values[0..<split])
        outputWeights.replaceEntries(with: values[split...])
    }

    /// L (eq. (2)) and its gradient: ∂L/∂a_i = (1/m) Σ ℓ'(yN) y ψ(w_i·x),
    /// ∂L/∂w_i = (1/m) Σ ℓ'(yN) y a_i ψ'(w_i·x) x, with ψ'(0) = α.
    public func logisticLossAndGradient(_ inputs: Matrix, labels: [Double]) throws -> (loss: Double, gradient: [Double]) {
        try Shape.requireCount(labels.count, inputs.rows, "labels", in: "LeakyReLUNetwork.logisticLossAndGradient")
        try Shape.requireLabels(labels, in: "LeakyReLUNetwork.logisticLossAndGradient")
        let h = try preActivations(inputs)
        let m = inputs.rows, k = width, p = hidden.columns
        var loss = 0.0
        // ∂L/∂W (k · nd entries, every one written by the GEMM below, beta = 0), then ∂L/∂a (summed from zero).
        var gradient = [Double](unsafeUninitializedCapacity: k * p + k) { buffer, initialized in
            (buffer.baseAddress! + k * p).initialize(repeating: 0, count: k)
            initialized = k * p + k
        }
        var backward = [Double](unsafeUninitializedCapacity: m * k) { _, initialized in initialized = m * k }
        for b in 0..<m {
            var out = 0.0
            for i in 0..<k {
                let u = h.storage[b * k + i]
                out += outputWeights[i] * (u > 0 ? u : slope * u)
            }
            let y = labels[b]
            let (value, derivative) = LogisticLoss.valueAndDerivative(y * out)
            loss += value
            let g = derivative * y / Double(m)
            for i in 0..<k {
                let u = h.storage[b * k + i]
                gradient[k * p + i] += g * (u > 0 ? u : slope * u)
                backward[b * k + i] = g * outputWeights[i] * (u > 0 ? 1 : slope)
            }
        }
        backward.withUnsafeBufferPointer { dh in
            inputs.storage.withUnsafeBufferPointer { x in
                gradient.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeA: true, m: k, n: p, k: m, a: dh.baseAddress!, lda: k, b: x.baseAddress!,
                              ldb: p, c: c.baseAddress!, ldc: p)
                }
            }
        }
        return (loss / Double(m), gradient)
    }
}
