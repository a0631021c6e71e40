import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo and first-order routes for the pooled FCN features of the
    /// pooling paper (Theorems 4.1, 4.2 and their proofs), shared by its claims.
    enum FCNPoolingRoutes {
        /// Which pooling a contraction statistic is about.
        enum Pooling: String { case average, maximum }

        /// The moments of 1 − ρ(A_x, A_y) and 1 − ρ(M_x, M_y) over `draws` independent
        /// networks (fast row sampler, exact in law), for each pool size.
        static func contraction(_ ctx: ClaimContext, label: String, rho: Double, groups m: Int, poolSizes: [Int],
                                draws: Int) throws -> [(average: RunningMoments, maximum: RunningMoments)] {
            let sampler = NormalSampler()
            return try poolSizes.map { n in
                let pooling = try PartitionedPooling(groups: m, poolSize: n)
                let parts = try ctx.engine.run(samples: draws, chunkSize: 50, stream: ctx.stream("\(label) ρ=\(rho) n=\(n)")) {
                    rng, count in
                    var average = RunningMoments(), maximum = RunningMoments()
                    for _ in 0..<count {
                        let cosines = try definedCosines(try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler))
                        average.add(1 - cosines.average)
                        maximum.add(1 - cosines.maximum)
                    }
                    return (average, maximum)
                }
                return parts.reduce((RunningMoments(), RunningMoments())) {
                    ($0.0.merged(with: $1.0), $0.1.merged(with: $1.1))
                }
            }
        }

        /// The cosines of a draw, or an error if a pooled vector is zero (probability ≤ 2^{−mn}).
        static func definedCosines(_ pair: PooledFeaturePair) throws -> PoolingCosines {
            guard let cosines = pair.cosines else {
                throw StatisticsError("a pooled feature vector was zero, its cosine is undefined")
            }
            return cosines
        }

        /// Fits the slope of log E[1 − ρ] on `x` (log n or log log n) and records it against `region`. The fit
        /// treats its standard errors as known, so each point's sample SD is first raised to its χ² (1 − α/(2·points))
        /// upper bound (`SampleSize.upperBoundFactor`) and the fit gets the other half of alpha: with few draws per
        /// point the interval widens instead of undercovering.
        @discardableResult
        static func fitContractionSlope(
            _ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, x: [Double], moments: [RunningMoments],
            region: ClaimedRegion, resolution: Double, alpha: Double, note: String
        ) throws -> Assertion {
            let pointAlpha = alpha / Double(2 * moments.count)
            let errors = try moments.map { $0.standardError * (try SampleSize.upperBoundFactor(count: $0.count, alpha: pointAlpha)) / $0.mean }
            return try ctx.fitSlope(name, subject: subject, x: x, y: moments.map { log($0.mean) }, standardErrors: errors,
                                    region: region, resolution: resolution, alpha: alpha / 2,
                                    samples: moments.map(\.count).reduce(0, +),
                                    note: "\(note); standard errors raised to their χ² upper bounds (\(moments.map(\.count).min()!)+ draws per point)")
        }

        /// Monte Carlo of E[1 − ρ] / reference for `pooling` at input cosine ρ (rows sampled, m·n per draw).
        @discardableResult
        static func estimateContractionRatio(
            _ ctx: ClaimContext, _ name: String, pooling: PartitionedPooling, rho: Double, of kind: Pooling,
            reference: Double, region: ClaimedRegion, resolution: Double, alpha: Double, note: String
        ) throws -> Assertion {
            let sampler = NormalSampler()
            return try ctx.estimateMean(name, region: region, resolution: resolution, alpha: alpha, pilotSamples: 1000,
                                        chunkSize: 250, note: note) { rng, count in
                try RunningMoments.of(count: count) {
                    let cosines = try definedCosines(try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler))
                    return (1 - (kind == .average ? cosines.average : cosines.maximum)) / reference
                }
            }
        }
    }
}
