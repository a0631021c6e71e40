import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    /// The (d, l, n) whose supports are enumerated point by point.
    static let enumeratedSupports = [(3, 3, 2), (4, 4, 3), (5, 5, 4), (6, 4, 3), (5, 3, 4)]

    /// The standard-basis and a Haar-random version of D for each of `enumeratedSupports`.
    static func enumeratedDistributions(_ ctx: ClaimContext) throws -> [(String, PatternDistribution)] {
        var rng = ctx.stream("Haar patterns").generator()
        return try enumeratedSupports.flatMap { d, l, n in
            [("d = \(d), l = \(l), n = \(n), o_i = e_i",
              try PatternDistribution.standardBasis(dimension: d, patternCount: l, patternsPerInput: n)),
             ("d = \(d), l = \(l), n = \(n), Haar O",
              try PatternDistribution.haarRandom(dimension: d, patternCount: l, patternsPerInput: n, rng: &rng))]
        }
    }

    /// Records that the smallest and the largest of `values` both equal `reference`, each carrying the
    /// rounding error `rounding` of its computation, at a resolution 100× that error.
    static func compareExtremes(_ ctx: ClaimContext, _ name: String, _ values: [Double], reference: Double,
                                rounding: Double, route: Route) {
        for (which, value) in [("min", values.min() ?? .nan), ("max", values.max() ?? .nan)] {
            ctx.compare("\(which) of \(name) = \(reference)", route: route, value: value, error: rounding, reference: reference,
                        referenceRoute: .closedForm, resolution: 100 * (rounding + 64 * Double.ulpOfOne * abs(reference)),
                        samples: values.count)
        }
    }

    static let distributionFacts = Claim(
        id: "BG-S3.1", paper: Papers.brutzkus, location: "§3, definition of D (items 1–3); §6, R² = n and the separator",
        statement: """
        O is a set of 3 ≤ l ≤ d orthonormal vectors in R^d; x = (x[1], …, x[n]) ∈ R^{nd}. P(y = 1) = P(y = −1) = 1/2. \
        Given y = 1, randomly sample an index 1 ≤ j+ ≤ n, set x[j+] = o_1, and for each j ≠ j+ randomly choose \
        i_j ∈ S = {3, …, l} and set x[j] = o_{i_j}; given y = −1, the same with o_2. (§6) "In our setting it holds that \
        R² = n (because each point x consists of n patterns, each of norm 1)"; "one can set w ∈ R^{nd} to be a \
        concatenation of n copies of the pattern difference o_1 − o_2 and because of orthogonality this will correctly \
        classify the data."
        """,
        assumptions: [
            "A1: \"randomly\" read as uniform and independent: j+ uniform on {1, …, n}, each i_j uniform on S, with replacement",
            "the support X = all 2n(l − 2)^{n−1} inputs D can produce; each has probability 1/(2n(l − 2)^{n−1})",
            "patterns o_i = e_i (exact) and, as a robustness variant, the rows of a Haar-random orthogonal matrix",
            "the separator margin y w·x = 1 holds exactly, so w is a margin-1 separator",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        // Route 1: the whole support, point by point.
        for (label, distribution) in try enumeratedDistributions(ctx) {
            let n = Double(distribution.patternsPerInput)
            let support = try distribution.supportPoints()
            let (norms, margins) = try distribution.normsAndSeparatorMargins(support)
            let indices = support.inputs.patternIndices ?? []
            let k = distribution.patternsPerInput
            let discriminativeCounts = (0..<support.count).map { b in indices[(b * k)..<((b + 1) * k)].filter { $0 < 2 }.count }
            let rounding = Double(distribution.dimension * distribution.patternsPerInput) * Double.ulpOfOne
            compareExtremes(ctx, "\(label): ‖x‖² over the \(support.count) support points", norms, reference: n,
                            rounding: rounding * n, route: .enumeration)
            compareExtremes(ctx, "\(label): y w·x over the support (w = n copies of o_1 − o_2)", margins, reference: 1,
                            rounding: 2 * rounding, route: .enumeration)
            ctx.compare("\(label): inputs without exactly one of o_1, o_2", route: .enumeration,
                        value: Double(discriminativeCounts.filter { $0 != 1 }.count), reference: 0,
                        referenceRoute: .closedForm, resolution: 0.5, samples: support.count)
        }

        // Route 2: the sampler against the definition, by exact binomial intervals.
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let d5 = try PatternDistribution.standardBasis(dimension: 5, patternCount: 5, patternsPerInput: 3)
        let classes = try d5.supportClasses()
        for (name, label, target) in [("y = +1, U = {o_3}", 1.0, [2]), ("y = −1, U = {o_4, o_5}", -1.0, [3, 4])] {
            let exact = classes.first { $0.label == label && $0.spurious == target }?.probability ?? .nan
            try ctx.estimateProportion("P(\(name)) for d = l = 5, n = 3: sampler vs ½ surj(n−1, |U|)/(l−2)^{n−1}",
                                       region: .equal(exact), resolution: 4e-3, alpha: alpha) { rng, count in
                let s = try d5.sample(count: count, rng: &rng)
                let indices = s.inputs.patternIndices ?? []
                return (0..<count).filter { b in
                    s.labels[b] == label
                        && Set(indices[(b * 3)..<((b + 1) * 3)].filter { $0 >= 2 }).sorted() == target
                }.count
            }
        }
        try ctx.estimateProportion("P(j+ = 1) for n = 3: the discriminative slot is uniform (1/n)",
                                   region: .equal(1.0 / 3), resolution: 4e-3, alpha: alpha) { rng, count in
            let s = try d5.sample(count: count, rng: &rng)
            let indices = s.inputs.patternIndices ?? []
            return (0..<count).filter { indices[$0 * 3] < 2 }.count
        }

        // Route 3: the §7 size (d = l = 20, n = 10, Haar O), sampled: every draw has ‖x‖² = n and margin 1.
        var rng = ctx.stream("large n").generator()
        let large = try PatternDistribution.haarRandom(dimension: 20, patternCount: 20, patternsPerInput: 10, rng: &rng)
        let draws = ctx.scope(quick: 2000, full: 20000)
        let sample = try large.sample(count: draws, rng: &rng)
        let (norms, margins) = try large.normsAndSeparatorMargins(sample)
        compareExtremes(ctx, "d = l = 20, n = 10, Haar O: ‖x‖² over \(draws) draws", norms, reference: 10,
                        rounding: 200 * Double.ulpOfOne * 10, route: .monteCarlo)
        compareExtremes(ctx, "d = l = 20, n = 10, Haar O: y w·x over \(draws) draws", margins, reference: 1,
                        rounding: 400 * Double.ulpOfOne, route: .monteCarlo)
    }
}
