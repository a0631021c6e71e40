import Foundation

/// A layer-norm MLP (eq. (2.1) of the layer-norm paper) at a finite width together with its infinite-width
/// composition of eq. (2.3) maps, and the input cosine ρ_0 at which the two are compared (the mean-field limit).
public struct MeanFieldSetting: Sendable {
    /// A description of the network.
    public let name: String
    /// (φ, σ_w², σ_b²) per layer, the embedding first.
    public let layers: [(Activation, Double, Double)]
    /// ρ_0, the cosine of the two inputs.
    public let inputCosine: Double

    /// A setting named `name` with `layers` (φ, σ_w², σ_b²), the embedding first, compared at ρ_0 = `inputCosine`.
    public init(name: String, layers: [(Activation, Double, Double)], inputCosine: Double) {
        self.name = name
        self.layers = layers
        self.inputCosine = inputCosine
    }

    /// The network at width N = `width` (all layers).
    public func network(width: Int) throws -> LayerNormMLP {
        try LayerNormMLP(inputWidth: width, layers: layers.map {
            try LayerNormLayer(width: width, activation: $0.0, weightVariance: $0.1, biasVariance: $0.2)
        })
    }

    /// The infinite-width limit: the composition of the layers' eq. (2.3) maps.
    public func composition() throws -> CorrelationMapComposition {
        try CorrelationMapComposition(layers.map { try LayerNormCorrelationMap($0.0, weightVariance: $0.1, biasVariance: $0.2) })
    }
}
