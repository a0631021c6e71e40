import Dispatch
import Foundation
import GSL
import Randomness

/// Deterministic parallel Monte Carlo.
///
/// Work of `n` samples is cut into fixed-size chunks; chunk i draws from its
/// own stream `stream.child(i)`, whatever thread runs it, and partial results
/// are returned (and merged by the caller) in chunk order. The same seed
/// therefore gives bit-identical results with any number of threads.
/// Threads take chunks in a fixed stripe (worker w runs chunks w, w + T, ...).
public struct MonteCarloEngine: Sendable {
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
        let totalChunks = (samples + chunkSize - 1) / chunkSize
        let range = (chunks ?? 0..<totalChunks).clamped(to: 0..<totalChunks)
        guard !range.isEmpty else { return [] }
        let slots = ChunkSlots<Partial>(count: range.count)
        let workers = min(threads, range.count)
        let work: @Sendable (Int) -> Void = { worker in
            var k = worker
            while k < range.count {
                let chunk = range.lowerBound + k
                let size = min(chunkSize, samples - chunk * chunkSize)
                var rng = stream.child(chunk).generator()
                slots.store(k, Result { try body(&rng, size) })
                k += workers
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return try slots.results()
    }
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

    func results() throws -> [Partial] {
        try storage.map { slot in
            guard let slot else { throw StatisticsError("internal: a Monte Carlo chunk produced no result") }
            return try slot.get()
        }
    }
}
