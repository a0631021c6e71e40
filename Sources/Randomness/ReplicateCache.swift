import Foundation

/// Replicates remembered by the generator state they were drawn from, so that assertions drawing from the same
/// stream share their expensive replicates (trained networks, say) instead of computing them again.
///
/// `value(_:_:)` is a pure function of the generator: the first request from a state computes the replicate and
/// records it with the state the computation left the generator in; a later request from the same state gets the
/// same replicate and the same final state. One cache serves one computation, which depends on nothing but the
/// generator (constants aside). Reading through a cache therefore never changes a result; two checks
/// share work exactly when they draw from the same streams (the same label and chunk indices), which is the
/// caller's choice. Safe to use from the engine's threads; entries live as long as the cache.
public final class ReplicateCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Xoshiro256: (value: Value, after: Xoshiro256)] = [:]

    /// An empty cache.
    public init() {}

    /// The replicate `compute` draws from `rng`, computed at most once per generator state; `rng` ends where
    /// `compute` leaves it.
    public func value(_ rng: inout Xoshiro256, _ compute: (inout Xoshiro256) throws -> Value) rethrows -> Value {
        let start = rng
        if let known = lock.withLock({ entries[start] }) {
            rng = known.after
            return known.value
        }
        let value = try compute(&rng)
        let after = rng
        lock.withLock { entries[start] = (value, after) }
        return value
    }

    /// The number of replicates computed so far.
    public var count: Int { lock.withLock { entries.count } }
}
