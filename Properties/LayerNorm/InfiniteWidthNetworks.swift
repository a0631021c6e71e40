import ClaimKit
import RandomNetworks

extension InfiniteWidthNetworks {
    /// `count` random networks from the claim's stream `label`.
    static func randomNetworks(_ ctx: ClaimContext, count: Int, label: String = "random networks") throws
        -> [CorrelationMapComposition] {
        var rng = ctx.stream(label).generator()
        return try (0..<count).map { _ in try randomNetwork(&rng) }
    }

    /// How many random networks a property test checks: 60 at the quick budget, 300 otherwise.
    static func propertyTestCount(_ ctx: ClaimContext) -> Int { ctx.scope(quick: 60, full: 300) }
}
