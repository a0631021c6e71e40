import Foundation
import GSL
import Randomness

/// Finite-width layer-norm MLPs (eq. (2.1) of the layer-norm paper) matching `InfiniteWidthNetworks`: an identity
/// embedding (σ_w² = 1, σ_b² = 0) of width N, then `depth` layers of width N with φ, σ_w² = 1 and σ_b² = `biasRatio`.
public enum FiniteWidthNetworks {
    /// The embedding and `depth` layers of width `width` with φ = `activation`, σ_w² = 1, σ_b² = `biasRatio`.
    public static func mlp(_ activation: Activation, depth: Int, width: Int, biasRatio: Double = 0) throws -> LayerNormMLP {
        let embedding = try LayerNormLayer(width: width, activation: .identity, weightVariance: 1)
        let layer = try LayerNormLayer(width: width, activation: activation, weightVariance: 1, biasVariance: biasRatio)
        return try LayerNormMLP(inputWidth: width, layers: [embedding] + Array(repeating: layer, count: depth))
    }

    /// x = √N e_1 (‖x‖² = N); by rotation invariance of the Gaussian weights any input on the sphere is alike.
    public static func input(width: Int) throws -> Matrix {
        var storage = [Double](repeating: 0, count: width)
        storage[0] = Double(width).squareRoot()
        return try Matrix(rows: width, columns: 1, storage: storage)
    }

    /// ‖∂z^{(L)}/∂z^{(0)}‖²_op (rms-normalized, §2.1) of one network drawn from `seed`: the Rayleigh quotient of
    /// power iteration stopped at residual 10⁻⁴ λ, a lower bound on the true value, so a lower-bound claim checked
    /// with it is checked conservatively.
    public static func jacobianOperatorNorm(_ network: LayerNormMLP, at x: Matrix, seed: StreamSeed) throws -> Double {
        let engine = try MonteCarloEngine(threads: 1)
        let jacobian = try network.jacobian(at: x, stream: seed, engine: engine).jacobian
        return try JacobianNorm.operatorNorm(jacobian, relativeTolerance: 1e-4).operatorNormSquared
    }
}
