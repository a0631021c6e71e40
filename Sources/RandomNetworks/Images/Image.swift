import GSL
import Randomness

/// A multi-channel image x ∈ R^{n×n×d} (Nachum et al. §2), stored row-major
/// as [u][v][k]: row u, column v, channel k.
public struct Image: Sendable, Equatable {
    /// The side n.
    public let size: Int
    /// The number of channels d.
    public let channels: Int
    /// The n · n · d values, row-major as [u][v][k].
    public var pixels: [Double]

    /// The image of side `size` with `channels` channels; throws for a shape mismatch or a non-finite pixel.
    public init(size: Int, channels: Int, pixels: [Double]) throws {
        let count = try Self.pixelCount(size: size, channels: channels, in: "Image")
        guard pixels.count == count else {
            throw ParameterError("Image", parameter: "pixels", value: "\(pixels.count) values",
                                 requirement: "size² · channels = \(count) values")
        }
        if !Vector.allFinite(pixels) { for v in pixels { try Require.finite(v, "pixel", in: "Image") } }
        self.size = size
        self.channels = channels
        self.pixels = pixels
    }

    /// An image with i.i.d. N(0, variance) entries.
    public static func gaussian(size: Int, channels: Int, variance: Double = 1, rng: inout Xoshiro256) throws -> Image {
        let count = try pixelCount(size: size, channels: channels, in: "Image.gaussian")
        try Require.nonNegative(variance, "variance", in: "Image.gaussian")
        var image = try Image(size: size, channels: channels, pixels: [Double](repeating: 0, count: count))
        let sd = variance.squareRoot()
        let sampler = NormalSampler()
        for i in image.pixels.indices { image.pixels[i] = sd * sampler.next(using: &rng) }
        return image
    }

    /// size² · channels, after checking size, channels >= 1 and that the count fits in Int.
    static func pixelCount(size: Int, channels: Int, in context: String) throws -> Int {
        try Require.atLeast(size, 1, "size", in: context)
        try Require.atLeast(channels, 1, "channels", in: context)
        return try Require.product([size, size, channels], "size² · channels", in: context)
    }

    /// x_{u v k} with u and v taken modulo n (the cyclic indexing of eq. (4)).
    public subscript(u: Int, v: Int, k: Int) -> Double {
        let n = size
        return pixels[((((u % n) + n) % n) * n + (((v % n) + n) % n)) * channels + k]
    }
}
