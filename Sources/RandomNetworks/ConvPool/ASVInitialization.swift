import GSL

/// Weight variances for Conv+Pool networks with zero biases: the ASV paper's
/// forward (17) and backward (18) methods, and the Kaiming (He et al.) and
/// Xavier (Glorot & Bengio) variances it compares them with (§1, §5).
///
/// The paper derives τ and γ for ReLU layers only. Two conventions fill the
/// gaps it leaves (catalog Q-ASV-1, Q-ASV-2): the raw input has τ_0 = 1
/// (E[z^(0)²] = q^(0), no activation, no pooling), and a layer with the
/// identity activation and no pooling (the paper's last layer) has τ = γ = 1.
public enum ASVInitialization {
    /// τ_ℓ with E[(z^(ℓ))²] = τ_ℓ q^(ℓ) for i.i.d. N(0, q^(ℓ)) pre-activations in a window:
    /// eq. (12) (ReLU, max), eq. (13) (ReLU, average), 1 for the identity without pooling.
    public static func tau(of layer: ConvPoolLayer) throws -> Double {
        switch (layer.activation, layer.poolSize) {
        case (.relu, _): try PoolingMoments.tau(layer.pooling.kind, poolSize: layer.poolSize)
        case (.identity, 1): 1
        default: throw unsupported(layer, "ASVInitialization.tau")
        }
    }

    /// γ_ℓ = E[(∂z_{d(ℓ,j)}/∂u_j)²]: eq. (15) (ReLU, max), eq. (16) (ReLU, average),
    /// 1 for the identity without pooling.
    public static func gamma(of layer: ConvPoolLayer) throws -> Double {
        switch (layer.activation, layer.poolSize) {
        case (.relu, _): try PoolingMoments.gamma(layer.pooling.kind, poolSize: layer.poolSize)
        case (.identity, 1): 1
        default: throw unsupported(layer, "ASVInitialization.gamma")
        }
    }

    /// ASV forward method (17): σ²_{w^(ℓ)} = M'_ℓ / (τ_{ℓ−1} ε_ℓ) for ℓ = 1 … L, with τ_0 = `inputTau`.
    public static func forwardVariances(_ stack: ConvPoolStack, inputTau: Double = 1) throws -> [Double] {
        try Require.positive(inputTau, "inputTau", in: "ASVInitialization.forwardVariances")
        return try stack.layers.indices.map { l in
            let previousTau = l == 0 ? inputTau : try tau(of: stack.layers[l - 1])
            let layer = stack.layers[l]
            return Double(layer.convolutionCount) / (previousTau * Double(try nonzeroConnections(layer)))
        }
    }

    /// ASV backward method (18): σ²_{w^(ℓ)} = M_{ℓ−1} / (γ_ℓ ε_ℓ) for ℓ = 1 … L.
    public static func backwardVariances(_ stack: ConvPoolStack) throws -> [Double] {
        try stack.layers.map { layer in
            Double(layer.inputCount) / (try gamma(of: layer) * Double(try nonzeroConnections(layer)))
        }
    }

    /// Kaiming forward (He et al.; the paper's (19)): 2 / (k_w k_h d) = 2 / S_ℓ.
    public static func kaimingForward(_ layer: ConvPoolLayer) -> Double {
        2 / Double(layer.convolution.kernelLength)
    }

    /// He et al.'s forward rule layer by layer, blind to padding and pooling: σ² = 1/S_1 for the
    /// first layer (raw input) and 2/S_ℓ after a ReLU, i.e. σ² = 1/(τ S_ℓ) with τ_0 = 1 and τ = 1/2.
    public static func kaimingForwardVariances(_ stack: ConvPoolStack) -> [Double] {
        stack.layers.indices.map { l in l == 0 ? 1 / Double(stack.layers[0].convolution.kernelLength) : kaimingForward(stack.layers[l]) }
    }

    /// Kaiming backward (He et al.; the paper's (20)): 2 / (k_w k_h d') = 2 / J_ℓ (M'_ℓ for a fully connected layer).
    public static func kaimingBackward(_ layer: ConvPoolLayer) -> Double {
        2 / Double(layer.convolution.backwardKernelLength)
    }

    /// Xavier (Glorot & Bengio; §1): 1/σ² = (n_in + n_out)/2 with n_in = S_ℓ and n_out = J_ℓ
    /// (for a fully connected layer M_{ℓ−1} and M'_ℓ, (A.23), (A.25)).
    public static func xavier(_ layer: ConvPoolLayer) -> Double {
        2 / Double(layer.convolution.kernelLength + layer.convolution.backwardKernelLength)
    }

    private static func nonzeroConnections(_ layer: ConvPoolLayer) throws -> Int {
        guard layer.connectionCount > 0 else {
            throw ParameterError("ASVInitialization", parameter: "layer", value: "ε = 0",
                                 requirement: "at least one connection (a kernel meeting the input)")
        }
        return layer.connectionCount
    }

    private static func unsupported(_ layer: ConvPoolLayer, _ context: String) -> ParameterError {
        ParameterError(context, parameter: "layer", value: "\(layer.activation) with T = \(layer.poolSize)",
                       requirement: "ReLU (eqs. (12)–(16)) or the identity without pooling (τ = γ = 1)")
    }
}
