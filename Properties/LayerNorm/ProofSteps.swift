import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let theoremOneExcessSteps = Claim(
        id: "LN-A456", paper: Papers.layernorm, location: "App. A.1, (A.4), (A.5), (A.6) and the line combining them",
        statement: """
        (P̃_L∘…∘P̃_1)'(1) ≥ 1 + e(P̃_L∘…∘P̃_1) (A.4); e(P̃_L∘…∘P̃_1) ≥ Σ_l e(P̃_l) (A.5); \
        e(P̃_l) ≥ (1 − ρ̃_{l−1})‖φ_l − φ̄_l‖²/(2‖φ_l'‖²) (A.6). "Combining inequalities A.4, A.5 and A.6 gives \
        (P̃_L∘…∘P̃_1)'(1) ≥ e(P̃_L∘…∘P̃_1) ≥ ((1 − ρ̃_max)/2) Σ_l ‖φ_l − φ̄_l‖²/‖φ_l‖²."
        """,
        assumptions: [
            "random heterogeneous infinite-width networks (as LN-T1-INF); (P̃_L∘…∘P̃_1)'(1) = ∏ P_l'(1)/(1 − ρ̃_L) by (A.3)",
            "the combination line's denominator ‖φ_l‖² differs from (A.6), Remark 2, (A.9) and the theorem, which have ‖φ_l'‖² (E-LN-1)",
            "the counterexample's activation φ = h_1 + h_2 = x + (x² − 1)/√2 is square-integrable with a square-integrable derivative, as footnote 1 requires",
        ],
        kind: .inequality,
        expectation: .erratum(printed: "e(P̃_L∘…∘P̃_1) ≥ ((1 − ρ̃_max)/2) Σ ‖φ_l − φ̄_l‖²/‖φ_l‖²",
                              corrected: "e(P̃_L∘…∘P̃_1) ≥ ((1 − ρ̃_max)/2) Σ ‖φ_l − φ̄_l‖²/‖φ_l'‖² (what (A.4)–(A.6) give)")
    ) { ctx in
        var a4 = WorstCase(.atLeast), a5 = WorstCase(.atLeast), a6 = WorstCase(.atLeast), combined = WorstCase(.atLeast)
        for (index, network) in try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx)).enumerated() {
            let label = "network \(index), L = \(network.depth)"
            let total = try network.compositeExcess()
            let slope = network.slopeAtOne / network.tildeComplements.last!
            a4.add((slope - 1 - total.value) / slope, error: total.error / slope + 1e-13, label)
            var sum = 0.0, errors = 0.0, weighted = 0.0
            for layer in 1...network.depth {
                let e = try network.layerExcess(layer)
                sum += e.value; errors += e.error
                let bound = network.tildeComplements[layer - 1] * InfiniteWidthNetworks.linearizationRatio(network.maps[layer - 1]) / 2
                a6.add(e.value - bound, error: e.error + 1e-14, "\(label), layer \(layer)")
                weighted += InfiniteWidthNetworks.linearizationRatio(network.maps[layer - 1])
            }
            a5.add((total.value - sum) / (1 + total.value), error: total.error + errors + 1e-14, label)
            combined.add(total.value - network.tildeMaxComplement / 2 * weighted, error: total.error + 1e-13, label)
        }
        // (A.4)–(A.6) are true as printed; they are recorded with the corrected chain, which consists of them.
        a4.record(ctx, "(A.4): ((P̃)'(1) − 1 − e(P̃))/(P̃)'(1) ≥ 0", subject: .corrected, route: .rootFinding, resolution: 1e-9)
        a5.record(ctx, "(A.5): (e(P̃_L∘…∘P̃_1) − Σ e(P̃_l))/(1 + e) ≥ 0", subject: .corrected, route: .rootFinding, resolution: 1e-9)
        a6.record(ctx, "(A.6): e(P̃_l) − (1 − ρ̃_{l−1}) r_l/2 ≥ 0", subject: .corrected, route: .rootFinding, resolution: 1e-9)
        combined.record(ctx, "combination with ‖φ_l'‖²: e(P̃_L∘…∘P̃_1) − ((1 − ρ̃_max)/2) Σ r_l ≥ 0", subject: .corrected,
                        route: .rootFinding, resolution: 1e-9)
        // The counterexample, e by Brent and by the quadratic closed form (P̃_2 is (1 − Q)t + Qt², Q = (1 − r)²/(𝔆(1) − 𝔆(r))).
        let network = try InfiniteWidthNetworks.quadraticCounterexample()
        let e = try network.compositeExcess()
        let r = 1 - network.tildeComplements[1]
        let closed = try ExcessConvexity.ofQuadratic(curvature: (1 - r) * (1 - r) / ((1 + 1) - (r + r * r)))
        ctx.compare("counterexample: e(P̃_2∘P̃_1) by Brent vs the quadratic closed form", subject: .corrected, route: .rootFinding,
                    value: e.value, error: e.error, reference: closed, referenceRoute: .closedForm, resolution: 1e-12)
        let kernel = network.maps[1].kernel
        let printed = network.tildeMaxComplement / 2 * kernel.linearizationResidual / kernel.normSquared
        let corrected = network.tildeMaxComplement / 2 * kernel.linearizationResidual / kernel.derivativeNormSquared
        ctx.bound("counterexample (ρ̃_max = \(1 - network.tildeMaxComplement)): e − ((1 − ρ̃_max)/2)‖φ − φ̄‖²/‖φ‖² = \(e.value) − \(printed)",
                  route: .rootFinding, value: e.value - printed, error: e.error, region: .atLeast(0), resolution: 1e-9)
        ctx.bound("counterexample: e − ((1 − ρ̃_max)/2)‖φ − φ̄‖²/‖φ'‖² = \(e.value) − \(corrected)", subject: .corrected,
                  route: .rootFinding, value: e.value - corrected, error: e.error, region: .atLeast(0), resolution: 1e-9)
    }

    static let remarkTwoBound = Claim(
        id: "LN-REM2-BOUND", paper: Papers.layernorm, location: "App. A.1, Remark 2 (the blue curve of Fig. 1)",
        statement: """
        With e(P̃_L∘…∘P̃_1) ≥ C = ((1 − ρ̃_max)/2) Σ_l ‖φ_l − φ̄_l‖²/‖φ_l'‖², Property 1 bounds P_L∘…∘P_1 from above by a \
        piecewise linear function: P_L∘…∘P_1(t) ≤ ρ̃_L + (1 − ρ̃_L) B_C(t) on [0, 1].
        """,
        assumptions: ["B_C(t) = t/(1 + C) for t ≤ 1 − 1/(2 + C), (1 + C)t − C beyond (Property 1)",
                      "random heterogeneous networks and critical erf (L = 10, 20); grid of 201 points and golden-section refinement, in complement form"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var worst = WorstCase(.atMost)
        var networks = try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx))
        networks += [try InfiniteWidthNetworks.criticalErf(depth: 10), try InfiniteWidthNetworks.criticalErf(depth: 20)]
        for (index, network) in networks.enumerated() {
            let c = InfiniteWidthNetworks.remarkTwoConstant(network)
            let violation = try GoldenSection.gridMaximum({ t in try network.remarkTwoViolation(excess: c, at: t) }, points: 201)
            worst.add(violation.value, error: 16 * Double(network.depth) * Double.ulpOfOne, "network \(index), t = \(violation.x)")
        }
        worst.record(ctx, "max over t of f_L(t) − (ρ̃_L + (1 − ρ̃_L) B_C(t))", route: .closedForm, resolution: 1e-12)
        let erf = try InfiniteWidthNetworks.criticalErf(depth: 10)
        let c = InfiniteWidthNetworks.remarkTwoConstant(erf)
        let grid = (0...100).map { Double($0) / 100 }
        ctx.attach(Figure(name: "remark-2", title: "Critical erf, L = 10: P_L∘…∘P_1 and the bound of Remark 2",
                          xLabel: "ρ_0", yLabel: "ρ_L", series: [
                            .init(label: "P_L∘…∘P_1 (infinite width)", style: .line, x: grid, y: try grid.map { try erf($0) }),
                            .init(label: "ρ̃_L + (1 − ρ̃_L) B_C, C = \(String(format: "%.4f", c))", style: .line, x: grid,
                                  y: try grid.map { 1 - erf.tildeComplements.last! + erf.tildeComplements.last! * (try ExcessConvexity.bound(excess: c, at: $0)) }),
                          ]))
    }

    static let remarkTwoLimit = Claim(
        id: "LN-REM2-LIMIT", paper: Papers.layernorm, location: "§3, paragraph after Fig. 1",
        statement: "We can find an upper bound (blue on Fig. 1) that tends to P_L∘…∘P_1(0) pointwise on [0, 1) as L grows.",
        assumptions: [
            "the bound of Remark 2; its gap above ρ̃_L is (1 − ρ̃_L) B_C(t)",
            "'tends to' checked as a power-law decay of the gap: local log-log slope in L over [10³, 10⁴] at most −1/2 (critical erf: 1 − ρ̃_L → 0 with C bounded; chaotic erf, σ_b²/σ_w² = 0.05: C → ∞)",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        var figure: [Figure.Series] = []
        for (name, ratio) in [("critical erf", InfiniteWidthNetworks.criticalErfRatio), ("chaotic erf, σ_b²/σ_w² = 0.05", 0.05)] {
            let depths = [10, 30, 100, 300, 1000, 3000, 10_000]
            for t in [0.5, 0.9] {
                let gaps = try depths.map { depth -> Double in
                    let network = try InfiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, biasRatio: ratio)
                    let c = InfiniteWidthNetworks.remarkTwoConstant(network)
                    return network.tildeComplements.last! * (try ExcessConvexity.bound(excess: c, at: t))
                }
                let slope = log(gaps[6] / gaps[4]) / log(10.0)
                ctx.bound("\(name), t = \(t): local slope of log gap in log L over [10³, 10⁴] (gap \(gaps[4]) → \(gaps[6]))",
                          route: .closedForm, value: slope, error: 1e-9, region: .atMost(-0.5), resolution: 1e-6)
                figure.append(.init(label: "\(name), t = \(t)", style: .line, x: depths.map { log10(Double($0)) }, y: gaps.map(log10)))
            }
        }
        ctx.attach(Figure(name: "gap", title: "Gap between the Remark 2 bound and ρ̃_L", xLabel: "log10 L",
                          yLabel: "log10 (1 − ρ̃_L) B_C(t)", series: figure))
    }

    static let remarkThree = Claim(
        id: "LN-REM3", paper: Papers.layernorm, location: "App. A.1, Remark 3",
        statement: """
        Instead of the chain rule at A.3 one uses e because it describes P_L∘…∘P_1 on the whole of [0, 1] and not only \
        near 1 (it gives the blue bound and explains why ρ_L is nearly constant over a large range of ρ_0), and it rules \
        out pathological behaviour restricted to some (1 − ε, 1) with ε → 0 as L grows.
        """,
        assumptions: [
            "proxy, two parts: (i) the derivative at 1 alone does not constrain the curve: a convex g with g'(1) = 1 + C that differs from id by less than 10⁻³ everywhere",
            "(ii) e does: the composed crops of critical erf networks (L = 10 … 10⁴) stay below the diagonal by at least C_L/(2 + C_L) (Property 1 at t = 1 − 1/(2 + C_L)) with C_L bounded below, so the flat part does not shrink into (1 − ε, 1)",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let c = 0.5, a = 1 - 1e-4
        let kneeX = c / (1 + c - a) // where a·x meets 1 + (1 + c)(x − 1)
        let g: (Double) -> Double = { x in max(a * x, 1 + (1 + c) * (x - 1)) }
        let deviation = try GoldenSection.gridMaximum({ x in x - g(x) }).value
        ctx.bound("(i) g = max(a x, 1 + 1.5(x − 1)), a = 1 − 10⁻⁴: g'(1) = 1.5 yet max |g − id| (at x = \(kneeX))",
                  route: .closedForm, value: deviation, error: 1e-15, region: .atMost(1e-3), resolution: 1e-9)
        var gaps = WorstCase(.atLeast), floor = WorstCase(.atLeast, 0.05)
        for depth in [10, 100, 1000, 10_000] {
            let network = try InfiniteWidthNetworks.criticalErf(depth: depth)
            let cL = InfiniteWidthNetworks.remarkTwoConstant(network)
            let knee = 1 - 1 / (2 + cL)
            let below = knee - (1 - (try network.croppedCompositeComplement(1 - knee)))
            gaps.add(below - cL / (2 + cL), error: 1e-12, "L = \(depth), C_L = \(cL)")
            floor.add(cL, error: 1e-12, "L = \(depth)")
        }
        gaps.record(ctx, "(ii) critical erf: t − g_L(t) at t = 1 − 1/(2 + C_L), minus C_L/(2 + C_L)", route: .closedForm,
                    resolution: 1e-9)
        floor.record(ctx, "(ii) critical erf: C_L = ((1 − ρ̃_max)/2) Σ r_l stays above 0.05 for L = 10 … 10⁴", route: .closedForm,
                     resolution: 1e-9, note: "C_L ≈ (2.5/L)/2 · L r_erf → 0.088: bounded away from 0")
    }
}
