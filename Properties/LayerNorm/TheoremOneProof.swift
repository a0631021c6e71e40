import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let composedMaps = Claim(
        id: "LN-A1-COMPOSE", paper: Papers.layernorm, location: "App. A.1, first display",
        statement: "For layers k < l, ρ_l = P_l ∘ P_{l−1} ∘ … ∘ P_{k+1}(ρ_k).",
        assumptions: [
            "infinite-width statement (from eq. (2.3) layer by layer); checked at width N = 256 with the realized ρ_k: the mean of ρ_l − P_l∘…∘P_{k+1}(ρ_k) within ±1/N (twice the catalog's largest |N·bias|; resolution 1/N)",
            "heterogeneous layers: identity embedding, critical erf, ReLU, erf(2x) with σ_b² = 0.2, LReLU_−0.3 with σ_b² = 0.1, ReLU; k = 2, l = 6",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let setting = MeanFieldSetting(name: "heterogeneous", layers: [
            (.identity, 1, 0), (.erf(scale: 1), 1, InfiniteWidthNetworks.criticalErfRatio), (.relu, 2, 0), (.erf(scale: 2), 1, 0.2),
            (.leakyReLU(slope: -0.3), 1, 0.1), (.relu, 1.5, 0),
        ], inputCosine: 0.2)
        let width = 256
        let network = try setting.network(width: width)
        let composition = try setting.composition()
        let pair = try LayerNormMLP.inputPair(cosine: setting.inputCosine, width: width)
        let sampler = NormalSampler()
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for (k, l) in [(2, 6), (4, 5)] {
            try MeanFieldChecks.assertLimit(
                ctx, "N = \(width): ρ_\(l) − P_\(l)∘…∘P_\(k + 1)(ρ_\(k)) with the realized ρ_\(k) (pair sampler)", width: width, alpha: alpha
            ) { rng in
                let rhos = [setting.inputCosine] + (try network.sampledCorrelations(pair, rng: &rng, sampler: sampler))
                let predicted = 1 - (try composition.complements(startingAt: 1 - rhos[k], from: k, through: l).last!)
                return rhos[l] - predicted
            }
        }
    }

    /// f_l(ρ) − ρ̃_l = ε̃_l − ε_l(ρ) (complement form) over the layers of `networks` and ρ on a 101-point grid of [0, 1]:
    /// ≥ 0 if the infimum of f_l on [0, 1] is attained at 0 (App. A.1; footnote 7).
    static func infimumAtZero(_ networks: [CorrelationMapComposition]) throws -> WorstCase {
        var above = WorstCase(.atLeast)
        for (index, network) in networks.enumerated() {
            for i in 0...100 {
                let rho = Double(i) / 100
                let path = try network.complements(startingAt: 1 - rho)
                for l in 1...network.depth {
                    above.add(network.tildeComplements[l] - path[l], error: 8 * Double(network.depth) * Double.ulpOfOne,
                              "network \(index), l = \(l), ρ = \(rho)")
                }
            }
        }
        return above
    }

    static let tildeRhoBounds = Claim(
        id: "LN-A1-RHOTILDE", paper: Papers.layernorm, location: "App. A.1, the two displays after ρ̃_l is defined",
        statement: """
        With ρ̃_l = P_l ∘ … ∘ P_1(0): for ρ ∈ [0, 1], P_l∘…∘P_1(ρ) ≥ ρ̃_l and P_l∘…∘P_1(−ρ) ≥ 2P_l∘…∘P_1(0) − P_l∘…∘P_0(ρ) ≥ 2ρ̃_l − 1. \
        Therefore ρ_l ≥ 2ρ̃_l − 1 and 1 − ρ_max ≤ 2(1 − ρ̃_max).
        """,
        assumptions: [
            "'P_l∘…∘P_0' in the extracted text is read P_l∘…∘P_1 (E-LN-13)",
            "random heterogeneous infinite-width networks (as LN-T1-INF); grids of 101 points in ρ ∈ [0, 1], every layer",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var mirrored = WorstCase(.atLeast), spread = WorstCase(.atLeast)
        let networks = try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx))
        let above = try infimumAtZero(networks)
        for (index, network) in networks.enumerated() {
            let rounding = 8 * Double(network.depth) * Double.ulpOfOne
            for i in 0...100 {
                let rho = Double(i) / 100
                let plus = try network.complements(startingAt: 1 - rho), minus = try network.complements(startingAt: 1 + rho)
                for l in 1...network.depth {
                    // In complement form: f_l(−ρ) + f_l(ρ) − 2ρ̃_l = 2ε̃_l − ε_l(−ρ) − ε_l(ρ).
                    mirrored.add(2 * network.tildeComplements[l] - minus[l] - plus[l], error: 2 * rounding,
                                 "network \(index), l = \(l), ρ = \(rho)")
                }
            }
            spread.add(2 * network.tildeMaxComplement - (try network.maximalCorrelation().complement), error: rounding + 1e-12,
                       "network \(index)")
        }
        above.record(ctx, "f_l(ρ) − ρ̃_l ≥ 0 on [0, 1]", route: .closedForm, resolution: 1e-12)
        mirrored.record(ctx, "f_l(−ρ) − (2ρ̃_l − f_l(ρ)) ≥ 0 on [0, 1]", route: .closedForm, resolution: 1e-12)
        spread.record(ctx, "2(1 − ρ̃_max) − (1 − ρ_max) ≥ 0", route: .closedForm, resolution: 1e-10)
        let leaky = try InfiniteWidthNetworks.mlp(.leakyReLU(slope: 0.5), depth: 1)
        ctx.bound("LReLU_0.5, L = 1: 2(1 − ρ̃_max) − (1 − ρ_max) = \(2 * leaky.tildeMaxComplement) − \(try leaky.maximalCorrelation().complement)",
                  route: .closedForm, value: 2 * leaky.tildeMaxComplement - (try leaky.maximalCorrelation().complement),
                  error: 1e-12, region: .atLeast(0), resolution: 1e-10)
    }

    static let croppedMaps = Claim(
        id: "LN-A1-CROP", paper: Papers.layernorm, location: "App. A.1, eqs. (A.2) and (A.3)",
        statement: """
        P̃_l(t) = (P_l(ρ̃_{l−1} + (1 − ρ̃_{l−1})t) − ρ̃_l)/(1 − ρ̃_l) maps [0, 1] to [0, 1] with P̃_l(0) = 0, P̃_l(1) = 1, and \
        P_l∘…∘P_{k+1}(ρ̃_k + (1 − ρ̃_k)t) = ρ̃_l + (1 − ρ̃_l) P̃_l∘…∘P̃_{k+1}(t) (A.2); consequently \
        (P_L∘…∘P_1)'(1) = (1 − ρ̃_L)(P̃_L∘…∘P̃_1)'(1) (A.3).
        """,
        assumptions: [
            "random heterogeneous networks; (A.2) at 21 values of t and random k < l: in complement form at every layer, and in ρ form from the definitions where 1 − ρ̃_l ≥ 10⁻³ (the ρ form loses digits like ε/(1 − ρ̃))",
            "(A.3): ∏ P_l'(1) against (1 − ρ̃_L) times the derivative of the composed crops at 1, by Richardson extrapolation of its secant (networks of erf layers, smooth at 1)",
            "membership of each P̃_l in the class of A.3 (monotone, convex) on a 201-point grid, where 1 − ρ̃_l ≥ 10⁻³",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("layers").generator()
        var identity = WorstCase(.atMost), complementForm = WorstCase(.atMost)
        var member = WorstCase(.atLeast), ends = WorstCase(.atMost)
        for (index, network) in try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx)).enumerated() {
            let l = 1 + Int(rng.nextUniform() * Double(network.depth))
            let k = Int(rng.nextUniform() * Double(l))
            let label = "network \(index), k = \(k), l = \(l)"
            for i in 0...20 {
                let t = Double(i) / 20
                // Complement form, every layer: 1 − f_{k→l}(1 − ε̃_k s) = ε̃_l (1 − P̃_l∘…∘P̃_{k+1}(1 − s)), s = 1 − t.
                let direct = try network.complements(startingAt: network.tildeComplements[k] * (1 - t), from: k, through: l).last!
                let cropped = try network.croppedCompositeComplement(from: k, to: l, 1 - t)
                complementForm.add(abs(direct / network.tildeComplements[l] - cropped), error: 16 * Double(l - k + 1) * Double.ulpOfOne,
                                   "\(label), t = \(t)")
                // ρ form, from the definitions, where 1 − ρ̃ ≥ 10⁻³ keeps its digits (rounding grows like ε/(1 − ρ̃)).
                guard network.tildeComplements[k...l].min()! >= 1e-3 else { continue }
                let tildeK = 1 - network.tildeComplements[k], tildeL = 1 - network.tildeComplements[l]
                var value = tildeK + (1 - tildeK) * t
                for layer in (k + 1)...l { value = try network.maps[layer - 1](value) }
                var crop = t
                // Each crop maps [0, 1] onto itself; rounding can leave it by an ulp, which the next crop's domain check rejects.
                for layer in (k + 1)...l { crop = min(1, max(0, try network.cropped(layer: layer, crop))) }
                identity.add(abs(value - (tildeL + (1 - tildeL) * crop)),
                             error: 16 * Double(l - k + 1) * Double.ulpOfOne / network.tildeComplements[k...l].min()!,
                             "\(label), t = \(t)")
            }
            for layer in 1...network.depth where network.tildeComplements[layer] >= 1e-3 {
                member.add(try ExcessConvexity.classViolation({ try network.cropped(layer: layer, $0) }, points: 201),
                           error: 32 * Double.ulpOfOne / network.tildeComplements[layer], "network \(index), layer \(layer)")
                ends.add(max(abs(try network.cropped(layer: layer, 0)), abs(try network.cropped(layer: layer, 1) - 1)),
                         error: 8 * Double.ulpOfOne / network.tildeComplements[layer], "network \(index), layer \(layer)")
            }
        }
        complementForm.record(ctx, "(A.2) in complement form: |(1 − f_{k→l}(1 − ε̃_k s))/ε̃_l − (1 − P̃_l∘…∘P̃_{k+1}(1 − s))|",
                              route: .closedForm, resolution: 1e-11)
        identity.record(ctx, "(A.2) in ρ form: |f_{k→l}(ρ̃_k + (1 − ρ̃_k)t) − ρ̃_l − (1 − ρ̃_l) P̃_l∘…∘P̃_{k+1}(t)|", route: .closedForm,
                        resolution: 1e-9)
        member.record(ctx, "P̃_l in the class: smallest first/second difference on [0, 1]", route: .enumeration, resolution: 1e-10)
        ends.record(ctx, "|P̃_l(0)|, |P̃_l(1) − 1|", route: .closedForm, resolution: 1e-10)
        var a3 = WorstCase(.atMost)
        for index in 0..<ctx.scope(quick: 10, full: 40) {
            let depth = 1 + Int(rng.nextUniform() * 8)
            var maps: [any CorrelationMap] = [try InfiniteWidthNetworks.embedding(bias: 0.2 * rng.nextUniform())]
            for _ in 0..<depth {
                maps.append(try LayerNormCorrelationMap(.erf(scale: 0.5 + 2 * rng.nextUniform()),
                                                        weightVariance: 0.5 + rng.nextUniform(), biasVariance: 0.3 * rng.nextUniform()))
            }
            let network = try CorrelationMapComposition(maps)
            let limit = try Richardson.secantLimit({ try network.croppedCompositeComplement($0) }, kinked: false, epsilon: 1e-6)
            let predicted = network.tildeComplements.last! * limit.value
            a3.add(abs(predicted / network.slopeAtOne - 1), error: limit.error / limit.value + 1e-13, "erf network \(index), L = \(depth)")
        }
        a3.record(ctx, "(A.3): |(1 − ρ̃_L)(P̃_L∘…∘P̃_1)'(1) / ∏P_l'(1) − 1| (derivative by Richardson)", route: .closedForm,
                  resolution: 1e-7)
    }

    static let croppedCovariance = Claim(
        id: "LN-A1-PTILDE-COV", paper: Papers.layernorm, location: "App. A.1, display after (A.3)",
        statement: """
        Substituting (2.3), P̃_l is exactly a cropped Gaussian covariance of the activation: \
        P̃_l(t) = (𝔆[φ_l|ρ̃_{l−1} + (1 − ρ̃_{l−1})t] − 𝔆[φ_l|ρ̃_{l−1}])/(𝔆[φ_l|1] − 𝔆[φ_l|ρ̃_{l−1}]).
        """,
        assumptions: ["so P̃_l does not depend on σ_w, σ_b given ρ̃_{l−1}; random networks and two further (σ_w², σ_b²) per layer",
                      "both forms are differences of nearly equal numbers when ρ̃ → 1: checked where 1 − ρ̃_l ≥ 10⁻³ and 𝔆[φ|1] − 𝔆[φ|ρ̃_{l−1}] ≥ 10⁻³‖φ‖²"],
        kind: .identity, expectation: .holds
    ) { ctx in
        var agreement = WorstCase(.atMost), invariance = WorstCase(.atMost)
        for (index, network) in try InfiniteWidthNetworks.randomNetworks(ctx, count: InfiniteWidthNetworks.propertyTestCount(ctx)).enumerated() {
            for layer in 1...network.depth where network.tildeComplements[layer] >= 1e-3 {
                let kernel = network.maps[layer - 1].kernel
                let r = 1 - network.tildeComplements[layer - 1]
                let total = try kernel.covarianceGap(1 - r)
                guard total > 1e-3 * kernel.normSquared else { continue }
                let others = try [(0.5, 0.0), (2.5, 0.7)].map {
                    try LayerNormCorrelationMap(kernel: kernel, weightVariance: $0.0, biasVariance: $0.1)
                }
                for i in 0...10 {
                    let t = Double(i) / 10
                    let covariance = (try kernel.covariance(r + (1 - r) * t) - kernel.covariance(r)) / total
                    // Differences of O(‖φ‖²) numbers over 𝔆[φ|1] − 𝔆[φ|r], and over 1 − ρ̃_l in the affine form.
                    let rounding = 16 * Double.ulpOfOne * (kernel.normSquared / total + 1 / network.tildeComplements[layer])
                    agreement.add(abs(try network.cropped(layer: layer, t) - covariance), error: rounding,
                                  "network \(index), layer \(layer), t = \(t)")
                    for other in others {
                        // The crop at the same ρ̃_{l−1} = r of a layer with other variances, from the map's definition.
                        let p = try other(r), value = (try other(r + (1 - r) * t) - p) / (1 - p)
                        invariance.add(abs(value - covariance), error: rounding + 16 * Double.ulpOfOne / (1 - p),
                                       "network \(index), layer \(layer), t = \(t)")
                    }
                }
            }
        }
        agreement.record(ctx, "|P̃_l(t) (affine definition) − cropped 𝔆[φ_l|·]|", route: .closedForm, resolution: 1e-9)
        invariance.record(ctx, "|crop of P with other (σ_w², σ_b²) at the same ρ̃ − cropped 𝔆[φ_l|·]|", route: .closedForm, resolution: 1e-9)
    }
}
