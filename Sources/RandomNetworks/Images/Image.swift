import GSL
import Randomness

/// A multi-channel image x ∈ R^{n×n×d} (Nachum et al. §2), stored row-major
/// as [u][v][k]: row u, column v, channel k.
public struct Image: Sendable, Equatable {
    /// The side n.
    public let size: Int
    /// The number of channels d.
    public let channels: Int
    public var pixels: [Double]

    public init(size: Int, channels: Int, pixels: [Double]) throws {
        try Require.atLeast(size, 1, "size", in: "Image")
        try Require.atLeast(channels, 1, "channels", in: "Image")
        guard pixels.count == size * size * channels else {
            throw ParameterError("Image", parameter: "pixels", value: "\(pixels.count) values",
                                 requirement: "size² · channels = \(size * size * channels) values")
        }
        self.size = size
        self.channels = channels
        self.pixels = pixels
    }

    /// An image with i.i.d. N(0, variance) entries.
    public static func gaussian(size: Int, channels: Int, variance: Double = 1, rng: inout Xoshiro256) throws -> Image {
        try Require.nonNegative(variance, "variance", in: "Image.gaussian")
        var image = try Image(size: size, channels: channels, pixels: [Double](repeating: 0, count: size * size * channels))
        let sd = variance.squareRoot()
        let sampler = NormalSampler()
        for i in image.pixels.indices { image.pixels[i] = sd * sampler.next(using: &rng) }
        return image
    }

    /// x_{u v k} with u and v taken modulo n (the cyclic indexing of eq. (4)).
    public subscript(u: Int, v: Int, k: Int) -> Double {
        let n = size
        return pixels[((((u % n) + n) % n) * n + (((v % n) + n) % n)) * channels + k]
    }
}
