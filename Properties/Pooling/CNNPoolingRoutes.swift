import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Monte Carlo routes for the pooling paper's CNN (eqs. (6)–(9)) on synthetic images, shared by its claims.
    enum CNNPoolingRoutes {
        /// The images a CNN experiment draws.
        enum ImageFamily: Sendable, CustomStringConvertible {
            /// Independent images with i.i.d. N(0, 1) pixels (Theorem 4.4).
            case gaussian
            /// Gaussian images plus a per-image constant μ ~ N(0, s²): a mean (DC) offset that varies from
            /// image to image, the one feature of natural images that matters for average pooling here.
            case gaussianWithOffset(standardDeviation: Double)

            var description: String {
                switch self {
                case .gaussian: "i.i.d. Gaussian images"
                case let .gaussianWithOffset(s): "Gaussian images + per-image offset N(0, \(s)²)"
                }
            }

            func sample(size d: Int, rng: inout Xoshiro256, sampler: NormalSampler) throws -> Image {
                var image = try Image.gaussian(size: d, channels: 1, rng: &rng)
                if case let .gaussianWithOffset(s) = self {
                    let offset = s * sampler.next(using: &rng)
                    for i in image.pixels.indices { image.pixels[i] += offset }
                }
                return image
            }
        }

        /// One draw of ρ(x, y) and the three cosines for a fresh CNN of `channels` N(0, 1) kernels and a fresh image pair.
        static func cosines(size d: Int, geometry: PatchGeometry, channels m: Int, family: ImageFamily,
                            rng: inout Xoshiro256, sampler: NormalSampler) throws -> (input: Double, pooled: PoolingCosines) {
            let layer = try CenteredConvolution.gaussian(count: m, geometry: geometry, variance: 1, rng: &rng)
            let x = try family.sample(size: d, rng: &rng, sampler: sampler)
            let y = try family.sample(size: d, rng: &rng, sampler: sampler)
            guard let cosines = try layer.pooledCosines(x, y), let input = Vector.cosine(x.pixels, y.pixels) else {
                throw StatisticsError("a CNN feature vector was zero, its cosine is undefined")
            }
            return (input, cosines)
        }

        /// The moments of `statistic` of the cosines over `draws` independent networks and image pairs.
        static func moments(_ ctx: ClaimContext, label: String, size d: Int, geometry: PatchGeometry, channels m: Int,
                            family: ImageFamily, draws: Int,
                            _ statistic: @escaping @Sendable (PoolingCosines) -> Double) throws -> RunningMoments {
            let sampler = NormalSampler()
            let parts = try ctx.engine.run(samples: draws, chunkSize: 4, stream: ctx.stream(label)) { rng, count in
                var moments = RunningMoments()
                for _ in 0..<count {
                    moments.add(statistic(try cosines(size: d, geometry: geometry, channels: m, family: family,
                                                      rng: &rng, sampler: sampler).pooled))
                }
                return moments
            }
            return parts.reduce(RunningMoments()) { $0.merged(with: $1) }
        }

        /// A Monte Carlo mean of `statistic` (of ρ(x, y) and the three cosines) over networks and image pairs,
        /// recorded against `region`.
        @discardableResult
        static func estimate(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, size d: Int,
                             geometry: PatchGeometry, channels m: Int, family: ImageFamily, region: ClaimedRegion,
                             resolution: Double, alpha: Double, note: String? = nil,
                             _ statistic: @escaping @Sendable (Double, PoolingCosines) -> Double) throws -> Assertion {
            let sampler = NormalSampler()
            return try ctx.estimateMean(name, subject: subject, region: region, resolution: resolution, alpha: alpha,
                                        pilotSamples: 128, chunkSize: 16, note: note) { rng, count in
                try RunningMoments.of(count: count) {
                    let draw = try cosines(size: d, geometry: geometry, channels: m, family: family, rng: &rng, sampler: sampler)
                    return statistic(draw.input, draw.pooled)
                }
            }
        }
    }
}
