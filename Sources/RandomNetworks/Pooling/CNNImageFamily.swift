import Randomness

/// The images a CNN experiment of the pooling paper draws (§3, Theorem 4.4).
public enum CNNImageFamily: Sendable, CustomStringConvertible {
    /// Independent images with i.i.d. N(0, 1) pixels (Theorem 4.4).
    case gaussian
    /// Gaussian images plus a per-image constant μ ~ N(0, s²): a mean (DC) offset that varies from
    /// image to image, the one feature of natural images that matters for average pooling here.
    case gaussianWithOffset(standardDeviation: Double)
    /// Centred, standardized smooth fields (`SmoothGaussianField`, Gaussian blur of white noise): spatial
    /// correlation without a per-image offset.
    case smooth(correlationLength: Double)

    /// The family in words.
    public var description: String {
        switch self {
        case .gaussian: "i.i.d. Gaussian images"
        case let .gaussianWithOffset(s): "Gaussian images + per-image offset N(0, \(s)²)"
        case let .smooth(length): "centred smooth images (correlation length \(length) px)"
        }
    }

    /// One d × d single-channel image of the family.
    public func sample(size d: Int, rng: inout Xoshiro256, sampler: NormalSampler) throws -> Image {
        if case let .smooth(length) = self {
            return try SmoothGaussianField(size: d, correlationLength: length).sample(rng: &rng, sampler: sampler)
        }
        var image = try Image.gaussian(size: d, channels: 1, rng: &rng)
        if case let .gaussianWithOffset(s) = self {
            let offset = s * sampler.next(using: &rng)
            for i in image.pixels.indices { image.pixels[i] += offset }
        }
        return image
    }
}

extension CNNImageFamily {
    /// One draw of ρ(x, y) and the three cosines of the pooled features (ReLU, average, max; eqs. (6)–(9)) for a
    /// fresh CNN of `channels` N(0, 1) kernels and a fresh image pair of the family; nil when a feature vector or an
    /// image is zero (its cosine is undefined). The convolution works in `scratch`.
    public func cosines(size d: Int, geometry: PatchGeometry, channels m: Int, rng: inout Xoshiro256,
                        sampler: NormalSampler, scratch: inout PatchScratch) throws -> (input: Double, pooled: PoolingCosines)? {
        let layer = try CenteredConvolution.gaussian(count: m, geometry: geometry, variance: 1, rng: &rng)
        let x = try sample(size: d, rng: &rng, sampler: sampler)
        let y = try sample(size: d, rng: &rng, sampler: sampler)
        guard let cosines = try layer.pooledCosines(x, y, scratch: &scratch), let input = Vector.cosine(x.pixels, y.pixels) else { return nil }
        return (input, cosines)
    }
}
