import Foundation
import GSL
import Randomness
import Synchronization
import Testing

@Suite("Random streams")
struct RandomnessTests {
    /// The reference C implementation of xoshiro256++ from state {1, 2, 3, 4};
    /// the first value is rotl(1 + 4, 23) + 1 = 41943041 by hand.
    @Test func xoshiroMatchesTheReferenceAlgorithm() throws {
        var rng = try Xoshiro256(state: (1, 2, 3, 4))
        let expected: [UInt64] = [41_943_041, 58_720_359, 3_588_806_011_781_223, 3_591_011_842_654_386,
                                  9_228_616_714_210_784_205, 9_973_669_472_204_895_162]
        #expect(expected.map { _ in rng.next() } == expected)
        #expect(throws: ParameterError.self) { try Xoshiro256(state: (0, 0, 0, 0)) }
    }

    @Test func splitMixMatchesTheReferenceAlgorithm() {
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func streamSeedsDependOnEveryComponentAndNothingElse() {
        let root = StreamSeed(root: 42)
        #expect(root.child("A").child(3) == StreamSeed(root: 42).child("A").child(3))
        let distinct: Set = [root.child("A"), root.child("B"), root.child("A").child(0), root.child("A").child(1),
                             root.child("A").child("B"), root.child("B").child("A"), StreamSeed(root: 43).child("A")]
        #expect(distinct.count == 7)
    }

    @Test func zigguratTableIsConsistent() {
        let table = ZigguratTable.shared
        #expect(table.topLayerAreaMismatch < 1e-8)
        #expect(table.x[1] == ZigguratTable.r && table.x[256] == 0)
        for i in 0..<256 { #expect(table.x[i] > table.x[i + 1]) }
    }

    /// Kolmogorov–Smirnov against Φ at false-fail rate 1e-6 (critical value
    /// sqrt(ln(2/α)/(2n))), plus the tail beyond the ziggurat's base r, which
    /// the sampler draws by a separate algorithm, by an exact binomial test.
    @Test func normalSamplerMatchesTheStandardNormal() throws {
        let n = 200_000
        var rng = StreamSeed(root: 1).child("ks").generator()
        let sampler = NormalSampler()
        var values = (0..<n).map { _ in sampler.next(using: &rng) }
        values.sort()
        var distance = 0.0
        for (i, x) in values.enumerated() {
            let cdf = Distributions.normalCDF(x)
            distance = max(distance, abs(cdf - Double(i) / Double(n)), abs(cdf - Double(i + 1) / Double(n)))
        }
        #expect(distance < (log(2 / 1e-6) / (2 * Double(n))).squareRoot(), "KS distance \(distance)")

        let draws = 4_000_000
        var tail = 0
        for _ in 0..<draws where abs(sampler.next(using: &rng)) > ZigguratTable.r { tail += 1 }
        let p = 2 * Distributions.normalUpperTail(ZigguratTable.r)
        #expect(try Distributions.binomialUpperTail(atLeast: tail, trials: draws, probability: p) > 1e-6)
        #expect(try Distributions.binomialLowerTail(atMost: tail, trials: draws, probability: p) > 1e-6)
    }

    /// Two-sample KS between the ziggurat sampler and GSL's MT19937 ziggurat, an independent implementation.
    @Test func normalSamplerAgreesWithGSL() throws {
        let n = 50_000
        var rng = StreamSeed(root: 2).child("two-sample").generator()
        let sampler = NormalSampler()
        let gsl = try GSLRandomStream(seed: 2)
        let ours = (0..<n).map { _ in sampler.next(using: &rng) }.sorted()
        let theirs = (0..<n).map { _ in gsl.gaussian() }.sorted()
        var i = 0, j = 0, distance = 0.0
        while i < n && j < n {
            if ours[i] <= theirs[j] { i += 1 } else { j += 1 }
            distance = max(distance, abs(Double(i - j)) / Double(n))
        }
        #expect(distance < (log(2 / 1e-6) / Double(n)).squareRoot(), "two-sample KS distance \(distance)")
    }

    /// A replicate read through a cache is the one computed from the same generator state, and the generator ends
    /// where the computation left it, so sharing a cache never changes a result; each state is computed once.
    @Test func replicateCacheIsTransparentAndComputesEachStateOnce() {
        let cache = ReplicateCache<[UInt64]>()
        let calls = Mutex(0)
        func draw(_ rng: inout Xoshiro256) -> [UInt64] {
            calls.withLock { $0 += 1 }
            return (0..<3).map { _ in rng.next() }
        }
        let stream = StreamSeed(root: 7).child("replicates")
        for pass in 0..<2 {
            for chunk in 0..<4 {
                var cached = stream.child(chunk).generator(), direct = stream.child(chunk).generator()
                #expect(cache.value(&cached, draw) == draw(&direct), "pass \(pass), chunk \(chunk)")
                #expect(cached == direct)
                #expect(cached.next() == direct.next())
            }
        }
        #expect(cache.count == 4)
        #expect(calls.withLock { $0 } == 4 + 8)
    }
}
