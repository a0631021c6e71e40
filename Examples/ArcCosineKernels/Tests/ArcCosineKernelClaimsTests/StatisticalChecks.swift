import ArcCosineKernelClaims
import ClaimKit
import ClaimKitTesting
import Foundation
import Testing

/// Statistical checks of the numeric code itself, straight in Swift Testing: no registry, no paper.
/// Each spends its own false-fail rate (alpha, 1e-6 by default) and runs at the quick budget.
@Suite struct StatisticalChecks {
    /// A fixed pair in ℝ⁵: norms 1.2 and 0.7 at 100°.
    static let pair = try! inputPair(dimension: 5, norms: (1.2, 0.7), angle: 100 * Double.pi / 180)

    /// The Monte Carlo estimate of k_1 at a fixed pair against the closed form (1/π)‖x‖‖y‖J_1(θ).
    @Test func monteCarloArcCosineKernelOfDegreeOne() throws {
        let (x, y) = Self.pair
        let closed = try ArcCosineKernel.kernel(1, x, y)
        try checkStatistically(budget: .quick) { ctx in
            try ctx.estimateMean("2 E[ReLU(w·x) ReLU(w·y)] = k_1(x, y)", region: .equal(closed), resolution: 0.005,
                                 alpha: ctx.reserveAlpha(1)) { rng, count in
                let sampler = NormalSampler()
                return RunningMoments.of(count: count) {
                    let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
                    return 2 * max(wx, 0) * max(wy, 0)
                }
            }
        }
    }

    /// The threshold unit: it fires on one input half the time, and on both with probability (π − θ)/(2π).
    @Test func thresholdUnitFiringProbabilities() throws {
        let (x, y) = Self.pair
        let theta = try ArcCosineKernel.angle(x, y)
        try checkStatistically(budget: .quick) { ctx in
            let alpha = try ctx.reserveAlpha(1) / 2
            for (name, reference, both) in [("P(w·x > 0) = 1/2", 0.5, false), ("P(w·x > 0, w·y > 0) = (π − θ)/(2π)", (Double.pi - theta) / (2 * Double.pi), true)] {
                try ctx.estimateProportion(name, region: .equal(reference), resolution: 0.004, alpha: alpha) { rng, count in
                    let sampler = NormalSampler()
                    var hits = 0
                    for _ in 0..<count {
                        let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
                        if wx > 0 && (!both || wy > 0) { hits += 1 }
                    }
                    return hits
                }
            }
        }
    }

    /// Power: without the factor 2 of eq. (1) the Monte Carlo mean is k_1/2, and the check refutes "= k_1".
    @Test func missingFactorTwoIsRefuted() throws {
        let (x, y) = Self.pair
        let closed = try ArcCosineKernel.kernel(1, x, y)
        try checkStatistically(budget: .quick, expecting: .refuted) { ctx in
            try ctx.estimateMean("E[ReLU(w·x) ReLU(w·y)] = k_1(x, y) (factor 2 dropped)", region: .equal(closed),
                                 resolution: 0.005, alpha: ctx.reserveAlpha(1)) { rng, count in
                let sampler = NormalSampler()
                return RunningMoments.of(count: count) {
                    let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
                    return max(wx, 0) * max(wy, 0)
                }
            }
        }
    }

    /// The deep network simulated through its 2 × 2 Gram matrices has the law of the explicit forward pass:
    /// at width 32 and depth 2 the two inner products have the same mean (their difference has mean 0).
    @Test func gramSimulationMatchesTheExplicitNetwork() throws {
        let (x, y) = Self.pair
        let input = MultilayerGram(xx: x.reduce(0) { $0 + $1 * $1 }, xy: zip(x, y).reduce(0) { $0 + $1.0 * $1.1 },
                                   yy: y.reduce(0) { $0 + $1 * $1 })
        try checkStatistically(budget: .quick) { ctx in
            let alpha = try ctx.reserveAlpha(1) / 2
            for n in 0...1 {
                try ctx.estimateMean("n = \(n): explicit minus Gram-simulated h(x)·h(y), width 32, depth 2", region: .equal(0),
                                     resolution: 0.01, alpha: alpha, pilotSamples: 2000, chunkSize: 512) { rng, count in
                    let sampler = NormalSampler()
                    return RunningMoments.of(count: count) {
                        let explicit = ThresholdNetwork.explicitGram(n, x, y, layers: 2, width: 32, rng: &rng, sampler: sampler)[1].xy
                        let reduced = ThresholdNetwork.deepGram(n, input: input, layers: 2, width: 32, rng: &rng, sampler: sampler)[1].xy
                        return explicit - reduced
                    }
                }
            }
        }
    }
}
