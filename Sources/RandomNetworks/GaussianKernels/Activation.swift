import Foundation
import GSL

/// Pointwise activation functions of the five papers.
public enum Activation: Sendable, Hashable, CustomStringConvertible {
    /// x (the layer-norm paper's "embedding" layer, a linear network).
    case identity
    /// R(x) = max(0, x) (Nachum et al. write R, the pooling paper r).
    case relu
    /// LReLU_a(x) = a x + (1 - a) ReLU(x), negative slope a (layer-norm paper, App. B).
    case leakyReLU(slope: Double)
    /// erf(β x) (layer-norm paper uses β = 1).
    case erf(scale: Double)
    /// |x|.
    case absolute
    /// tanh(x).
    case tanh

    /// Throws `ParameterError` for a non-finite slope or a non-positive or non-finite scale.
    public func validated() throws -> Activation {
        switch self {
        case let .leakyReLU(a): try Require.finite(a, "slope", in: "Activation.leakyReLU")
        case let .erf(beta): try Require.positive(beta, "scale", in: "Activation.erf")
        default: break
        }
        return self
    }

    /// The activation's value σ(x).
    @inlinable
    public func callAsFunction(_ x: Double) -> Double {
        switch self {
        case .identity: x
        case .relu: max(0, x)
        case let .leakyReLU(a): x > 0 ? x : a * x
        case let .erf(beta): Erf.value(beta * x)
        case .absolute: abs(x)
        case .tanh: Foundation.tanh(x)
        }
    }

    /// The derivative, with the value at a kink taken from the left (ReLU'(0) = 0).
    @inlinable
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .identity: 1
        case .relu: x > 0 ? 1 : 0
        case let .leakyReLU(a): x > 0 ? 1 : a
        case let .erf(beta): 2 * beta / Double.pi.squareRoot() * Foundation.exp(-beta * beta * x * x)
        case .absolute: x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .tanh: 1 - Foundation.tanh(x) * Foundation.tanh(x)
        }
    }

    /// Points where the function is not differentiable; quadrature splits there.
    public var kinks: [Double] {
        switch self {
        case .relu, .leakyReLU, .absolute: [0]
        case .identity, .erf, .tanh: []
        }
    }

    /// σ(c x) = c σ(x) for c >= 0 (Nachum et al., Definition 1).
    public var isPositivelyHomogeneous: Bool {
        switch self {
        case .identity, .relu, .leakyReLU, .absolute: true
        case .erf, .tanh: false
        }
    }

    /// The name the report prints: "identity", "ReLU", "LReLU_a", "erf" or "erf(βx)", "abs", "tanh".
    public var description: String {
        switch self {
        case .identity: "identity"
        case .relu: "ReLU"
        case let .leakyReLU(a): "LReLU_\(a)"
        case let .erf(beta): beta == 1 ? "erf" : "erf(\(beta)x)"
        case .absolute: "abs"
        case .tanh: "tanh"
        }
    }
}
