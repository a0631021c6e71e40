import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let monotoneConvexMap = Claim(
        id: "LN-OBS1-MONO-CONVEX", paper: Papers.layernorm, location: "§2.2, Observation 1",
        statement: "From (2.4), P is a power series with non-negative coefficients. Therefore it is non-decreasing and convex on [0, 1].",
        assumptions: [
            "P(1) = 1 by construction; nothing is claimed on [−1, 0] (where LReLU_a with a < 0 has P'(−1) < 0)",
            "random maps: φ from {ReLU, LReLU_0.3, LReLU_−0.5, erf(0.5x), erf, erf(3x), |x|} (+ tanh by QUADPACK at the standard budget), σ_w² ~ U[0.2, 3], σ_b² ~ U[0, 1]²",
            "two routes: P' = σ_w² 𝔆[φ'|ρ]/(σ_b² + σ_w²‖φ‖²) in closed form, and first/second differences of P on a 401-point grid",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("maps").generator()
        var maps = try (0..<ctx.scope(quick: 60, full: 300)).map { _ in try InfiniteWidthNetworks.randomLayer(&rng) }
        if ctx.budget != .quick { maps.append(try LayerNormCorrelationMap(.tanh, weightVariance: 1.3, biasVariance: 0.2)) }
        var slope = WorstCase(.atLeast), step = WorstCase(.atLeast), curvature = WorstCase(.atLeast)
        var slopeStep = WorstCase(.atLeast), atOne = WorstCase(.atMost)
        for map in maps {
            let points = map.kernel.absoluteError > 0 ? 41 : 401
            let grid = (0..<points).map { Double($0) / Double(points - 1) }
            let values: [Double] = try grid.map { try map($0) }
            let slopes: [Double] = try grid.map { try map.derivative($0) }
            let rounding = 16 * Double.ulpOfOne + 10 * map.kernel.absoluteError
            let label = map.description
            slope.add(slopes.min()!, error: rounding, label)
            step.add(zip(values, values.dropFirst()).map { $1 - $0 }.min()!, error: rounding, label)
            var second: [Double] = []
            for i in 1..<(points - 1) { second.append(values[i + 1] - 2 * values[i] + values[i - 1]) }
            curvature.add(second.min()!, error: 2 * rounding, label)
            slopeStep.add(zip(slopes, slopes.dropFirst()).map { $1 - $0 }.min()!, error: rounding, label)
            atOne.add(abs(values.last! - 1), error: rounding, label)
        }
        slope.record(ctx, "min over [0, 1] of P'(ρ) (derivative kernel)", route: .closedForm, resolution: 1e-12)
        step.record(ctx, "min first difference of P on [0, 1]", route: .enumeration, resolution: 1e-12)
        curvature.record(ctx, "min second difference of P on [0, 1]", route: .enumeration, resolution: 1e-12)
        slopeStep.record(ctx, "min first difference of P' on [0, 1] (P' non-decreasing)", route: .closedForm, resolution: 1e-12)
        atOne.record(ctx, "|P(1) − 1|", route: .closedForm, resolution: 1e-10)
    }

    static let attractingFixedPoint = Claim(
        id: "LN-OBS1-FP", paper: Papers.layernorm, location: "§2.2, Observation 1 and footnote 5",
        statement: """
        [P non-decreasing and convex on [0, 1]] implies existence and uniqueness of an attracting (stable) fixed point of P: \
        a solution of P(ρ_fp) = ρ_fp with P^n(ρ) → ρ_fp for all ρ in some neighbourhood; P'(ρ_fp) < 1 is sufficient (footnote 5).
        """,
        assumptions: [
            "as printed for every map of eq. (2.3), including the linear embedding φ = id with σ_b = 0 (P = id)",
            "corrected: P not the identity, fixed points on [0, 1]: ρ = 1 alone when P'(1) ≤ 1, and one ρ* ∈ [0, 1) with P'(ρ*) < 1 besides 1 when P'(1) > 1",
        ],
        kind: .identity,
        expectation: .erratum(printed: "every P of (2.3) has a unique attracting fixed point",
                              corrected: "every P ≠ id has a unique attracting fixed point in [0, 1] (ρ* < 1 when P'(1) > 1, else 1)")
    ) { ctx in
        let identity = try LayerNormCorrelationMap(.identity, weightVariance: 1, biasVariance: 0)
        var worst = 0.0
        for center in [0.0, 0.25, 0.5, 0.75, 1.0] {
            var rho = center == 1 ? 0.99 : center + 0.01
            for _ in 0..<1000 { rho = try identity(rho) }
            worst = max(worst, abs(rho - center) / 0.01)
        }
        ctx.bound("P = id (φ = id, σ_b = 0): |P^1000(ρ* ± 0.01) − ρ*|/0.01 over fixed points ρ* ∈ {0, ¼, ½, ¾, 1} (attracting: < 1)",
                  route: .closedForm, value: worst, error: 1e-12, region: .atMost(1 - 1e-6), resolution: 1e-9)
        // Chaotic erf: the fixed point by Brent and as the limit of the iteration.
        for ratio in [0.05, 0.01, 0] {
            let map = try LayerNormCorrelationMap(.erf(scale: 1), weightVariance: 1, biasVariance: ratio)
            let root = try CorrelationFixedPoints.chaotic(map)
            var crossings = 0
            let grid = (0...2000).map { (1 - 1e-6) * Double($0) / 2000 }
            let gaps = try grid.map { try map($0) - $0 }
            crossings = zip(gaps, gaps.dropFirst()).filter { $0 > 0 && $1 <= 0 || ($0 == 0 && $1 < 0) }.count
            ctx.compare("erf, σ_b²/σ_w² = \(ratio) (P'(1) = \(map.slopeAtOne)): sign changes of P(ρ) − ρ on [0, 1 − 10⁻⁶]",
                        subject: .corrected, route: .enumeration, value: Double(crossings), reference: 1, referenceRoute: .closedForm,
                        resolution: 0.5)
            ctx.bound("erf, σ_b²/σ_w² = \(ratio): P'(ρ*) < 1 at ρ* = \(root.value)", subject: .corrected, route: .rootFinding,
                      value: try map.derivative(root.value), error: 1e-14, region: .atMost(1 - 1e-9), resolution: 1e-12)
            for start in [0.0, 0.5, 0.9, 0.999] {
                let (rho, error) = try CorrelationFixedPoints.iterate(map, from: start, steps: 1000)
                ctx.compare("erf, σ_b²/σ_w² = \(ratio): P^1000(\(start)) vs the Brent root", subject: .corrected, route: .enumeration,
                            value: rho, error: error, reference: root.value, referenceRoute: .rootFinding,
                            referenceError: root.error, resolution: 1e-10)
            }
        }
        // Ordered and critical: no fixed point in [0, 1) and the iteration from 0 climbs to 1.
        for (name, map) in [("erf, σ_b²/σ_w² = 0.3", try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: 0.3)),
                            ("critical erf", try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: InfiniteWidthNetworks.criticalErfRatio)),
                            ("critical ReLU", try LayerNormCorrelationMap(.relu)), ("LReLU_−0.5, σ_b² = 0.2", try LayerNormCorrelationMap(.leakyReLU(slope: -0.5), biasVariance: 0.2))] {
            var positive = WorstCase(.atLeast, Double.leastNonzeroMagnitude)
            for i in 0..<1000 {
                let epsilon = 1 - Double(i) / 1000
                positive.add((epsilon - (try map.complement(epsilon))) / epsilon, error: 4 * Double.ulpOfOne, "ρ = \(1 - epsilon)")
            }
            positive.record(ctx, "\(name): (P(ρ) − ρ)/(1 − ρ) > 0 on [0, 1) (ρ = 1 the only fixed point)", subject: .corrected,
                            route: .closedForm, resolution: 1e-300)
            let composition = try CorrelationMapComposition(Array(repeating: map, count: 1000))
            ctx.bound("\(name): 1 − P^1000(0)", subject: .corrected, route: .closedForm, value: composition.tildeComplements.last!,
                      region: .atMost(0.01), resolution: 1e-12, note: "the iteration from 0 approaches 1 (polynomially at criticality)")
        }
    }
}
