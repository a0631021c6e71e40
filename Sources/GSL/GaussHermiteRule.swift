import CGSL
import Foundation

/// A fixed Gauss–Hermite rule for expectations under the standard normal,
/// built by GSL's `gsl_integration_fixed_hermite` with weight exp(-x^2/2).
///
/// The weights are divided by sqrt(2π), so `expectation(f)` ≈ E f(X) for
/// X ~ N(0, 1); the rule is exact for polynomials of degree up to 2n - 1.
/// It converges slowly for kinked integrands (ReLU): use QUADPACK there.
public struct GaussHermiteRule: Sendable, Equatable {
    /// The n nodes x_i: the roots of the probabilists' Hermite polynomial He_n.
    public let nodes: [Double]
    /// Weights summing to 1.
    public let weights: [Double]

    /// A rule with `points` nodes (1 ... 1000).
    public init(points: Int) throws {
        try Require.atLeast(points, 1, "points", in: "GaussHermiteRule")
        try Require.atMost(points, 1000, "points", in: "GaussHermiteRule")
        let workspace = try GSLCall.pointer("gsl_integration_fixed_alloc") {
            gsl_integration_fixed_alloc(cgsl_fixed_hermite(), points, 0.0, 0.5, 0.0, 0.0)
        }
        defer { gsl_integration_fixed_free(workspace) }
        let n = gsl_integration_fixed_n(workspace)
        let normalization = (2 * Double.pi).squareRoot()
        nodes = Array(UnsafeBufferPointer(start: gsl_integration_fixed_nodes(workspace), count: n))
        weights = UnsafeBufferPointer(start: gsl_integration_fixed_weights(workspace), count: n).map { $0 / normalization }
    }

    /// Σ w_i f(x_i) ≈ E f(X), X ~ N(0, 1).
    public func expectation(_ f: (Double) throws -> Double) rethrows -> Double {
        var sum = 0.0
        for (x, w) in zip(nodes, weights) { sum += w * (try f(x)) }
        return sum
    }

    /// The tensor-product rule for E[f(X) g(Y)] with (X, Y) standard bivariate
    /// normal of correlation rho, writing Y = rho X + sqrt(1 - rho^2) Z.
    public func correlatedExpectation(rho: Double, _ f: (Double) throws -> Double,
                                      _ g: (Double) throws -> Double) throws -> Double {
        try Require.within(rho, -1...1, "rho", in: "GaussHermiteRule.correlatedExpectation")
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        var sum = 0.0
        for (x, wx) in zip(nodes, weights) {
            let fx = try f(x)
            guard fx != 0 else { continue }
            var inner = 0.0
            for (z, wz) in zip(nodes, weights) { inner += wz * (try g(rho * x + s * z)) }
            sum += wx * fx * inner
        }
        return sum
    }
}
