import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension RepresentationSetting {
    /// The configurations of App. E's checks: five at the standard budget, three at the quick one.
    static func grid(_ budgetIsQuick: Bool) -> [RepresentationSetting] {
        let all = [(4, 3, 60, 50), (5, 4, 40, 20), (6, 5, 40, 10), (6, 5, 200, 10), (8, 6, 100, 5)]
        return (budgetIsQuick ? Array(all.prefix(3)) : all).map {
            RepresentationSetting(dimension: $0.0, patternsPerInput: $0.1, sampleSize: $0.2, steps: $0.3)
        }
    }
}

/// Independent representation runs in parallel, one stream per run.
enum RepresentationStudy {
    static func runs(_ ctx: ClaimContext, label: String = "representation runs") throws -> [RepresentationRun] {
        let settings = RepresentationSetting.grid(ctx.budget == .quick)
        let seeds = ctx.scope(quick: 3, full: 6)
        return try RepresentationRun.runs(settings, seeds: seeds, engine: ctx.engine, stream: ctx.stream(label))
    }

    /// The runs where events (7) and (14) hold (App. E's conditioning), with a summary of all runs.
    static func eventRuns(_ ctx: ClaimContext) throws -> (runs: [RepresentationRun], note: String) {
        let all = try runs(ctx)
        return (all.filter(\.eventsHold), summary(all))
    }

    static func summary(_ runs: [RepresentationRun]) -> String {
        "\(runs.count) runs over \(Set(runs.map(\.setting.description)).count) settings, \(runs.filter(\.eventsHold).count) with events (7) and (14)"
    }
}
