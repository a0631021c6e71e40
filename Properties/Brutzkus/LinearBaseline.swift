import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    /// The supports whose max-margin classifier is solved exactly: n = 2, 3, 4 with d = l = 3, 4, 5, both pattern bases.
    static func maxMarginCases(_ ctx: ClaimContext) throws -> [(String, MaxMarginOnSupport)] {
        var rng = ctx.stream("Haar patterns").generator()
        var cases: [(String, MaxMarginOnSupport)] = []
        for n in 2...4 {
            for d in 3...5 {
                let standard = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: n)
                cases.append(("n = \(n), d = l = \(d), o_i = e_i", try MaxMarginOnSupport(standard)))
                if d == 4 {
                    let haar = try PatternDistribution.haarRandom(dimension: d, patternCount: d, patternsPerInput: n, rng: &rng)
                    cases.append(("n = \(n), d = l = \(d), Haar O", try MaxMarginOnSupport(haar)))
                }
            }
        }
        return cases
    }
}
