import Foundation

/// Standard normal variates by the ziggurat method of Marsaglia & Tsang
/// (2000, J. Stat. Softw. 5(8)) with 256 layers, in the symmetric form used by
/// Doornik's ZIGNOR: one 64-bit draw gives the layer (low 8 bits) and a signed
/// uniform (top 53 bits); about 99% of draws return after one comparison.
///
/// The sampler holds plain pointers to the shared immutable tables, so copying
/// it or calling it in a hot loop costs no reference counting.
public struct NormalSampler: @unchecked Sendable {
    @usableFromInline let x: UnsafePointer<Double>
    @usableFromInline let f: UnsafePointer<Double>

    /// A sampler over the shared ziggurat tables (built once per process; creating a sampler is free).
    public init() {
        x = UnsafePointer(ZigguratTable.shared.x)
        f = UnsafePointer(ZigguratTable.shared.f)
    }

    /// One N(0, 1) variate. The common case (the candidate falls inside its
    /// layer's rectangle, about 99% of draws) is inlined; the rest is not.
    @inlinable @inline(__always)
    public func next(using rng: inout Xoshiro256) -> Double {
        let bits = rng.next()
        let layer = Int(truncatingIfNeeded: bits & 0xFF)
        let candidate = (Double(Int64(bitPattern: bits >> 11)) * 0x1.0p-52 - 1.0) * x[layer]
        if abs(candidate) < x[layer + 1] { return candidate }
        let (value, state) = edge(candidate, layer: layer, from: rng)
        rng = state
        return value
    }

    /// The base layer's tail, or the wedge test between two layers; on
    /// rejection, fresh draws until one is accepted. Takes and returns the
    /// generator by value: a caller's generator whose address never escapes
    /// stays in registers through its hot loop.
    @usableFromInline @inline(never)
    func edge(_ candidate: Double, layer: Int, from generator: Xoshiro256) -> (Double, Xoshiro256) {
        var rng = generator, candidate = candidate, layer = layer
        while true {
            if layer == 0 {
                let value = NormalSampler.tail(negative: candidate < 0, r: x[1], using: &rng)
                return (value, rng)
            }
            if f[layer + 1] + (f[layer] - f[layer + 1]) * rng.nextUniform() < Foundation.exp(-0.5 * candidate * candidate) {
                return (candidate, rng)
            }
            let bits = rng.next()
            layer = Int(truncatingIfNeeded: bits & 0xFF)
            candidate = (Double(Int64(bitPattern: bits >> 11)) * 0x1.0p-52 - 1.0) * x[layer]
            if abs(candidate) < x[layer + 1] { return (candidate, rng) }
        }
    }

    /// Fills `buffer` with independent N(0, 1) variates.
    @inlinable
    public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, using rng: inout Xoshiro256) {
        for i in buffer.indices { buffer[i] = next(using: &rng) }
    }

    /// Marsaglia's exact sampler for the tail beyond r.
    @usableFromInline
    static func tail(negative: Bool, r: Double, using rng: inout Xoshiro256) -> Double {
        while true {
            let x = Foundation.log(openUniform(&rng)) / r
            let y = Foundation.log(openUniform(&rng))
            if -2 * y >= x * x { return negative ? x - r : r - x }
        }
    }

    /// Uniform on the open interval (0, 1).
    @usableFromInline
    static func openUniform(_ rng: inout Xoshiro256) -> Double {
        (Double(Int64(bitPattern: rng.next() >> 11)) + 0.5) * 0x1.0p-53
    }
}

/// The 257 layer edges x_i and densities f(x_i) = exp(-x_i^2/2) of the
/// 256-layer ziggurat, computed once from r and the common layer area v by
/// Marsaglia & Tsang's recurrence x_{i+1} = f^{-1}(v / x_i + f(x_i)).
/// Immutable after construction and never freed (process lifetime).
public final class ZigguratTable: @unchecked Sendable {
    /// The right edge of the base layer.
    public static let r = 3.6541528853610088
    /// The area of each layer (unnormalized density exp(-x^2/2)).
    public static let v = 0.00492867323399

    /// The process-wide tables every `NormalSampler` reads.
    public static let shared = ZigguratTable()

    /// The 257 layer edges x_0 ... x_256 (x_1 = `r`, x_256 = 0; x_0 = v / f(r) is the base layer's pseudo-width).
    public let x: UnsafeMutablePointer<Double>
    /// The unnormalized densities f(x_i) = exp(-x_i²/2) at the 257 layer edges.
    public let f: UnsafeMutablePointer<Double>
    /// |x_255 (1 - f(x_255)) - v| / v: how far the top layer's area is from
    /// the common area v; tiny when r and v are consistent (checked by the tests).
    public let topLayerAreaMismatch: Double

    private init() {
        x = .allocate(capacity: 257)
        f = .allocate(capacity: 257)
        let r = ZigguratTable.r, v = ZigguratTable.v
        func density(_ t: Double) -> Double { Foundation.exp(-0.5 * t * t) }
        x[0] = v / density(r)
        x[1] = r
        for i in 1..<256 {
            let level = v / x[i] + density(x[i])
            x[i + 1] = level >= 1 ? 0 : (-2 * Foundation.log(level)).squareRoot()
        }
        x[256] = 0
        topLayerAreaMismatch = abs(x[255] * (1 - density(x[255])) - v) / v
        for i in 0...256 { f[i] = density(x[i]) }
    }
}
