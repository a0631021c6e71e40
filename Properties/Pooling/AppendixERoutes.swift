import ClaimKit
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// The patch sums of App. E for one Gaussian image, shared by the claims on its steps.
    enum AppendixERoutes {
        /// Moments of App. E's part (`PatchSimilaritySum`) at position 0 of cyclic d×d Gaussian images.
        static func positionSumSampler(size d: Int, kernelSize k: Int, part: PatchSimilaritySum.Part)
            -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
            { rng, count in
                let sum = try PatchSimilaritySum(size: d, kernelSize: k, part: part)
                return try RunningMoments.filled(count) { try sum.fill($0, rng: &rng) }
            }
        }
    }
}
