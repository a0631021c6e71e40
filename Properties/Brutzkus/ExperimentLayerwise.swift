import ClaimKit
import Foundation
import RandomNetworks

extension BrutzkusClaims {
    static let layerwiseTraining = Claim(
        id: "BG-X7.0", paper: Papers.brutzkus, location: "§7, first bullet (ConvPool)",
        statement: """
        "ConvPool: Our convolution and max-pooling model in Eq. 1. We verified that layer-wise training performs very \
        similarly to standard training, and thus we report results on standard training with Adam (Kingma & Ba, 2014) in \
        what follows."
        """,
        assumptions: [
            "standard training: Adam on (W, a) jointly from PyTorch's default initialization; layer-wise: the same number of Adam steps on W with a fixed at random signs ±1/√k, then on a with W fixed (the paper does not say how its layer-wise variant was run; LW_CNN of Algorithm 1 with the theorem's tiny η1 is a different algorithm)",
            "the settings of BG-X7.1 and BG-X7.2 (d = 10, n = 6, k = 100; noiseless and ‖v‖ ≤ 1), m = 10, 20, 40; both variants trained on the same data and tested on the same points of each run; the gap is averaged over independent runs (t-interval, number of runs planned from δ = 0.1 (0.05 thorough) and alpha; at every size at the standard budget, at m = 20 at the quick one); the notes and training-error counts use 5 runs per size (3 quick)",
            "\"very similarly\" read as the catalog's criterion: test errors within 0.1 of each other on average over the runs at every size (the ConvPool–baseline gaps of §7 are 0.15–0.4), and zero training error for both on noiseless data",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let sizes = [10, 20, 40]
        let models: [ExperimentRun.Model] = [.convPool, .layerwise]
        let asserted = PatternExperiment.assertedSizes(ctx, sizes)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * asserted.count)
        for noise in [0.0, 1.0] {
            let scale = ExperimentScale.forBudget(ctx.budget, noiseRadius: noise)
            let runs = try PatternExperiment.runs(ctx, scale, sizes: sizes, models: models, label: "noise \(noise)")
            let note = experimentNote(runs, sizes: sizes, models: models)
            for (i, m) in asserted.enumerated() {
                let name = "\(noise > 0 ? "noisy" : "noiseless"), m = \(m): test error of layer-wise − standard within ±0.1"
                try PatternExperiment.assertGap(ctx, name, runs: .init(label: name, scale: scale, sampleSize: m, models: models),
                                                model: .convPool, other: .layerwise, region: .between(-0.1, 0.1),
                                                resolution: PatternExperiment.gapResolution, alpha: alpha,
                                                note: i == 0 ? "\(scale); \(note)" : nil)
            }
            if noise == 0 {
                for model in models {
                    ctx.bound("noiseless: \(model.rawValue) training errors over all runs and sizes", route: .monteCarlo,
                              value: Double(PatternExperiment.trainingErrors(Array(runs.joined()), model)), region: .atMost(0),
                              samples: runs.joined().reduce(0) { $0 + $1.sampleSize })
                }
            }
        }
    }
}
