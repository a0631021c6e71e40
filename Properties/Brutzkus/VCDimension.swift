import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let vcLowerBound = Claim(
        id: "BG-T4.2", paper: Papers.brutzkus, location: "§4, Theorem 4.2 and its proof (eq. (5))",
        statement: """
        Assume that d = 2n and n ≥ 2, then VCdim(H_CNN(X)) ≥ 2^{d/2−1}. Proof: for I ∈ {0,1}^{n−1}, x_I[j] = I[j] o_{2j+1} + \
        (1 − I[j]) o_{2j+2} (1 ≤ j ≤ n−1), x_I[n] = o_1 or o_2 arbitrarily, B = {x_I}; for labels y_I, \
        w^(I) = max{α_I, 0} Σ_{j≤n−1} x_I[j], u^(I) = max{−α_I, 0} Σ_{j≤n−1} x_I[j] with α the unique solution of \
        Σ_{I'≠I} α_{I'} = y_{I^c} (5); W = rows w^(I) then u^(I), a = (1, …, 1, −1, …, −1); then N_CNN[θ](x_I) = y_I.
        """,
        assumptions: [
            "X = supp D with l = d patterns: the construction uses o_3, …, o_{2n} = o_d as spurious patterns, so B ⊆ X needs l = d (implicit)",
            "H_CNN(X) allows any number of channels k (footnote 2); the network uses k = 2^n",
            "the proof's \"for any ε_i > 0\" refers to nothing defined (left-over text) and is ignored",
            "every labeling for n = 2, 3, 4 (all three choices of x_I[n]) and n = 5 (standard budget); random labelings for larger n",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let exhaustiveUpTo = ctx.scope(quick: 4, full: 5)
        let largest = ctx.scope(quick: 7, full: 9)
        func randomCount(_ n: Int) -> Int { ctx.scope(quick: 64, full: (n <= 7 ? 1000 : 100)) }
        var rng = ctx.stream("labelings").generator()
        var patternRNG = ctx.stream("Haar patterns").generator()
        for n in 2...largest {
            let standard = try PatternDistribution.standardBasis(dimension: 2 * n, patternCount: 2 * n, patternsPerInput: n)
            let haar = try PatternDistribution.haarRandom(dimension: 2 * n, patternCount: 2 * n, patternsPerInput: n,
                                                          rng: &patternRNG)
            let variants: [(String, ShatteredSet)] = try (n <= 4 ? ShatteredSet.LastSlot.allCases : [.positive]).map {
                ("o_i = e_i, x_I[n] \($0)", try ShatteredSet(distribution: standard, lastSlot: $0))
            } + [("Haar O, x_I[n] alternating", try ShatteredSet(distribution: haar, lastSlot: .alternating))]
            for (label, set) in variants {
                try checkShattering(ctx, n: n, label: label, set: set,
                                    labelings: ShatteredSet.labelings(size: set.size, exhaustive: n <= exhaustiveUpTo,
                                                                      count: randomCount(n), rng: &rng))
            }
        }
    }

    /// B ⊆ supp D, |B| = 2^{n−1}, distinct points; the activation matrix; and every labeling realized.
    private static func checkShattering(_ ctx: ClaimContext, n: Int, label: String, set: ShatteredSet,
                                        labelings: [[Double]]) throws {
        let size = set.size
        let name = "n = \(n), d = \(2 * n), \(label)"
        let indices = (0..<size).map(set.patternIndices)
        let inSupport = indices.filter { slots in
            slots.filter { $0 < 2 }.count == 1 && slots.last! < 2 && slots.allSatisfy { $0 < 2 * n }
        }.count
        ctx.compare("\(name): |B| = 2^{d/2−1} (distinct points of supp D, counted)", route: .enumeration,
                    value: Double(Set(indices).count == size ? inSupport : -1), reference: Double(1 << (n - 1)),
                    referenceRoute: .closedForm, resolution: 0.5, samples: size)
        // The proof's key step: with every α_I = 1, channel I' is active on x_I unless I' = I^c.
        let points = try set.points()
        let unit = try set.network(coefficients: [Double](repeating: 1, count: size)).pooled(points).features
        var activationError = 0.0
        for i in 0..<size { for j in 0..<size {
            activationError = max(activationError, abs(unit[i, j] - (j == (i ^ (size - 1)) ? 0 : 1)))
        } }
        ctx.compare("\(name): max_{I,I'} |max_j σ(s_{I'}·x_I[j]) − [I' ≠ I^c]|", route: .enumeration,
                    value: activationError, error: 4 * Double(n) * Double.ulpOfOne, reference: 0,
                    referenceRoute: .closedForm, resolution: 1e-12, samples: size * size)
        // Every labeling, in blocks of 1024: α in closed form (and by LU for the first 256 of a block),
        // the network of the proof, and its outputs on B.
        let blockSize = 1024
        let blocks = (labelings.count + blockSize - 1) / blockSize
        let results = try BlockMap.map(ctx.engine, count: blocks, stream: ctx.stream(name)) { block, _ in
            var unrealized = 0, worst = 0.0, luWorst = 0.0, luCount = 0
            for t in (block * blockSize)..<min(labelings.count, (block + 1) * blockSize) {
                let labels = labelings[t]
                let alpha = try set.coefficients(labels: labels)
                if t % blockSize < 256 {
                    let lu = try set.coefficientsByLU(labels: labels)
                    luCount += 1
                    luWorst = max(luWorst, zip(alpha, lu).map { abs($0 - $1) }.max() ?? 0)
                }
                let out = try set.network(coefficients: alpha).outputs(points)
                worst = max(worst, zip(out, labels).map { abs($0 - $1) }.max() ?? .infinity)
                if zip(out, labels).contains(where: { LogisticLoss.label($0) != $1 }) { unrealized += 1 }
            }
            return (unrealized, worst, luWorst, luCount)
        }
        let unrealized = results.reduce(0) { $0 + $1.0 }
        let worst = results.map(\.1).max() ?? .nan, luWorst = results.map(\.2).max() ?? .nan
        ctx.compare("\(name): labelings of B not realized by sign N_CNN (of \(labelings.count))", route: .enumeration,
                    value: Double(unrealized), reference: 0, referenceRoute: .closedForm, resolution: 0.5,
                    samples: labelings.count)
        ctx.compare("\(name): max |N_CNN(x_I) − y_I| over the labelings", route: .enumeration, value: worst,
                    error: Double(4 * size * n) * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-9, samples: labelings.count * size)
        ctx.compare("\(name): max |α closed form − α by GSL LU| (eq. (5))", route: .enumeration, value: luWorst,
                    error: Double(size) * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm, resolution: 1e-11,
                    samples: results.reduce(0) { $0 + $1.3 })
    }
}
