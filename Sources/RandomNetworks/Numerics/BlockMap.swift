import Foundation
import Randomness

/// Deterministic parallel map over a fixed number of independent pieces of
/// work (training runs, blocks of labelings): piece i runs on the engine's
/// workers with its own stream `stream.child(i)`, and the results come back in
/// index order, so they do not depend on the thread count.
public enum BlockMap {
    /// `body(i, rng)` for i = 0 ..< `count` on `engine`'s workers, rng the generator of `stream.child(i)`;
    /// the results in index order.
    public static func map<T: Sendable>(_ engine: MonteCarloEngine, count: Int, stream: StreamSeed,
                                        _ body: @escaping @Sendable (Int, inout Xoshiro256) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        try engine.forEachBlock(count) { index in
            var rng = stream.child(index).generator()
            slots.store(index, try body(index, &rng))
        }
        return try slots.values()
    }

    /// One write-once slot per piece, filled by exactly one worker.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()

        init(count: Int) { storage = Array(repeating: nil, count: count) }

        func store(_ index: Int, _ value: T) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        func values() throws -> [T] {
            try storage.enumerated().map { index, slot in
                guard let slot else {
                    throw ParameterError("BlockMap.map", parameter: "block", value: "\(index)",
                                         requirement: "a result from every parallel block")
                }
                return slot
            }
        }
    }
}
