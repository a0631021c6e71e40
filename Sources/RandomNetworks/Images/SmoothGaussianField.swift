import Foundation
import GSL
import Randomness

/// Smooth centred random images, the synthetic stand-in for natural images in
/// the pooling paper's §1.1/§5 proxies (CIFAR is not available offline): white
/// noise on the d×d torus blurred by a cyclic Gaussian kernel of standard
/// deviation `correlationLength` pixels (separable), then standardized to zero
/// sample mean and unit sample variance. Nearby pixels are strongly correlated,
/// as in natural images, so a k×k patch is nearly constant: before standardization the field has the
/// autocorrelation of a Gaussian of standard deviation ℓ√2, neighbours correlating exp(−1/(4ℓ²)) (0.973 at
/// ℓ = 3), up to the kernel's cut.
public struct SmoothGaussianField: Sendable, Equatable {
    /// The side d of the d × d image (one channel).
    public let size: Int
    /// The blur's standard deviation, in pixels.
    public let correlationLength: Double
    /// The normalized 1-D blur weights at offsets −radius … radius.
    package let weights: [Double]

    /// Fields of side `size` blurred at `correlationLength` pixels (the kernel is cut at 4 standard deviations
    /// or half the side). Throws `ParameterError` for a side below 2 or a non-positive correlation length.
    public init(size: Int, correlationLength: Double) throws {
        try Require.atLeast(size, 2, "size", in: "SmoothGaussianField")
        try Require.product([size, size], "size²", in: "SmoothGaussianField")
        try Require.positive(correlationLength, "correlationLength", in: "SmoothGaussianField")
        // The radius is capped in floating point: Int(4ℓ) would trap for a huge ℓ.
        let radius = Int(min(Double(size / 2), (4 * correlationLength).rounded(.up)))
        // The centre weight is 1 even when ℓ² underflows to 0 (0/0 would be NaN).
        let raw = (-radius...radius).map { $0 == 0 ? 1 : exp(-0.5 * Double($0 * $0) / (correlationLength * correlationLength)) }
        let total = raw.reduce(0, +)
        self.size = size
        self.correlationLength = correlationLength
        weights = raw.map { $0 / total }
    }

    /// One standardized field.
    public func sample(rng: inout Xoshiro256, sampler: NormalSampler) throws -> Image {
        let d = size
        let noise = (0..<(d * d)).map { _ in sampler.next(using: &rng) }
        return try Image(size: d, channels: 1, pixels: try blur(noise)).standardized()
    }

    /// A pair (x, y) = standardized(z₁, ρ z₁ + √(1 − ρ²) z₂) of independent blurred fields z₁, z₂:
    /// correlated smooth images whose cosine is close to ρ.
    public func samplePair(correlation rho: Double, rng: inout Xoshiro256,
                           sampler: NormalSampler) throws -> (x: Image, y: Image) {
        try Require.within(rho, -1...1, "correlation", in: "SmoothGaussianField.samplePair")
        let d = size
        let z1 = try blur((0..<(d * d)).map { _ in sampler.next(using: &rng) })
        let z2 = try blur((0..<(d * d)).map { _ in sampler.next(using: &rng) })
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        return (try Image(size: d, channels: 1, pixels: z1).standardized(),
                try Image(size: d, channels: 1, pixels: zip(z1, z2).map { rho * $0 + s * $1 }).standardized())
    }

    /// Separable cyclic blur of a d×d array (row-major): the field before standardization is the blur of white
    /// noise, so the blur of a unit impulse is its kernel. Each output is Σ_t w_t x_{(· + t − radius) mod d},
    /// summed over t in increasing order (rows first, then columns). Throws `ParameterError` for another length
    /// than d².
    public func blur(_ values: [Double]) throws -> [Double] {
        let d = size, radius = (weights.count - 1) / 2
        try Require.that(values.count == d * d, "values", value: "\(values.count) entries", requirement: "d² = \(d * d) entries",
                         in: "SmoothGaussianField.blur")
        let rows = blurRows(values)
        return [Double](unsafeUninitializedCapacity: d * d) { out, count in
            out.initialize(repeating: 0)
            weights.withUnsafeBufferPointer { w in
                rows.withUnsafeBufferPointer { rows in
                    for u in 0..<d {
                        let target = out.baseAddress! + u * d
                        for t in 0..<w.count {
                            let source = rows.baseAddress! + ((u + t - radius) % d + d) % d * d
                            let weight = w[t]
                            for v in 0..<d { target[v] += weight * source[v] }
                        }
                    }
                }
            }
            count = d * d
        }
    }

    /// The row pass of `blur`: each row convolved cyclically with the weights, reading a copy of the row
    /// extended by `radius` entries on each side.
    private func blurRows(_ values: [Double]) -> [Double] {
        let d = size, radius = (weights.count - 1) / 2
        var extended = [Double](repeating: 0, count: d + 2 * radius)
        return [Double](unsafeUninitializedCapacity: d * d) { rows, count in
            weights.withUnsafeBufferPointer { w in
                values.withUnsafeBufferPointer { values in
                    extended.withUnsafeMutableBufferPointer { extended in
                        for u in 0..<d {
                            let row = values.baseAddress! + u * d
                            for e in 0..<(d + 2 * radius) { extended[e] = row[((e - radius) % d + d) % d] }
                            for v in 0..<d {
                                var s = 0.0
                                for t in 0..<w.count { s += w[t] * extended[v + t] }
                                rows[u * d + v] = s
                            }
                        }
                    }
                }
            }
            count = d * d
        }
    }
}
