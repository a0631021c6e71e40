import Foundation
import GSL

/// One class of the support of D up to the order and repetition of patterns:
/// the label y and the set U ⊆ S of distinct spurious patterns, with its
/// probability P(y, U) = ½ · surj(n−1, |U|)/(l−2)^{n−1}, surj(a, b) the number
/// of maps of a slots onto b patterns.
public struct SupportClass: Sendable, Equatable {
    /// The label y ∈ {±1}.
    public let label: Double
    /// The distinct spurious pattern indices (0-based, sorted).
    public let spurious: [Int]
    /// P(y, U) under D.
    public let probability: Double
}

extension PatternDistribution {
    /// Every class (y, U) of the support (§3) with its probability. A model
    /// whose output depends only on the set of patterns of x — N_CNN of eq. (1)
    /// is invariant to their order and repetition — has exact expectations
    /// over D as finite sums over these classes. Throws if there are more than
    /// `limit` classes.
    public func supportClasses(limit: Int = 1 << 20) throws -> [SupportClass] {
        let context = "PatternDistribution.supportClasses"
        let spuriousCount = patternCount - 2, slots = patternsPerInput - 1
        let subsets = 1 << spuriousCount
        guard spuriousCount < 30, subsets <= limit else {
            throw ParameterError(context, parameter: "patternCount l", value: "\(patternCount)",
                                 requirement: "at most \(limit) support classes (2^(l−2) ≤ limit)")
        }
        let total = pow(Double(spuriousCount), Double(slots))
        var classes: [SupportClass] = []
        for label in [1.0, -1.0] {
            for mask in 0..<subsets {
                let members = (0..<spuriousCount).filter { mask & (1 << $0) != 0 }.map { $0 + 2 }
                let ways = Self.surjections(slots, onto: members.count)
                guard ways > 0 else { continue }
                classes.append(SupportClass(label: label, spurious: members, probability: 0.5 * ways / total))
            }
        }
        return classes
    }

    /// One input per class: o_1 (y = +1) or o_2 (y = −1) in the first slot,
    /// then the patterns of U, repeating the first of them to fill n slots.
    public func representatives(of classes: [SupportClass]) throws -> LabeledPatterns {
        let n = patternsPerInput
        var indices: [Int] = []
        for c in classes {
            try Require.atLeast(n - 1, c.spurious.count, "patternsPerInput − 1", in: "PatternDistribution.representatives")
            indices.append(c.label > 0 ? 0 : 1)
            for j in 0..<(n - 1) { indices.append(c.spurious.isEmpty ? 0 : c.spurious[min(j, c.spurious.count - 1)]) }
        }
        return try LabeledPatterns(inputs: inputs(patternIndices: indices), labels: classes.map(\.label))
    }

    /// The exact error P_{(x,y)~D}(sign N(x) ≠ y) (sign(0) = −1, footnote 2) of
    /// a classifier whose output depends only on the set of patterns of x,
    /// given its outputs on `representatives(of: classes)`.
    public func exactError(outputs: [Double], classes: [SupportClass]) throws -> Double {
        try Shape.requireCount(outputs.count, classes.count, "outputs", in: "PatternDistribution.exactError")
        return zip(outputs, classes).reduce(0) { $0 + (LogisticLoss.label($1.0) == $1.1.label ? 0 : $1.1.probability) }
    }

    /// Every point of the support (the set X of §4), position by position: for
    /// each label, each slot of the discriminative pattern and each sequence of
    /// spurious patterns, 2n(l−2)^{n−1} inputs in all (for models that depend
    /// on positions: linear separators, fully connected networks). Throws if
    /// there are more than `limit` points.
    public func supportPoints(limit: Int = 1 << 20) throws -> LabeledPatterns {
        let n = patternsPerInput, spuriousCount = patternCount - 2
        let sequences = pow(Double(spuriousCount), Double(n - 1))
        guard 2 * Double(n) * sequences <= Double(limit) else {
            throw ParameterError("PatternDistribution.supportPoints", parameter: "support size",
                                 value: "\(2 * Double(n) * sequences)", requirement: "at most \(limit)")
        }
        var indices: [Int] = []
        var labels: [Double] = []
        for label in [1.0, -1.0] {
            for position in 0..<n {
                for code in 0..<Int(sequences) {
                    var rest = code
                    for j in 0..<n {
                        if j == position {
                            indices.append(label > 0 ? 0 : 1)
                        } else {
                            indices.append(2 + rest % spuriousCount)
                            rest /= spuriousCount
                        }
                    }
                    labels.append(label)
                }
            }
        }
        return try LabeledPatterns(inputs: inputs(patternIndices: indices), labels: labels)
    }

    /// surj(a, b) = Σ_i (−1)^i C(b, i) (b − i)^a, the number of maps from a
    /// slots onto b patterns (surj(0, 0) = 1).
    static func surjections(_ a: Int, onto b: Int) -> Double {
        guard b <= a else { return 0 }
        var total = 0.0, binomial = 1.0
        for i in 0...b {
            total += (i % 2 == 0 ? 1 : -1) * binomial * pow(Double(b - i), Double(a))
            binomial = binomial * Double(b - i) / Double(i + 1)
        }
        return total
    }
}
