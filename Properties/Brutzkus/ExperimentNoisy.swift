import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let noisyExperiment = Claim(
        id: "BG-X7.2", paper: Papers.brutzkus, location: "§7, Fig. 3b and its caption",
        statement: """
        "In Figure 3b we go beyond our analyzed setting, and add independent random noise v to each pattern where \
        ‖v‖ ≤ 1.0. This makes the problem non linearly-separable. As expected, the linear method now fails, but ConvPool \
        performs well and outperforms MLP." Caption: "The resulting data is not linearly separable. Note: we verified that \
        for the linear model training error was non-zero in many of the cases. For the other models training error was zero."
        """,
        assumptions: [
            "A2: v uniform in the unit ball, independently for every slot; the rest as in BG-X7.1 (d = 10, n = 6, k = 100; the paper's sizes at the thorough budget)",
            "A4: the linear model is the hard-margin SVM when the training set is separable (certified by the solver) and the soft margin C = 10³ otherwise",
            "\"fails\" read as: at m = 80 the SVM's test error is at least 0.2 above that of the same SVM on noiseless data of the same size, and at least 0.1 above ConvPool's for m ≥ 20; \"outperforms\" as a gap of at least 0.05 for m ≥ 20; at m = 10, where every model is poor and the gap varies from run to run, only ConvPool ≤ baseline is required; the thresholds 0.05, 0.1 and 0.2 were chosen after exploratory runs of this code had been seen (post hoc); the gaps are averaged over independent runs planned from δ = 0.1 (0.05 thorough) and alpha (the SVM's and the MLP's gaps at one size read from the same runs, which train all three models), at every size at the standard budget and at m = 20 (and the m = 80 noise comparison) at the quick one",
            "\"training error non-zero in many of the cases\": a sample of m ≤ nd noisy inputs is almost surely separable (full row rank), so this is checked at m = 8nd (480 at the default scale) as at least half of the runs with training errors, against m = 8nd without noise (m = 8nd/3 is reported as well; the size 8nd was chosen after exploratory runs, as one where noisy training sets are mostly non-separable); the population is not separable (for any w, v_j = −y w[j]/‖w[j]‖ makes y w · x ≤ 0)",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let scale = ExperimentScale.forBudget(ctx.budget, noiseRadius: 1)
        let sizes = ctx.scope(quick: [10, 20, 40], full: [10, 20, 40, 80])
        let models: [ExperimentRun.Model] = [.convPool, .mlp, .svm]
        let runs = try PatternExperiment.runs(ctx, scale, sizes: sizes, models: models, label: "noisy")
        let note = experimentNote(runs, sizes: sizes, models: models)
        let asserted = PatternExperiment.assertedSizes(ctx, sizes)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * asserted.count + 1)
        for (i, m) in asserted.enumerated() {
            let strict = m > 10
            let shared = PatternExperiment.SharedRuns(label: "noisy, m = \(m): runs of ConvPool, MLP and SVM", scale: scale,
                                                      sampleSize: m, models: models)
            // The thresholds 0.1 and 0.05 were chosen after exploratory runs (the assumptions say so); 0 was not.
            try ctx.recordingPostHoc(strict) {
                try PatternExperiment.assertGap(ctx, "m = \(m): test error of SVM − ConvPool " + (strict ? "≥ 0.1 (the linear method fails)" : "≥ 0 (ConvPool no worse)"),
                                                runs: shared, model: .convPool, other: .svm,
                                                region: .atLeast(strict ? 0.1 : 0), resolution: PatternExperiment.gapResolution,
                                                alpha: alpha, note: i == 0 ? "\(scale); \(note)" : nil)
                try PatternExperiment.assertGap(ctx, "m = \(m): test error of MLP − ConvPool " + (strict ? "≥ 0.05 (ConvPool outperforms MLP)" : "≥ 0 (ConvPool no worse)"),
                                                runs: shared, model: .convPool, other: .mlp,
                                                region: .atLeast(strict ? 0.05 : 0), resolution: PatternExperiment.gapResolution,
                                                alpha: alpha)
            }
        }
        // "Now fails": at m = 80 the same linear model does well on noiseless data. One draw is a noisy run and an
        // independent noiseless run (SVM only, at every budget). The threshold 0.2 is post hoc.
        let cleanScale = ExperimentScale.forBudget(ctx.budget)
        try ctx.recordingPostHoc {
            try PatternExperiment.estimateOverRuns(
                ctx, "m = 80: SVM test error with noise − without noise ≥ 0.2 (the linear method now fails)",
                region: .atLeast(0.2), resolution: PatternExperiment.gapResolution, alpha: alpha) { rng in
                try ExperimentRun.run(scale, sampleSize: 80, models: [.svm], rng: &rng).testError(.svm)
                    - ExperimentRun.run(cleanScale, sampleSize: 80, models: [.svm], rng: &rng).testError(.svm)
            }
        }
        for model in [ExperimentRun.Model.convPool, .mlp] {
            ctx.bound("\(model.rawValue): training errors over all runs and sizes (\"for the other models training error was zero\")",
                      route: .monteCarlo, value: Double(PatternExperiment.trainingErrors(Array(runs.joined()), model)),
                      region: .atMost(0), samples: runs.joined().reduce(0) { $0 + $1.sampleSize })
        }
        // The linear model's training errors at sizes beyond nd, where separability is no longer automatic,
        // against the same sizes without noise (separable by construction).
        let nd = scale.dimension * scale.patternsPerInput
        let large = ctx.scope(quick: [8 * nd], full: [8 * nd / 3, 8 * nd])
        let noisyLinear = try PatternExperiment.runs(ctx, scale, sizes: large, models: [.svm], label: "noisy, large m")
        let cleanLinear = try PatternExperiment.runs(ctx, cleanScale, sizes: [8 * nd],
                                                     models: [.svm], label: "noiseless, large m")
        let counts = noisyLinear.map { runs in runs.filter { ($0.trainingErrors[.svm] ?? 0) > 0 }.count }
        let last = noisyLinear[large.count - 1]
        // The size 8nd was chosen after exploratory runs (the assumptions say so): the count's region is post hoc.
        ctx.recordingPostHoc { ctx.bound("m = 8nd = \(8 * nd): runs where the linear model has training errors, of \(last.count) (\"many of the cases\": at least half)",
                  route: .monteCarlo, value: Double(counts[large.count - 1]), region: .atLeast(Double(last.count) / 2),
                  samples: last.count * 8 * nd,
                  note: zip(large, zip(counts, noisyLinear)).map { m, pair in
                      "m = \(m): training errors in \(pair.0) of \(pair.1.count) runs (\(pair.1.map { $0.trainingErrors[.svm] ?? 0 }))"
                  }.joined(separator: "; ")
                      + "; at the test-error sizes m ≤ \(sizes.last ?? 0) the linear model has \(PatternExperiment.trainingErrors(Array(runs.joined()), .svm)) training errors in all") }
        ctx.bound("m = 8nd = \(8 * nd) without noise: training errors of the hard-margin SVM over all runs (the noise is what breaks separability)",
                  route: .monteCarlo, value: Double(PatternExperiment.trainingErrors(cleanLinear[0], .svm)), region: .atMost(0),
                  samples: cleanLinear[0].count * 8 * nd)
        ctx.attach(PatternExperiment.figure(name: "fig3b", title: "Fig. 3b (synthetic): noise ‖v‖ ≤ 1, d = \(scale.dimension), n = \(scale.patternsPerInput), k = \(scale.channels)",
                                            xLabel: "training set size m", x: sizes.map(Double.init), runs: runs, models: models))
    }
}
