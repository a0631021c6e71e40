import GSL

/// The shattered set of Brutzkus & Globerson, Theorem 4.2 (d = 2n, n ≥ 2,
/// l = d): B = {x_I : I ∈ {0,1}^{n−1}}, N = 2^{n−1} points, with
/// x_I[j] = I[j] o_{2j+1} + (1 − I[j]) o_{2j+2} for j = 1 … n−1 and x_I[n] = o_1
/// or o_2 (the choice is free), and the network that realizes any labeling.
///
/// I is stored as an integer whose bit j−1 is I[j]; I^c = I xor (N − 1).
public struct ShatteredSet: Sendable {
    /// How the last slot x_I[n] is chosen ("arbitrarily" in the proof).
    public enum LastSlot: Sendable, CaseIterable {
        /// `positive`: x_I[n] = o_1 for every I; `negative`: o_2; `alternating`: o_1 or o_2 by the parity of I.
        case positive, negative, alternating
    }

    /// The pattern distribution D (d = l = 2n).
    public let distribution: PatternDistribution
    /// How x_I[n] is chosen.
    public let lastSlot: LastSlot

    /// The set for D with n = `distribution.patternsPerInput` in 2 … 63 (N = 2^{n−1} fits in Int) and
    /// d = 2n = l patterns (the construction uses o_3 … o_{2n} as spurious).
    public init(distribution: PatternDistribution, lastSlot: LastSlot = .positive) throws {
        let n = distribution.patternsPerInput
        try Require.atLeast(n, 2, "patternsPerInput n", in: "ShatteredSet")
        // N = 2^{n−1} points must be countable in Int.
        try Require.atMost(n, Int.bitWidth - 1, "patternsPerInput n", in: "ShatteredSet")
        guard distribution.dimension == 2 * n, distribution.patternCount == 2 * n else {
            throw ParameterError("ShatteredSet", parameter: "distribution",
                                 value: "d = \(distribution.dimension), l = \(distribution.patternCount), n = \(n)",
                                 requirement: "d = l = 2n (Theorem 4.2)")
        }
        self.distribution = distribution
        self.lastSlot = lastSlot
    }

    /// N = 2^{n−1} = 2^{d/2 − 1}.
    public var size: Int { 1 << (distribution.patternsPerInput - 1) }

    /// The 0-based pattern indices of x_I (n slots).
    public func patternIndices(of index: Int) -> [Int] {
        let n = distribution.patternsPerInput
        var slots = (0..<(n - 1)).map { j in (index >> j) & 1 == 1 ? 2 * j + 2 : 2 * j + 3 }
        switch lastSlot {
        case .positive: slots.append(0)
        case .negative: slots.append(1)
        case .alternating: slots.append(index % 2)
        }
        return slots
    }

    /// The points x_I, I = 0 … N − 1, as a batch.
    public func points() throws -> PatternBatch {
        try distribution.inputs(patternIndices: (0..<size).flatMap(patternIndices))
    }

    /// The unique solution of eq. (5), Σ_{I' ≠ I} α_{I'} = y_{I^c}, in closed
    /// form: (J − I)^{-1} = J/(N − 1) − I (Sherman–Morrison with A = −I and
    /// the rank-one J = 1 1ᵀ), so α_I = Y/(N − 1) − y_{I^c}, Y = Σ_I y_I.
    public func coefficients(labels: [Double]) throws -> [Double] {
        try Shape.requireCount(labels.count, size, "labels", in: "ShatteredSet.coefficients")
        let total = labels.reduce(0, +), n = size
        return (0..<n).map { total / Double(n - 1) - labels[$0 ^ (n - 1)] }
    }

    /// The same α by LU decomposition of the system (5) (GSL).
    public func coefficientsByLU(labels: [Double]) throws -> [Double] {
        try Shape.requireCount(labels.count, size, "labels", in: "ShatteredSet.coefficientsByLU")
        let n = size
        let matrix = (0..<(n * n)).map { $0 / n == $0 % n ? 0.0 : 1.0 }
        return try LinearAlgebra.solve(matrix, (0..<n).map { labels[$0 ^ (n - 1)] })
    }

    /// The network of the proof: channels w^(I) = max(α_I, 0) s_I followed by
    /// u^(I) = max(−α_I, 0) s_I, s_I = Σ_{j<n} x_I[j], and a = (+1 × N, −1 × N).
    public func network(coefficients alpha: [Double]) throws -> PatternDetectionNetwork {
        try Shape.requireCount(alpha.count, size, "coefficients", in: "ShatteredSet.network")
        let d = distribution.dimension, n = size
        var filters = [Double](repeating: 0, count: 2 * n * d)
        for index in 0..<n {
            for q in patternIndices(of: index).dropLast() {
                for c in 0..<d {
                    let o = distribution.patterns[q, c]
                    filters[index * d + c] += max(alpha[index], 0) * o
                    filters[(n + index) * d + c] += max(-alpha[index], 0) * o
                }
            }
        }
        return try PatternDetectionNetwork(filters: Matrix(rows: 2 * n, columns: d, storage: filters),
                                           outputWeights: [Double](repeating: 1, count: n) + [Double](repeating: -1, count: n))
    }
}
