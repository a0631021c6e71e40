import GSL
import Randomness

extension CyclicConvolution {
    /// N filters drawn from i.i.d. N(0, ν²) entries conditioned on each filter's entries summing to zero
    /// (Nachum et al. §4.2): F = G − mean(G)·1, the exact conditional law of a Gaussian vector given its sum.
    /// Such a filter annihilates every constant image: F * c·1 = c·(Σ F)·1 = 0.
    public static func zeroSumGaussian(count: Int, filterSize: Int, channels: Int, variance: Double,
                                       rng: inout Xoshiro256) throws -> CyclicConvolution {
        let length = try checkedFilterLength(count: count, filterSize: filterSize, channels: channels,
                                     "CyclicConvolution.zeroSumGaussian")
        var filters = try Matrix.gaussian(rows: count, columns: length, variance: variance, rng: &rng)
        let k = filters.columns
        for row in 0..<count {
            var mean = 0.0
            for c in 0..<k { mean += filters.storage[row * k + c] }
            mean /= Double(k)
            for c in 0..<k { filters.storage[row * k + c] -= mean }
        }
        return try CyclicConvolution(filters: filters, filterSize: filterSize, channels: channels)
    }

    /// The layer's pre-activations F_f * x as an n × n image with N channels (channel f = filter f):
    /// the input of the next layer of a deep CNN after the activation.
    public func preActivations(_ image: Image) throws -> Image {
        let out = try self(image)
        return Image(validatedSize: image.size, channels: count, pixels: out.storage)
    }
}
