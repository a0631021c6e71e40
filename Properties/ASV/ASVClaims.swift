import ClaimKit
import GSL
import RandomNetworks
import Randomness

/// Claims of Henmi, Zara, Hirohashi, Kato, "Adaptive Signal Variances: CNN
/// initialization through modern architectures" (catalog:
/// Catalog.swift, drawn from layernorm-asv.md, ASV part).
public enum ASVClaims {
    /// Every claim of this paper, in catalog order.
    public static let all: [Claim] = [
        vectorization, convolution, convolutionBackward, fullyConnected, activation, pooling, poolingBackward,
        connectionCount,
        maximumDensity, reluCommutesWithMax, gaussianMaximumDensity, tauMax, reluMean, reluSecondMoment, tauAverage,
        singleUnitPooling, argmaxProbability, maximumNonNegative, gammaMax, gammaAverage, tauMonotonicity,
        gammaMonotonicity,
        perUnitForwardVariance, forwardRecursion, perUnitBackwardVariance, backwardRecursion,
        forwardInitialization, backwardInitialization, kaimingForward, kaimingBackward, padding, uniformVariances,
        xavier,
        endToEndForward, endToEndBackward,
    ]
}

extension ASVClaims {
    /// Records the (1 − alpha) t-interval of a mean over a fixed number of independent
    /// replicates (random networks) against `region`, at the budget-scaled `resolution`.
    @discardableResult
    static func recordMean(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, moments: RunningMoments,
                           region: ClaimedRegion, resolution: Double, alpha: Double, note: String? = nil) throws
        -> Assertion {
        ctx.record(Assertion(
            name: name, route: .monteCarlo, subject: subject, rule: "t-interval over independent networks (fixed count)",
            estimate: moments.mean, interval: try MeanInterval.student(moments, alpha: alpha), region: region,
            delta: ctx.scaled(resolution), alpha: alpha, samples: moments.count, note: note))
    }

    /// Records that an enumerated count equals the count a formula gives (integers: resolution 1/2).
    static func compareCount(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, count: Int,
                             reference: Int, samples: Int = 1, note: String? = nil) {
        ctx.compare(name, subject: subject, route: .enumeration, value: Double(count), reference: Double(reference),
                    referenceRoute: .closedForm, resolution: 0.5, samples: samples, note: note)
    }

    /// `count` random convolution geometries (`ConvolutionGeometry.random`) from the claim's stream `label`.
    static func randomGeometries(_ ctx: ClaimContext, _ label: String, count: Int, maxSide: Int, maxKernel: Int = 7,
                                 maxChannels: Int) throws -> [ConvolutionGeometry] {
        var rng = ctx.stream(label).generator()
        return try ConvolutionGeometry.random(count: count, maxSide: maxSide, maxKernel: maxKernel, maxChannels: maxChannels,
                                              rng: &rng)
    }

    /// A vector of i.i.d. N(0, 1) draws.
    static func gaussianVector(_ count: Int, _ rng: inout Xoshiro256) -> [Double] {
        let sampler = NormalSampler()
        return (0..<count).map { _ in sampler.next(using: &rng) }
    }

    /// max_i |a_i − b_i| and max_i |b_i| (the scale of a relative resolution).
    static func largestDeviation(_ a: [Double], _ b: [Double]) -> (deviation: Double, scale: Double) {
        (zip(a, b).map { abs($0 - $1) }.max() ?? 0, b.map(abs).max() ?? 0)
    }
}
