import Foundation
import Randomness

/// A crop of a power series g(x) = Σ c_k x^k with non-negative coefficients to [a, b] × [g(a), g(b)], recentred
/// (Property 6 of the layer-norm paper's App. A.3, (A.16)–(A.17)), and both sides of Property 6's inequality.
public struct PowerSeriesCrop: Sendable {
    /// c_0, c_1, …
    public let coefficients: [Double]
    /// The left end of the crop.
    public let a: Double
    /// The right end of the crop.
    public let b: Double

    /// The crop of Σ `coefficients`[k] x^k to [a, b].
    public init(coefficients: [Double], a: Double, b: Double) {
        self.coefficients = coefficients
        self.a = a
        self.b = b
    }

    /// g(x), by Horner's rule.
    public func g(_ x: Double) -> Double { coefficients.reversed().reduce(0) { $0 * x + $1 } }
    /// g̃(s) = (g(a + (b − a)s) − g(a))/(g(b) − g(a)).
    public var cropped: ConvexTestFunction {
        let (lower, upper, ga, gb) = (a, b, g(a), g(b))
        let series = self
        return ConvexTestFunction("crop to [\(a), \(b)]", slopeAtOne: .nan) { s in
            (series.g(lower + (upper - lower) * s) - ga) / (gb - ga)
        }
    }
    /// (b − a)²/(g(b) − g(a)) Σ_{k≥2} c_k b^{k−2}.
    public var rightSide: Double {
        let tail = coefficients.indices.dropFirst(2).reduce(0.0) { $0 + coefficients[$1] * pow(b, Double($1 - 2)) }
        return (b - a) * (b - a) / (g(b) - g(a)) * tail
    }
    /// e(2 + e)/(1 + e) and its error, with e = e(g̃) by Brent's method.
    public func leftSide() throws -> (value: Double, error: Double, excess: ExcessConvexity.Value) {
        let e = try cropped.excess()
        return (e.value * (2 + e.value) / (1 + e.value), 2 * e.error, e)
    }

    /// Random crops of the catalog's family F2: a power series with c_k ≥ 0 (c_0 allowed), cropped to [a, b] with
    /// a drawn in `lower` and b − a > `minimumWidth`.
    public static func random(_ rng: inout Xoshiro256, count: Int, lower: ClosedRange<Double>,
                              minimumWidth: Double = 1e-3) -> [PowerSeriesCrop] {
        var crops: [PowerSeriesCrop] = []
        while crops.count < count {
            let degree = 2 + Int(rng.nextUniform() * 6)
            let c = (0...degree).map { _ in rng.nextUniform() < 0.7 ? -log(1 - rng.nextUniform()) : 0 }
            let a = lower.lowerBound + (lower.upperBound - lower.lowerBound) * rng.nextUniform()
            let b = a + (1 - a) * rng.nextUniform()
            guard b - a > minimumWidth, c.dropFirst(2).contains(where: { $0 > 0 }) else { continue }
            crops.append(PowerSeriesCrop(coefficients: c, a: a, b: b))
        }
        return crops
    }
}
