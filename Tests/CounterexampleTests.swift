import ClaimKit
import LayerNormPaper
import RandomNetworks
import Testing

/// Shrinking a refuted bound's failing input (`MinimalCounterexample`).
@Suite("Minimal counterexamples")
struct CounterexampleTests {
    /// "Every list of non-negative integers sums to at most 10", refuted by a long random-looking list: shrinking
    /// by dropping, halving or decrementing entries ends at a list summing to 11, just above the bound, that no
    /// simplification shrinks further.
    @Test func aFailingListShrinksToOneEntryNextToTheBound() throws {
        func violation(_ list: [Int]) -> Double? { list.contains { $0 < 0 } ? nil : Double(list.reduce(0, +) - 10) }
        func simpler(_ list: [Int]) -> [[Int]] {
            list.indices.map { i in Array(list[..<i] + list[(i + 1)...]) }
                + list.indices.map { i in var halved = list; halved[i] /= 2; return halved }
                + list.indices.map { i in var less = list; less[i] -= 1; return less }
        }
        let shrunk = try #require(MinimalCounterexample.shrink([7, 3, 12, 5, 9], violation: violation, simpler: simpler))
        #expect(shrunk.input.reduce(0, +) == 11 && shrunk.violation == 1 && shrunk.input.count < 5, "\(shrunk.input)")
        #expect(simpler(shrunk.input).allSatisfy { (violation($0) ?? 0) <= 0 })
        #expect(shrunk.steps > 0 && shrunk.evaluations > shrunk.steps)
        #expect(MinimalCounterexample.shrink([1, 2], violation: violation, simpler: simpler) == nil)
    }

    /// Bisection on a path from a holding to a failing input stops next to the boundary x = 0.3 of "x ≤ 0.3".
    @Test func bisectionEndsNextToTheBoundary() throws {
        let found = try #require(MinimalCounterexample.towardBoundary({ $0 }, violation: { $0 - 0.3 }, tolerance: 1e-9))
        #expect(found.failingAt > 0.3 && found.failingAt - found.holdingAt <= 1e-9 && found.holdingAt <= 0.3)
        #expect(found.counterexample.violation > 0 && found.counterexample.violation < 1e-8)
        // Ends in the wrong order, or outside the family: nothing to report.
        #expect(MinimalCounterexample.towardBoundary({ 1 - $0 }, violation: { $0 - 0.3 }) == nil)
        #expect(MinimalCounterexample.towardBoundary({ $0 }, violation: { $0 < 0.5 ? nil : $0 - 0.3 }) == nil)
    }

    /// Property 6's counterexample g = x + x² + x³ on [−0.3, 0.1] (a < 0) shrinks to a crop with no more terms
    /// that still violates the inequality, and none of whose simpler variants does.
    @Test func aViolatingCropShrinksAndStillViolates() throws {
        let crop = PowerSeriesCrop(coefficients: [0, 1, 1, 1], a: -0.3, b: 0.1)
        let violation = LayerNormClaims.croppingViolation
        try #require(try violation(crop).map { $0 > 0 } == true, "the starting crop must violate the inequality")
        let shrunk = try #require(try MinimalCounterexample.shrink(crop, violation: violation, simpler: \.simplerVariants))
        #expect(shrunk.input.coefficients.count <= crop.coefficients.count)
        #expect(try violation(shrunk.input).map { $0 > 0 } == true)
        #expect(try shrunk.input.simplerVariants.allSatisfy { try violation($0).map { $0 <= 0 } ?? true })
    }
}
