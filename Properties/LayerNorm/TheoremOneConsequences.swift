import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let rigorousSegment = Claim(
        id: "LN-A11", paper: Papers.layernorm, location: "App. A.1.1, (A.7)–(A.9)",
        statement: """
        With E = ((1 − ρ_max)/4) Σ_l ‖φ_l − φ̄_l‖²/‖φ_l'‖² and 0 < τ ≤ 1/(2 + E): P̃_L∘…∘P̃_1(1 − τ) ≤ 1 − (1 + E)τ; \
        P_L∘…∘P_1(1 − τ) ≤ 1 − (1 − ρ̃_max)(1 + E)τ (A.7); for inputs with ‖x‖² = n_0 and x_α·x_β/n_0 = 1 − τ the \
        secant converges to (1 − P_L∘…∘P_1(1 − τ))/τ ≥ (1 − ρ̃_max)(1 + E) ≥ (1 − ρ̃_max)E (A.8), and by the mean value \
        theorem some x_γ on the segment has ‖∂z^{(L)}/∂z^{(0)}(x_γ)‖²_op ≥ ((1 − ρ_max)/2)E = ((1 − ρ_max)²/8) Σ_l r_l (A.9).
        """,
        assumptions: [
            "infinite-width chain on random heterogeneous networks and critical erf (L = 10, 20), at τ = 1/(2 + E) and τ/2",
            "finite width N (64 quick, 128 standard), critical erf, L = 10, ρ_0 = 1 − τ: the secant N_L⁻¹‖z_α − z_β‖²/(N_0⁻¹‖x_α − x_β‖²) ≥ the A.9 bound and ‖J‖²_op at x_α, x_β or the midpoint ≥ the secant, for at least 90% of networks",
            "tight companion (the A.9 bound is about a hundredth of the secant): the secant's mean equals its infinite-width value (1 − f_L(1 − τ))/τ of (A.8) within 5% at N = 1024 (pair sampler), up to a finite-width drift of ±4L/N (a band set after seeing the drift: post hoc)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var crop = WorstCase(.atLeast), a7 = WorstCase(.atLeast), a8 = WorstCase(.atLeast), a9 = WorstCase(.atLeast)
        var networks = try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx))
        networks += [try InfiniteWidthNetworks.criticalErf(depth: 10), try InfiniteWidthNetworks.criticalErf(depth: 20)]
        for (index, network) in networks.enumerated() {
            let spread = try network.maximalCorrelation().complement
            let e = spread / 4 * InfiniteWidthNetworks.linearizationSum(network)
            let tilde = network.tildeMaxComplement
            for tau in [1 / (2 + e), 0.5 / (2 + e)] {
                let label = "network \(index), τ = \(tau)"
                let rounding = 16 * Double(network.depth) * Double.ulpOfOne
                // In complement form: 1 − P̃(1 − τ) ≥ (1 + E)τ and 1 − f_L(1 − τ) ≥ (1 − ρ̃_max)(1 + E)τ.
                crop.add(try network.croppedCompositeComplement(tau) - (1 + e) * tau, error: rounding, label)
                let secant = (try network.complements(startingAt: tau).last!) / tau
                a7.add(secant * tau - tilde * (1 + e) * tau, error: rounding, label)
                a8.add(secant - tilde * e, error: rounding / tau, label)
                a9.add(tilde * e - spread / 2 * e, error: rounding + 1e-12, label)
            }
        }
        crop.record(ctx, "1 − P̃_L∘…∘P̃_1(1 − τ) − (1 + E)τ ≥ 0", route: .closedForm, resolution: 1e-12)
        a7.record(ctx, "(A.7): 1 − f_L(1 − τ) − (1 − ρ̃_max)(1 + E)τ ≥ 0", route: .closedForm, resolution: 1e-12)
        a8.record(ctx, "(A.8): (1 − f_L(1 − τ))/τ − (1 − ρ̃_max)E ≥ 0", route: .closedForm, resolution: 1e-12)
        a9.record(ctx, "(A.9): (1 − ρ̃_max)E − ((1 − ρ_max)/2)E ≥ 0", route: .closedForm, resolution: 1e-10)
        // Finite width: the secant and the mean value theorem on a segment.
        let width = ctx.scope(quick: 64, full: 128)
        let depth = 10
        let infinite = try InfiniteWidthNetworks.criticalErf(depth: depth)
        let e = (try infinite.maximalCorrelation().complement) / 4 * InfiniteWidthNetworks.linearizationSum(infinite)
        let rhs = (try infinite.maximalCorrelation().complement) / 2 * e
        let tau = 1 / (2 + e)
        let network = try FiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, width: width,
                                                  biasRatio: InfiniteWidthNetworks.criticalErfRatio)
        let pair = try LayerNormMLP.inputPair(cosine: 1 - tau, width: width)
        let points = try [0.0, 0.5, 1.0].map { s in
            try Matrix(rows: width, columns: 1, storage: zip(pair.column(0), pair.column(1)).map { (1 - s) * $0 + s * $1 })
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        // The tight link: the secant at ρ_0 = 1 − τ equals its infinite-width value (1 − f_L(1 − τ))/τ of (A.8).
        try SecantIdentity.record(
            ctx, "critical erf, L = \(depth), ρ_0 = 1 − τ", depth: depth, separation: tau,
            prediction: (try infinite.complements(startingAt: tau).last!) / tau, alpha: alpha,
            finalCorrelation: try SecantIdentity.mlpCorrelation(.erf(scale: 1), depth: depth,
                                                                biasRatio: InfiniteWidthNetworks.criticalErfRatio, cosine: 1 - tau))
        try MeanFieldChecks.assertMostNetworks(
            ctx, "critical erf, N = \(width), L = \(depth), ρ_0 = 1 − τ = \(1 - tau): secant ≥ A.9 bound \(rhs) and max_γ ‖J(x_γ)‖²_op ≥ secant",
            alpha: alpha
        ) { seed in
            let engine = try MonteCarloEngine(threads: 1)
            let z = try network.propagate(pair, stream: seed, engine: engine)
            let difference = zip(z.column(0), z.column(1)).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let secant = difference / (2 * tau * Double(width))
            let largest = try points.map { try FiniteWidthNetworks.jacobianOperatorNorm(network, at: $0, seed: seed) }.max()!
            return secant >= rhs && largest >= secant
        }
    }

    static let proofSketch = Claim(
        id: "LN-SKETCH", paper: Papers.layernorm, location: "§3, sketch of proof and footnotes 6–7",
        statement: """
        Each P_l is convex and, composing more of them, convexity "accumulates": the flatness near 0 and steepness near 1 of \
        P_L∘…∘P_1 grow. The infimum of P_L∘…∘P_1 on [0, 1] is attained at ρ = 0 (footnote 7). Pictorially this resembles \
        y = a + (1 − a)x^α as α grows (footnote 6).
        """,
        assumptions: [
            "footnote 7 on random heterogeneous networks (grid of 101 points, every layer)",
            "accumulation measured by e of the composed crops: non-decreasing in L and at least Σ_l e(P̃_l) (critical erf, L = 1 … 64)",
            "footnote 6: e(x^α) increases without bound in α (e(x²) = (√5 − 1)/2)",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let infimum = try infimumAtZero(try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx)))
        infimum.record(ctx, "footnote 7: f_l(ρ) − f_l(0) ≥ 0 on [0, 1]", route: .closedForm, resolution: 1e-12)
        var growth = WorstCase(.atLeast), superadditive = WorstCase(.atLeast)
        var previous = 0.0, excesses: [Double] = []
        let depths = [1, 2, 4, 8, 16, 32, 64]
        for depth in depths {
            let network = try InfiniteWidthNetworks.criticalErf(depth: depth)
            let total = try network.compositeExcess()
            var sum = 0.0
            for layer in 1...network.depth { sum += try network.layerExcess(layer).value }
            growth.add(total.value - previous, error: 2 * total.error, "L = \(depth)")
            superadditive.add(total.value - sum, error: total.error * Double(depth + 1), "L = \(depth)")
            previous = total.value
            excesses.append(total.value)
        }
        growth.record(ctx, "critical erf: e(P̃_L∘…∘P̃_1) non-decreasing in L", route: .rootFinding, resolution: 1e-9)
        superadditive.record(ctx, "critical erf: e(P̃_L∘…∘P̃_1) − Σ_l e(P̃_l) ≥ 0", route: .rootFinding, resolution: 1e-9)
        var monomials = WorstCase(.atLeast)
        var last = (value: 0.0, error: 0.0)
        for n in [2, 3, 5, 10, 100, 1000, 10_000, 100_000] {
            let e = try ConvexFamilies.monomial(n).excess()
            monomials.add(e.value - last.value, error: e.error + last.error, "α = \(n), e = \(e.value)")
            last = (e.value, e.error)
        }
        monomials.record(ctx, "footnote 6: e(x^α) increasing in α", route: .rootFinding, resolution: 1e-9)
        ctx.bound("footnote 6: e(x^{100000}) (unbounded growth, ~ α/ln α)", route: .rootFinding, value: last.value, error: last.error,
                  region: .atLeast(1000), resolution: 1e-6)
        ctx.attach(Figure(name: "accumulation", title: "Critical erf: excess convexity of the composed crops",
                          xLabel: "log2 L", yLabel: "e(P̃_L∘…∘P̃_1)", series: [
                            .init(label: "e", style: .line, x: depths.map { log2(Double($0)) }, y: excesses),
                          ]))
    }

    static let theoremOneAlternatives = Claim(
        id: "LN-SEC3-CASES", paper: Papers.layernorm, location: "§3, the four consequences of Theorem 1",
        statement: """
        At least one of the following occurs: (1) the Jacobian norm is large (gradient explosion; σ_b/σ_w small, chaotic-like); \
        (2) ρ_max ≈ 1 (representation shrinkage); (3) the linearization error ‖φ_l − φ̄_l‖ is small; (4) the depth L is bounded.
        """,
        assumptions: [
            "proxy in infinite width: erf networks of depth 50 with σ_b²/σ_w² swept over [0, 1]; the kernel Jacobian ∏P'(1) and 1 − ρ_max trade off monotonically, and every point satisfies Theorem 1",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let ratios = (0...20).map { Double($0) / 20 }
        var jacobians: [Double] = [], spreads: [Double] = []
        var bound = WorstCase(.atLeast)
        for ratio in ratios {
            let sides = try TheoremOneSides(try InfiniteWidthNetworks.mlp(.erf(scale: 1), depth: 50, biasRatio: ratio))
            jacobians.append(sides.lhs)
            spreads.append(sides.spread)
            bound.add(sides.lhs / sides.rhs - 1, error: theoremRatioError(sides.lhs / sides.rhs), "σ_b²/σ_w² = \(ratio)")
        }
        bound.record(ctx, "Theorem 1 at every point of the sweep: ∏P'(1)/RHS − 1 ≥ 0", route: .closedForm, resolution: 1e-6)
        let jacobianRises = zip(jacobians, jacobians.dropFirst()).filter { $1 >= $0 }.count
        let spreadRises = zip(spreads.dropFirst(), spreads.dropFirst(2)).filter { $1 >= $0 }.count
        ctx.compare("steps of the sweep where ∏P'(1) does not decrease as σ_b²/σ_w² grows", route: .enumeration,
                    value: Double(jacobianRises), reference: 0, referenceRoute: .closedForm, resolution: 0.5, samples: ratios.count)
        ctx.compare("steps (from σ_b²/σ_w² = 0.05) where 1 − ρ_max does not decrease", route: .enumeration,
                    value: Double(spreadRises), reference: 0, referenceRoute: .closedForm, resolution: 0.5, samples: ratios.count,
                    note: "at σ_b = 0 the odd P gives 1 − ρ_max = 2 exactly")
        ctx.attach(Figure(name: "trade-off", title: "erf, L = 50: Jacobian against representation spread",
                          xLabel: "1 − ρ_max", yLabel: "log10 ∏ P'(1)", series: [
                            .init(label: "σ_b²/σ_w² ∈ [0, 1]", style: .scatter, x: spreads, y: jacobians.map(log10)),
                          ]))
    }
}
