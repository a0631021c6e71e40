import Randomness

/// Synthetic image pairs standing in for natural images (CIFAR, MNIST) in the pooling paper's §1.1 and §5 claims: correlated i.i.d. Gaussian or smooth fields, with
/// input correlation ρ uniform in [−1, 1] and a common shift μ added to both images.
public enum ProxyPairs: Sendable, CustomStringConvertible {
    /// Correlated i.i.d. N(0, 1) pixels plus `shift`.
    case gaussian(shift: Double)
    /// Correlated smooth centred fields (correlation length 3 pixels) plus `shift`.
    case smooth(shift: Double)

    /// The family in words.
    public var description: String {
        switch self {
        case let .gaussian(shift): "i.i.d. Gaussian pairs + shift \(shift)"
        case let .smooth(shift): "smooth centred fields (correlation length 3 px) + shift \(shift)"
        }
    }

    /// One pair of d × d images with input correlation ρ ~ U[−1, 1].
    public func sample(size d: Int, rng: inout Xoshiro256, sampler: NormalSampler) throws -> (x: Image, y: Image) {
        let rho = 2 * rng.nextUniform() - 1
        var pair: (x: Image, y: Image), shift: Double
        switch self {
        case let .gaussian(s):
            shift = s
            let s2 = ((1 - rho) * (1 + rho)).squareRoot()
            let z1 = (0..<(d * d)).map { _ in sampler.next(using: &rng) }
            let z2 = (0..<(d * d)).map { _ in sampler.next(using: &rng) }
            pair = (try Image(size: d, channels: 1, pixels: z1),
                    try Image(size: d, channels: 1, pixels: zip(z1, z2).map { rho * $0 + s2 * $1 }))
        case let .smooth(s):
            shift = s
            pair = try SmoothGaussianField(size: d, correlationLength: 3).samplePair(correlation: rho, rng: &rng, sampler: sampler)
        }
        for i in pair.x.pixels.indices {
            pair.x.pixels[i] += shift
            pair.y.pixels[i] += shift
        }
        return pair
    }
}
