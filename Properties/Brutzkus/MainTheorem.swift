import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    /// One LW_CNN run (Theorem 5.1's recipe, T1 = 5) on m examples of D with d = l, n = d − 1: whether z(S2) is
    /// certified separable, whether T2 steps of the second loop decrease L2 at every step and reach zero training
    /// error, and the exact test error of the limit classifier sign(z · â) (eq. (24): the T2 → ∞ limit).
    static func theoremRun(dimension d: Int, sampleSize m: Int, secondLayerSteps: Int, rng: inout Xoshiro256) throws
        -> (separable: Bool, descends: Bool, testError: Double) {
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: d - 1)
        let trainer = try LayerwiseTrainer.theorem51(dimension: d, firstLayerSteps: 5, secondLayerSteps: secondLayerSteps)
        let start = try trainer.initialize(dimension: d, rng: &rng)
        let (s1, s2) = try distribution.sample(count: m, rng: &rng).halves()
        let network = try trainer.trainFirstLayer(start, on: s1)
        let features = try network.pooled(s2.inputs).features
        let svm = try HardMarginSVM.fit(features: features, labels: s2.labels)
        var previous = Double.infinity, monotone = true, finalErrors = 0
        _ = try trainer.trainSecondLayer(network, on: s2) { state in
            monotone = monotone && state.loss <= previous
            previous = state.loss
            if state.step == secondLayerSteps { finalErrors = try LogisticLoss.errorCount(outputs: state.scores, labels: state.labels) }
        }
        var limit = network
        limit.outputWeights = try svm.weights(features: features, labels: s2.labels)
        let classes = try distribution.supportClasses()
        let z = try network.pooled(distribution.representatives(of: classes).inputs).features
        return (svm.converged && (svm.margins.min() ?? 0) > 0, monotone && finalErrors == 0,
                try distribution.exactError(outputs: limit.outputs(features: z), classes: classes))
    }

    static let mainTheorem = Claim(
        id: "BG-T5.1", paper: Papers.brutzkus, location: "§5, Theorem 5.1 (proof: §5 Parts 1–3, App. B–E)",
        statement: """
        Theorem 5.1. Let S be an IID training set of size m sampled from D. Assume that we run LW_CNN with T1 > 0, \
        η1 ≤ 1/(4k(T1 + 1)) and η2 < 8k. Assume that r ≤ η1/200 and k > 8d³. Then, with probability at least \
        (1 − δ)(1 − 4e^{−d} − 4e^{−m/36}), the following holds: (1) lim_{T2→∞} L2((W^(T1), a^(T2))) = 0. \
        (2) lim_{T2→∞} P_{(x,y)~D}(sign(N_CNN[(W^(T1), a^(T2))](x)) ≠ y) = O(√(d/m)).
        """,
        assumptions: [
            "hyper-parameters at the theorem's limits: k = 8d³ + 1, η1 = 1/(4k(T1 + 1)), r = η1/200, η2 = 4k; T1 = 5; l = d, n = d − 1, o_i = e_i",
            "(1): L2 → 0 for gradient descent with η2 < 2/β σ_max^{−2} m2 exactly when z(S2) is linearly separable (Soudry et al.); separability is certified by the hard-margin SVM, and T2 = 5000 steps must decrease L2 at every step and reach zero training error",
            "(2): the T2 → ∞ classifier is sign(z · â) (eq. (24)); its error over D is computed exactly from the support classes. O(√(d/m)) is an upper bound with unspecified constant, so what is checked is the rate: the log-log slope of the mean error over m = 4, 6, 8 and m = 6, 8, 12 (even m, m2 = m/2) is ≤ −1/2; the error falls faster than any fixed power here (a single power law over 4 ≤ m ≤ 16 is rejected by its χ² test), so the slope is fitted over short ranges, chosen after that rejection was seen; at these m the theorem's probability 1 − 4e^{−d} − 4e^{−m/36} is negative, so they probe the rate, not the guarantee",
            "the guarantee and the d in O(√(d/m)) at a size where the theorem says something (m = 64: 1 − 4e^{−d} − 4e^{−m/36} = 0.25, 0.30, 0.31 for d = 4, 5, 6): the mean of err · √(m/d) over runs is at most 0.25 (the catalog's observed constant, T5.1-d(ii), fixed before this check was run) for each d, so err√(m/d) stays bounded across d; t-interval over runs, their number planned from resolution and alpha",
            "the explicit constant of the proof (‖â‖² max‖z‖² ≤ 51,200 d) makes the bound vacuous below m2 ≈ 10⁵ d; it is not used as evidence",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        // (1) with its probability, at m = 100, d = 4, where 1 − 4e^{−d} − 4e^{−m/36} = 0.678.
        let count = ctx.budget == .quick ? 40 : 150
        let optimization = try BlockMap.map(ctx, count: count, stream: ctx.stream("optimization runs")) { _, rng in
            try theoremRun(dimension: 4, sampleSize: 100, secondLayerSteps: 5000, rng: &rng)
        }
        try CountedProportion.record(
            ctx, "d = 4, m = 100: P(z(S2) separable and L2 decreasing to zero training error) ≥ 1 − 4e^{−d} − 4e^{−m/36}",
            successes: optimization.filter { $0.separable && $0.descends }.count, trials: count,
            region: .atLeast(1 - 4 * exp(-4.0) - 4 * exp(-100.0 / 36)), resolution: 0.02, alpha: try ctx.reserveAlpha(0.4))

        // (2) the rate: exact test errors of the limit classifier, averaged over seeds, at m and 2m.
        let dimensions = ctx.budget == .quick ? [4] : [4, 5, 6, 7]
        let sizes = [4, 6, 8, 12]
        let seeds = 300
        let ranges = [[0, 1, 2], [1, 2, 3]]
        let slopeAlpha = try ctx.reserveAlpha(0.3) / Double(dimensions.count * ranges.count)
        var series: [Figure.Series] = []
        for d in dimensions {
            let errors = try BlockMap.map(ctx, count: sizes.count * seeds, stream: ctx.stream("generalization d = \(d)")) { index, rng in
                try theoremRun(dimension: d, sampleSize: sizes[index / seeds], secondLayerSteps: 0, rng: &rng).testError
            }
            let moments = sizes.indices.map { RunningMoments(errors[($0 * seeds)..<(($0 + 1) * seeds)]) }
            series.append(.init(label: "d = \(d), n = \(d - 1): mean exact test error (± SE)", style: .scatter,
                                x: sizes.map(Double.init), y: moments.map(\.mean), errors: moments.map(\.standardError)))
            let note = sizes.indices.map { "m = \(sizes[$0]): \(String(format: "%.4f", moments[$0].mean)) ± \(String(format: "%.4f", moments[$0].standardError))" }
                .joined(separator: "; ")
            for range in ranges {
                try ctx.fitSlope("d = \(d): slope of log E[test error] against log m, m = \(range.map { String(sizes[$0]) }.joined(separator: ", ")) (O(√(d/m)) needs ≤ −1/2)",
                                 x: range.map { log(Double(sizes[$0])) }, y: range.map { log(moments[$0].mean) },
                                 standardErrors: range.map { moments[$0].standardError / moments[$0].mean },
                                 region: .atMost(-0.5), resolution: 0.1, alpha: slopeAlpha, samples: range.count * seeds,
                                 note: "\(seeds) runs per size; \(note)")
            }
        }
        // The non-vacuous size: err · √(m/d) at m = 64 for each d (the limit classifier's exact error per run).
        let scaledDimensions = ctx.budget == .quick ? [4, 6] : [4, 5, 6]
        let scaledAlpha = try ctx.reserveAlpha(0.3) / Double(scaledDimensions.count)
        for d in scaledDimensions {
            try ctx.estimateMean("d = \(d), m = 64 (guarantee \(String(format: "%.2f", 1 - 4 * exp(-Double(d)) - 4 * exp(-64.0 / 36)))): E[test error] · √(m/d) ≤ 0.25",
                                 region: .atMost(0.25), resolution: 0.05, alpha: scaledAlpha, pilotSamples: 24, chunkSize: 1) { rng, count in
                var moments = RunningMoments()
                for _ in 0..<count {
                    moments.add(try theoremRun(dimension: d, sampleSize: 64, secondLayerSteps: 0, rng: &rng).testError
                                * (64 / Double(d)).squareRoot())
                }
                return moments
            }
        }
        let curve = stride(from: 4.0, through: 12, by: 0.25).map { $0 }
        series.append(.init(label: "0.5 √(d/m), d = 4", style: .line, x: curve, y: curve.map { 0.5 * (4 / $0).squareRoot() }))
        ctx.attach(Figure(name: "test-error-vs-m", title: "Theorem 5.1: exact test error of the T2 → ∞ classifier",
                          xLabel: "training set size m", yLabel: "test error", series: series))
    }
}
