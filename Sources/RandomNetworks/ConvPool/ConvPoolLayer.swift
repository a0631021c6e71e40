import GSL

/// The architecture of one Conv+Pool layer of the ASV paper (§3, eqs. (3)–(5)):
/// convolution u = conv(z^(ℓ−1)), activation v = f_ℓ(u), pooling z^(ℓ) = g_ℓ(v).
/// A fully connected layer is the convolution of `ConvolutionGeometry.fullyConnected`
/// with the identity pooling (App. A.2).
public struct ConvPoolLayer: Sendable, Equatable {
    /// The convolution's index sets: input map, kernel, padding, stride and output channels (eq. (3)).
    public let convolution: ConvolutionGeometry
    /// f_ℓ; the paper uses ReLU for hidden layers and the identity for the last (§3.1).
    public let activation: Activation
    /// The pooling g_ℓ (eq. (5)); a 1 × 1 window is no pooling.
    public let pooling: WindowPooling

    /// A layer from its parts. Throws `ParameterError` when the pooling's input is not the convolution's
    /// output map, or for an activation that `Activation.validated()` rejects.
    public init(convolution: ConvolutionGeometry, activation: Activation, pooling: WindowPooling) throws {
        guard pooling.input == convolution.output else {
            throw ParameterError("ConvPoolLayer", parameter: "pooling", value: "input \(pooling.input)",
                                 requirement: "the convolution's output \(convolution.output)")
        }
        self.convolution = convolution
        self.activation = try activation.validated()
        self.pooling = pooling
    }

    /// A layer of eqs. (3)–(5): a square k × k kernel with padding p and stride s onto d'
    /// channels (A.4)–(A.6), activation f (A.26), and optional t × t pooling (A.28)–(A.29)
    /// (`pool` nil means T = 1).
    public static func square(input: FeatureMapShape, outputChannels: Int, kernel: Int, padding: Int = 0,
                              stride: Int = 1, activation: Activation = .relu,
                              pool: (kind: PoolingKind, size: Int)? = nil) throws -> ConvPoolLayer {
        let convolution = try ConvolutionGeometry.square(input: input, kernel: kernel, padding: padding, stride: stride,
                                                         outputChannels: outputChannels)
        let pooling = try pool.map {
            try WindowPooling(input: convolution.output, windowWidth: $0.size, windowHeight: $0.size, kind: $0.kind)
        } ?? .none(convolution.output)
        return try ConvPoolLayer(convolution: convolution, activation: activation, pooling: pooling)
    }

    /// A fully connected layer onto `outputs` units (App. A.2), activation f, no pooling.
    public static func fullyConnected(input: FeatureMapShape, outputs: Int, activation: Activation = .identity) throws
        -> ConvPoolLayer {
        let convolution = try ConvolutionGeometry.fullyConnected(input: input, outputs: outputs)
        return try ConvPoolLayer(convolution: convolution, activation: activation, pooling: .none(convolution.output))
    }

    /// M_{ℓ−1} = w h d (A.14).
    public var inputCount: Int { convolution.input.count }
    /// M'_ℓ = w' h' d' (A.14).
    public var convolutionCount: Int { convolution.output.count }
    /// M_ℓ = M'_ℓ / T_ℓ.
    public var outputCount: Int { pooling.output.count }
    /// T_ℓ.
    public var poolSize: Int { pooling.windowSize }
    /// ε_ℓ (§4.1).
    public var connectionCount: Int { convolution.connectionCount }
    /// The shape of z^(ℓ), the pooled output map.
    public var output: FeatureMapShape { pooling.output }
}
