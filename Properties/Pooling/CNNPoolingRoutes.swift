import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo routes for the pooling paper's CNN (eqs. (6)–(9)) on synthetic images, shared by its claims.
    enum CNNPoolingRoutes {
        /// One draw of ρ(x, y) and the three cosines for a fresh CNN of `channels` N(0, 1) kernels and a fresh image pair
        /// (`CNNImageFamily.cosines`, working in `scratch`); a zero feature vector is an error.
        static func cosines(size d: Int, geometry: PatchGeometry, channels m: Int, family: CNNImageFamily,
                            rng: inout Xoshiro256, sampler: NormalSampler,
                            scratch: inout PatchScratch) throws -> (input: Double, pooled: PoolingCosines) {
            guard let draw = try family.cosines(size: d, geometry: geometry, channels: m, rng: &rng, sampler: sampler,
                                                scratch: &scratch) else {
                throw StatisticsError("a CNN feature vector was zero, its cosine is undefined")
            }
            return draw
        }

        /// The moments of `statistic` of the cosines over `draws` independent networks and image pairs.
        static func moments(_ ctx: ClaimContext, label: String, size d: Int, geometry: PatchGeometry, channels m: Int,
                            family: CNNImageFamily, draws: Int,
                            _ statistic: @escaping @Sendable (PoolingCosines) -> Double) throws -> RunningMoments {
            let sampler = NormalSampler()
            let parts = try ctx.engine.run(samples: draws, chunkSize: 4, stream: ctx.stream(label)) { rng, count in
                var moments = RunningMoments()
                var scratch = PatchScratch()
                for _ in 0..<count {
                    moments.add(statistic(try cosines(size: d, geometry: geometry, channels: m, family: family,
                                                      rng: &rng, sampler: sampler, scratch: &scratch).pooled))
                }
                return moments
            }
            return parts.reduce(RunningMoments()) { $0.merged(with: $1) }
        }

        /// A Monte Carlo mean of `statistic` (of ρ(x, y) and the three cosines) over networks and image pairs,
        /// recorded against `region`.
        @discardableResult
        static func estimate(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, size d: Int,
                             geometry: PatchGeometry, channels m: Int, family: CNNImageFamily, region: ClaimedRegion,
                             resolution: Double, alpha: Double, note: String? = nil,
                             _ statistic: @escaping @Sendable (Double, PoolingCosines) -> Double) throws -> Assertion {
            let sampler = NormalSampler()
            return try ctx.estimateMean(name, subject: subject, region: region, resolution: resolution, alpha: alpha,
                                        pilotSamples: 128, chunkSize: 16, note: note) { rng, count in
                var scratch = PatchScratch()
                return try RunningMoments.of(count: count) {
                    let draw = try cosines(size: d, geometry: geometry, channels: m, family: family, rng: &rng, sampler: sampler,
                                           scratch: &scratch)
                    return statistic(draw.input, draw.pooled)
                }
            }
        }
    }
}
