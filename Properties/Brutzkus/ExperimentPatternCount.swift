import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let patternCountExperiment = Claim(
        id: "BG-X7.3", paper: Papers.brutzkus, location: "§7, paragraph before the MNIST experiment; Fig. 4",
        statement: """
        "Next, we consider the effect of the number of patterns n on performance. As shown in Proposition 6.1, the norm of \
        the max-margin linear classifier is lower bounded by n. Thus, increasing n is expected to result in worse \
        performance for MLP and SVM by the results in the previous section. In Figure 4, we vary the number of patterns, and \
        indeed observe that performances of MLP and SVM deteriorate while that of ConvPool is only mildly affected (we used \
        the same parameters as above and noise level ‖v‖ ≤ 1)."
        """,
        assumptions: [
            "the norm statement is checked on the max-margin classifier over the support of D (d = l = 4, n = 3, 4), solved exactly (BG-P6.1)",
            "A6: m = 40 training examples (the paper gives none), n = 2, 4, 8, noise uniform in the unit ball, d = l = 10, k = 100, MLP width round(k(d + 1)/(nd + 1)); test sets of 2000 (1000 quick); the changes are averaged over independent pairs of runs, every assertion reading the same pairs, which train the asserted baselines and ConvPool (t-interval, number planned from δ = 0.1 (0.05 thorough) and alpha; the quick budget asserts the SVM's deterioration only); the figure uses 5 runs per n (3 quick)",
            "\"deteriorate\" read as a test-error increase of at least 0.1 from n = 2 to n = 8; \"only mildly affected\" as ConvPool's increase being at most half of the baseline's",
        ],
        kind: .empirical,
        expectation: .erratum(
            printed: "the norm of the max-margin linear classifier is lower bounded by n",
            corrected: "its squared norm is lower bounded by n (Proposition 6.1; in fact ‖ŵ‖² = 2n), and the observations on MLP, SVM and ConvPool")
    ) { ctx in
        for n in [3, 4] {
            let solved = try MaxMarginOnSupport(PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: n))
            ctx.bound("n = \(n), d = l = 4: ‖ŵ‖ (max-margin classifier on the support) ≥ n", route: .iterativeSolver,
                      value: solved.svm.normSquaredUpperBound.squareRoot(),
                      error: solved.svm.normSquaredUpperBound.squareRoot() - solved.svm.normSquaredLowerBound.squareRoot(),
                      region: .atLeast(Double(n)), resolution: 1e-9,
                      note: "‖ŵ‖ = √(2n) = \(Double(2 * n).squareRoot())")
            ctx.bound("n = \(n), d = l = 4: ‖ŵ‖² ≥ n", subject: .corrected, route: .iterativeSolver,
                      value: solved.svm.normSquaredLowerBound, region: .atLeast(Double(n)), resolution: 1e-9)
        }
        let counts = [2, 4, 8]
        let models: [ExperimentRun.Model] = [.convPool, .mlp, .svm]
        let runs = try counts.map { n in
            try PatternExperiment.runs(ctx, ExperimentScale.forBudget(ctx.budget, noiseRadius: 1, patternsPerInput: n),
                                       sizes: [40], models: models, label: "n = \(n)")[0]
        }
        let note = counts.indices.map { i in
            "n = \(counts[i]): " + models.map { model in
                "\(model.rawValue) \(String(format: "%.3f", runs[i].map { $0.testError(model) }.reduce(0, +) / Double(runs[i].count)))"
            }.joined(separator: ", ")
        }.joined(separator: "; ")
        // The quick tier asserts the SVM's deterioration only (the runs planned per assertion grow as 1/δ²).
        let baselines = ctx.scope(quick: [ExperimentRun.Model.svm], full: [.svm, .mlp])
        let comparesConvPool = ctx.scope(quick: false, full: true)
        let alpha = try ctx.reserveAlpha(1, splitOver: baselines.count * (comparesConvPool ? 2 : 1))
        let scales = counts.map { ExperimentScale.forBudget(ctx.budget, noiseRadius: 1, patternsPerInput: $0) }
        // One draw: an independent run at n = 2 and at n = 8 (first and last of `counts`), each training the asserted
        // baselines and ConvPool. Every assertion draws from the same stream, so they share their runs (one cache).
        let pairModels = baselines + [.convPool]
        let pairs = ReplicateCache<RunPair>()
        let label = "pairs of runs at n = 2 and n = 8"
        let increases = { @Sendable (rng: inout Xoshiro256, baseline: ExperimentRun.Model) throws -> (baseline: Double, convPool: Double) in
            let pair = try pairs.value(&rng) { rng in
                RunPair(low: try ExperimentRun.run(scales[0], sampleSize: 40, models: pairModels, rng: &rng),
                        high: try ExperimentRun.run(scales[2], sampleSize: 40, models: pairModels, rng: &rng))
            }
            return (pair.high.testError(baseline) - pair.low.testError(baseline),
                    pair.high.testError(.convPool) - pair.low.testError(.convPool))
        }
        for baseline in baselines {
            try PatternExperiment.estimateOverRuns(
                ctx, "\(baseline.rawValue): test error at n = 8 − at n = 2 ≥ 0.1 (deteriorates)", subject: .corrected,
                region: .atLeast(0.1), resolution: PatternExperiment.gapResolution, alpha: alpha, label: label,
                note: baseline == .svm ? note : nil) { rng in try increases(&rng, baseline).baseline }
            guard comparesConvPool else { continue }
            try PatternExperiment.estimateOverRuns(
                ctx, "\(baseline.rawValue)'s increase − 2 × ConvPool's increase from n = 2 to 8 ≥ 0 (ConvPool mildly affected)",
                subject: .corrected, region: .atLeast(0), resolution: PatternExperiment.gapResolution, alpha: alpha,
                label: label) { rng in
                let increase = try increases(&rng, baseline)
                return increase.baseline - 2 * increase.convPool
            }
        }
        ctx.attach(PatternExperiment.figure(name: "fig4", title: "Fig. 4 (synthetic): test error against n, m = 40, ‖v‖ ≤ 1",
                                            xLabel: "patterns per input n", x: counts.map(Double.init), runs: runs,
                                            models: models))
    }
}

/// The two runs of one draw of BG-X7.3: n = 2 and n = 8 patterns per input.
private struct RunPair: Sendable {
    let low: ExperimentRun
    let high: ExperimentRun
}
