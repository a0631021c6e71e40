import ClaimKit
import Foundation
import RandomNetworks

extension BrutzkusClaims {
    /// A note listing the mean test error of each model at each size.
    static func experimentNote(_ runs: [[ExperimentRun]], sizes: [Int], models: [ExperimentRun.Model]) -> String {
        sizes.indices.map { i in
            "m = \(sizes[i]): " + models.map { model in
                "\(model.rawValue) \(String(format: "%.3f", runs[i].map { $0.testError(model) }.reduce(0, +) / Double(runs[i].count)))"
            }.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    static let noiselessExperiment = Claim(
        id: "BG-X7.1", paper: Papers.brutzkus, location: "§7, Fig. 3a and its caption",
        statement: """
        "We created data for a detection problem where all o ∈ R^20 vectors were uniformly sampled from the rows of a \
        uniformly sampled orthogonal matrix and n = 10. ConvPool used 500 channels. Figure 3a shows results for this \
        setting. ConvPool can be seen to outperform the other methods." Caption: "this data is linearly separable in x by \
        construction, and we verified that all models had zero training error."
        """,
        assumptions: [
            "A5/A6: l = d (all rows of the orthogonal matrix), training sizes m = 10, 20, 40, 80 (the figure's axis is not in the text); each run with its own patterns, training set, initializations and test set of 2000 (1000 quick); the figure and the training-error counts use 5 runs per size (3 quick)",
            "scale: d = 10, n = 6, k = 100 at the quick and standard budgets, the paper's d = 20, n = 10, k = 500 at the thorough one; ConvPool trained end to end by full-batch Adam (lr 10⁻², 500 steps; 300 quick) from PyTorch's default initialization",
            "A3: the MLP is eq. (8)'s one-hidden-layer leaky-ReLU network (slope 0.01), width round(k(d + 1)/(nd + 1)) for about ConvPool's parameter count, same optimizer; the SVM is the hard-margin linear SVM without bias",
            "\"outperform\" read as a test-error gap of at least 0.05 on average over the runs (t-interval over independent runs, each run's gap measured on its own test set; the SVM's and the MLP's gaps at one size are read from the same runs, which train all three models; the number of runs is planned from the resolution δ = 0.1 (0.05 thorough) and alpha; the quick budget asserts m = 20 only) where the baselines have not reached zero (m ≤ 40), and no worse (gap ≥ 0) at every size; the threshold 0.05 was chosen after exploratory runs of this code had been seen",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let scale = ExperimentScale.forBudget(ctx.budget)
        let sizes = ctx.scope(quick: [10, 20, 40], full: [10, 20, 40, 80])
        let models: [ExperimentRun.Model] = [.convPool, .mlp, .svm]
        let runs = try PatternExperiment.runs(ctx, scale, sizes: sizes, models: models, label: "noiseless")
        let note = experimentNote(runs, sizes: sizes, models: models)
        let asserted = PatternExperiment.assertedSizes(ctx, sizes)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * asserted.count)
        for (i, m) in asserted.enumerated() {
            let shared = PatternExperiment.SharedRuns(label: "noiseless, m = \(m): runs of ConvPool, MLP and SVM", scale: scale,
                                                      sampleSize: m, models: models)
            for baseline in [ExperimentRun.Model.svm, .mlp] {
                // The threshold 0.05 was chosen after exploratory runs (the assumptions say so); 0 was not.
                try ctx.recordingPostHoc(m <= 40) {
                    try PatternExperiment.assertGap(
                        ctx, "m = \(m): test error of \(baseline.rawValue) − ConvPool ≥ \(m <= 40 ? "0.05" : "0")", runs: shared,
                        model: .convPool, other: baseline, region: .atLeast(m <= 40 ? 0.05 : 0),
                        resolution: PatternExperiment.gapResolution, alpha: alpha,
                        note: i == 0 && baseline == .svm ? "\(scale); \(note)" : nil)
                }
            }
        }
        for model in models {
            ctx.bound("\(model.rawValue): training errors over all runs and sizes (\"all models had zero training error\")",
                      route: .monteCarlo, value: Double(PatternExperiment.trainingErrors(Array(runs.joined()), model)),
                      region: .atMost(0), samples: runs.joined().reduce(0) { $0 + $1.sampleSize })
        }
        ctx.attach(PatternExperiment.figure(name: "fig3a", title: "Fig. 3a (synthetic): noiseless D, d = \(scale.dimension), n = \(scale.patternsPerInput), k = \(scale.channels)",
                                            xLabel: "training set size m", x: sizes.map(Double.init), runs: runs, models: models))
    }
}
