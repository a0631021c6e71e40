import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo over proxy pairs of `statistic(ρ_in, ρ̄_out)`, ρ̄_out the exact kernel-averaged similarity of
    /// the ReLU CNN features (cyclic, k = 3, d = 24, no pooling; Nachum et al.'s ρ̄_out for one channel).
    /// At most 2^16 pairs: the model plans a few thousand (≤ 4·10³ at the quick budget, ×4 per halving of δ), since
    /// ρ̄_out follows r̂(ρ_in) pair by pair; a statistic spread enough to ask for more is decided there, its wider
    /// interval noted, instead of running for hours.
    @discardableResult
    static func proxyEstimate(_ ctx: ClaimContext, _ name: String, pairs: ProxyPairs, region: ClaimedRegion,
                              resolution: Double, alpha: Double, note: String? = nil,
                              _ statistic: @escaping @Sendable (Double, Double) throws -> Double) throws -> Assertion {
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let sampler = NormalSampler()
        return try ctx.estimateMean(name, region: region, resolution: resolution, alpha: alpha, pilotSamples: 200,
                                    chunkSize: 50, maxSamples: 1 << 16, note: note) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try pairs.sample(size: 24, rng: &rng, sampler: sampler)
                guard let input = Vector.cosine(x.pixels, y.pixels) else { throw StatisticsError("a zero image") }
                return try statistic(input, try ConvolutionKernelMoments.featureMeanSimilarity(x, y, geometry: geometry))
            }
        }
    }

    /// POOL-S11-CNNARCCOS: without pooling, the CNN follows the arc-cosine kernel on centred data.
    static let cnnArcCosine = Claim(
        id: "POOL-S11-CNNARCCOS", paper: Papers.pooling, location: "§1.1 (contribution paragraph)",
        statement: """
        In contrast to Nachum et al. (2022), we find CNN without average pooling fits the usual arccosine kernel for \
        several types of data (Gaussian, Cifar10, Cifar100, and MNIST) which is data-independent, while CNN with \
        average pooling induces data-dependent contraction.
        """,
        assumptions: [
            "CIFAR and MNIST are not available offline; proxies: correlated i.i.d. Gaussian image pairs and correlated smooth centred random fields (natural images are spatially smooth), 24×24, input cosine uniform in [−1, 1]",
            "fits the arc-cosine kernel = the kernel-averaged output similarity ρ̄_out (exact over N(0, 1) 3×3 kernels, cyclic) deviates from r̂(ρ_in) by less than 0.01 on average over pairs; the data-dependence of average pooling is POOL-S31-CNN and POOL-S5-AVGVAR",
            "the smooth proxy is checked against its generator's documentation: neighbour correlation exp(−1/(4ℓ²)) of the blur's kernel (exact, to the cut's error), pairs (x, ±x) at ρ = ±1 (exact), and the pair correlation ρ at ρ ~ U[−1, 1] by an unbiased Monte Carlo statistic (resolution 0.05 in log(ρ/√(1 − ρ²)))",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        try smoothFieldExactChecks(ctx)
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        try smoothPairCorrelation(ctx, alpha: alpha)
        for (pairs, resolution) in [(ProxyPairs.gaussian(shift: 0), 0.001), (.smooth(shift: 0), 0.01)] {
            try proxyEstimate(ctx, "E[ρ̄_out − r̂(ρ_in)] within 0.01, \(pairs)", pairs: pairs, region: .between(-0.01, 0.01),
                              resolution: resolution, alpha: alpha) { input, output in output - (try ReLUDualActivation.value(input)) }
        }
    }

    /// POOL-S5-NONCENTER: non-centred data explain the near-isometry Nachum et al. report on natural images.
    static let nonCentering = Claim(
        id: "POOL-S5-NONCENTER", paper: Papers.pooling, location: "§5, first paragraph; Figs. 4, 5",
        statement: """
        Nachum et al. show that 1-hidden layer CNN is a nearly isometrical map on the natural image data; we show \
        empirically that this phenomenon is the consequence of the non-centering of the data rather than the \
        naturality of the data. The angle contraction is not affected by a small mean shift; as the shift \
        increases, the degree of contraction becomes slower than the arccosine kernel; at mean = 2.0 the \
        contraction behavior mimics the original non-centered cifar10 data.
        """,
        assumptions: [
            "CIFAR-10 is not available offline; proxy: smooth centred random fields (24×24, correlation length 3 px, standardized) with a common shift μ added to both images of a pair; input cosine of the centred pair uniform in [−1, 1]",
            "ρ̄_out is exact over N(0, 1) 3×3 kernels (cyclic); near-isometry = E[ρ̄_out − ρ_in] within ±0.03; slower than arc-cosine = E[ρ̄_out − r̂(ρ_in)] ≤ −0.01; small shift (μ = 0.25) keeps the arc-cosine law within 0.01",
            "the mechanism needs smooth images as well: for i.i.d. Gaussian pixels the shift μ = 2 leaves the arc-cosine law in place (checked), so 'non-centering rather than naturality' holds only together with spatial smoothness",
            "the smooth proxy's neighbour correlation exp(−1/(4ℓ²)) and its pairs (x, ±x) at ρ = ±1 are checked exactly, as in POOL-S11-CNNARCCOS",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        try smoothFieldExactChecks(ctx)
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        try proxyEstimate(ctx, "μ = 0.25: E[ρ̄_out − r̂(ρ_in)] within 0.01 (small shift)", pairs: .smooth(shift: 0.25),
                          region: .between(-0.01, 0.01), resolution: 0.01, alpha: alpha) { input, output in
            output - (try ReLUDualActivation.value(input))
        }
        try proxyEstimate(ctx, "μ = 2: E[ρ̄_out − ρ_in] within 0.03 (near-isometry)", pairs: .smooth(shift: 2),
                          region: .between(-0.03, 0.03), resolution: 0.01, alpha: alpha) { input, output in output - input }
        try proxyEstimate(ctx, "μ = 2: E[ρ̄_out − r̂(ρ_in)] ≤ −0.01 (slower than the arc-cosine kernel)", pairs: .smooth(shift: 2),
                          region: .atMost(-0.01), resolution: 0.0025, alpha: alpha) { input, output in
            output - (try ReLUDualActivation.value(input))
        }
        try proxyEstimate(ctx, "i.i.d. Gaussian pixels, μ = 2: E[ρ̄_out − r̂(ρ_in)] within 0.01 (shift alone is not enough)",
                          pairs: .gaussian(shift: 2), region: .between(-0.01, 0.01), resolution: 0.001, alpha: alpha) { input, output in
            output - (try ReLUDualActivation.value(input))
        }
    }

    /// POOL-S4-INTRO-CNNGAUSS: for Gaussian data the CNN average-pooling contraction depends only on the image size.
    static let gaussianDataOnlySize = Claim(
        id: "POOL-S4-INTRO-CNNGAUSS", paper: Papers.pooling, location: "§4 first paragraph; paragraph before Theorem 4.4",
        statement: """
        The contraction for CNN only works for Gaussian data due to the complex correlation between the entries of \
        the pooling features. In the following theorem, we prove that the contraction behavior is chaotic for \
        Gaussian data, i.e., only depends on the size of the image.
        """,
        assumptions: [
            "read as: for Gaussian images the kernel-averaged average-pooling similarity ρ̄_W(A_x, A_y) of a pair (exact over one N(0, 1) kernel, `ConvolutionKernelMoments`) is the same for every pair up to small fluctuations, namely C(d) = 1/(1 + B_k/d²) (POOL-T4.4c), while for other data it varies from pair to pair",
            "cyclic, k = 3, d = 8; 'the same for every pair' = mean absolute deviation from C(d) at most 0.03, against at least 0.15 for the other data; other data: Gaussian images plus a per-image offset N(0, 1) (POOL-S31-CNN's proxy); the architecture enters C through B_k (B_1 = π − 1 = 2.14, B_3 ≈ 2.51): for fixed k it depends on d only",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let d = 8
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let b = try GaussianImageRoutes.overlapExcess(ctx, kernelSize: 3, resolution: 0.02, alpha: alpha)
        let c = try GaussianImageAveragePooling.meanSimilarity(imageSize: d, kernelSize: 3, overlapExcess: b.estimate)
        // C(d) is decreasing in B_3, so B_3's interval gives C's; |E|ρ̄ − C| − E|ρ̄ − ĉ|| ≤ |C − ĉ| ≤ spread.
        let spread = max(c - (try GaussianImageAveragePooling.meanSimilarity(imageSize: d, kernelSize: 3, overlapExcess: b.interval.upper)),
                         (try GaussianImageAveragePooling.meanSimilarity(imageSize: d, kernelSize: 3, overlapExcess: b.interval.lower)) - c)
        let sampler = NormalSampler()
        let similarity: @Sendable (CNNImageFamily, inout Xoshiro256) throws -> Double = { family, rng in
            let x = try family.sample(size: d, rng: &rng, sampler: sampler), y = try family.sample(size: d, rng: &rng, sampler: sampler)
            return try ConvolutionKernelMoments.averagePooledMeanSimilarity(x, y, geometry: geometry)
        }
        let note = "C(8) = 1/(1 + B_3/64) = \(String(format: "%.4f", c)) from B_3's interval: ĉ ± \(String(format: "%.1e", spread)), which the region absorbs"
        try ctx.estimateMean("Gaussian images, d = 8: E|ρ̄_W(A_x, A_y) − C(d)| ≤ 0.03",
                             region: .atMost(0.03 - spread), resolution: 0.0075, alpha: alpha, pilotSamples: 100, chunkSize: 25,
                             note: note) { rng, count in
            try RunningMoments.of(count: count) { abs(try similarity(.gaussian, &rng) - c) }
        }
        try ctx.estimateMean("Gaussian images + offset N(0, 1), d = 8: E|ρ̄_W(A_x, A_y) − C(d)| ≥ 0.15 (data-dependent)",
                             region: .atLeast(0.15 + spread), resolution: 0.0375, alpha: alpha, pilotSamples: 100, chunkSize: 25,
                             note: note) { rng, count in
            try RunningMoments.of(count: count) { abs(try similarity(.gaussianWithOffset(standardDeviation: 1), &rng) - c) }
        }
    }
}
