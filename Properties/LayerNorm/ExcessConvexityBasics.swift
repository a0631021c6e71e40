import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension LayerNormClaims {
    /// The members of the class of App. A.3 the property tests of Properties 1–4 check: a random sample
    /// of the families F1, F3–F8 plus the extremal and closed-form members.
    static func convexSample(_ ctx: ClaimContext) throws -> [ConvexTestFunction] {
        var rng = ctx.stream("families").generator()
        let random = try ConvexFamilies.sample(&rng, count: ctx.scope(quick: 400, full: 3000))
        let hinges = [0.0, 0.1, 0.5, 0.9, 0.99].map(ConvexFamilies.hinge)
        let monomials = [2, 3, 5, 10, 100].map(ConvexFamilies.monomial)
        return try random + hinges + monomials + [1e-6, 0.01, 0.2, 1].map(ConvexFamilies.quadratic)
    }

    static let excessConvexityDefinition = Claim(
        id: "LN-EC-DEF", paper: Papers.layernorm, location: "App. A.3, definition before Property 1",
        statement: """
        For non-decreasing convex g: [0, 1] → [0, 1] with g(0) = 0, g(1) = 1, there is t ∈ (0, 1) with \
        g(1 − t) = t (the graph meets x + y = 1); the excess convexity is e(g) = 1/4 − 2 (as extracted).
        """,
        assumptions: [
            "g continuous (A.3 says the conditions imply continuity; a step at 1 is a counterexample, E-LN-10, so continuity is assumed)",
            "the extracted '1/4' is read as printed for the as-printed check; the proofs of Properties 2, 4 and 8 use 1/t",
            "t unique because t ↦ g(1 − t) − t is strictly decreasing; t ≤ 1/2 by Property 2",
        ],
        kind: .definition,
        expectation: .erratum(printed: "e(g) = 1/4 − 2 = −7/4 for every g (as extracted)",
                              corrected: "e(g) = 1/t − 2 with g(1 − t) = t, t ∈ (0, 1/2]")
    ) { ctx in
        let printed = 1.0 / 4 - 2
        ctx.bound("printed e = 1/4 − 2 against Property 2 (e ≥ 0)", route: .closedForm, value: printed,
                  region: .atLeast(0), resolution: 1e-12)
        ctx.compare("printed e(id) = 1/4 − 2 against e(id) = 0 (equality case of Property 2)", route: .closedForm,
                    value: printed, reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
        let id = try ExcessConvexity.of { $0 }
        ctx.compare("e(id) = 1/t − 2 with t = 1/2", subject: .corrected, route: .rootFinding, value: id.value,
                    error: id.error, reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
        for g in [ConvexFamilies.monomial(2)] + [0.1, 0.5, 0.9].map(ConvexFamilies.hinge)
            + (try [1e-6, 0.3].map(ConvexFamilies.quadratic)) {
            let e = try g.excess()
            ctx.compare("e(\(g.name)) by Brent vs closed form", subject: .corrected, route: .rootFinding, value: e.value,
                        error: e.error, reference: g.closedFormExcess!, referenceRoute: .closedForm,
                        resolution: 1e-12 * max(1, g.closedFormExcess!))
        }
        // Existence and uniqueness: h(t) = g(1 − t) − t changes sign exactly once on a grid of [0, 1]; Brent
        // searches all of [0, 1], so t ≤ 1/2 and g(1/2) ≤ 1/2 are outcomes, each recorded on its own.
        var crossings = 0, fewest = Int.max
        var latest = WorstCase(.atMost), earliest = WorstCase(.atMost), middle = WorstCase(.atMost)
        let sample = try convexSample(ctx)
        for g in sample {
            let h = try (0...800).map { i -> Double in
                let t = Double(i) / 800
                return 1 - (try g.complement(t)) - t
            }
            let changes = zip(h, h.dropFirst()).filter { ($0 > 0) != ($1 > 0) }.count
            crossings = max(crossings, changes)
            fewest = min(fewest, changes)
            let e = try g.excess()
            let tError = e.error * e.crossing * e.crossing // δt = t² δe
            latest.add(e.crossing - 0.5, error: tError, g.name)
            earliest.add(-e.crossing, error: tError, g.name)
            middle.add(1 - (try g.complement(0.5)) - 0.5, error: 8 * Double.ulpOfOne, g.name)
        }
        ctx.compare("most sign changes of g(1 − t) − t on an 801-point grid of [0, 1], \(sample.count) functions",
                    subject: .corrected, route: .enumeration, value: Double(crossings), reference: 1,
                    referenceRoute: .closedForm, resolution: 0.5)
        ctx.compare("fewest sign changes of g(1 − t) − t on the same grid", subject: .corrected, route: .enumeration,
                    value: Double(fewest), reference: 1, referenceRoute: .closedForm, resolution: 0.5)
        middle.record(ctx, "g(1/2) − 1/2 ≤ 0 (convexity puts the crossing in (0, 1/2])", subject: .corrected,
                      route: .closedForm, resolution: 1e-12)
        latest.record(ctx, "t − 1/2 ≤ 0 for the Brent crossing on [0, 1]", subject: .corrected, route: .rootFinding,
                      resolution: 1e-12)
        earliest.record(ctx, "−t ≤ 0 for the Brent crossing on [0, 1]", subject: .corrected, route: .rootFinding,
                        resolution: 1e-12)
    }

    static let excessConvexityBounding = Claim(
        id: "LN-EC-P1", paper: Papers.layernorm, location: "App. A.3, Property 1 (Bounding)",
        statement: "If e(g) ≥ C, then g(t) ≤ t/(1 + C) for t ≤ 1 − 1/(2 + C) and g(t) ≤ (1 + C)t − C for t ≥ 1 − 1/(2 + C).",
        assumptions: ["g in the class of A.3 (continuous)", "checked at C = e(g) (tightest) and C = u·e(g), u ~ U[0, 1]"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("fractions").generator()
        var worst = WorstCase(.atMost)
        for g in try convexSample(ctx) {
            let e = try g.excess()
            for fraction in [1, rng.nextUniform()] {
                let c = fraction * e.value
                let violation = try GoldenSection.gridMaximum({ t in try g(t) - ExcessConvexity.bound(excess: c, at: t) },
                                                              points: ctx.scope(quick: 401, full: 2001))
                // B_C moves by at most |δC| = u·δe (∂B/∂C ∈ [−1, 0]); g and B are O(1) sums of a few rounded terms.
                let error = fraction * e.error + 8 * Double.ulpOfOne
                worst.add(violation.value, error: error, "\(g.name), C = \(c), t = \(violation.x)")
            }
        }
        worst.record(ctx, "max over t of g(t) − B_C(t), C = e(g) and C = u·e(g)", route: .rootFinding, resolution: 1e-9)
        var tight = WorstCase(.atLeast, -1e-12)
        for g in [0.1, 0.5, 0.9, 0.99].map(ConvexFamilies.hinge) {
            let e = try g.excess()
            tight.add(try GoldenSection.gridMaximum({ t in try g(t) - ExcessConvexity.bound(excess: e.value, at: t) }).value,
                      error: e.error + 8 * Double.ulpOfOne, g.name)
        }
        tight.record(ctx, "hinges (extremal): max of g − B_{e(g)} is 0, the bound is attained on the upper branch",
                     route: .rootFinding, resolution: 1e-9)
    }

    static let excessConvexityNonNegativity = Claim(
        id: "LN-EC-P2", paper: Papers.layernorm, location: "App. A.3, Property 2 (Non-negativity)",
        statement: "e(g) ≥ 0, with equality only for g = id_[0,1].",
        assumptions: ["g in the class of A.3"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var positive = WorstCase(.atLeast, Double.leastNonzeroMagnitude)
        for g in try convexSample(ctx) where g.name != "hinge c = 0.0" {
            let e = try g.excess()
            positive.add(e.value, error: e.error, g.name)
        }
        positive.record(ctx, "e(g) > 0 for g ≠ id", route: .rootFinding, resolution: 1e-300)
        let id = try ExcessConvexity.of { $0 }
        ctx.compare("e(id) = 0", route: .rootFinding, value: id.value, error: id.error, reference: 0,
                    referenceRoute: .closedForm, resolution: 1e-12)
        // g_δ = (1 − δ) id + δ x² → id: e > 0 for every δ > 0 and e/δ → 1/2.
        for delta in [1e-8, 1e-4, 0.01, 0.2] {
            let g = try ConvexFamilies.quadratic(delta)
            let e = try g.excess()
            ctx.bound("e((1 − δ) id + δ x²) > 0 at δ = \(delta) (Brent)", route: .rootFinding, value: e.value, error: e.error,
                      region: .atLeast(Double.leastNonzeroMagnitude), resolution: 1e-300)
            guard delta >= 1e-4 else { continue }
            ctx.compare("e((1 − δ) id + δ x²)/δ at δ = \(delta): Brent vs closed form 2/(2 − δ + √(4 + δ²))",
                        route: .rootFinding, value: e.value / delta, error: e.error / delta,
                        reference: 2 / (2 - delta + (4 + delta * delta).squareRoot()), referenceRoute: .closedForm,
                        resolution: 1e-6)
        }
    }

    static let excessConvexityCoerciveness = Claim(
        id: "LN-EC-P3", paper: Papers.layernorm, location: "App. A.3, Property 3 (Coerciveness)",
        statement: "‖g − id_[0,1]‖_∞ ≤ e(g)/(1 + e(g)).",
        assumptions: ["g in the class of A.3; by convexity g ≤ id, and x − g(x) is concave (golden-section refinement is exact)"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var worst = WorstCase(.atMost), hinges = WorstCase(.atLeast, -1e-12)
        for g in try convexSample(ctx) {
            let e = try g.excess()
            let sup = try GoldenSection.gridMaximum({ x in abs(x - (try g(x))) }, points: ctx.scope(quick: 401, full: 2001))
            let slack = sup.value - e.value / (1 + e.value)
            worst.add(slack, error: e.error + 8 * Double.ulpOfOne, "\(g.name), x = \(sup.x)")
            if g.name.hasPrefix("hinge") { hinges.add(slack, error: e.error + 8 * Double.ulpOfOne, g.name) }
        }
        worst.record(ctx, "max of ‖g − id‖∞ − e/(1 + e)", route: .rootFinding, resolution: 1e-9)
        hinges.record(ctx, "hinges: ‖g − id‖∞ = c = e/(1 + e) (tight)", route: .rootFinding, resolution: 1e-9)
    }

    static let excessConvexitySteepness = Claim(
        id: "LN-EC-P4", paper: Papers.layernorm, location: "App. A.3, Property 4 (Steepness estimate)",
        statement: "If g is differentiable then g'(1) ≥ 1 + e(g).",
        assumptions: ["g'(1) the left derivative at 1, in closed form per family (Σ k c_k, λe^λ/(e^λ − 1), the last slope, 1/(1 − c), (1 − r)‖f'‖²/(𝔆[f|1] − 𝔆[f|r]), products and mixtures)"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var worst = WorstCase(.atLeast), hinges = WorstCase(.atMost, 1e-12)
        for g in try convexSample(ctx) {
            let e = try g.excess()
            let slack = (g.slopeAtOne - 1 - e.value) / (1 + e.value)
            worst.add(slack, error: e.error + 8 * Double.ulpOfOne, g.name)
            if g.name.hasPrefix("hinge") { hinges.add(slack, error: e.error + 8 * Double.ulpOfOne, g.name) }
        }
        worst.record(ctx, "min of (g'(1) − 1 − e)/(1 + e)", route: .rootFinding, resolution: 1e-9)
        hinges.record(ctx, "hinges: g'(1⁻) = 1/(1 − c) = 1 + e (tight)", route: .rootFinding, resolution: 1e-9)
    }
}
