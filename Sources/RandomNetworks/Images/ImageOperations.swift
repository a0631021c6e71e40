import GSL

/// Inner products, norms and the pixel-level transforms of Nachum et al. §1.3,
/// §3.4 and §4 on multi-channel images.
extension Image {
    /// ⟨x, y⟩ = Σ_{i,j ∈ Z_n, k ∈ Z_d} x_ijk y_ijk (§2, the tensor inner product after Definition 1).
    public func dot(_ other: Image) throws -> Double {
        try requireSameShape(other, "Image.dot")
        return Vector.dot(pixels, other.pixels)
    }

    /// ‖x‖ = √⟨x, x⟩.
    public var norm: Double { Vector.norm(pixels) }

    /// The cosine similarity ρ(x, y) = ⟨x, y⟩/(‖x‖‖y‖) of §1, or nil when an image is zero.
    public func cosine(_ other: Image) throws -> Double? {
        try requireSameShape(other, "Image.cosine")
        return Vector.cosine(pixels, other.pixels)
    }

    /// c · x.
    public func scaled(by c: Double) throws -> Image {
        try Require.finite(c, "c", in: "Image.scaled")
        return try Image(size: size, channels: channels, pixels: pixels.map { c * $0 })
    }

    /// Mean removal per channel (the preprocessing of §4.2): x_ijk − (1/n²) Σ_uv x_uvk.
    public func centered() throws -> Image {
        var out = self
        let positions = Double(size * size)
        for k in 0..<channels {
            var mean = 0.0
            for p in 0..<(size * size) { mean += pixels[p * channels + k] }
            mean /= positions
            for p in 0..<(size * size) { out.pixels[p * channels + k] -= mean }
        }
        return out
    }

    /// The image at `s` times the resolution (§3.4, last paragraph): every pixel
    /// becomes an s × s block of copies (the Kronecker product with 1_{s×s}).
    public func upsampled(by s: Int) throws -> Image {
        try Require.atLeast(s, 1, "s", in: "Image.upsampled")
        let m = try Require.product([size, s], "size · s", in: "Image.upsampled")
        var out = [Double](repeating: 0, count: try Self.pixelCount(size: m, channels: channels, in: "Image.upsampled"))
        for u in 0..<m {
            for v in 0..<m {
                for k in 0..<channels { out[(u * m + v) * channels + k] = pixels[((u / s) * size + v / s) * channels + k] }
            }
        }
        return try Image(size: m, channels: channels, pixels: out)
    }

    /// Channel k as a single-channel image.
    public func channel(_ k: Int) throws -> Image {
        guard (0..<channels).contains(k) else {
            throw ParameterError("Image.channel", parameter: "k", value: "\(k)", requirement: "in 0..<\(channels)")
        }
        return try Image(size: size, channels: 1, pixels: stride(from: k, to: pixels.count, by: channels).map { pixels[$0] })
    }

    /// The image whose channels are the given single-channel images (RGB from its planes, §4.1).
    public static func stacking(_ planes: [Image]) throws -> Image {
        guard let first = planes.first else {
            throw ParameterError("Image.stacking", parameter: "planes", value: "none", requirement: "at least one plane")
        }
        for plane in planes where plane.size != first.size || plane.channels != 1 {
            throw ParameterError("Image.stacking", parameter: "planes", value: "size \(plane.size), \(plane.channels) channels",
                                 requirement: "single-channel planes of size \(first.size)")
        }
        let d = planes.count, positions = first.size * first.size
        var out = [Double](repeating: 0, count: positions * d)
        for (k, plane) in planes.enumerated() {
            for p in 0..<positions { out[p * d + k] = plane.pixels[p] }
        }
        return try Image(size: first.size, channels: d, pixels: out)
    }

    /// An image whose shape the caller has already validated (size, channels >= 1, pixels of matching count).
    init(validatedSize size: Int, channels: Int, pixels: [Double]) {
        self.size = size
        self.channels = channels
        self.pixels = pixels
    }

    func requireSameShape(_ other: Image, _ context: String) throws {
        guard other.size == size, other.channels == channels else {
            throw ParameterError(context, parameter: "images", value: "\(size)×\(size)×\(channels) and \(other.size)×\(other.size)×\(other.channels)",
                                 requirement: "the same shape")
        }
    }
}
