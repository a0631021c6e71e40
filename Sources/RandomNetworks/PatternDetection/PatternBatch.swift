import GSL

/// A batch of m inputs x = (x[1], …, x[n]) ∈ R^{nd} of Brutzkus & Globerson §3
/// (x[j] ∈ R^d is the j-th pattern of x), stored as the (m·n) × d matrix whose
/// row b·n + j is x_b[j]. Read row-major as m × nd, the same storage is the
/// flattened input the fully connected models and the linear SVM of §6–7 take.
public struct PatternBatch: Sendable, Equatable {
    /// The patterns, one per row: (m·n) × d.
    public let rows: Matrix
    /// n, the patterns per input.
    public let patternsPerInput: Int
    /// For noiseless inputs, the 0-based pattern index of every slot (row-major
    /// m × n: 0 = o_1, 1 = o_2, 2 … l−1 spurious); nil when noise was added.
    public let patternIndices: [Int]?

    /// A batch from its (m·n) × d pattern rows; throws unless the rows split into inputs of n patterns.
    public init(rows: Matrix, patternsPerInput: Int, patternIndices: [Int]? = nil) throws {
        let context = "PatternBatch"
        try Require.atLeast(patternsPerInput, 1, "patternsPerInput", in: context)
        guard rows.rows % patternsPerInput == 0 else {
            throw ParameterError(context, parameter: "rows", value: "\(rows.rows) rows",
                                 requirement: "a multiple of patternsPerInput = \(patternsPerInput)")
        }
        if let patternIndices {
            try Shape.requireCount(patternIndices.count, rows.rows, "patternIndices", in: context)
        }
        self.rows = rows
        self.patternsPerInput = patternsPerInput
        self.patternIndices = patternIndices
    }

    /// m, the number of inputs.
    public var count: Int { rows.rows / patternsPerInput }
    /// d, the dimension of a pattern.
    public var dimension: Int { rows.columns }

    /// The inputs as the m × nd matrix of flattened x ∈ R^{nd} (§6, eq. (8)).
    public var flattened: Matrix {
        get throws { try Matrix(rows: count, columns: patternsPerInput * dimension, storage: rows.storage) }
    }

    /// The inputs with indices in `range` (e.g. the split S = S1 ∪ S2 of §3).
    public func subset(_ range: Range<Int>) throws -> PatternBatch {
        try Require.within(Double(range.lowerBound), 0...Double(count), "range.lowerBound", in: "PatternBatch.subset")
        try Require.within(Double(range.upperBound), 0...Double(count), "range.upperBound", in: "PatternBatch.subset")
        try Require.atLeast(range.count, 1, "range.count", in: "PatternBatch.subset")
        let n = patternsPerInput, d = dimension
        let storage = Array(rows.storage[(range.lowerBound * n * d)..<(range.upperBound * n * d)])
        return try PatternBatch(rows: Matrix(rows: range.count * n, columns: d, storage: storage), patternsPerInput: n,
                                patternIndices: patternIndices.map { Array($0[(range.lowerBound * n)..<(range.upperBound * n)]) })
    }
}

/// Inputs with their labels y ∈ {±1}: a training set S or a test set.
public struct LabeledPatterns: Sendable, Equatable {
    /// The inputs x.
    public let inputs: PatternBatch
    /// The label y ∈ {±1} of each input, in order.
    public let labels: [Double]

    /// Throws unless there is one label ±1 per input.
    public init(inputs: PatternBatch, labels: [Double]) throws {
        try Shape.requireCount(labels.count, inputs.count, "labels", in: "LabeledPatterns")
        try Shape.requireLabels(labels, in: "LabeledPatterns")
        self.inputs = inputs
        self.labels = labels
    }

    /// The number of examples m.
    public var count: Int { labels.count }

    /// The examples with indices in `range`.
    public func subset(_ range: Range<Int>) throws -> LabeledPatterns {
        try LabeledPatterns(inputs: inputs.subset(range), labels: Array(labels[range]))
    }

    /// The split of §3: S1 = the first ⌈m/2⌉ examples, S2 = the rest (m ≥ 2).
    public func halves() throws -> (first: LabeledPatterns, second: LabeledPatterns) {
        try Require.atLeast(count, 2, "count", in: "LabeledPatterns.halves")
        let m1 = (count + 1) / 2
        return (try subset(0..<m1), try subset(m1..<count))
    }
}
