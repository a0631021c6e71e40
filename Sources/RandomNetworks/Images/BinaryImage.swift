import GSL

/// A black-and-white image of Nachum et al. §3.4: a subset A of Z_n × Z_n, or
/// equivalently a {0, 1}^{n×n} picture. Then ⟨A, B⟩ = |A ∩ B|, ‖A‖² = |A| and
/// ‖A − B‖² = |A △ B|.
public struct BinaryImage: Sendable, Equatable {
    /// The side n.
    public let size: Int
    /// Membership of pixel (i, j) at i·n + j.
    public var pixels: [Bool]

    /// The image of side `size` whose pixel (i, j) is `pixels[i·n + j]`. Throws `ParameterError` for a side
    /// below 1, a side whose square overflows, or a pixel count other than size².
    public init(size: Int, pixels: [Bool]) throws {
        try Self.requireSize(size, in: "BinaryImage")
        guard pixels.count == size * size else {
            throw ParameterError("BinaryImage", parameter: "pixels", value: "\(pixels.count) values",
                                 requirement: "size² = \(size * size) values")
        }
        self.size = size
        self.pixels = pixels
    }

    /// The empty image.
    public init(size: Int) throws {
        try Self.requireSize(size, in: "BinaryImage")
        try self.init(size: size, pixels: [Bool](repeating: false, count: size * size))
    }

    /// The bits of `mask` (bit i·n + j is pixel (i, j)): every subset of a small grid by enumeration.
    public init(size: Int, mask: UInt64) throws {
        try Require.atLeast(size, 1, "size", in: "BinaryImage")
        guard size <= 8 else {
            throw ParameterError("BinaryImage", parameter: "size", value: "\(size)", requirement: "size² <= 64 for a mask")
        }
        try self.init(size: size, pixels: (0..<(size * size)).map { mask >> UInt64($0) & 1 == 1 })
    }

    /// The axis-aligned rectangle of `height` × `width` pixels whose top-left pixel is (row, column);
    /// indices wrap modulo n (the rectangle may cross the border of the torus Z_n × Z_n).
    public static func rectangle(size: Int, row: Int, column: Int, height: Int, width: Int) throws -> BinaryImage {
        var image = try BinaryImage(size: size)
        guard (0...size).contains(height), (0...size).contains(width) else {
            throw ParameterError("BinaryImage.rectangle", parameter: "height, width", value: "\(height), \(width)",
                                 requirement: "in 0...\(size)")
        }
        // Indices wrap modulo n: reduce the corner first, so that row + a cannot overflow.
        let (top, left) = (row % size, column % size)
        for a in 0..<height {
            for b in 0..<width { image[top + a, left + b] = true }
        }
        return image
    }

    /// Pixel (i, j), indices modulo n.
    public subscript(i: Int, j: Int) -> Bool {
        get { pixels[index(i, j)] }
        set { pixels[index(i, j)] = newValue }
    }

    /// |A| = ‖A‖².
    public var count: Int { pixels.lazy.filter { $0 }.count }

    /// A ∪ B.
    public func union(_ other: BinaryImage) throws -> BinaryImage {
        try requireSameSize(other, "BinaryImage.union")
        return try BinaryImage(size: size, pixels: zip(pixels, other.pixels).map { $0 || $1 })
    }

    /// A ∩ B.
    public func intersection(_ other: BinaryImage) throws -> BinaryImage {
        try requireSameSize(other, "BinaryImage.intersection")
        return try BinaryImage(size: size, pixels: zip(pixels, other.pixels).map { $0 && $1 })
    }

    /// ⟨A, B⟩ = |A ∩ B|.
    public func dot(_ other: BinaryImage) throws -> Int { try intersection(other).count }

    /// ‖A − B‖² = |A △ B|.
    public func squaredDistance(_ other: BinaryImage) throws -> Int {
        try requireSameSize(other, "BinaryImage.squaredDistance")
        return zip(pixels, other.pixels).lazy.filter { $0 != $1 }.count
    }

    /// The image at `s` times the resolution: every pixel becomes an s × s block (§3.4, last paragraph).
    public func upsampled(by s: Int) throws -> BinaryImage {
        try Require.atLeast(s, 1, "s", in: "BinaryImage.upsampled")
        let m = try Require.product([size, s], "size · s", in: "BinaryImage.upsampled")
        try Self.requireSize(m, in: "BinaryImage.upsampled")
        return try BinaryImage(size: m, pixels: (0..<(m * m)).map { pixels[(($0 / m) / s) * size + ($0 % m) / s] })
    }

    /// The 0/1 single-channel image, the input of a convolution layer.
    public var image: Image { Image(validatedSize: size, channels: 1, pixels: pixels.map { $0 ? 1 : 0 }) }

    private func index(_ i: Int, _ j: Int) -> Int { ((i % size + size) % size) * size + (j % size + size) % size }

    /// size >= 1 with size² fitting in Int.
    private static func requireSize(_ size: Int, in context: String) throws {
        try Require.atLeast(size, 1, "size", in: context)
        try Require.product([size, size], "size²", in: context)
    }

    private func requireSameSize(_ other: BinaryImage, _ context: String) throws {
        guard other.size == size else {
            throw ParameterError(context, parameter: "images", value: "sizes \(size), \(other.size)", requirement: "equal sizes")
        }
    }
}
