import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-PROP-RHAT: the properties of R̂ the proof of Theorem 3 uses (App. E).
    static let propertiesOfRHat = Claim(
        id: "NACHUM-PROP-RHAT", paper: Papers.nachum, location: "App. E, (24b) and the upper-bound argument",
        statement: """
        a ≤ (√(1 − a²) + (π − cos⁻¹(a))a)/π for all |a| ≤ 1 (24b); R̂(1) = 1, R̂(−1) = 0 and R̂ is convex on \
        [−1, 1], so by Jensen R̂(ρ) ≤ (1 + ρ)/2; with R̂ ≥ 0 this gives max(ρ, 0) ≤ R̂(ρ).
        """,
        assumptions: ["ρ ∈ [−1, 1]; R̂ as in Definition 1"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let gridSize = ctx.scope(quick: 20_001, full: 200_001)
        let grid = RhoGrid.evenly(gridSize, from: -1, to: 1)
        let values = try grid.map(ReLUDualActivation.value)

        // (24b) on a dense grid, evaluated directly (no identity used): the smallest R̂(a) − a away from a = 1.
        let interior = zip(grid, values).filter { $0.0 <= 1 - 1e-6 }
        let smallestGap = interior.map { $0.1 - $0.0 }.min() ?? .nan
        ctx.bound("min R̂(a) − a over \(interior.count) grid points in [−1, 1 − 1e-6]", route: .closedForm,
                  value: smallestGap, region: .atLeast(Double.leastNonzeroMagnitude), samples: interior.count)

        // End values, by closed form and by quadrature.
        for (rho, expected) in [(1.0, 1.0), (-1.0, 0.0)] {
            let integral = try GaussianCovariance.reluOneDimensional(rho: rho)
            ctx.compare("R̂(\(rho)) = \(expected), closed form", route: .closedForm,
                        value: try ReLUDualActivation.value(rho), reference: expected, referenceRoute: .closedForm,
                        resolution: 1e-13)
            ctx.compare("R̂(\(rho)) = \(expected), 2E[R(X)R(Y)] by QUADPACK", route: .quadrature,
                        value: 2 * integral.value, error: 2 * integral.absoluteError, reference: expected,
                        referenceRoute: .closedForm, resolution: 1e-9)
        }

        // Convexity: second differences on the grid, and R̂'' = 1/(π√(1−ρ²)) against a central difference.
        let h = grid[1] - grid[0]
        var smallestSecondDifference = Double.infinity
        for i in 1..<(grid.count - 1) {
            smallestSecondDifference = min(smallestSecondDifference, values[i - 1] - 2 * values[i] + values[i + 1])
        }
        ctx.bound("min second difference of R̂ on the grid (convexity)", route: .closedForm,
                  value: smallestSecondDifference, error: 4 * Double.ulpOfOne, region: .atLeast(0), samples: grid.count)
        for rho in [-0.9, -0.5, 0, 0.5, 0.9] {
            let step = 1e-4
            let central = (try ReLUDualActivation.value(rho - step) - 2 * ReLUDualActivation.value(rho)
                + ReLUDualActivation.value(rho + step)) / (step * step)
            // Error: rounding of the three values plus the truncation h² R''''/12, R'''' = (1 + 2ρ²)/(π(1 − ρ²)^{5/2}).
            let truncation = step * step * (1 + 2 * rho * rho) / (12 * Double.pi * pow(1 - rho * rho, 2.5))
            ctx.compare("R̂''(\(rho)) = 1/(π√(1−ρ²)) vs central difference", route: .closedForm, value: central,
                        error: 8 * Double.ulpOfOne / (step * step) + truncation,
                        reference: try ReLUDualActivation.secondDerivative(rho), referenceRoute: .closedForm,
                        resolution: 1e-5)
        }

        // The derivative by Stein's lemma: R̂'(ρ) = 2 P(X > 0, Y > 0) (Sheppard), by exact binomial intervals.
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let sampler = NormalSampler()
        for rho in [-0.5, 0.0, 0.5] {
            let s = ((1 - rho) * (1 + rho)).squareRoot()
            try ctx.estimateProportion(
                "R̂'(\(rho))/2 = (π − cos⁻¹ρ)/(2π) = P(X > 0, Y > 0)",
                region: .equal(try ReLUDualActivation.derivative(rho) / 2), resolution: 2e-3, alpha: alpha
            ) { rng, count in
                var hits = 0
                for _ in 0..<count {
                    let x = sampler.next(using: &rng)
                    let y = rho * x + s * sampler.next(using: &rng)
                    if x > 0 && y > 0 { hits += 1 }
                }
                return hits
            }
        }

        // Jensen's chord (1 + ρ)/2 ≥ R̂(ρ) and R̂(ρ) ≥ max(ρ, 0), with their largest gaps located by
        // Brent's method on R̂'(ρ) = 1/2 (both at ρ = 0: 1/2 − 1/π and 1/π).
        let chordGap = zip(grid, values).map { (1 + $0.0) / 2 - $0.1 }.min() ?? .nan
        ctx.bound("min (1 + ρ)/2 − R̂(ρ) on the grid (0 at ρ = ±1)", route: .closedForm, value: chordGap,
                  error: 4 * Double.ulpOfOne, region: .atLeast(0), resolution: 1e-13, samples: grid.count)
        let floorGap = zip(grid, values).map { $0.1 - max($0.0, 0) }.min() ?? .nan
        ctx.bound("min R̂(ρ) − max(ρ, 0) on the grid (0 at ρ = ±1)", route: .closedForm, value: floorGap,
                  error: 4 * Double.ulpOfOne, region: .atLeast(0), resolution: 1e-13, samples: grid.count)
        let peak = try RootFinding.brent({ try ReLUDualActivation.derivative($0) - 0.5 }, lower: -0.9, upper: 0.9,
                                         absoluteTolerance: 1e-15)
        ctx.compare("argmax of (1 + ρ)/2 − R̂(ρ) by Brent on R̂' = 1/2", route: .rootFinding, value: peak.value,
                    error: peak.upper - peak.lower, reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
        ctx.compare("max of (1 + ρ)/2 − R̂(ρ) = 1/2 − 1/π", route: .rootFinding,
                    value: (1 + peak.value) / 2 - (try ReLUDualActivation.value(peak.value)),
                    reference: 0.5 - 1 / Double.pi, referenceRoute: .closedForm, resolution: 1e-12)
    }
}
