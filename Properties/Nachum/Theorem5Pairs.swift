import ClaimKit
import RandomNetworks
import Randomness

extension NachumClaims {
    /// Pairs of pictures probing Theorem 5 (`Theorem5Pair.probePairs`): 600 random pairs at the quick budget, 3000 and
    /// the exhaustive n = 3 grid otherwise, and G3.
    static func theorem5Pairs(_ ctx: ClaimContext) throws -> [Theorem5Pair] {
        var rng = ctx.stream("theorem 5 pairs").generator()
        return try Theorem5Pair.probePairs(randomCount: ctx.scope(quick: 600, full: 3000), exhaustive: ctx.budget != .quick,
                                           rng: &rng)
    }
}
