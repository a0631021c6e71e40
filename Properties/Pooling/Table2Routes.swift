import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Table 2 of the pooling paper and the routes that recompute its columns for a reading of the toy pair.
    enum Table2Routes {
        static let blocks = [5, 10, 15, 20, 25]
        /// ρ(x, y), ρ(F(x), F(y)), ρ(A_x, A_y), ρ(M_x, M_y) as printed, one row per κ.
        static let inputCosine = [-0.9922, -0.9684, -0.9177, -0.8696, -0.7952]
        static let reluCosine = [0.0002, 0.0006, 0.0012, 0.0017, 0.0022]
        static let averageCosine = [0.0187, 0.1030, 0.3587, 0.6619, 0.9771]
        static let maximumCosine = [0.7247, 0.6787, 0.7176, 0.7256, 0.7174]
        /// Half the last printed digit: the rounding of a four-decimal entry.
        static let rounding = 5e-5

        /// The side d in `sizes` whose many-kernel average-pooling column is closest to Table 2's (max error).
        static func bestSizeForAverageColumn(_ reading: ToyPair.Reading, sizes: [Int],
                                             geometry: PatchGeometry) throws -> (size: Int, error: Double, column: [Double]) {
            var best = (size: 0, error: Double.infinity, column: [Double]())
            for d in sizes {
                let column = try blocks.map { kappa in
                    let (x, y) = try ToyPair.images(size: d, block: kappa, reading: reading)
                    return try ConvolutionKernelMoments.averagePooledMeanSimilarity(x, y, geometry: geometry)
                }
                let error = zip(column, averageCosine).map { abs($0 - $1) }.max()!
                if error < best.error { best = (d, error, column) }
            }
            return best
        }

        /// The smallest, over d in `sizes`, of the largest |2κ²/d² − 1 − Table 2| over the rows `rows` (all by default).
        static func bestSharedBlockFit(sizes: [Int], rows: [Int] = Array(0..<5)) -> (size: Int, error: Double) {
            var best = (size: 0, error: Double.infinity)
            for d in sizes {
                let error = rows.map { abs(ToyPair.sharedBlockCosine(size: d, block: blocks[$0]) - inputCosine[$0]) }.max()!
                if error < best.error { best = (d, error) }
            }
            return best
        }

        /// How far Table 2's one network of 640 kernels may sit from what the many-kernel routes compute, measured
        /// on `reading` at side d: at each row κ, `networks` fresh networks give ρ(A_x, A_y) and ρ(M_x, M_y), with
        /// SD σ between networks raised to σ⁺ by the χ² (1 − α/2) bound. The average column's allowance is the largest
        /// over κ of |mean − many-kernel limit| + z σ⁺ (1 + 1/√n) (the finite-m bias and the spread); the max column's
        /// is z σ⁺ around its mean (estimated separately); z is the two-sided normal quantile of α/2 over the five
        /// rows. A single network then lies within the allowance of the right reading with probability ≥ 1 − α.
        static func networkAllowances(_ ctx: ClaimContext, _ reading: ToyPair.Reading, size d: Int, geometry: PatchGeometry,
                                      networks: Int, alpha: Double) throws -> (average: Double, maximum: Double) {
            let share = alpha / Double(2 * blocks.count)
            let z = try Distributions.normalUpperQuantile(share / 2)
            let factor = try SampleSize.upperBoundFactor(count: networks, alpha: share)
            var allowance = (average: 0.0, maximum: 0.0)
            for kappa in blocks {
                let parts = try ctx.engine.run(samples: networks, chunkSize: 4, stream: ctx.stream("allowance κ=\(kappa)")) { rng, count in
                    var moments = JointMoments(dimension: 2)
                    for _ in 0..<count {
                        let cosines = try networkCosines(reading, size: d, block: kappa, geometry: geometry, rng: &rng)
                        moments.add([cosines.average, cosines.maximum])
                    }
                    return moments
                }
                let moments = try JointMoments.merging(parts, dimension: 2)
                let limit = try ToyPair.kernelLimits(reading, size: d, block: kappa, geometry: geometry).average
                let spread = (average: moments.covariance(0, 0).squareRoot() * factor, maximum: moments.covariance(1, 1).squareRoot() * factor)
                allowance.average = max(allowance.average, abs(moments.means[0] - limit)
                                        + z * spread.average * (1 + 1 / Double(networks).squareRoot()))
                allowance.maximum = max(allowance.maximum, z * spread.maximum)
            }
            return allowance
        }

        /// One draw of the three cosines of the toy pair through a fresh CNN of 640 N(0, 1) kernels
        /// (`ToyPair.networkCosines`); a zero feature vector is an error.
        static func networkCosines(_ reading: ToyPair.Reading, size d: Int, block kappa: Int, geometry: PatchGeometry,
                                   rng: inout Xoshiro256) throws -> PoolingCosines {
            guard let cosines = try ToyPair.networkCosines(reading, size: d, block: kappa, geometry: geometry, rng: &rng) else {
                throw StatisticsError("a CNN feature vector was zero")
            }
            return cosines
        }
    }
}
