import GSL
import Randomness

/// A CNN as a chain of Conv+Pool layers (the ASV paper, §3, Figure 2): the
/// forward signals (1) z^(0) → u^(1) → v^(1) → z^(1) → … → z^(L) by eqs. (3)–(5),
/// and the backward signals (2) Δz^(L) → Δv^(L) → Δu^(L) → Δz^(L−1) → … by
/// eqs. (7)–(9). The paper's last layer has the identity activation and no
/// pooling, so z^(L) = v^(L) = u^(L) (§3.1); the stack does not force that.
public struct ConvPoolStack: Sendable, Equatable {
    /// The layers ℓ = 1 … L (index ℓ − 1).
    public let layers: [ConvPoolLayer]

    /// A stack of `layers`. Throws `ParameterError` for no layer, or a layer whose input map is not the
    /// previous layer's output map.
    public init(layers: [ConvPoolLayer]) throws {
        guard !layers.isEmpty else {
            throw ParameterError("ConvPoolStack", parameter: "layers", value: "[]", requirement: "at least one layer")
        }
        for (l, (previous, next)) in zip(layers, layers.dropFirst()).enumerated() where previous.output != next.convolution.input {
            throw ParameterError("ConvPoolStack", parameter: "layers[\(l + 1)]", value: "input \(next.convolution.input)",
                                 requirement: "the output \(previous.output) of layer \(l + 1) (1-based)")
        }
        self.layers = layers
    }

    /// The shape of z^(0).
    public var input: FeatureMapShape { layers[0].convolution.input }

    /// One draw of the weights and biases of every layer (eq. (10)).
    public struct Parameters: Sendable {
        /// One convolution with its weights and biases per layer, in layer order.
        public let convolutions: [PaddedConvolution]

        /// Parameters from given convolutions (checked against the stack's geometries when used).
        public init(convolutions: [PaddedConvolution]) { self.convolutions = convolutions }
    }

    /// Weights w^(ℓ) ~ N(0, σ²_{w^(ℓ)}) and biases ~ N(0, σ²_{b^(ℓ)}), independent (eq. (10)).
    public func sampleParameters(weightVariances: [Double], biasVariances: [Double]? = nil,
                                 rng: inout Xoshiro256) throws -> Parameters {
        let biases = biasVariances ?? [Double](repeating: 0, count: layers.count)
        guard weightVariances.count == layers.count, biases.count == layers.count else {
            throw ParameterError("ConvPoolStack.sampleParameters", parameter: "variances",
                                 value: "\(weightVariances.count) weight and \(biases.count) bias variances",
                                 requirement: "one per layer (\(layers.count))")
        }
        return Parameters(convolutions: try layers.indices.map { l in
            try PaddedConvolution.gaussian(geometry: layers[l].convolution, weightVariance: weightVariances[l],
                                           biasVariance: biases[l], rng: &rng)
        })
    }

    /// The forward signals of one input: z^(0), and per layer ℓ = 1 … L (index ℓ − 1)
    /// u^(ℓ), v^(ℓ), z^(ℓ) and the max-pooling winners.
    public struct Trace: Sendable {
        /// z^(0), the vectorized input map.
        public let input: [Double]
        /// u^(ℓ), the convolution outputs (eq. (3)).
        public let preActivations: [[Double]]
        /// v^(ℓ) = f_ℓ(u^(ℓ)) (eq. (4)).
        public let activations: [[Double]]
        /// z^(ℓ) = g_ℓ(v^(ℓ)), the pooled outputs (eq. (5)).
        public let outputs: [[Double]]
        /// For each max-pooling layer, the index in v^(ℓ) of each window's (first) maximum; empty for a layer
        /// without max pooling.
        public let winners: [[Int]]
    }

    /// The forward pass (1): eqs. (3), (4), (5) layer by layer.
    public func forward(_ z0: [Double], parameters: Parameters) throws -> Trace {
        var scratch = PatchScratch()
        return try forward(z0, parameters: parameters, scratch: &scratch)
    }

    /// The forward pass (1) as `forward(_:parameters:)`, building the patch matrices in `scratch`.
    public func forward(_ z0: [Double], parameters: Parameters, scratch: inout PatchScratch) throws -> Trace {
        try validate(parameters)
        try input.validate(z0, "z0", in: "ConvPoolStack.forward")
        var u: [[Double]] = [], v: [[Double]] = [], z: [[Double]] = [], winners: [[Int]] = []
        var current = z0
        for (layer, convolution) in zip(layers, parameters.convolutions) {
            let pre = try convolution(current, scratch: &scratch)
            let post = layer.activation.values(pre)
            let pooled = layer.poolSize == 1 ? (z: post, winners: []) : try layer.pooling.forward(post)
            u.append(pre)
            v.append(post)
            z.append(pooled.z)
            winners.append(pooled.winners)
            current = pooled.z
        }
        return Trace(input: z0, preActivations: u, activations: v, outputs: z, winners: winners)
    }

    /// The backward signals of one input, index ℓ holding layer ℓ's signal:
    /// Δz^(ℓ) for ℓ = 0 … L and Δu^(ℓ) for ℓ = 1 … L (index ℓ − 1).
    public struct Gradients: Sendable {
        /// Δz^(ℓ) = ∂E/∂z^(ℓ) for ℓ = 0 … L (index ℓ), from eqs. (7) and (9).
        public let outputs: [[Double]]
        /// Δu^(ℓ) = ∂E/∂u^(ℓ) for ℓ = 1 … L (index ℓ − 1), from eq. (8).
        public let preActivations: [[Double]]
    }

    /// The backward pass (2) from Δz^(L) = `outputGradient` = ∂E/∂z^(L): eq. (9) through the
    /// pooling (A.40)–(A.41), eq. (8) through the activation (derivative f'_ℓ, with
    /// ReLU'(0) = 0), eq. (7) through the convolution (A.21).
    public func backward(_ trace: Trace, outputGradient: [Double], parameters: Parameters) throws -> Gradients {
        var scratch = PatchScratch()
        return try backward(trace, outputGradient: outputGradient, parameters: parameters, scratch: &scratch)
    }

    /// The backward pass (2) as `backward(_:outputGradient:parameters:)`, holding the patch gradients in `scratch`.
    public func backward(_ trace: Trace, outputGradient: [Double], parameters: Parameters,
                         scratch: inout PatchScratch) throws -> Gradients {
        try validate(parameters)
        guard trace.preActivations.count == layers.count else {
            throw ParameterError("ConvPoolStack.backward", parameter: "trace", value: "\(trace.preActivations.count) layers",
                                 requirement: "a forward trace of this stack (\(layers.count) layers)")
        }
        try layers[layers.count - 1].output.validate(outputGradient, "outputGradient", in: "ConvPoolStack.backward")
        var deltaZ: [[Double]] = [outputGradient]
        var deltaU: [[Double]] = []
        var current = outputGradient
        for l in layers.indices.reversed() {
            let layer = layers[l]
            let deltaV = layer.poolSize == 1 ? current : try layer.pooling.backward(current, winners: trace.winners[l])
            let du = layer.activation.backpropagate(deltaV, at: trace.preActivations[l])
            current = try parameters.convolutions[l].backward(du, scratch: &scratch)
            deltaU.append(du)
            deltaZ.append(current)
        }
        return Gradients(outputs: deltaZ.reversed(), preActivations: deltaU.reversed())
    }

    private func validate(_ parameters: Parameters) throws {
        guard parameters.convolutions.map(\.geometry) == layers.map(\.convolution) else {
            throw ParameterError("ConvPoolStack", parameter: "parameters", value: "\(parameters.convolutions.count) convolutions",
                                 requirement: "one per layer, with the layers' geometries")
        }
    }
}
