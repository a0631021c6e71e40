import GSL

extension ASVInitialization {
    /// τ_ℓ by QAGIU, not through `PoolingMoments.tau`: ReLU with max pooling (T = 1: plain ReLU) from the tail
    /// ∫_0^∞ 2x (1 − Φ(x)^T) dx of the ASV paper's (12); ReLU with average pooling (13) as
    /// E[ReLU(u)²]/T + (1 − 1/T) E[ReLU(u)]² with both moments integrated; 1 for the identity without pooling
    /// (the convention of Q-ASV-2).
    public static func tauByQuadrature(_ layer: ConvPoolLayer) throws -> IntegralResult {
        switch (layer.activation, layer.poolSize, layer.pooling.kind) {
        case (.relu, _, .max): return try PoolingMoments.tauMaxByTailIntegral(poolSize: layer.poolSize)
        case (.relu, let poolSize, .average):
            let tolerance = QuadratureTolerance(absolute: 0, relative: 1e-10)
            let second = try Integration.qagiu({ $0 * $0 * Distributions.normalPDF($0) }, from: 0, tolerance: tolerance)
            let first = try Integration.qagiu({ $0 * Distributions.normalPDF($0) }, from: 0, tolerance: tolerance)
            let t = Double(poolSize)
            return IntegralResult(value: second.value / t + (1 - 1 / t) * first.value * first.value,
                                  absoluteError: second.absoluteError / t + 2 * first.value * first.absoluteError)
        case (.identity, 1, _): return IntegralResult(value: 1, absoluteError: 0)
        default: throw unsupportedLayer(layer, "ASVInitialization.tauByQuadrature")
        }
    }

    /// γ_ℓ by QAGIU, not through `PoolingMoments.gamma`: ReLU with max pooling (15) as Pr(u_1 = max ≥ 0) =
    /// ∫_0^∞ φ Φ^{T−1}; ReLU with average pooling (16) as Pr(u ≥ 0)/T² = ∫_0^∞ φ / T²; 1 for the identity
    /// without pooling (Q-ASV-2).
    public static func gammaByQuadrature(_ layer: ConvPoolLayer) throws -> IntegralResult {
        switch (layer.activation, layer.poolSize, layer.pooling.kind) {
        case (.relu, _, .max): return try PoolingMoments.gammaMaxByQuadrature(poolSize: layer.poolSize)
        case (.relu, let poolSize, .average):
            let positive = try PoolingMoments.gammaMaxByQuadrature(poolSize: 1)
            let t2 = Double(poolSize * poolSize)
            return IntegralResult(value: positive.value / t2, absoluteError: positive.absoluteError / t2)
        case (.identity, 1, _): return IntegralResult(value: 1, absoluteError: 0)
        default: throw unsupportedLayer(layer, "ASVInitialization.gammaByQuadrature")
        }
    }

    private static func unsupportedLayer(_ layer: ConvPoolLayer, _ context: String) -> ParameterError {
        ParameterError(context, parameter: "layer", value: "\(layer.activation) with T = \(layer.poolSize)",
                       requirement: "ReLU or the identity without pooling")
    }
}
