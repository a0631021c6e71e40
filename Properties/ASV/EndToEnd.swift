import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension ASVClaims {
    /// The networks an end-to-end claim measures at the run's budget, with the number of random networks
    /// (FAST: `fastAtQuick` at the quick budget, 1024 at standard, 4096 at thorough); FAST_NOPOOL (standard
    /// budget) only if `withoutPooling`.
    static func endToEndNetworks(_ ctx: ClaimContext, withoutPooling: Bool, fastAtQuick: Int) throws
        -> [(name: String, stack: ConvPoolStack, networks: Int)] {
        let scale = ctx.budget == .thorough ? 4 : 1
        let fast = ctx.budget == .quick ? fastAtQuick : 1024 * scale
        var nets: [(String, ConvPoolStack, Int)] = [("FAST_MAX", try ASVNetworks.fast(.max), fast),
                                                    ("FAST_AVG", try ASVNetworks.fast(.average), fast)]
        guard ctx.budget != .quick else { return nets }
        if withoutPooling { nets.append(("FAST_NOPOOL", try ASVNetworks.fast(nil), 512 * scale)) }
        nets += [("BIG_MAX", try ASVNetworks.big(.max), 256 * scale), ("BIG_AVG", try ASVNetworks.big(.average), 256 * scale),
                 ("STRIDE2_MAX", try ASVNetworks.strideTwoMax(), 256 * scale)]
        return nets
    }

    /// "keeps … = 1" read with a 10% allowance, as the paper's own wording allows: (17) and (18) rest on (11) and (14),
    /// which §4.1 derives under "the assumptions and the approximations" it discusses right after (11) (the q_i are
    /// "not necessarily … equal", i.e. the border), and §4.1 asks only that variances be "kept approximately equal".
    /// The border effects of padding alone move the exact per-unit recursion by up to 6.3% in these networks
    /// (ASV-PADDING), pooling moves it by 30% or more. ASV-FWD-REC reads (11) at depth with the same allowance.
    static let keepsOne = ClaimedRegion.between(0.9, 1.1)

    static let endToEndForward = Claim(
        id: "ASV-E2E-FWD", paper: Papers.asv, location: "§4.2, sentence before (17)",
        statement: """
        Here we choose b^(ℓ) = 0 (σ²_{b^(ℓ)} = 0) and q^(0) = 1. With these additional conditions, the ASV forward \
        method (17) keeps q^(ℓ) = 1 for all layers.
        """,
        assumptions: [
            "measured in random Conv+Pool networks (catalog §3.5), white-noise N(0, 1) input, weights by (17) with τ_0 = 1 and zero biases: FAST_MAX/FAST_AVG (16×16×3; two 3×3 Conv+Pool layers with 2×2 max/average pooling, 32 channels; a 3×3 Conv layer; FC onto 10); at the standard budget also BIG_MAX/BIG_AVG (32×32×3, three Conv+Pool layers, 64 channels) and STRIDE2_MAX (a stride-2 Conv+Pool layer first); networks without pooling are measured against the exact per-unit recursion in ASV-PADDING",
            "q^(ℓ) = E[(u^(ℓ))²] averaged over units, 2 images per network, and independent networks (the replicate unit: the per-channel weight sums dominate the variance); t-intervals over networks",
            "\"keeps q = 1\" read as q^(ℓ) ∈ [0.9, 1.1], not as an exact identity: the sentence says it \"can be seen\" from (11), which §4.1 presents as resting on \"assumptions and … approximations\" (q_i unequal at the border; variances \"kept approximately equal\"); border effects alone move q by up to 6.3% here, and ASV-FWD-REC reads (11) itself at depth with the same 10% (it is off by 2.7% and 3.5% in FAST_NOPOOL)",
            "mechanism: the correlation of two horizontally adjacent units of a window, averaged over networks; the regions [−0.05, 0.05] at layer 1 and ≥ 0.3 at layer 2 were chosen after seeing the catalog's measurements (0.004; 0.60–0.66), below the mean-field estimate μ²/E z² = 0.71 (max), 0.65 (average): post hoc",
        ],
        kind: .empirical,
        expectation: .erratum(
            printed: "ASV-fwd keeps q^(ℓ) = 1 for all layers",
            corrected: """
            q^(ℓ) stays within 10% of 1 through the first two Conv+Pool layers (and, up to the border effects of \
            ASV-PADDING, in networks without pooling); from the \
            third layer on — after a pooled layer whose inputs have a non-zero mean, so that the units of a window are \
            correlated (≈ 0.6–0.8 against ≈ 0 at layer 1) — max pooling drives q^(ℓ) below 0.9 and average pooling above \
            1.1: the i.i.d.-window assumption behind (11) fails (E-ASV-9)
            """)
    ) { ctx in
        // 1024 FAST networks at the quick budget too: q^(4) of FAST_MAX (≈ 0.75, 0.15 below the 10% band) is refuted as
        // printed when its estimate plus the t half-width (≈ 5.2 standard errors at the assertion's α ≈ 2.4e-7) stays
        // below 0.9. With 512 networks (SE ≈ 0.022) that fails with probability ≈ 0.08; with 1024 (SE ≈ 0.015), ≈ 2e-5.
        let nets = try endToEndNetworks(ctx, withoutPooling: false, fastAtQuick: 1024)
        let assertions = nets.reduce(0) { $0 + 2 * $1.stack.layers.count + 2 }
        let alpha = try ctx.reserveAlpha(1, splitOver: assertions)
        for (name, stack, networks) in nets {
            let variances = try ASVInitialization.forwardVariances(stack)
            let summary = try NetworkSimulation(stack: stack, weightVariances: variances, imagesPerNetwork: 2, backward: false)
                .run(ctx, label: "forward \(name)", networks: networks)
            let kind = stack.layers[0].pooling.kind
            for l in summary.q.indices {
                let printed = try recordMean(ctx, "\(name): q^(\(l + 1)) = 1", moments: summary.q[l], region: keepsOne,
                                             resolution: 0.04, alpha: alpha)
                // Off only behind a pooled layer other than the first (its inputs have a non-zero mean).
                let behindCorrelatedPool = l >= 2 && stack.layers[1..<l].contains { $0.poolSize > 1 }
                let corrected: ClaimedRegion = behindCorrelatedPool ? (kind == .max ? .atMost(0.9) : .atLeast(1.1)) : keepsOne
                if !behindCorrelatedPool {
                    try ctx.expect(.confirmed, for: printed.key,
                                   because: "no correlated pooled window behind this layer: q stays within 10% of 1 as printed")
                }
                try recordMean(ctx, "\(name): q^(\(l + 1)) in \(corrected.lower)…\(corrected.upper)", subject: .corrected,
                               moments: summary.q[l], region: corrected, resolution: 0.04, alpha: alpha,
                               note: "E z²/E u² at this layer: \(summary.secondMoments[l].mean / summary.q[l].mean)")
            }
            // Both regions were chosen after seeing the catalog's measurements (the assumptions say so).
            try ctx.recordingPostHoc {
                try recordMean(ctx, "\(name): window correlation of u^(1) ≈ 0", subject: .corrected,
                               moments: summary.windowCorrelation[0], region: .between(-0.05, 0.05), resolution: 0.02, alpha: alpha)
                try recordMean(ctx, "\(name): window correlation of u^(2) ≥ 0.3", subject: .corrected,
                               moments: summary.windowCorrelation[1], region: .atLeast(0.3), resolution: 0.02, alpha: alpha)
            }
            let exact = try VarianceRecursion.positionResolvedForward(
                stack, weightVariances: variances, inputSecondMoments: [Double](repeating: 1, count: stack.input.count)
            ).map { $0.reduce(0, +) / Double($0.count) }
            ctx.attach(try layerFigure(name: "forward-\(name)", title: "\(name), ASV forward (17): q^(ℓ) per layer",
                                       symbol: "q", paper: "(11)", perUnit: "(B.7)", layers: summary.q.indices.map { Double($0 + 1) },
                                       exact: exact, measured: summary.q, networks: networks, alpha: alpha))
        }
    }

    static let endToEndBackward = Claim(
        id: "ASV-E2E-BWD", paper: Papers.asv, location: "§4.2, sentence before (17)",
        statement: """
        Here we choose r^(L) = 1. With these additional conditions, the ASV backward method (18) keeps r^(ℓ) = 1 for \
        all layers.
        """,
        assumptions: [
            "the networks of ASV-E2E-FWD with weights by (18), γ_L = 1 for the identity output layer, zero biases, white-noise input (one image per network)",
            "r^(ℓ) = E[(Δz^(ℓ))²] averaged over units for Δz^(L) ~ N(0, I): computed exactly in Δz^(L) as Σ_k of the backpropagated basis vectors e_k, so r^(L) = 1 exactly; t-intervals over independent networks",
            "\"keeps r = 1\" read as r^(ℓ) ∈ [0.9, 1.1]",
            "mechanism: the share of windows whose pre-activations are all negative (2^{−T} = 0.0625 for i.i.d. units), where ReLU then max pooling passes no gradient; layer 1 is called near the i.i.d. value when the share is at most 0.075, layer 2 far from it when at least 0.15 (γ_eff = (1 − share)/T ≤ 0.21 against 0.234); both thresholds were chosen after seeing the catalog's measurements (0.065 at layer 1, 0.24–0.31 behind a correlated window): post hoc",
            "average pooling: the corrected regions r^(0) ≥ 1 and r^(ℓ) ∈ [0.9, 1.25] below the pooled layers were chosen after seeing the catalog's measurements (r = 1.163, 1.060, 1.021 for BIG_AVG): post hoc",
        ],
        kind: .empirical,
        expectation: .erratum(
            printed: "ASV-bwd keeps r^(ℓ) = 1 for all layers",
            corrected: """
            r^(ℓ) stays within 10% of 1 above the pooled layers and in networks without pooling; below a max-pooled layer \
            whose window units are correlated (every pooled layer after the first), r^(ℓ) < 0.9, because all-negative \
            windows become far more frequent than 2^{−T}; with average pooling r^(ℓ) stays in [0.9, 1.25] and r^(0) > 1
            """)
    ) { ctx in
        let nets = try endToEndNetworks(ctx, withoutPooling: true, fastAtQuick: 512)
        let assertions = nets.reduce(0) { $0 + 2 * $1.stack.layers.count + (ASVNetworks.pooledLayers($1.stack) > 0 ? 2 : 0) }
        let alpha = try ctx.reserveAlpha(1, splitOver: assertions)
        for (name, stack, networks) in nets {
            let variances = try ASVInitialization.backwardVariances(stack)
            let summary = try NetworkSimulation(stack: stack, weightVariances: variances, imagesPerNetwork: 1, backward: true)
                .run(ctx, label: "backward \(name)", networks: networks)
            let pooled = ASVNetworks.pooledLayers(stack)
            let kind = stack.layers[0].pooling.kind
            for l in 0..<stack.layers.count {
                let printed = try recordMean(ctx, "\(name): r^(\(l)) = 1", moments: summary.r[l], region: keepsOne,
                                             resolution: 0.04, alpha: alpha)
                let corrected: ClaimedRegion = pooled == 0 || l >= pooled ? keepsOne
                    : (kind == .max ? .atMost(0.9) : (l == 0 ? .atLeast(1) : .between(0.9, 1.25)))
                if let (verdict, reason) = backwardExpectation(network: name, layer: l, pooled: pooled, kind: kind) {
                    try ctx.expect(verdict, for: printed.key, because: reason)
                }
                // The average-pooling regions below the pooled layers were chosen after seeing the catalog's measurements.
                try ctx.recordingPostHoc(kind == .average && pooled > 0 && l < pooled) {
                    try recordMean(ctx, "\(name): r^(\(l)) in \(corrected.lower)…\(corrected.upper)", subject: .corrected,
                                   moments: summary.r[l], region: corrected, resolution: 0.04, alpha: alpha)
                }
            }
            if pooled > 0 {
                let t = Double(stack.layers[0].poolSize)
                // Both thresholds were chosen after seeing the catalog's measurements (the assumptions say so).
                try ctx.recordingPostHoc {
                    try recordMean(ctx, "\(name): share of all-negative windows at layer 1 ≤ 0.075, near 2^{−T}", subject: .corrected,
                                   moments: summary.negativeWindows[0], region: .atMost(0.075), resolution: 0.01, alpha: alpha,
                                   note: "2^{−T} = \(pow(2, -t)); the shared filter of a window correlates its units slightly even for white noise")
                    try recordMean(ctx, "\(name): share of all-negative windows at layer 2 ≥ 0.15", subject: .corrected,
                                   moments: summary.negativeWindows[1], region: .atLeast(0.15), resolution: 0.01, alpha: alpha,
                                   note: "γ_eff = (1 − share)/T = \((1 - summary.negativeWindows[1].mean) / t) against γ_max = \(try PoolingMoments.gammaMax(poolSize: Int(t)))")
                }
            }
            let exact = try VarianceRecursion.positionResolvedBackward(
                stack, weightVariances: variances, outputVariances: [Double](repeating: 1, count: stack.layers.last!.outputCount)
            ).map { $0.reduce(0, +) / Double($0.count) }
            ctx.attach(try layerFigure(name: "backward-\(name)", title: "\(name), ASV backward (18): r^(ℓ) per layer",
                                       symbol: "r", paper: "(14)", perUnit: "(B.19)", layers: summary.r.indices.map(Double.init),
                                       exact: exact, measured: summary.r, networks: networks, alpha: alpha))
        }
    }

    /// The expected verdict of the printed "r^(ℓ) = 1" (within 10%) where it is not refuted: confirmed above
    /// the pooled layers, without pooling, and below an average-pooled layer except at ℓ = 0; either where the
    /// measured r lies outside [0.9, 1.1] by less than δ = 0.04. Nil where it is refuted (the default).
    static func backwardExpectation(network: String, layer: Int, pooled: Int, kind: PoolingKind)
        -> (ExpectedVerdict, String)? {
        if pooled == 0 || layer >= pooled {
            return (.confirmed, "above the pooled layers (or without pooling) r stays within 10% of 1 as printed")
        }
        switch (network, layer, kind) {
        case ("FAST_MAX", 0, _):
            return (.either, "r^(0) ≈ 0.88 lies below 0.9 by about 0.02, within δ = 0.04 of the boundary")
        case ("FAST_AVG", 0, _):
            return (.either, "r^(0) ≈ 1.14 lies above 1.1 by about 0.04, within δ = 0.04 of the boundary")
        case (_, 1..., .average):
            return (.confirmed, "below an average-pooled layer r^(ℓ), ℓ ≥ 1, stays within 10% of 1 (catalog: 1.060 and "
                + "1.021 for BIG_AVG); only r^(0) leaves it")
        default:
            return nil
        }
    }

    /// Per-layer variances: the paper's averaged recursion (= 1), the per-unit recursion with i.i.d. windows,
    /// and the Monte Carlo means with their (1 − alpha) t-intervals.
    static func layerFigure(name: String, title: String, symbol: String, paper: String, perUnit: String, layers: [Double],
                            exact: [Double], measured: [RunningMoments], networks: Int, alpha: Double) throws -> Figure {
        Figure(name: name, title: title, xLabel: "layer ℓ", yLabel: "\(symbol)^(ℓ)", series: [
            .init(label: "paper's recursion \(paper): \(symbol) = 1", style: .line, x: layers, y: layers.map { _ in 1 }),
            .init(label: "per-unit recursion \(perUnit), i.i.d. windows", style: .line, x: layers, y: exact),
            .init(label: "Monte Carlo, \(networks) networks (1 − α interval)", style: .scatter, x: layers,
                  y: measured.map(\.mean), errors: try measured.map { try MeanInterval.student($0, alpha: alpha).width / 2 }),
        ])
    }
}
