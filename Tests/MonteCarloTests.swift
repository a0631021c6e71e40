import ClaimKit
import GSL
import Randomness
import Testing

@Suite("Deterministic parallel Monte Carlo")
struct MonteCarloTests {
    static let sampler = NormalSampler()

    static func moments(_ rng: inout Xoshiro256, _ count: Int) -> RunningMoments {
        RunningMoments.of(count: count) { sampler.next(using: &rng) }
    }

    @Test(arguments: [1, 2, 3])
    func resultsDoNotDependOnTheThreadCount(threads: Int) throws {
        let stream = StreamSeed(root: 5).child("determinism")
        let reference = try MonteCarloEngine(threads: 1).run(samples: 100_003, chunkSize: 1000, stream: stream, Self.moments)
        let parallel = try MonteCarloEngine(threads: threads).run(samples: 100_003, chunkSize: 1000, stream: stream, Self.moments)
        #expect(parallel == reference)
        #expect(parallel.count == 101 && parallel.last?.count == 3)
        #expect(RunningMoments.merging(parallel) == RunningMoments.merging(reference))
    }

    @Test func chunksCanBeRunSeparately() throws {
        let engine = try MonteCarloEngine(threads: 2)
        let stream = StreamSeed(root: 6)
        let all = try engine.run(samples: 10_000, chunkSize: 100, stream: stream, Self.moments)
        let tail = try engine.run(samples: 10_000, chunkSize: 100, stream: stream, chunks: 40..<60, Self.moments)
        #expect(Array(all[40..<60]) == tail)
        #expect(try engine.run(samples: 0, chunkSize: 10, stream: stream, Self.moments).isEmpty)
    }

    struct ChunkFailure: Error, Equatable {}

    @Test func aFailingChunkIsRethrownAndBadSizesAreRejected() throws {
        let engine = try MonteCarloEngine(threads: 2)
        #expect(throws: ChunkFailure()) {
            try engine.run(samples: 1000, chunkSize: 100, stream: StreamSeed(root: 1)) { rng, count -> Int in
                if rng.next() % 3 == 0 { return count }
                throw ChunkFailure()
            }
        }
        #expect(throws: ParameterError.self) { try MonteCarloEngine(threads: 0) }
        #expect(throws: ParameterError.self) {
            try engine.run(samples: 10, chunkSize: 0, stream: StreamSeed(root: 1), Self.moments)
        }
    }
}
