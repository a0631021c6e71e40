import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension FirstLayerSetting {
    /// The configurations of the first-layer checks: all seven at the standard budget, four at the quick one.
    static func grid(_ budgetIsQuick: Bool) -> [FirstLayerSetting] {
        let all = [(3, 3, 30, 20), (4, 3, 40, 50), (4, 4, 100, 10), (5, 4, 60, 20), (6, 5, 60, 10), (6, 8, 40, 5), (8, 6, 60, 3)]
        let chosen = budgetIsQuick ? [all[0], all[1], all[3], all[4]] : all
        return chosen.map { FirstLayerSetting(dimension: $0.0, patternsPerInput: $0.1, sampleSize: $0.2, steps: $0.3) }
            + [FirstLayerSetting(dimension: 4, patternsPerInput: 3, sampleSize: 40, steps: 20, haar: true)]
    }
}

/// Independent first-layer runs of LW_CNN over a grid of settings, run in
/// parallel with one stream per run (deterministic for any thread count).
enum FirstLayerStudy {
    /// `seeds` runs of each setting (a fresh sample S, initialization and, for Haar settings, patterns per run).
    static func runs(_ ctx: ClaimContext, _ settings: [FirstLayerSetting], seeds: Int, label: String = "first-layer runs")
        throws -> [FirstLayerRun] {
        try FirstLayerRun.runs(settings, seeds: seeds, engine: ctx.engine, stream: ctx.stream(label))
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
    static func seeds(_ ctx: ClaimContext) -> Int { ctx.scope(quick: 3, full: 10) }

    /// A short description of the runs for notes: how many, and how many satisfy event (14).
    static func summary(_ runs: [FirstLayerRun]) -> String {
        "\(runs.count) runs over \(Set(runs.map(\.setting.description)).count) settings, \(runs.filter(\.event14).count) with event (14)"
    }
}
