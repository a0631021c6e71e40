import Foundation
import GSL
import Randomness

/// A member g of the class of the layer-norm paper's App. A.3 (non-decreasing, convex, continuous, g(0) = 0, g(1) = 1) with
/// what the property tests need: g itself, its complement form 1 − g(1 − s) where that is more
/// accurate, its (left) derivative at 1, and e(g) in closed form where known.
public struct ConvexTestFunction: Sendable {
    /// A description of the member (family and parameters).
    public let name: String
    /// g(t).
    public let value: @Sendable (Double) throws -> Double
    /// 1 − g(1 − s), computed directly where that is more accurate.
    public let complement: @Sendable (Double) throws -> Double
    /// g'(1⁻), the left derivative at 1.
    public let slopeAtOne: Double
    /// e(g) in closed form, for the families where it is known (hinges, quadratics).
    public let closedFormExcess: Double?

    /// A member named `name` with g = `value`; `complement` defaults to 1 − value(1 − s).
    public init(_ name: String, slopeAtOne: Double, closedFormExcess: Double? = nil,
                value: @escaping @Sendable (Double) throws -> Double,
                complement: (@Sendable (Double) throws -> Double)? = nil) {
        self.name = name
        self.value = value
        self.complement = complement ?? { s in 1 - (try value(1 - s)) }
        self.slopeAtOne = slopeAtOne
        self.closedFormExcess = closedFormExcess
    }

    /// g(t).
    public func callAsFunction(_ t: Double) throws -> Double { try value(t) }

    /// e(g) by Brent's method on the complement form.
    public func excess() throws -> ExcessConvexity.Value { try ExcessConvexity.ofComplement(complement) }
}

/// The test functions of the catalog's M-FAMILIES for the excess convexity e(g) of App. A.3: random members
/// drawn from a generator, and the extremal and closed-form members.
public enum ConvexFamilies {
    /// F1: g = Σ c_k x^k / Σ c_k, K ~ U{2…12}, c_k ~ Exp(1)·Bernoulli(0.6) for k ≥ 1 (c_1 = 0 with
    /// probability 0.3), c_0 = 0, at least one c_k > 0 with k ≥ 2.
    public static func powerSeries(_ rng: inout Xoshiro256) -> (coefficients: [Double], function: ConvexTestFunction) {
        let degree = 2 + Int(rng.nextUniform() * 11)
        var c = [Double](repeating: 0, count: degree + 1)
        while c.dropFirst(2).allSatisfy({ $0 == 0 }) {
            for k in 1...degree { c[k] = rng.nextUniform() < 0.6 ? -log(1 - rng.nextUniform()) : 0 }
            if rng.nextUniform() < 0.3 { c[1] = 0 }
        }
        let total = c.reduce(0, +)
        let normalized = c.map { $0 / total }
        let slope = normalized.indices.reduce(0.0) { $0 + Double($1) * normalized[$1] }
        return (normalized, ConvexTestFunction("power series \(format(normalized))", slopeAtOne: slope) { x in
            normalized.reversed().reduce(0) { $0 * x + $1 }
        })
    }

    /// F4: the hinge g_c(x) = max(0, (x − c)/(1 − c)), extremal for Properties 1, 3, 4: e = c/(1 − c),
    /// sup|g − id| = c, g'(1⁻) = 1/(1 − c).
    public static func hinge(_ c: Double) -> ConvexTestFunction {
        ConvexTestFunction("hinge c = \(c)", slopeAtOne: 1 / (1 - c), closedFormExcess: c / (1 - c),
                           value: { x in max(0, (x - c) / (1 - c)) }, complement: { s in min(1, s / (1 - c)) })
    }

    /// F5: x^n (e(x²) = (√5 − 1)/2).
    public static func monomial(_ n: Int) -> ConvexTestFunction {
        ConvexTestFunction("x^\(n)", slopeAtOne: Double(n),
                           closedFormExcess: n == 2 ? try? ExcessConvexity.ofQuadratic(curvature: 1) : nil,
                           value: { x in pow(x, Double(n)) }, complement: { s in -expm1(Double(n) * log1p(-s)) })
    }

    /// The quadratic (1 − Q) x + Q x², with e in closed form.
    public static func quadratic(_ q: Double) throws -> ConvexTestFunction {
        ConvexTestFunction("(1 − \(q)) x + \(q) x²", slopeAtOne: 1 + q,
                           closedFormExcess: try ExcessConvexity.ofQuadratic(curvature: q)) { x in (1 - q) * x + q * x * x }
    }

    /// F6: (e^{λx} − 1)/(e^λ − 1).
    public static func exponential(_ lambda: Double) -> ConvexTestFunction {
        ConvexTestFunction("exponential λ = \(lambda)", slopeAtOne: lambda * exp(lambda) / expm1(lambda)) { x in
            expm1(lambda * x) / expm1(lambda)
        }
    }

    /// F7: a convex piecewise-linear function with `pieces` equal pieces and increasing random slopes
    /// (left derivative at 1 = the last slope).
    public static func piecewiseLinear(_ rng: inout Xoshiro256, pieces: Int) -> ConvexTestFunction {
        var slopes = (0..<pieces).map { _ in rng.nextUniform() }.sorted()
        let total = slopes.reduce(0, +) / Double(pieces)
        slopes = slopes.map { $0 / total }
        let knots = slopes.reduce(into: [0.0]) { $0.append($0.last! + $1 / Double(pieces)) }
        let frozen = slopes
        return ConvexTestFunction("piecewise linear, \(pieces) pieces", slopeAtOne: slopes.last!) { x in
            let i = min(Int(x * Double(pieces)), pieces - 1)
            return knots[i] + frozen[i] * (x - Double(i) / Double(pieces))
        }
    }

    /// F3: the crop of a Gaussian covariance to [r, 1] (Property 7),
    /// g̃(t) = (k(r + (1 − r)t) − k(r))/(k(1) − k(r)), in complement form gap((1 − r)s)/gap(1 − r).
    public static func croppedCovariance(_ kernel: any GaussianKernel, r: Double) throws -> ConvexTestFunction {
        let total = try kernel.covarianceGap(1 - r)
        let slope = (1 - r) * kernel.derivativeNormSquared / total
        // Inputs composed from another member may overshoot [0, 1] by an ulp: the crop is evaluated at the nearest end.
        return ConvexTestFunction("crop of 𝔆[\(kernel)|·] to [\(r), 1]", slopeAtOne: slope,
                                  value: { t in 1 - (try kernel.covarianceGap((1 - r) * min(1, max(0, 1 - t)))) / total },
                                  complement: { s in try kernel.covarianceGap((1 - r) * min(1, max(0, s))) / total })
    }

    /// F8: p·id + q·g (p + q = 1).
    public static func mixture(_ g: ConvexTestFunction, p: Double) -> ConvexTestFunction {
        ConvexTestFunction("\(p)·id + \(1 - p)·(\(g.name))", slopeAtOne: p + (1 - p) * g.slopeAtOne,
                           value: { x in p * x + (1 - p) * (try g(x)) },
                           complement: { s in p * s + (1 - p) * (try g.complement(s)) })
    }

    /// F8: g2 ∘ g1.
    public static func composition(_ g2: ConvexTestFunction, _ g1: ConvexTestFunction) -> ConvexTestFunction {
        ConvexTestFunction("(\(g2.name)) ∘ (\(g1.name))", slopeAtOne: g2.slopeAtOne * g1.slopeAtOne,
                           value: { x in try g2(try g1(x)) },
                           complement: { s in try g2.complement(try g1.complement(s)) })
    }

    /// A random kernel for F3: an activation with a closed-form kernel, or a random Hermite polynomial.
    public static func randomKernel(_ rng: inout Xoshiro256) throws -> any GaussianKernel {
        let pick = Int(rng.nextUniform() * 5)
        switch pick {
        case 0: return try ActivationKernel(.leakyReLU(slope: -1 + 2 * rng.nextUniform()))
        case 1: return try ActivationKernel(.erf(scale: 0.2 + 4.8 * rng.nextUniform()))
        case 2: return try ActivationKernel(.relu)
        case 3: return try ActivationKernel(.absolute)
        default:
            let degree = 2 + Int(rng.nextUniform() * 6)
            return try HermitePolynomial(coefficients: (0...degree).map { _ in 2 * rng.nextUniform() - 1 })
        }
    }

    /// A mixed sample of the families F1, F3–F8 (`count` members, deterministic in the stream).
    public static func sample(_ rng: inout Xoshiro256, count: Int) throws -> [ConvexTestFunction] {
        var members: [ConvexTestFunction] = []
        while members.count < count {
            switch members.count % 8 {
            case 0, 1: members.append(powerSeries(&rng).function)
            case 2: members.append(hinge(0.99 * rng.nextUniform()))
            case 3: members.append(try croppedCovariance(try randomKernel(&rng), r: 0.99 * rng.nextUniform()))
            case 4: members.append(exponential(0.1 + 20 * rng.nextUniform()))
            case 5: members.append(piecewiseLinear(&rng, pieces: 2 + Int(rng.nextUniform() * 6)))
            case 6: members.append(mixture(powerSeries(&rng).function, p: rng.nextUniform()))
            default: members.append(composition(powerSeries(&rng).function, hinge(0.9 * rng.nextUniform())))
            }
        }
        return members
    }

    /// The values to three significant digits, "(a, b, …)".
    public static func format(_ values: [Double]) -> String {
        "(" + values.map { String(format: "%.3g", $0) }.joined(separator: ", ") + ")"
    }
}
