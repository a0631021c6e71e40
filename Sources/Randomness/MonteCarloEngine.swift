import Dispatch
import Foundation
import Synchronization


/// Deterministic parallel Monte Carlo.
///
/// Work of `n` samples is cut into fixed-size chunks; chunk i draws from its
/// own stream `stream.child(i)`, whatever thread runs it, and partial results
/// are returned (and merged by the caller) in chunk order. The same seed
/// therefore gives bit-identical results with any number of threads.
/// Workers take the next chunk not yet taken (dynamic scheduling, so chunks of
/// unequal cost keep every worker busy); which worker runs a chunk never
/// changes its result.
public struct MonteCarloEngine: Sendable {
    /// The number of worker threads (at least 1); results never depend on it.
    public let threads: Int

    /// An engine with `threads` workers (>= 1).
    public init(threads: Int) throws {
        try Require.atLeast(threads, 1, "threads", in: "MonteCarloEngine")
        self.threads = threads
    }

    /// All cores of this machine.
    public static var machineThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs chunks `chunks` of a job of `samples` samples in chunks of
    /// `chunkSize`; `body` receives the chunk's generator and its sample count.
    /// Returns the partial results in chunk order. The first error (by chunk
    /// index) is rethrown.
    public func run<Partial: Sendable>(
        samples: Int, chunkSize: Int, stream: StreamSeed, chunks: Range<Int>? = nil,
        _ body: @escaping @Sendable (inout Xoshiro256, Int) throws -> Partial
    ) throws -> [Partial] {
        try Require.atLeast(samples, 0, "samples", in: "MonteCarloEngine.run")
        try Require.atLeast(chunkSize, 1, "chunkSize", in: "MonteCarloEngine.run")
        let totalChunks = samples / chunkSize + (samples % chunkSize == 0 ? 0 : 1) // ⌈samples / chunkSize⌉ without overflow
        let range = (chunks ?? 0..<totalChunks).clamped(to: 0..<totalChunks)
        return try distribute(range.count) { k in
            let chunk = range.lowerBound + k
            var rng = stream.child(chunk).generator()
            return try body(&rng, min(chunkSize, samples - chunk * chunkSize))
        }
    }

    /// Runs `body(block)` for blocks 0 ..< `blocks` on the workers, for
    /// deterministic work cut into a fixed number of pieces (a batch cut into
    /// column blocks, the rows of a weight matrix). The cut must not depend on
    /// the thread count; then neither do the results.
    public func forEachBlock(_ blocks: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        try Require.atLeast(blocks, 0, "blocks", in: "MonteCarloEngine.forEachBlock")
        _ = try distribute(blocks, body)
    }

    /// `body(k)` for k in 0 ..< count, each worker taking the next k not yet taken; results in k order.
    private func distribute<Partial: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Partial) throws -> [Partial] {
        guard count > 0 else { return [] }
        let slots = ChunkSlots<Partial>(count: count)
        let workers = min(threads, count)
        if workers == 1 {
            for k in 0..<count { slots.store(k, Result { try body(k) }) }
        } else {
            let next = ChunkCounter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let k = next.take()
                    guard k < count else { break }
                    slots.store(k, Result { try body(k) })
                }
            }
        }
        return try slots.results()
    }
}

/// The next chunk index to hand out, shared by the workers.
private final class ChunkCounter: @unchecked Sendable {
    private let value = Atomic<Int>(0)

    /// The next index (0, 1, 2, ...), each handed out once.
    func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}

/// Write-once result slots, one per chunk; each slot is written by exactly one
/// worker and read after all workers finished.
private final class ChunkSlots<Partial: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Result<Partial, Error>?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.baseAddress?.deinitialize(count: storage.count)
        storage.deallocate()
    }

    func store(_ index: Int, _ result: Result<Partial, Error>) { storage[index] = result }

    /// The results in index order; the first failure (by index) is rethrown.
    func results() throws -> [Partial] {
        try storage.map { slot in
            guard let slot else { throw MissingChunkResult() }
            return try slot.get()
        }
    }
}

/// A slot that was never filled (an internal error).
struct MissingChunkResult: Error, CustomStringConvertible {
    var description: String { "internal: a parallel chunk produced no result" }
}
