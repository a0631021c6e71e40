import Foundation
import GSL
import Randomness

/// The pattern-detection distribution D of Brutzkus & Globerson §3.
///
/// O = {o_1, …, o_l} are orthonormal vectors of R^d (3 ≤ l ≤ d); o_1 is the
/// positive pattern, o_2 the negative one, o_3 … o_l the spurious ones (0-based
/// indices 0, 1, 2 … l−1 here). A draw (x, y): y = ±1 with probability 1/2;
/// a slot j+ uniform in {1, …, n} holds o_1 (y = +1) or o_2 (y = −1); every
/// other slot holds a spurious pattern drawn uniformly and independently from
/// S = {3, …, l} (the paper's "randomly choose"). With `noiseRadius` ρ > 0 each
/// slot gets an independent noise vector uniform in the ball of radius ρ (the
/// noisy variant of §7, Fig. 3b and 4: "‖v‖ ≤ 1").
public struct PatternDistribution: Sendable {
    /// o_1, …, o_l as the rows of an l × d matrix.
    public let patterns: Matrix
    /// n, the patterns per input.
    public let patternsPerInput: Int
    /// ρ ≥ 0, the radius of the per-slot noise ball (0: the paper's D).
    public let noiseRadius: Double

    /// D with the given orthonormal patterns (rows), checked to 1e-10.
    public init(patterns: Matrix, patternsPerInput: Int, noiseRadius: Double = 0) throws {
        let context = "PatternDistribution"
        try Require.atLeast(patterns.rows, 3, "patternCount l", in: context)
        guard patterns.rows <= patterns.columns else {
            throw ParameterError(context, parameter: "patternCount l", value: "\(patterns.rows)",
                                 requirement: "at most the dimension d = \(patterns.columns)")
        }
        try Require.atLeast(patternsPerInput, 1, "patternsPerInput", in: context)
        try Require.product([patternsPerInput, patterns.columns], "patternsPerInput · dimension (nd)", in: context)
        try Require.nonNegative(noiseRadius, "noiseRadius", in: context)
        for p in 0..<patterns.rows {
            for q in 0...p {
                let dot = (0..<patterns.columns).reduce(0.0) { $0 + patterns[p, $1] * patterns[q, $1] }
                guard abs(dot - (p == q ? 1 : 0)) <= 1e-10 else {
                    throw ParameterError(context, parameter: "patterns", value: "o_\(p + 1)·o_\(q + 1) = \(dot)",
                                         requirement: "orthonormal rows")
                }
            }
        }
        self.patterns = patterns
        self.patternsPerInput = patternsPerInput
        self.noiseRadius = noiseRadius
    }

    /// d, the dimension of a pattern.
    public var dimension: Int { patterns.columns }
    /// l, the number of patterns.
    public var patternCount: Int { patterns.rows }

    /// D with o_i = e_i, the first l standard basis vectors of R^d (exact arithmetic).
    public static func standardBasis(dimension d: Int, patternCount l: Int, patternsPerInput n: Int,
                                     noiseRadius: Double = 0) throws -> PatternDistribution {
        try Require.atLeast(d, 1, "dimension", in: "PatternDistribution.standardBasis")
        try Require.atLeast(l, 1, "patternCount", in: "PatternDistribution.standardBasis")
        let count = try Require.product([l, d], "patternCount · dimension", in: "PatternDistribution.standardBasis")
        var storage = [Double](repeating: 0, count: count)
        for i in 0..<min(l, d) { storage[i * d + i] = 1 }
        return try PatternDistribution(patterns: Matrix(rows: l, columns: d, storage: storage), patternsPerInput: n,
                                       noiseRadius: noiseRadius)
    }

    /// D with patterns the first l rows of a Haar-random d × d orthogonal matrix (§7).
    public static func haarRandom(dimension d: Int, patternCount l: Int, patternsPerInput n: Int,
                                  noiseRadius: Double = 0, rng: inout Xoshiro256) throws -> PatternDistribution {
        try Require.atLeast(d, 1, "dimension", in: "PatternDistribution.haarRandom")
        try Require.atLeast(l, 1, "patternCount", in: "PatternDistribution.haarRandom")
        guard l <= d else {
            throw ParameterError("PatternDistribution.haarRandom", parameter: "patternCount l", value: "\(l)",
                                 requirement: "at most the dimension d = \(d)")
        }
        let q = try Matrix.haarOrthogonal(size: d, rng: &rng)
        return try PatternDistribution(patterns: Matrix(rows: l, columns: d, storage: Array(q.storage[0..<(l * d)])),
                                       patternsPerInput: n, noiseRadius: noiseRadius)
    }

    /// `count` i.i.d. draws (x, y) from D (§3, items 1–3), in this order per
    /// example: the label, the slot j+, the spurious indices, then the noise.
    public func sample(count: Int, rng: inout Xoshiro256) throws -> LabeledPatterns {
        try Require.atLeast(count, 1, "count", in: "PatternDistribution.sample")
        try Require.product([count, patternsPerInput, dimension], "count · n · d", in: "PatternDistribution.sample")
        let n = patternsPerInput, l = patternCount
        var indices = [Int](repeating: 0, count: count * n)
        var labels = [Double](repeating: 0, count: count)
        var noise: [Double] = []
        if noiseRadius > 0 { noise.reserveCapacity(count * n * dimension) }
        for b in 0..<count {
            let positive = rng.next() >> 63 == 1
            labels[b] = positive ? 1 : -1
            let discriminative = Int.random(in: 0..<n, using: &rng)
            for j in 0..<n {
                indices[b * n + j] = j == discriminative ? (positive ? 0 : 1) : Int.random(in: 2..<l, using: &rng)
            }
            if noiseRadius > 0 {
                for _ in 0..<n { noise += ballPoint(&rng) }
            }
        }
        var batch = try inputs(patternIndices: indices)
        if noiseRadius > 0 {
            var rows = batch.rows
            for i in rows.storage.indices { rows.storage[i] += noise[i] }
            batch = try PatternBatch(rows: rows, patternsPerInput: n)
        }
        return try LabeledPatterns(inputs: batch, labels: labels)
    }

    /// Noiseless inputs from pattern indices (row-major m × n, 0-based), e.g.
    /// the points of the support or of a shattered set.
    public func inputs(patternIndices indices: [Int]) throws -> PatternBatch {
        let context = "PatternDistribution.inputs"
        let n = patternsPerInput, d = dimension
        guard !indices.isEmpty, indices.count % n == 0 else {
            throw ParameterError(context, parameter: "patternIndices", value: "\(indices.count) indices",
                                 requirement: "a non-zero multiple of n = \(n)")
        }
        var storage = [Double](repeating: 0, count: indices.count * d)
        for (slot, q) in indices.enumerated() {
            try Require.within(Double(q), 0...Double(patternCount - 1), "pattern index", in: context)
            for c in 0..<d { storage[slot * d + c] = patterns[q, c] }
        }
        return try PatternBatch(rows: Matrix(rows: indices.count, columns: d, storage: storage), patternsPerInput: n,
                                patternIndices: indices)
    }

    /// The separator of §6: w = (o_1 − o_2, …, o_1 − o_2) ∈ R^{nd}, n copies of
    /// the pattern difference, with y w·x = 1 on the support of D.
    public var separator: [Double] {
        let difference = (0..<dimension).map { patterns[0, $0] - patterns[1, $0] }
        return Array((0..<patternsPerInput).map { _ in difference }.joined())
    }

    /// A point uniform in the ball of radius ρ: ρ U^{1/d} g/‖g‖ with g ~ N(0, I_d), U ~ U(0, 1).
    private func ballPoint(_ rng: inout Xoshiro256) -> [Double] {
        let sampler = NormalSampler()
        var g = (0..<dimension).map { _ in sampler.next(using: &rng) }
        let scale = noiseRadius * pow(rng.nextUniform(), 1 / Double(dimension)) / Vector.norm(g)
        for c in g.indices { g[c] *= scale }
        return g
    }
}
