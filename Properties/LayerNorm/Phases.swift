import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension LayerNormClaims {
    static let linearNearOne = Claim(
        id: "LN-LIN-NEAR1", paper: Papers.layernorm, location: "§2.2, paragraph after Observation 1",
        statement: "For ρ_0 ≈ 1 we have 1 − ρ_l ≈ P'(1)^l (1 − ρ_0) (identical layers).",
        assumptions: [
            "read as the first-order statement lim_{ρ_0→1} (1 − ρ_l)/(1 − ρ_0) = P'(1)^l, evaluated by Richardson extrapolation of the complement-form secant",
            "infinite width, identical layers after an identity embedding (σ_b = 0, so P_1 = id)",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let depth = 5
        let settings: [(String, CorrelationMapComposition, Bool)] = [
            ("erf, σ_b²/σ_w² = 0.3 (ordered)", try InfiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, biasRatio: 0.3), false),
            ("erf, σ_b²/σ_w² = 0.05 (chaotic)", try InfiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, biasRatio: 0.05), false),
            ("critical erf", try InfiniteWidthNetworks.criticalErf(depth: depth), false),
            ("LReLU_0.3, σ_b² = 0.2 (ordered, kinked)", try InfiniteWidthNetworks.mlp(.leakyReLU(slope: 0.3), depth: depth, biasRatio: 0.2), true),
        ]
        var figure: [Figure.Series] = []
        for (name, network, kinked) in settings {
            let slope = pow(network.maps.last!.slopeAtOne, Double(depth))
            let limit = try CriticalLayers.secantLimit(network, kinked: kinked, epsilon: kinked ? 1e-6 : 1e-4)
            ctx.compare("\(name), l = \(depth): lim (1 − ρ_l)/(1 − ρ_0) (Richardson) vs P'(1)^l", route: .closedForm,
                        value: limit.value, error: limit.error, reference: slope, referenceRoute: .closedForm,
                        resolution: 1e-6 * slope)
            let epsilons = (1...8).map { pow(10, -Double($0)) }
            let ratios = try epsilons.map { (try network.complements(startingAt: $0).last!) / $0 / slope }
            figure.append(.init(label: name, style: .line, x: epsilons.map(log10), y: ratios))
        }
        ctx.attach(Figure(name: "secant-ratio", title: "(1 − ρ_5)/((1 − ρ_0) P'(1)^5) as ρ_0 → 1",
                          xLabel: "log10(1 − ρ_0)", yLabel: "ratio", series: figure))
    }

    static let orderedPhase = Claim(
        id: "LN-PHASE-ORD", paper: Papers.layernorm, location: "§2.2, first bullet (ordered initialization)",
        statement: """
        Ordered initialization for P'(1) < 1: then ρ_fp = 1 is stable and ρ_l → 1 exponentially quickly with l; \
        preactivation perturbations decay and gradients vanish.
        """,
        assumptions: [
            "identical layers; exponential: (1 − ρ_{l+1})/(1 − ρ_l) → P'(1) < 1 (iterated in complement form from ρ_0 = 0)",
            "gradients vanish: the kernel Jacobian ∏ P'(1) = P'(1)^L → 0; LReLU_a with σ_b > 0 is always ordered",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        for (name, map) in [("erf, σ_b²/σ_w² = 0.3", try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: 0.3)),
                            ("ReLU, σ_b² = 0.1", try LayerNormCorrelationMap(.relu, biasVariance: 0.1)),
                            ("LReLU_−0.5, σ_b² = 0.5", try LayerNormCorrelationMap(.leakyReLU(slope: -0.5), biasVariance: 0.5))] {
            let path = try CorrelationMapComposition(Array(repeating: map, count: 301)).tildeComplements
            let ratio = path[301] / path[300], previous = path[300] / path[299]
            ctx.compare("\(name): (1 − ρ_301)/(1 − ρ_300) vs P'(1)", route: .closedForm, value: ratio,
                        error: abs(ratio - previous), reference: map.slopeAtOne, referenceRoute: .closedForm, resolution: 1e-6)
            ctx.bound("\(name): P'(1) < 1", route: .closedForm, value: map.slopeAtOne, error: 1e-15, region: .atMost(1 - 1e-9),
                      resolution: 1e-12)
            ctx.bound("\(name): ∏_{l ≤ 100} P_l'(1) = P'(1)^100 (gradients vanish)", route: .closedForm,
                      value: pow(map.slopeAtOne, 100), region: .atMost(1e-3), resolution: 1e-12)
        }
        var always = WorstCase(.atMost, 1 - 1e-12)
        for a in stride(from: -0.9, through: 0.9, by: 0.1) {
            for bias in [1e-4, 0.01, 0.3, 3] {
                let map = try LayerNormCorrelationMap(.leakyReLU(slope: a), biasVariance: bias)
                always.add(map.slopeAtOne, error: 1e-16, "a = \(a), σ_b² = \(bias)")
            }
        }
        always.record(ctx, "LReLU_a with σ_b > 0: P'(1) < 1", route: .closedForm, resolution: 1e-14)
    }

    static let criticalPhase = Claim(
        id: "LN-PHASE-CRIT", paper: Papers.layernorm, location: "§2.2, second bullet (critical initialization)",
        statement: "Critical initialization for P'(1) = 1: then ρ_fp = 1 is stable and ρ_l → 1 polynomially quickly with l.",
        assumptions: [
            "identical critical layers (LReLU_a with σ_b = 0; erf with σ_b²/σ_w² = 0.104851), iterated in complement form from ρ_0 = 0 to l = 10⁵ (quick) or 10⁶",
            "polynomial: the local exponent l(1 − (1 − ρ_{l+1})/(1 − ρ_l)) tends to p (p = 2 for LReLU, 1 for erf); claimed region p ± |exponent(l) − exponent(l/10)|, the computed change over the last decade (finite-depth corrections O(log l/l) shrink ~8× per decade)",
            "derived constants (catalog, not printed): l²(1 − ρ_l) → 4/c² = (9π²/2)(1 + a²)²/(1 − a)⁴ with c the ε^{3/2} coefficient, l(1 − ρ_l) → 2/P''(1) = 2.5 for erf; claimed within 1%",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let depth = ctx.scope(quick: 100_000, full: 1_000_000)
        var figure: [Figure.Series] = []
        for (name, map, power, constant) in try CriticalLayers.settings() {
            let complements = try CorrelationMapComposition(Array(repeating: map, count: depth)).tildeComplements
            // p = 2 exactly for the kinked maps (ReLU, LReLU_a), whose complement rounds its argument ε − 1.
            let rounding = CriticalOrbitRounding(complements: complements, kinked: power == 2)
            func exponent(_ l: Int) -> Double { Double(l) * (1 - complements[l + 1] / complements[l]) }
            // The band is the next-order term as computed: the exponent's change over the last decade. A correction
            // decaying at least 2× per decade (O(log l/l) decays ~8×) stays inside; a logarithmically slow one does not.
            let (last, previous) = (exponent(depth - 1), exponent(depth / 10 - 1))
            let band = abs(last - previous)
            // The errors are bounds already (worst-case roundings, summed): passed so that the half-width is the bound.
            let safety = ctx.tolerance.safetyFactor
            ctx.bound("\(name): local exponent l(1 − ε_{l+1}/ε_l) at l = \(depth - 1) within its change since l = \(depth / 10 - 1) (\(previous))",
                      route: .closedForm, value: last, error: rounding.localExponentError(at: depth - 1) / safety,
                      region: .between(power - band, power + band), resolution: 1e-6,
                      note: "error: the rounding of the step at l and the rounding accumulated along the orbit (\(CriticalOrbitRounding.summary))")
            let scaled = pow(Double(depth), power) * complements[depth]
            ctx.bound("\(name): l^\(Int(power))(1 − ρ_l) at l = \(depth) vs the derived constant \(constant)", route: .closedForm,
                      value: scaled, error: scaled * rounding.accumulated(through: depth) / safety,
                      region: .between(0.99 * constant, 1.01 * constant), resolution: 1e-6 * constant,
                      note: "error: the relative rounding accumulated along the orbit (\(CriticalOrbitRounding.summary))")
            let marks = stride(from: 1.0, through: log10(Double(depth)), by: 0.25).map { Int(pow(10, $0)) }
            figure.append(.init(label: name, style: .line, x: marks.map { log10(Double($0)) },
                                y: marks.map { pow(Double($0), power) * complements[$0] / constant }))
        }
        // The derived constants' ingredients by a second route: c from 1 − P(1 − ε) at small ε, P''(1) by one-sided differences.
        let relu = try LayerNormCorrelationMap(.relu)
        let epsilon = 1e-8
        ctx.compare("ReLU: (ε − (1 − P(1 − ε)))/ε^{3/2} at ε = 10⁻⁸ vs c = 2√2/(3π)", route: .closedForm,
                    value: (epsilon - (try relu.complement(epsilon))) / pow(epsilon, 1.5), error: 1e-7,
                    reference: CriticalLayers.kinkCoefficient(slope: 0), referenceRoute: .closedForm, resolution: 1e-5,
                    note: "the next term is O(ε) relative; ε − (1 − P) loses about 8 digits")
        let erf = try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: InfiniteWidthNetworks.criticalErfRatio)
        let h = 1e-4
        let oneSided = (3 * (try erf.derivative(1)) - 4 * (try erf.derivative(1 - h)) + (try erf.derivative(1 - 2 * h))) / (2 * h)
        ctx.compare("critical erf: P''(1) by one-sided differences of P' vs closed form 4/5", route: .closedForm, value: oneSided,
                    error: 1e-7, reference: CriticalLayers.erfCurvatureAtOne(erf, scale: 1), referenceRoute: .closedForm, resolution: 1e-5)
        ctx.attach(Figure(name: "critical-constants", title: "l^p (1 − ρ_l) over its derived limit, critical layers",
                          xLabel: "log10 l", yLabel: "l^p (1 − ρ_l) / constant", series: figure))
    }

    static let chaoticPhase = Claim(
        id: "LN-PHASE-CHAOS", paper: Papers.layernorm, location: "§2.2, third bullet (chaotic initialization); §4.1",
        statement: """
        Chaotic initialization for P'(1) > 1: then the fixed point ρ = 1 of P is repelling and there exists another fixed \
        point ρ_fp < 1 which is attracting. In that case P'(ρ_fp) < 1, so ρ_l → ρ_fp exponentially quickly with l.
        """,
        assumptions: [
            "erf layers with σ_b²/σ_w² = 0.05, 0.01 and 0 (P'(1) = 1.107, 1.203, 1.226); ρ_fp by Brent's method",
            "from every ρ_0 < 1 except, for σ_b = 0 (odd P), the antipodal ρ_0 = −1, itself a (repelling) fixed point",
            "exponential: (ρ_{l+1} − ρ_fp)/(ρ_l − ρ_fp) → P'(ρ_fp)",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        for ratio in [0.05, 0.01, 0] {
            let map = try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: ratio)
            let root = try CorrelationFixedPoints.chaotic(map)
            let name = "erf, σ_b²/σ_w² = \(ratio)"
            ctx.bound("\(name): P'(1) > 1 (ρ = 1 repelling)", route: .closedForm, value: map.slopeAtOne, error: 1e-15,
                      region: .atLeast(1 + 1e-9), resolution: 1e-12)
            let contraction = try map.derivative(root.value)
            ctx.bound("\(name): P'(ρ_fp) < 1 at ρ_fp = \(root.value)", route: .rootFinding, value: contraction, error: 1e-14,
                      region: .atMost(1 - 1e-9), resolution: 1e-12)
            var far = WorstCase(.atMost)
            for start in [ratio == 0 ? -0.999 : -1, 0, 0.5, 0.999] {
                let (rho, error) = try CorrelationFixedPoints.iterate(map, from: start, steps: 400)
                far.add(abs(rho - root.value), error: error + root.error, "ρ_0 = \(start)")
            }
            far.record(ctx, "\(name): |ρ_400 − ρ_fp| from ρ_0 ∈ {−1, 0, 0.5, 0.999}", route: .rootFinding, resolution: 1e-10)
            var rho = 0.5
            for _ in 0..<200 { rho = try map(rho) }
            let next = try map(rho), distance = abs(rho - root.value)
            // The ratio differs from P'(ρ_fp) by O(ρ_l − ρ_fp) (P'' is O(1) here) and carries rounding ε/|ρ_l − ρ_fp|.
            ctx.compare("\(name): (ρ_201 − ρ_fp)/(ρ_200 − ρ_fp) from ρ_0 = 0.5 vs P'(ρ_fp)", route: .rootFinding,
                        value: (next - root.value) / (rho - root.value), error: 2 * distance + 4 * Double.ulpOfOne / distance,
                        reference: contraction, referenceRoute: .closedForm, resolution: 1e-4)
        }
    }
}
