import GSL
import Randomness

/// A deep randomly initialized CNN of cyclic convolution layers (Nachum et al. eq. (4)) with ReLU between
/// them, for the collapse and expansion phenomena of §1 and §4.2: every layer has `width` filters of side
/// `filterSize` with variance 2/(r² d_in) (norm-preserving for ReLU), drawn fresh per layer either i.i.d.
/// Gaussian or Gaussian conditioned on a zero sum.
public struct DeepCyclicCNN: Sendable {
    /// How each layer's filters are drawn: `gaussian`, i.i.d. N(0, 2/(r² d_in)); `zeroSum`, the same
    /// conditioned on the entries of each filter summing to zero (`CyclicConvolution.zeroSumGaussian`).
    public enum Filters: Sendable { case gaussian, zeroSum }

    /// L, the number of convolution layers.
    public let depth: Int
    /// N, the filters per layer (so every layer after the first has N input channels).
    public let width: Int
    /// r, the side of every filter.
    public let filterSize: Int
    /// Gaussian or zero-sum filters.
    public let filters: Filters

    /// A network of `depth` layers of `width` filters of side `filterSize`. Throws `ParameterError` for a
    /// value below 1 or sizes that overflow `Int`.
    public init(depth: Int, width: Int, filterSize: Int, filters: Filters) throws {
        try Require.atLeast(depth, 1, "depth", in: "DeepCyclicCNN")
        try Require.atLeast(width, 1, "width", in: "DeepCyclicCNN")
        try Require.atLeast(filterSize, 1, "filterSize", in: "DeepCyclicCNN")
        // Every layer after the first has `width` filters of side r on `width` channels.
        try Require.product([width, filterSize, filterSize, width], "width² · filterSize²", in: "DeepCyclicCNN")
        self.depth = depth
        self.width = width
        self.filterSize = filterSize
        self.filters = filters
    }

    /// The cosine similarity of the pre-activations F^ℓ * h^{ℓ−1}(x) and F^ℓ * h^{ℓ−1}(y) at every layer
    /// ℓ = 1 … depth, with h^0 = input and h^ℓ = R(pre-activation) (0 when an output vanishes).
    public func preActivationCosines(_ x: Image, _ y: Image, rng: inout Xoshiro256) throws -> [Double] {
        try x.requireSameShape(y, "DeepCyclicCNN.preActivationCosines")
        var (hx, hy) = (x, y)
        var cosines: [Double] = []
        for _ in 0..<depth {
            let variance = 2 / Double(filterSize * filterSize * hx.channels)
            let layer = filters == .zeroSum
                ? try CyclicConvolution.zeroSumGaussian(count: width, filterSize: filterSize, channels: hx.channels,
                                                        variance: variance, rng: &rng)
                : try CyclicConvolution.gaussian(count: width, filterSize: filterSize, channels: hx.channels,
                                                 variance: variance, rng: &rng)
            let px = try layer.preActivations(hx), py = try layer.preActivations(hy)
            cosines.append(try px.cosine(py) ?? 0)
            hx = Image(validatedSize: px.size, channels: px.channels, pixels: px.pixels.map { max(0, $0) })
            hy = Image(validatedSize: py.size, channels: py.channels, pixels: py.pixels.map { max(0, $0) })
        }
        return cosines
    }
}
