import GSL

/// The channel sets of Brutzkus & Globerson §5, Part 1 (eq. (6)).
public struct LuckyChannels: Sendable, Equatable {
    /// W_t^+ = {i : argmax_{q ∈ O∖{2}} w_i · o_q = 1 and w_i · o_1 > 0}.
    public let positiveDetectors: [Int]
    /// W_t^− = {i : argmax_{q ∈ O∖{1}} w_i · o_q = 2 and w_i · o_2 > 0}.
    public let negativeDetectors: [Int]
    /// W_t^+ ∩ A^+, A^+ = {i : a_i = +1}: the "lucky" positive channels.
    public let positive: [Int]
    /// W_t^− ∩ A^−, A^− = {i : a_i = −1}: the "lucky" negative channels.
    public let negative: [Int]
}

extension PatternDistribution {
    /// The projections w_i · o_q of every filter on every pattern: k × l.
    public func projections(of network: PatternDetectionNetwork) throws -> Matrix {
        guard network.dimension == dimension else {
            throw ParameterError("PatternDistribution.projections", parameter: "network", value: "filters of dimension \(network.dimension)",
                                 requirement: "the pattern dimension d = \(dimension)")
        }
        let k = network.channels, l = patternCount, d = dimension
        var storage = [Double](repeating: 0, count: k * l)
        for i in 0..<k {
            for q in 0..<l {
                var s = 0.0
                for c in 0..<d { s += network.filters.storage[i * d + c] * patterns.storage[q * d + c] }
                storage[i * l + q] = s
            }
        }
        return try Matrix(rows: k, columns: l, storage: storage)
    }

    /// The sets of eq. (6) for the filters of `network`, intersected with
    /// A^± of the signs `initialSigns` (a^(0); the lemmas fix a at a^(0)).
    /// Ties in the argmax count as not won (a measure-zero event).
    public func luckyChannels(of network: PatternDetectionNetwork, initialSigns: [Double]) throws -> LuckyChannels {
        try Shape.requireCount(initialSigns.count, network.channels, "initialSigns", in: "PatternDistribution.luckyChannels")
        let p = try projections(of: network)
        let l = patternCount
        func wins(_ i: Int, _ winner: Int, excluding other: Int) -> Bool {
            let value = p[i, winner]
            guard value > 0 else { return false }
            return (0..<l).allSatisfy { q in q == winner || q == other || p[i, q] < value }
        }
        let positiveDetectors = (0..<network.channels).filter { wins($0, 0, excluding: 1) }
        let negativeDetectors = (0..<network.channels).filter { wins($0, 1, excluding: 0) }
        return LuckyChannels(positiveDetectors: positiveDetectors, negativeDetectors: negativeDetectors,
                             positive: positiveDetectors.filter { initialSigns[$0] > 0 },
                             negative: negativeDetectors.filter { initialSigns[$0] < 0 })
    }
}
