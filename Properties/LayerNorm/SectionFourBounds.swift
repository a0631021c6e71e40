import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    /// The right side of eq. (4.1) for critical LReLU_a: √(16π/(π − 2)) √(1 + a²)/((1 − a)√L).
    static func equationFourOne(slope a: Double, depth: Int) -> Double {
        (16 * Double.pi / (Double.pi - 2)).squareRoot() / Double(depth).squareRoot() * (1 + a * a).squareRoot() / (1 - a)
    }

    /// A = arctan(2/√5) − 2/3, the erf constant of eqs. (4.2)–(4.3) ((π/2)‖erf − erf̄‖²).
    static let erfConstant = atan(2 / 5.0.squareRoot()) - 2.0 / 3

    static let leakyShrinkageBound = Claim(
        id: "LN-EQ41", paper: Papers.layernorm, location: "§4.1, eq. (4.1)",
        statement: "For a leaky ReLU network with negative slope a and σ_b = 0, inequality 1 predicts 1 − ρ_max ≤ √(16π/(π − 2)) · (1/√L) · √(1 + a²)/(1 − a).",
        assumptions: [
            "Theorem 1 with the LHS at its infinite-width value ∏ P'(1) = 1 (critical; E-LN-8), solved for 1 − ρ_max: √(8/(L r_a)), r_a = ‖φ − φ̄‖²/‖φ'‖²",
            "L non-linear layers after an identity embedding (Q-LN-2); the alternative count L + 1 (a stricter bound) is checked too",
            "a ∈ {0, 0.1, 0.5, −0.5}, L from 1 to 1000",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var below = WorstCase(.atLeast), stricter = WorstCase(.atLeast)
        let depths = [1, 2, 5, 10, 30, 100, 300, 1000]
        for a in [0.0, 0.1, 0.5, -0.5] {
            let kernel = try ActivationKernel(.leakyReLU(slope: a))
            let ratio = kernel.linearizationResidual / kernel.derivativeNormSquared
            ctx.compare("a = \(a): √(8/r_a) (r_a from the kernels) vs √(16π/(π − 2))·√(1 + a²)/(1 − a)", route: .closedForm,
                        value: (8 / ratio).squareRoot(), reference: equationFourOne(slope: a, depth: 1),
                        referenceRoute: .closedForm, resolution: 1e-12)
            let network = try InfiniteWidthNetworks.mlp(.leakyReLU(slope: a), depth: depths.last!)
            ctx.compare("a = \(a): ∏P'(1) = 1 (critical, LHS of Theorem 1)", route: .closedForm, value: network.slopeAtOne,
                        reference: 1, referenceRoute: .closedForm, resolution: 1e-12)
            let spreads = try InfiniteWidthNetworks.spreadByDepth(network, depths: depths)
            for (depth, spread) in zip(depths, spreads) {
                let bound = equationFourOne(slope: a, depth: depth)
                below.add(bound - spread, error: 1e-12, "a = \(a), L = \(depth): 1 − ρ_max = \(spread), bound \(bound)")
                stricter.add(bound * (Double(depth) / Double(depth + 1)).squareRoot() - spread, error: 1e-12, "a = \(a), L + 1 = \(depth + 1)")
            }
        }
        below.record(ctx, "bound (4.1) − (1 − ρ_max) ≥ 0", route: .closedForm, resolution: 1e-10)
        stricter.record(ctx, "with L + 1 layers counted: bound − (1 − ρ_max) ≥ 0", route: .closedForm, resolution: 1e-10)
    }

    static let erfShrinkageBound = Claim(
        id: "LN-EQ42", paper: Papers.layernorm, location: "§4.1, eq. (4.2)",
        statement: "Critically initialized erf networks: 1 − ρ_max ≤ 4/√((arctan(2/√5) − 2/3)√5) · 1/√L.",
        assumptions: [
            "Theorem 1 with ∏ P'(1) = 1 (E-LN-8); the constant is √(8/r_erf), r_erf = ‖erf − erf̄‖²/‖erf'‖² = (arctan(2/√5) − 2/3)√5/2",
            "L non-linear layers after an identity embedding; also with L + 1",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let constant = 4 / (erfConstant * 5.0.squareRoot()).squareRoot()
        let kernel = try ActivationKernel(.erf(scale: 1))
        ctx.compare("√(8/r_erf) from the kernels vs 4/√((arctan(2/√5) − 2/3)√5)", route: .closedForm,
                    value: (8 * kernel.derivativeNormSquared / kernel.linearizationResidual).squareRoot(), reference: constant,
                    referenceRoute: .closedForm, resolution: 1e-12)
        let depths = ctx.scope(quick: [1, 3, 10, 28, 29, 100, 300, 1000], full: [1, 3, 10, 28, 29, 100, 300, 1000, 3000])
        let network = try InfiniteWidthNetworks.criticalErf(depth: depths.last!)
        ctx.compare("critical erf: ∏P'(1) (includes the embedding's P_1'(1) = 1)", route: .closedForm, value: network.slopeAtOne,
                    reference: 1, referenceRoute: .closedForm, resolution: 1e-12)
        var below = WorstCase(.atLeast), stricter = WorstCase(.atLeast)
        for (depth, spread) in zip(depths, try InfiniteWidthNetworks.spreadByDepth(network, depths: depths)) {
            let bound = constant / Double(depth).squareRoot()
            below.add(bound - spread, error: 1e-12, "L = \(depth): 1 − ρ_max = \(spread), bound \(bound)")
            stricter.add(constant / Double(depth + 1).squareRoot() - spread, error: 1e-12, "L + 1 = \(depth + 1)")
        }
        below.record(ctx, "bound (4.2) − (1 − ρ_max) ≥ 0", route: .closedForm, resolution: 1e-10)
        stricter.record(ctx, "with L + 1 layers counted: bound − (1 − ρ_max) ≥ 0", route: .closedForm, resolution: 1e-10)
    }

    static let chaoticJacobianBound = Claim(
        id: "LN-EQ43", paper: Papers.layernorm, location: "§4.1, eq. (4.3)",
        statement: """
        With chaotic initialization and the approximation ρ_max ≈ ρ_fp, theorem 1 predicts \
        ‖∂z^L/∂z^0‖_op ≥ (√((arctan(2/√5) − 2/3)√5)/4) · (1 − ρ_fp) · √L.
        """,
        assumptions: [
            "erf layers with σ_b²/σ_w² ∈ {0.05, 0.01, 0}; infinite width: ‖J‖²_op → ∏ P'(1) = P'(1)^L (E-LN-8)",
            "the constant is √(r_erf/8); ρ_max ≤ ρ_fp (the minimum over inputs approaches ρ_fp from below), so ρ_fp gives the weaker bound; at σ_b = 0 (odd P) ρ_max = −1",
            "finite width N (64 quick, 128 standard), σ_b = 0, L = 10: ‖J‖_op ≥ the bound for at least 90% of networks",
            "tight companion (the bound is about a tenth of a typical ‖J‖_op): the mean tangent secant E‖J u‖²/‖u‖² ≤ ‖J‖²_op equals its infinite-width value P'(1)^L within 5% at N = 1024 (pair sampler), up to a finite-width drift of ±4L/N (a band set after seeing the drift: post hoc)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let constant = (erfConstant * 5.0.squareRoot()).squareRoot() / 4
        let kernel = try ActivationKernel(.erf(scale: 1))
        ctx.compare("√(r_erf/8) from the kernels vs √((arctan(2/√5) − 2/3)√5)/4", route: .closedForm,
                    value: (kernel.linearizationResidual / kernel.derivativeNormSquared / 8).squareRoot(), reference: constant,
                    referenceRoute: .closedForm, resolution: 1e-12)
        var bound = WorstCase(.atLeast), order = WorstCase(.atLeast)
        for ratio in [0.05, 0.01, 0] {
            let fixedPoint = try CorrelationFixedPoints.chaotic(try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: ratio)).value
            for depth in [10, 30, 100] {
                let network = try InfiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, biasRatio: ratio)
                let norm = network.slopeAtOne.squareRoot()
                let rhs = constant * (1 - fixedPoint) * Double(depth).squareRoot()
                bound.add(norm / rhs - 1, error: 1e-12, "σ_b²/σ_w² = \(ratio), L = \(depth): √∏P'(1) = \(norm), RHS \(rhs)")
                let spread = try network.maximalCorrelation().complement
                order.add(spread - (1 - fixedPoint), error: 1e-11, "σ_b²/σ_w² = \(ratio), L = \(depth)")
            }
        }
        bound.record(ctx, "√∏P'(1)/RHS(4.3) − 1 ≥ 0", route: .closedForm, resolution: 1e-9)
        order.record(ctx, "(1 − ρ_max) − (1 − ρ_fp) ≥ 0 (using ρ_fp weakens the bound)", route: .closedForm, resolution: 1e-9)
        let width = ctx.scope(quick: 64, full: 128)
        let depth = 10
        let rhs = constant * Double(depth).squareRoot()
        let network = try FiniteWidthNetworks.mlp(.erf(scale: 1), depth: depth, width: width)
        let x = try FiniteWidthNetworks.input(width: width)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        try MeanFieldChecks.assertMostNetworks(ctx, "chaotic erf (σ_b = 0), N = \(width), L = \(depth): P(‖J‖_op ≥ \(rhs))",
                                               alpha: alpha) { seed in
            try FiniteWidthNetworks.jacobianOperatorNorm(network, at: x, seed: seed).squareRoot() >= rhs
        }
        // The tight link: ‖J‖²_op ≥ the mean tangent secant ≈ ∏P'(1), of which (4.3) bounds the square root.
        let separation = SecantIdentity.tangentSeparation
        try SecantIdentity.record(
            ctx, "chaotic erf (σ_b = 0), L = \(depth)", depth: depth, separation: separation,
            prediction: try SecantIdentity.mlpPrediction(.erf(scale: 1), depth: depth, biasRatio: 0, separation: separation),
            alpha: alpha,
            finalCorrelation: try SecantIdentity.mlpCorrelation(.erf(scale: 1), depth: depth, biasRatio: 0, cosine: 1 - separation))
    }

    static let remarkOne = Claim(
        id: "LN-REM1", paper: Papers.layernorm, location: "§3, Remark 1",
        statement: """
        Gradient vanishing is a special case of representation shrinkage: at the ordered initialization shrinking proceeds \
        exponentially, 1 − ρ_l = O(e^{−λl}). Criticality is not sufficient: shrinkage still happens at a polynomial rate — \
        theorem 1 allows to deduce the rate at least 1 − ρ_l = O(l^{−1/2}).
        """,
        assumptions: [
            "identical layers in infinite width; ordered: erf with σ_b²/σ_w² = 0.3, λ = −ln P'(1), the kernel Jacobian P'(1)^L = e^{−λL}",
            "critical: √L (1 − ρ_max) ≤ √(8/r) (eqs. (4.1), (4.2)) for LReLU_0 and erf, L up to 1000",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let map = try LayerNormCorrelationMap(.erf(scale: 1), biasVariance: 0.3)
        let path = try CorrelationMapComposition(Array(repeating: map, count: 200)).tildeComplements
        let rate = log(path[200] / path[100]) / 100
        ctx.compare("ordered erf: (ln(1 − ρ_200) − ln(1 − ρ_100))/100 vs −λ = ln P'(1)", route: .closedForm, value: rate,
                    error: abs(rate - log(path[100] / path[50]) / 50), reference: log(map.slopeAtOne), referenceRoute: .closedForm,
                    resolution: 1e-6)
        for (name, activation, ratio) in [("ReLU", Activation.relu, 0.0), ("critical erf", .erf(scale: 1), InfiniteWidthNetworks.criticalErfRatio)] {
            let kernel = try ActivationKernel(activation)
            let limit = (8 * kernel.derivativeNormSquared / kernel.linearizationResidual).squareRoot()
            let depths = [10, 100, 1000]
            let spreads = try InfiniteWidthNetworks.spreadByDepth(try InfiniteWidthNetworks.mlp(activation, depth: 1000, biasRatio: ratio), depths: depths)
            var scaled = WorstCase(.atMost, limit)
            for (depth, spread) in zip(depths, spreads) {
                scaled.add(Double(depth).squareRoot() * spread, error: 1e-12, "L = \(depth)")
            }
            scaled.record(ctx, "\(name): √L (1 − ρ_max) ≤ √(8/r) = \(limit)", route: .closedForm, resolution: 1e-10)
        }
    }

    static let trueRates = Claim(
        id: "LN-DISC-RATES", paper: Papers.layernorm, location: "§5.1, fourth paragraph",
        statement: """
        The O(L^{−1/2}) rate of decay of 1 − ρ_L in equations 4.1 and 4.2 is worse than asymptotic O(L^{−2}) for ReLU and \
        O(L^{−1}) for erf.
        """,
        assumptions: [
            "1 − ρ_max of critical networks (the quantity of 4.1 and 4.2), in complement form up to L = 10⁴ (quick) or 10⁵",
            "rates as local log-log slopes over the last decade, claimed within their change from the previous decade of −2 and −1 (finite-depth corrections O(log L/L) shrink several-fold per decade)",
            "for ReLU 1 − ρ_max comes from ρ_0 = −1, so it is 1 − ρ_L started from ρ_1 = 0: L²(1 − ρ_max) → 9π²/2 (derived)",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let top = ctx.scope(quick: 10_000, full: 100_000)
        for (name, activation, ratio, power) in [("ReLU", Activation.relu, 0.0, 2.0),
                                                 ("critical erf", .erf(scale: 1), InfiniteWidthNetworks.criticalErfRatio, 1.0)] {
            let network = try InfiniteWidthNetworks.mlp(activation, depth: top, biasRatio: ratio)
            // Both maps are non-decreasing on [−1, 1] (𝔆[φ'|ρ] ≥ 0), so the minimum over inputs is at ρ_0 = −1.
            let spreads = try network.complements(startingAt: 2)
            // Index L + 1: the embedding and L non-linear layers.
            let slope = log(spreads[top + 1] / spreads[top / 10 + 1]) / log(10.0)
            let previous = log(spreads[top / 10 + 1] / spreads[top / 100 + 1]) / log(10.0)
            // The band is the computed next-order term: the slope's change from the previous decade.
            let band = abs(slope - previous)
            ctx.bound("\(name): local slope of log(1 − ρ_max) in log L over [\(top / 10), \(top)], within its change from [\(top / 100), \(top / 10)] (\(previous))",
                      route: .closedForm, value: slope, error: 1e-9, region: .between(-power - band, -power + band), resolution: 1e-6)
            let minimum = try CorrelationMapComposition(Array(network.maps.prefix(101))).maximalCorrelation().complement
            ctx.compare("\(name), L = 100: 1 − ρ_max by the grid search vs 1 − f_L(−1)", route: .closedForm, value: minimum,
                        error: 1e-13, reference: spreads[101], referenceRoute: .closedForm, resolution: 1e-10)
            ctx.bound("\(name): √L (1 − ρ_max) at L = \(top), the paper's O(L^{−1/2}) scale (→ 0)", route: .closedForm,
                      value: Double(top).squareRoot() * spreads[top + 1], error: 1e-12, region: .atMost(0.05), resolution: 1e-9)
        }
    }

    static let residualScaling = Claim(
        id: "LN-DISC-RESNET-SCALING", paper: Papers.layernorm, location: "§5.1, third paragraph",
        statement: "Well-behavedness of deep ResNets requires scaling the weight variance as L^{−1}, agreeing with Hayou et al. (2021).",
        assumptions: [
            "proxy in infinite width (A.10): with σ² = c/L, both the kernel Jacobian ∏P'(1) and 1 − ρ_max converge to finite non-zero limits; with σ² fixed, ReLU ResNets shrink (1 − ρ_max → 0) and erf ResNets explode (∏P'(1) grows exponentially)",
            "L = 10 … 10⁴; convergence: relative change below 1% from L = 10³ to 10⁴",
            "necessity: σ² = L^{−1/2} fails like σ² fixed (ReLU's 1 − ρ_max at least halves, erf's ∏P'(1) at least doubles from L = 10³ to 10⁴); σ² = L^{−2} is trivial (the network tends to the identity: 1 − ρ(−1) → 2, ∏P'(1) → 1), so 1/L is the only scale with a non-trivial limit",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let depths = [10, 100, 1000, 10_000]
        for (name, activation) in [("ReLU", Activation.relu), ("erf", .erf(scale: 1))] {
            let spreads = try depths.map { depth -> (Double, Double) in
                let network = try ResidualNetworks.network(try ActivationKernel(activation), variance: 1 / Double(depth), depth: depth)
                return (try network.complements(startingAt: 2).last!, network.slopeAtOne)
            }
            ctx.bound("\(name), σ² = 1/L: relative change of 1 − ρ(ρ_0 = −1) from L = 10³ to 10⁴ (\(spreads[2].0) → \(spreads[3].0))",
                      route: .closedForm, value: abs(spreads[3].0 / spreads[2].0 - 1), error: 1e-12, region: .atMost(0.01), resolution: 1e-6)
            ctx.bound("\(name), σ² = 1/L: 1 − ρ(ρ_0 = −1) at L = 10⁴ bounded away from 0", route: .closedForm,
                      value: spreads[3].0, error: 1e-12, region: .atLeast(0.5), resolution: 1e-9)
            ctx.bound("\(name), σ² = 1/L: relative change of ∏P'(1) from L = 10³ to 10⁴ (\(spreads[2].1) → \(spreads[3].1))",
                      route: .closedForm, value: abs(spreads[3].1 / spreads[2].1 - 1), error: 1e-12, region: .atMost(0.01), resolution: 1e-6)
        }
        // Necessity: σ² = L^{−1/2} (≫ 1/L) diverges with L like σ² fixed; σ² = L^{−2} (≪ 1/L) degenerates to the identity.
        for (name, activation) in [("ReLU", Activation.relu), ("erf", .erf(scale: 1))] {
            let ends = try [1000, 10_000].map { depth -> (spread: Double, slope: Double, identity: Double, identitySlope: Double) in
                let kernel = try ActivationKernel(activation)
                let wide = try ResidualNetworks.network(kernel, variance: 1 / Double(depth).squareRoot(), depth: depth)
                let narrow = try ResidualNetworks.network(kernel, variance: 1 / Double(depth * depth), depth: depth)
                return (try wide.complements(startingAt: 2).last!, wide.slopeAtOne,
                        try narrow.complements(startingAt: 2).last!, narrow.slopeAtOne)
            }
            if name == "ReLU" {
                ctx.bound("ReLU, σ² = L^{−1/2}: 1 − ρ(ρ_0 = −1) shrinks from L = 10³ to 10⁴ (\(ends[0].spread) → \(ends[1].spread)), ratio ≤ 1/2",
                          route: .closedForm, value: ends[1].spread / ends[0].spread, error: 1e-12, region: .atMost(0.5), resolution: 1e-6)
            } else {
                ctx.bound("erf, σ² = L^{−1/2}: ∏P'(1) grows from L = 10³ to 10⁴ (\(ends[0].slope) → \(ends[1].slope)), ratio ≥ 2",
                          route: .closedForm, value: ends[1].slope / ends[0].slope, error: 1e-12, region: .atLeast(2), resolution: 1e-6)
            }
            ctx.bound("\(name), σ² = L^{−2}: 1 − ρ(ρ_0 = −1) at L = 10⁴ is 2 − O(1/L) (the identity: no depth effect): \(ends[1].identity)",
                      route: .closedForm, value: 2 - ends[1].identity, error: 1e-12, region: .atMost(1e-3), resolution: 1e-9)
            ctx.bound("\(name), σ² = L^{−2}: ∏P'(1) at L = 10⁴ is 1 + O(1/L): \(ends[1].identitySlope)", route: .closedForm,
                      value: abs(ends[1].identitySlope - 1), error: 1e-12, region: .atMost(1e-3), resolution: 1e-9)
        }
        let relu = try ResidualNetworks.network(try ActivationKernel(.relu), variance: 1, depth: 10_000)
        let shrinking = try relu.complements(startingAt: 2)
        ctx.bound("ReLU, σ² = 1: local slope of log(1 − ρ(−1)) in log L over [10³, 10⁴] (shrinkage)", route: .closedForm,
                  value: log(shrinking[10_000] / shrinking[1000]) / log(10.0), error: 1e-9, region: .atMost(-1), resolution: 1e-6)
        let erf = try ResidualCorrelationMap(.erf(scale: 1), residualVariance: 1)
        ctx.bound("erf, σ² = 1: P'(1) > 1, so ∏P'(1) = P'(1)^L grows exponentially", route: .closedForm, value: erf.slopeAtOne,
                  error: 1e-15, region: .atLeast(1 + 1e-6), resolution: 1e-12)
    }
}
