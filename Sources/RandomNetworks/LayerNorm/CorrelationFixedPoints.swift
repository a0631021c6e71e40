import Foundation
import GSL

/// Fixed points of a correlation map P (Observation 1 of the layer-norm paper and its phases, §2.2): the
/// fixed point in [0, 1) of a chaotic map by root finding, and the limit of iterating a contraction.
public enum CorrelationFixedPoints {
    /// The fixed point of P in [0, 1) when P'(1) > 1, by Brent's method on P(ρ) − ρ over [0, 1 − 10⁻⁹]
    /// (0 itself when P(0) = 0: odd φ without bias).
    public static func chaotic(_ map: any CorrelationMap) throws -> (value: Double, error: Double) {
        if try map(0) == 0 { return (0, 0) }
        let root = try RootFinding.brent({ try map($0) - $0 }, lower: 0, upper: 1 - 1e-9, relativeTolerance: 1e-15)
        return (root.value, root.upper - root.lower)
    }

    /// P^n(ρ_0) with an error bound on its distance to the limit: for a contraction of rate q = P'(ρ*) < 1 near
    /// the fixed point, |P^n − ρ*| ≤ |P^n − P^{n−1}| q/(1 − q), plus rounding.
    public static func iterate(_ map: any CorrelationMap, from start: Double, steps: Int) throws -> (value: Double, error: Double) {
        var previous = start, rho = start
        for _ in 0..<steps { previous = rho; rho = try map(rho) }
        let q = try map.derivative(rho)
        return (rho, abs(rho - previous) * q / (1 - q) + 4 * Double.ulpOfOne)
    }
}
