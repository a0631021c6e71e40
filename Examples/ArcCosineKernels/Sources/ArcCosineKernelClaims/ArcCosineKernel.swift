import ClaimKit
import Foundation

/// The arc-cosine kernels of Cho & Saul (2009), §2, in closed form.
///
/// k_n(x, y) = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ), θ the angle between x and y, with
/// J_0(θ) = π − θ, J_1(θ) = sin θ + (π − θ) cos θ and
/// J_2(θ) = 3 sin θ cos θ + (π − θ)(1 + 2 cos² θ).
public enum ArcCosineKernel {
    /// The degrees whose angular dependence the paper prints in closed form.
    public static let printedDegrees = 0...2

    /// J_n(θ) for n = 0, 1, 2 as printed in §2. Throws for another degree or θ outside [0, π].
    public static func angularPart(_ n: Int, _ theta: Double) throws -> Double {
        try Require.within(theta, 0...Double.pi, "theta", in: "ArcCosineKernel.angularPart")
        let s = sin(theta), c = cos(theta), rest = Double.pi - theta
        switch n {
        case 0: return rest
        case 1: return s + rest * c
        case 2: return 3 * s * c + rest * (1 + 2 * c * c)
        default:
            throw ParameterError("ArcCosineKernel.angularPart", parameter: "n", value: "\(n)",
                                 requirement: "a degree with a printed closed form (0, 1 or 2)")
        }
    }

    /// A bound on the rounding error of `angularPart(n, θ)`: a few units in the last place of each term.
    public static func angularPartRoundingError(_ n: Int, _ theta: Double) -> Double {
        let s = abs(sin(theta)), c = abs(cos(theta)), rest = abs(Double.pi - theta)
        let terms: Double = switch n {
        case 0: rest + Double.pi
        case 1: s + rest * c + Double.pi
        default: 3 * s * c + rest * (1 + 2 * c * c) + 3 * Double.pi
        }
        return 8 * Double.ulpOfOne * terms
    }

    /// The angle map of the multilayer recursion (§2): the angle θ′ between the features of one more layer of
    /// degree n, cos θ′ = J_n(θ)/J_n(0), computed as 2 asin √((J_n(0) − J_n(θ)) / (2 J_n(0))) so that small
    /// angles keep their digits (for n = 0, J_0(0) − J_0(θ) = θ exactly).
    public static func angleMap(_ n: Int, _ theta: Double) throws -> Double {
        let atZero = try angularPart(n, 0)
        let drop = n == 0 ? theta : atZero - (try angularPart(n, theta))
        return 2 * asin(min(1, max(0, drop / (2 * atZero)).squareRoot()))
    }

    /// The angle between x and y, computed stably as 2 atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖)
    /// (the arc cosine of the cosine loses half the digits near 0 and π).
    public static func angle(_ x: [Double], _ y: [Double]) throws -> Double {
        try Require.that(x.count == y.count && !x.isEmpty, "y", value: "\(y.count) entries",
                         requirement: "as many entries as x (\(x.count)), at least one", in: "ArcCosineKernel.angle")
        let nx = norm(x), ny = norm(y)
        try Require.positive(nx, "‖x‖", in: "ArcCosineKernel.angle")
        try Require.positive(ny, "‖y‖", in: "ArcCosineKernel.angle")
        var minus = 0.0, plus = 0.0
        for (a, b) in zip(x, y) {
            let u = a / nx, v = b / ny
            minus += (u - v) * (u - v)
            plus += (u + v) * (u + v)
        }
        return 2 * atan2(minus.squareRoot(), plus.squareRoot())
    }

    /// k_n(x, y) = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ) (§2), for n = 0, 1, 2.
    public static func kernel(_ n: Int, _ x: [Double], _ y: [Double]) throws -> Double {
        let theta = try angle(x, y)
        return pow(norm(x) * norm(y), Double(n)) * (try angularPart(n, theta)) / Double.pi
    }

    /// k_n from the norms and the angle.
    public static func kernel(_ n: Int, norms: (Double, Double), angle theta: Double) throws -> Double {
        pow(norms.0 * norms.1, Double(n)) * (try angularPart(n, theta)) / Double.pi
    }

    /// The threshold activation of degree n: g_n(z) = Θ(z) zⁿ (step, ramp, quarter-pipe for n = 0, 1, 2).
    @inlinable
    public static func activation(_ n: Int, _ z: Double) -> Double {
        guard z > 0 else { return 0 }
        switch n {
        case 0: return 1
        case 1: return z
        case 2: return z * z
        default: return pow(z, Double(n))
        }
    }

    /// The Euclidean norm.
    public static func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// (2n − 1)!! (1 for n = 0).
    public static func doubleFactorial(oddBelow n: Int) -> Double {
        var product = 1.0
        var k = 2 * n - 1
        while k > 1 {
            product *= Double(k)
            k -= 2
        }
        return product
    }
}

/// The kernel of a multilayer threshold network (§2, multilayer networks): the
/// recursion k^(ℓ+1)(x, y) = (1/π) [k^(ℓ)(x, x) k^(ℓ)(y, y)]^{n/2} J_n(θ^(ℓ)),
/// θ^(ℓ) = arccos(k^(ℓ)(x, y) / √(k^(ℓ)(x, x) k^(ℓ)(y, y))), from k^(0)(x, y) = x·y.
public struct MultilayerGram: Sendable, Equatable {
    /// k^(ℓ)(x, x), k^(ℓ)(x, y), k^(ℓ)(y, y).
    public var xx: Double
    public var xy: Double
    public var yy: Double

    public init(xx: Double, xy: Double, yy: Double) {
        self.xx = xx
        self.xy = xy
        self.yy = yy
    }

    /// The linear kernel (ℓ = 0) of inputs with these norms at this angle.
    public init(norms: (Double, Double), angle theta: Double) {
        self.init(xx: norms.0 * norms.0, xy: norms.0 * norms.1 * cos(theta), yy: norms.1 * norms.1)
    }

    /// The angle θ^(ℓ) between the two feature vectors.
    public var angle: Double {
        let cosine = xy / (xx * yy).squareRoot()
        return acos(min(1, max(-1, cosine)))
    }

    /// One more layer of degree n.
    public func next(_ n: Int) throws -> MultilayerGram {
        let a = ArcCosineKernel.doubleFactorial(oddBelow: n) // J_n(0) / π
        return MultilayerGram(xx: a * pow(xx, Double(n)),
                              xy: pow(xx * yy, Double(n) / 2) * (try ArcCosineKernel.angularPart(n, angle)) / Double.pi,
                              yy: a * pow(yy, Double(n)))
    }

    /// After `layers` layers of degree n.
    public func after(_ layers: Int, degree n: Int) throws -> MultilayerGram {
        var gram = self
        for _ in 0..<layers { gram = try gram.next(n) }
        return gram
    }
}
