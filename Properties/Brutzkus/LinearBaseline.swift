import ClaimKit
import Foundation
import RandomNetworks
import Randomness

/// The max-margin linear classifier ŵ of Proposition 6.1 (eq. (9)) on the whole support of D, and the
/// witness pairs of its proof.
struct MaxMarginOnSupport {
    let distribution: PatternDistribution
    let svm: HardMarginSVM
    /// ŵ = Σ α_i y_i x_i ∈ R^{nd}.
    let weights: [Double]
    /// R² = max over the support of ‖x‖².
    let radiusSquared: Double

    /// Solves eq. (9) over every point of the support (2n(l − 2)^{n−1} inputs), to optimality conditions met
    /// within 1e-13: eq. (12) is tight at the optimum, and at the default 1e-10 the active-set step (whose LU goes
    /// through the machine's BLAS) decided whether (12) was resolved to its 1e-8 resolution.
    init(_ distribution: PatternDistribution) throws {
        let support = try distribution.supportPoints()
        let x = try support.inputs.flattened
        self.distribution = distribution
        svm = try HardMarginSVM.fit(features: x, labels: support.labels, tolerance: 1e-13)
        weights = try svm.weights(features: x, labels: support.labels)
        radiusSquared = BrutzkusClaims.rowNormsSquared(x).max() ?? .nan
    }

    /// The proof's pairs for slot i: x+ with o_1 at slot i and o_3 elsewhere, x− the same with o_2.
    static func witnesses(_ distribution: PatternDistribution) throws -> LabeledPatterns {
        let n = distribution.patternsPerInput
        var indices: [Int] = []
        for slot in 0..<n {
            for discriminative in [0, 1] { indices += (0..<n).map { $0 == slot ? discriminative : 2 } }
        }
        return try LabeledPatterns(inputs: distribution.inputs(patternIndices: indices),
                                   labels: (0..<(2 * n)).map { $0 % 2 == 0 ? 1 : -1 })
    }

    /// ŵ[i] · (o_1 − o_2) and ‖ŵ[i]‖² for every slot i of `weights`.
    static func blocks(_ weights: [Double], _ distribution: PatternDistribution) -> [(projection: Double, normSquared: Double)] {
        let d = distribution.dimension
        return (0..<distribution.patternsPerInput).map { i in
            let block = Array(weights[(i * d)..<((i + 1) * d)])
            let difference = (0..<d).map { distribution.patterns[0, $0] - distribution.patterns[1, $0] }
            return (Vector.dot(block, difference), Vector.dot(block, block))
        }
    }
}

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

    /// ‖ŵ‖² = 2n for n up to 20: the witness pairs alone force ‖ŵ‖² ≥ 2n (hard-margin SVM on them, a lower
    /// bound for the whole support) and the separator w = (o_1 − o_2, …) of norm² 2n is feasible on the support.
    static func largeMaxMarginNorms(_ sizes: [Int]) throws -> [(n: Int, lower: Double, upper: Double)] {
        try sizes.map { n in
            let distribution = try PatternDistribution.standardBasis(dimension: 5, patternCount: 5, patternsPerInput: n)
            let witnesses = try MaxMarginOnSupport.witnesses(distribution)
            let svm = try HardMarginSVM.fit(features: witnesses.inputs.flattened, labels: witnesses.labels)
            return (n, svm.normSquaredLowerBound, Vector.dot(distribution.separator, distribution.separator))
        }
    }
}
