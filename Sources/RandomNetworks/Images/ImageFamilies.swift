import Foundation
import GSL
import Randomness

/// The input families of Nachum et al.: correlated Gaussian images (Theorem 4,
/// Fig. 1a), black-and-white images made of large convex bodies (§3.4:
/// axis-aligned rectangles, Example 1; ellipses), piecewise-constant grayscale
/// images (§4.1) and constant-colour RGB images (§4.1, Red and Green).
public enum ImageFamilies {
    /// (X, Y) of eq. (14), extended to d channels as §3.3 suggests: the n²d entry pairs are i.i.d.,
    /// X_ijk ~ N(0, 1/(n²d)) and Y_ijk = ρ X_ijk + √(1−ρ²) Z_ijk with Z_ijk ~ N(0, 1/(n²d)), so
    /// E‖X‖² = E‖Y‖² = 1 and the Pearson correlation of corresponding entries is ρ.
    public static func correlatedGaussianPair(size n: Int, channels d: Int = 1, correlation rho: Double,
                                              rng: inout Xoshiro256) throws -> (Image, Image) {
        try Require.within(rho, -1...1, "correlation", in: "ImageFamilies.correlatedGaussianPair")
        let count = try Image.pixelCount(size: n, channels: d, in: "ImageFamilies.correlatedGaussianPair")
        let x = try Image.gaussian(size: n, channels: d, variance: 1 / Double(count), rng: &rng)
        let z = try Image.gaussian(size: n, channels: d, variance: 1 / Double(count), rng: &rng)
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        var y = x
        for p in x.pixels.indices { y.pixels[p] = rho * x.pixels[p] + s * z.pixels[p] }
        return (x, y)
    }

    /// A random axis-aligned rectangle with height and width uniform in `sides`. With `margin` nil
    /// the top-left pixel is uniform on the torus (the rectangle may wrap around the border);
    /// otherwise the rectangle lies at least `margin` pixels away from every border (no wrap).
    public static func randomRectangle(size n: Int, sides: ClosedRange<Int>, margin: Int? = nil,
                                       rng: inout Xoshiro256) throws -> BinaryImage {
        let context = "ImageFamilies.randomRectangle"
        try Require.atLeast(n, 1, "size", in: context)
        try Require.atLeast(sides.lowerBound, 1, "sides", in: context)
        try Require.atLeast(margin ?? 0, 0, "margin", in: context)
        try Require.atMost(margin ?? 0, n / 2, "margin", in: context)
        let room = n - 2 * (margin ?? 0)
        guard sides.upperBound <= room else {
            throw ParameterError(context, parameter: "sides", value: "\(sides) with margin \(margin ?? 0)",
                                 requirement: "fit in the \(n)×\(n) image")
        }
        let height = Int.random(in: sides, using: &rng), width = Int.random(in: sides, using: &rng)
        let row: Int, column: Int
        if let margin {
            row = margin + Int.random(in: 0...(room - height), using: &rng)
            column = margin + Int.random(in: 0...(room - width), using: &rng)
        } else {
            row = Int.random(in: 0..<n, using: &rng)
            column = Int.random(in: 0..<n, using: &rng)
        }
        return try BinaryImage.rectangle(size: n, row: row, column: column, height: height, width: width)
    }

    /// The union of `count` independent random rectangles (`randomRectangle`).
    public static func randomRectangles(count: Int, size n: Int, sides: ClosedRange<Int>, margin: Int? = nil,
                                        rng: inout Xoshiro256) throws -> BinaryImage {
        try Require.atLeast(count, 1, "count", in: "ImageFamilies.randomRectangles")
        var image = try BinaryImage(size: n)
        for _ in 0..<count {
            image = try image.union(randomRectangle(size: n, sides: sides, margin: margin, rng: &rng))
        }
        return image
    }

    /// A random filled ellipse on the torus, a convex body of §3.4: center uniform on Z_n², semi-axes
    /// uniform in `semiAxes` (pixels, at most n/2 so the body does not overlap itself), orientation
    /// uniform; pixel (i, j) belongs to it when its cyclic offset from the center lies inside.
    public static func randomEllipse(size n: Int, semiAxes: ClosedRange<Double>, rng: inout Xoshiro256) throws -> BinaryImage {
        let context = "ImageFamilies.randomEllipse"
        try Require.atLeast(n, 1, "size", in: context)
        try Require.positive(semiAxes.lowerBound, "semiAxes", in: context)
        try Require.within(semiAxes.upperBound, 0...(Double(n) / 2), "semiAxes", in: context)
        let ci = rng.nextUniform() * Double(n), cj = rng.nextUniform() * Double(n)
        let a = semiAxes.lowerBound + rng.nextUniform() * (semiAxes.upperBound - semiAxes.lowerBound)
        let b = semiAxes.lowerBound + rng.nextUniform() * (semiAxes.upperBound - semiAxes.lowerBound)
        let angle = rng.nextUniform() * Double.pi
        let (c, s) = (cos(angle), sin(angle))
        var image = try BinaryImage(size: n)
        let half = Double(n) / 2
        for i in 0..<n {
            for j in 0..<n {
                let di = (Double(i) - ci + half).truncatingRemainder(dividingBy: Double(n))
                let dj = (Double(j) - cj + half).truncatingRemainder(dividingBy: Double(n))
                let u = (di < 0 ? di + Double(n) : di) - half, v = (dj < 0 ? dj + Double(n) : dj) - half
                let p = (c * u + s * v) / a, q = (-s * u + c * v) / b
                image[i, j] = p * p + q * q <= 1
            }
        }
        return image
    }

    /// A piecewise-constant grayscale image (§4.1): `count` random rectangles (`randomRectangle`,
    /// wrap allowed) painted in turn on black, each with a gray level uniform in (0, 1].
    public static func grayRectangles(count: Int, size n: Int, sides: ClosedRange<Int>,
                                      rng: inout Xoshiro256) throws -> Image {
        try Require.atLeast(count, 1, "count", in: "ImageFamilies.grayRectangles")
        let pixels = try Image.pixelCount(size: n, channels: 1, in: "ImageFamilies.grayRectangles")
        var image = Image(validatedSize: n, channels: 1, pixels: [Double](repeating: 0, count: pixels))
        for _ in 0..<count {
            let level = 1 - rng.nextUniform()
            let shape = try randomRectangle(size: n, sides: sides, rng: &rng)
            for p in shape.pixels.indices where shape.pixels[p] { image.pixels[p] = level }
        }
        return image
    }

    /// A constant-colour image of §4.1: channel `channel` of `channels` equals 1/n everywhere (so
    /// ‖x‖ = 1), the others are 0 — Red is channel 0 of 3, Green channel 1.
    public static func constantColour(size n: Int, channel: Int, channels: Int = 3) throws -> Image {
        let count = try Image.pixelCount(size: n, channels: channels, in: "ImageFamilies.constantColour")
        guard (0..<channels).contains(channel) else {
            throw ParameterError("ImageFamilies.constantColour", parameter: "channel", value: "\(channel)",
                                 requirement: "in 0..<\(channels)")
        }
        var pixels = [Double](repeating: 0, count: count)
        for p in 0..<(n * n) { pixels[p * channels + channel] = 1 / Double(n) }
        return Image(validatedSize: n, channels: channels, pixels: pixels)
    }
}
