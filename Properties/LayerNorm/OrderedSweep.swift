import ClaimKit
import RandomNetworks

extension LayerNormClaims {
    /// `body(item)` for every item of a deterministic sweep (quadrature, root finding: no random draws) on the claim's
    /// engine, the results in item order: the same values as a sequential loop, whatever the thread count.
    package static func sweep<Item: Sendable, Result: Sendable>(_ ctx: ClaimContext, _ items: [Item],
                                                        _ body: @escaping @Sendable (Item) throws -> Result) throws -> [Result] {
        try BlockMap.map(ctx.engine, count: items.count, stream: ctx.stream("sweep")) { index, _ in try body(items[index]) }
    }
}
