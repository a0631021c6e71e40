import ClaimKit
import Foundation
import RandomNetworks
import Randomness

/// Independent first-layer runs of LW_CNN over a grid of settings, run in
/// parallel with one stream per run (deterministic for any thread count).
enum FirstLayerStudy {
    /// `seeds` runs of each setting (a fresh sample S, initialization and, for Haar settings, patterns per run).
    static func runs(_ ctx: ClaimContext, _ settings: [FirstLayerSetting], seeds: Int, label: String = "first-layer runs")
        throws -> [FirstLayerRun] {
        let stream = ctx.stream(label)
        return try BlockMap.map(ctx, count: settings.count * seeds, stream: stream) { index, rng in
            try FirstLayerRun.run(settings[index / seeds], rng: &rng)
        }
    }

    /// The runs of `FirstLayerSetting.grid` at the context's budget.
    static func gridRuns(_ ctx: ClaimContext) throws -> [FirstLayerRun] {
        try runs(ctx, FirstLayerSetting.grid(ctx.budget == .quick), seeds: seeds(ctx))
    }

    /// A run outside Theorem 5.1's hypotheses: η1 × 50 (d = 4, n = 3, m = 40, T1 = 20).
    static func largeRateControl(_ ctx: ClaimContext) throws -> FirstLayerRun {
        var rng = ctx.stream("control").generator()
        return try FirstLayerRun.run(FirstLayerSetting(dimension: 4, patternsPerInput: 3, sampleSize: 40, steps: 20, rateFactor: 50),
                                     rng: &rng)
    }

    /// Seeds per setting at the context's budget.
    static func seeds(_ ctx: ClaimContext) -> Int { ctx.budget == .quick ? 3 : 10 }

    /// A short description of the runs for notes: how many, and how many satisfy event (14).
    static func summary(_ runs: [FirstLayerRun]) -> String {
        "\(runs.count) runs over \(Set(runs.map(\.setting.description)).count) settings, \(runs.filter(\.event14).count) with event (14)"
    }
}
