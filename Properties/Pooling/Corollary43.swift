import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-C4.3: max pooling in the CNN, "for any pair", 1 − ρ(M_x, M_y) = O(1/log n).
    static let corollary43 = Claim(
        id: "POOL-C4.3", paper: Papers.pooling, location: "§4, Corollary 4.3 and the sentence after it; proof in App. C",
        statement: """
        For CNN, let the entries of W be initiated as i.i.d standard normal random variables. Then for any pair of \
        vectors x and y, 1 − ρ(M_x, M_y) = O(log^{−1} n). "The corollary holds true since the variance is very \
        small after rescaling."
        """,
        assumptions: [
            "n is not defined for the CNN; it is read as the number of pooled positions, n = d² (d×d images, global max pooling)",
            "k = 3, m = 640 kernels (§3), i.i.d. N(0, 1); O(1/log n) is read as: the slope of log(1 − ρ) on log log n is at most −1 (allowance 0.1)",
            "counterexample: x = 1_{d×d}, y = −x with the cyclic boundary: every (W^c * x)_p equals S_c = Σ W^c, so M_x = (r(S_c))_c and M_y = (r(−S_c))_c are orthogonal and ρ(M_x, M_y) = 0 for every d; with zero padding the border breaks the symmetry but 1 − ρ does not decay either",
            "corrected reading: for independent Gaussian images (the setting of Theorem 4.4) the rate holds; checked with d = 8 … 64 (cyclic)",
        ],
        kind: .rate,
        expectation: .erratum(
            printed: "for any pair x, y: 1 − ρ(M_x, M_y) = O(1/log n)",
            corrected: "for independent Gaussian images (n = d²): 1 − ρ(M_x, M_y) = O(1/log n) (in fact about 1/log² n); for x = 1, y = −1 it stays 1")
    ) { ctx in
        let sizes = ctx.scope(quick: [8, 16, 32], full: [8, 16, 32, 64])
        let x = sizes.map { log(log(Double($0 * $0))) }
        var rng = ctx.stream("counterexample").generator()
        var cyclicGaps: [Double] = []
        for d in sizes {
            let layer = try CenteredConvolution.gaussian(count: 640, geometry: PatchGeometry(kernelSize: 3, boundary: .cyclic),
                                                         variance: 1, rng: &rng)
            let ones = try Image(size: d, channels: 1, pixels: [Double](repeating: 1, count: d * d))
            let minus = try Image(size: d, channels: 1, pixels: [Double](repeating: -1, count: d * d))
            let pooled = (try layer.pooledFeatures(ones).maximum, try layer.pooledFeatures(minus).maximum)
            cyclicGaps.append(1 - Vector.dot(pooled.0, pooled.1) / (Vector.norm(pooled.0) * Vector.norm(pooled.1)))
        }
        let gap = ctx.bound("x = 1, y = −1, cyclic: smallest 1 − ρ(M_x, M_y) over d = \(sizes.map(String.init).joined(separator: ", "))",
                            route: .enumeration, value: cyclicGaps.min()!, region: .equal(1), resolution: 1e-12, samples: sizes.count)
        try ctx.expect(.confirmed, for: gap.key,
                       because: "establishes the counterexample (M_x ⟂ M_y, so 1 − ρ = 1 at every d); the slope below refutes the rate")
        ctx.bound("x = 1, y = −1, cyclic: slope of log(1 − ρ(M_x, M_y)) on log log d² (O(1/log n) needs ≤ −1)",
                  route: .enumeration, value: try WeightedLineFit(x: x, y: cyclicGaps.map(log), weights: x.map { _ in 1 }).slope, error: 1e-13,
                  region: .atMost(-0.9), resolution: 0.05, samples: sizes.count)

        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        let draws = ctx.scope(quick: 12, full: 24)
        let padded = try PatchGeometry(kernelSize: 3, boundary: .zeroPadded)
        let paddedMoments = try sizes.map { d in
            let parts = try ctx.engine.run(samples: draws, chunkSize: 4, stream: ctx.stream("zero-padded d=\(d)")) { rng, count in
                var moments = RunningMoments()
                var scratch = PatchScratch()
                for _ in 0..<count {
                    let layer = try CenteredConvolution.gaussian(count: 640, geometry: padded, variance: 1, rng: &rng)
                    guard let c = try layer.pooledCosines(try Image(size: d, channels: 1, pixels: [Double](repeating: 1, count: d * d)),
                                                          try Image(size: d, channels: 1, pixels: [Double](repeating: -1, count: d * d)),
                                                          scratch: &scratch) else {
                        throw StatisticsError("a CNN feature vector was zero")
                    }
                    moments.add(1 - c.maximum)
                }
                return moments
            }
            return parts.reduce(RunningMoments()) { $0.merged(with: $1) }
        }
        try FCNPoolingRoutes.fitContractionSlope(
            ctx, "x = 1, y = −1, zero-padded: slope of log E[1 − ρ(M_x, M_y)] on log log d²", x: x, moments: paddedMoments,
            region: .atMost(-0.9), resolution: 0.05, alpha: alpha / 2,
            note: "E[1 − ρ] = \(paddedMoments.map { String(format: "%.3f", $0.mean) }.joined(separator: ", ")) for d = \(sizes.map(String.init).joined(separator: ", "))")

        let cyclic = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        // 64 networks per d: with the χ² bound on each point's SD (fitContractionSlope) fewer leave the quick fit undecided.
        let gaussianDraws = 64
        var gaussian: [RunningMoments] = []
        for d in sizes {
            gaussian.append(try CNNPoolingRoutes.moments(ctx, label: "gaussian d=\(d)", size: d, geometry: cyclic, channels: 640,
                                                         family: .gaussian, draws: gaussianDraws) { 1 - $0.maximum })
        }
        try FCNPoolingRoutes.fitContractionSlope(
            ctx, "Gaussian images, cyclic: slope of log E[1 − ρ(M_x, M_y)] on log log d²", subject: .corrected, x: x,
            moments: gaussian, region: .atMost(-0.9), resolution: 0.05, alpha: alpha,
            note: "E[1 − ρ] = \(gaussian.map { String(format: "%.4f", $0.mean) }.joined(separator: ", ")) for d = \(sizes.map(String.init).joined(separator: ", "))")
        ctx.attach(Figure(
            name: "cnn-max-pooling", title: "CNN global max pooling: 1 − ρ(M_x, M_y) against log log d²",
            xLabel: "log log d²", yLabel: "1 − ρ(M_x, M_y)", series: [
                .init(label: "Gaussian images (mean over networks)", style: .scatter, x: x, y: gaussian.map(\.mean),
                      errors: gaussian.map(\.standardError)),
                .init(label: "x = 1, y = −1, zero-padded", style: .scatter, x: x, y: paddedMoments.map(\.mean),
                      errors: paddedMoments.map(\.standardError)),
                .init(label: "x = 1, y = −1, cyclic (exact)", style: .line, x: x, y: cyclicGaps),
            ]))
    }

    /// POOL-PC-SCALE: the scale invariance used in App. C.
    static let scaleInvariance = Claim(
        id: "POOL-PC-SCALE", paper: Papers.pooling, location: "App. C, proof of Corollary 4.3",
        statement: """
        ρ(x, y) = ρ(ax, by) where a and b are positive constants. Let γ = E M_y / E M_x; then ρ(γM_x, M_y) = \
        ρ(M_x, M_y) and E γM_x = E M_y, "and the technique of proving theorem 4.2 is applicable to the scene".
        """,
        assumptions: [
            "a, b > 0 deterministic; checked by enumeration over 10 000 random pairs (dimensions 1–64, a, b ∈ [10^{−3}, 10^{3}])",
            "what the rescaling cannot do: the relative spread Var(γM_x)/(E γM_x)² = Var M_x/(E M_x)² is scale-free, so rescaling does not make the variance small relative to the mean (the proof's 'the variance is very small after rescaling'); for x = 1 (cyclic) every channel is r(S), S ~ N(0, k²), with relative spread π − 1 for every d",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("pairs").generator()
        let sampler = NormalSampler()
        var largest = 0.0
        for trial in 0..<10_000 {
            let dimension = 1 + trial % 64
            let x = (0..<dimension).map { _ in sampler.next(using: &rng) }
            let y = (0..<dimension).map { _ in sampler.next(using: &rng) }
            let a = pow(10, 6 * rng.nextUniform() - 3), b = pow(10, 6 * rng.nextUniform() - 3)
            guard let plain = Vector.cosine(x, y), let scaled = Vector.cosine(x.map { a * $0 }, y.map { b * $0 }) else { continue }
            largest = max(largest, abs(plain - scaled))
        }
        ctx.bound("max |ρ(ax, by) − ρ(x, y)| over 10 000 pairs", route: .enumeration, value: largest, error: 1e-15,
                  region: .equal(0), resolution: 1e-12, samples: 10_000)
        // Relative spread of r(S), S ~ N(0, k²): (1/2 − 1/(2π)) / (1/(2π)) = π − 1, whatever the scale.
        let (mean, square) = try ReLUUnitMoments.quadrature(scale: 3)
        let spread = square.value / (mean.value * mean.value) - 1
        ctx.compare("Var M_x^c/(E M_x^c)² for x = 1 (cyclic, k = 3) by QUADPACK vs π − 1", route: .quadrature, value: spread,
                    error: (square.absoluteError + 2 * square.value * mean.absoluteError / mean.value) / (mean.value * mean.value),
                    reference: Double.pi - 1, referenceRoute: .closedForm, resolution: 1e-9)
    }
}
