import ClaimKit
import GSL
import RandomNetworks
import Randomness

/// Claims of Henmi, Zara, Hirohashi, Kato, "Adaptive Signal Variances: CNN
/// initialization through modern architectures" (catalog:
/// ../shared/claims/layernorm-asv.md, ASV part).
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

    /// `count` random convolution geometries from the stream `label`: sides in 1…`maxSide`,
    /// kernels 1…`maxKernel` (at most the padded side), padding 0…3, strides 1…3, channels 1…`maxChannels`.
    static func randomGeometries(_ ctx: ClaimContext, _ label: String, count: Int, maxSide: Int, maxKernel: Int = 7,
                                 maxChannels: Int) throws -> [ConvolutionGeometry] {
        var rng = ctx.stream(label).generator()
        func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        return try (0..<count).map { _ in
            let input = try FeatureMapShape(width: draw(1...maxSide), height: draw(1...maxSide),
                                            channels: draw(1...maxChannels))
            let pw = draw(0...3), ph = draw(0...3)
            return try ConvolutionGeometry(
                input: input, kernelWidth: draw(1...min(maxKernel, input.width + 2 * pw)),
                kernelHeight: draw(1...min(maxKernel, input.height + 2 * ph)), paddingWidth: pw, paddingHeight: ph,
                strideWidth: draw(1...3), strideHeight: draw(1...3), outputChannels: draw(1...maxChannels))
        }
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
