import Foundation
import Randomness

/// The max-margin linear classifier ŵ of Brutzkus & Globerson's Proposition 6.1 (eq. (9)) on the whole support of D, and the
/// witness pairs of its proof.
public struct MaxMarginOnSupport: Sendable {
    /// D.
    public let distribution: PatternDistribution
    /// The hard-margin SVM solved over the support.
    public let svm: HardMarginSVM
    /// ŵ = Σ α_i y_i x_i ∈ R^{nd}.
    public let weights: [Double]
    /// R² = max over the support of ‖x‖².
    public let radiusSquared: Double

    /// Solves eq. (9) over every point of the support (2n(l − 2)^{n−1} inputs), to optimality conditions met
    /// within 1e-13: eq. (12) is tight at the optimum, and at the default 1e-10 the active-set step (whose LU goes
    /// through the machine's BLAS) decided whether (12) was resolved to its 1e-8 resolution.
    public init(_ distribution: PatternDistribution) throws {
        let support = try distribution.supportPoints()
        let x = try support.inputs.flattened
        self.distribution = distribution
        svm = try HardMarginSVM.fit(features: x, labels: support.labels, tolerance: 1e-13)
        weights = try svm.weights(features: x, labels: support.labels)
        radiusSquared = x.rowNormsSquared.max() ?? .nan
    }

    /// The proof's pairs for slot i: x+ with o_1 at slot i and o_3 elsewhere, x− the same with o_2.
    public static func witnesses(_ distribution: PatternDistribution) throws -> LabeledPatterns {
        let n = distribution.patternsPerInput
        var indices: [Int] = []
        for slot in 0..<n {
            for discriminative in [0, 1] { indices += (0..<n).map { $0 == slot ? discriminative : 2 } }
        }
        return try LabeledPatterns(inputs: distribution.inputs(patternIndices: indices),
                                   labels: (0..<(2 * n)).map { $0 % 2 == 0 ? 1 : -1 })
    }

    /// ŵ[i] · (o_1 − o_2) and ‖ŵ[i]‖² for every slot i of `weights`.
    public static func blocks(_ weights: [Double], _ distribution: PatternDistribution) -> [(projection: Double, normSquared: Double)] {
        let d = distribution.dimension
        return (0..<distribution.patternsPerInput).map { i in
            let block = Array(weights[(i * d)..<((i + 1) * d)])
            let difference = (0..<d).map { distribution.patterns[0, $0] - distribution.patterns[1, $0] }
            return (Vector.dot(block, difference), Vector.dot(block, block))
        }
    }

    /// ‖ŵ‖² = 2n for n up to 20: the witness pairs alone force ‖ŵ‖² ≥ 2n (hard-margin SVM on them, a lower
    /// bound for the whole support) and the separator w = (o_1 − o_2, …) of norm² 2n is feasible on the support.
    public static func largeNormBounds(_ sizes: [Int]) throws -> [(n: Int, lower: Double, upper: Double)] {
        try sizes.map { n in
            let distribution = try PatternDistribution.standardBasis(dimension: 5, patternCount: 5, patternsPerInput: n)
            let witnesses = try MaxMarginOnSupport.witnesses(distribution)
            let svm = try HardMarginSVM.fit(features: witnesses.inputs.flattened, labels: witnesses.labels)
            return (n, svm.normSquaredLowerBound, Vector.dot(distribution.separator, distribution.separator))
        }
    }
}

extension Matrix {
    /// ‖x_b‖² for every row x_b.
    public var rowNormsSquared: [Double] {
        (0..<rows).map { b in (0..<columns).reduce(0.0) { $0 + self[b, $1] * self[b, $1] } }
    }
}

extension PatternDistribution {
    /// ‖x‖² and y w·x (w = `separator`, n copies of o_1 − o_2) for every input of `sample` (§6: R² = n and the separator).
    public func normsAndSeparatorMargins(_ sample: LabeledPatterns) throws -> (norms: [Double], margins: [Double]) {
        let x = try sample.inputs.flattened
        let w = separator
        let norms = x.rowNormsSquared
        let margins = (0..<x.rows).map { b in sample.labels[b] * (0..<x.columns).reduce(0.0) { $0 + w[$1] * x[b, $1] } }
        return (norms, margins)
    }
}
