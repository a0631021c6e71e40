import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Routes to Theorem 4.4's C (CNN average pooling on Gaussian images), shared by the claims on it and App. E.
    enum GaussianImageRoutes {
        /// 1/C − 1 = ((E Ar(x)² + E Ar(y)²)/2) / E[Ar(x) Ar(y)] − 1 of the means (E[Ar(x)Ar(y)], E Ar(x)², E Ar(y)²);
        /// exactly B_k/d² for the cyclic boundary.
        static let inverseSimilarityExcess = FunctionOfMeans(
            dimension: 3,
            value: { m in (m[1] + m[2]) / (2 * m[0]) - 1 },
            gradient: { m in [-(m[1] + m[2]) / (2 * m[0] * m[0]), 1 / (2 * m[0]), 1 / (2 * m[0])] })

        /// B_k (App. E (16)–(31), `GaussianImageAveragePooling`) by Monte Carlo over N(0, 1) kernels with the
        /// control-variate statistic, through `estimateMean` (n planned from `resolution` and `alpha`), recorded
        /// against App. E's elementary bounds π − 1 ≤ B_k ≤ (π − 1)(2k − 1)² (g ≥ 0 below, r̂ ≤ 1 above; equality at
        /// k = 1). Callers use the recorded t interval, so B_k's uncertainty enters what they compare.
        @discardableResult
        static func overlapExcess(_ ctx: ClaimContext, subject: Subject = .asPrinted, kernelSize k: Int, resolution: Double,
                                  alpha: Double, note: String? = nil) throws -> Assertion {
            let upper = (Double.pi - 1) * Double((2 * k - 1) * (2 * k - 1))
            let sampler = NormalSampler()
            return try ctx.estimateMean(
                "B_\(k) ∈ [π − 1, (π − 1)(2k − 1)²] = [\(String(format: "%.3f", Double.pi - 1)), \(String(format: "%.2f", upper))] (Monte Carlo over kernels, control variates)",
                subject: subject, region: .between(Double.pi - 1, upper), resolution: resolution, alpha: alpha,
                label: "B_\(k)", pilotSamples: 4096, chunkSize: 1 << 12, note: note) { rng, count in
                try RunningMoments.of(count: count) {
                    let w = (0..<(k * k)).map { _ in sampler.next(using: &rng) }
                    return try GaussianImageAveragePooling.overlapExcessWithControlVariates(kernel: w, kernelSize: k)
                }
            }
        }

        /// Monte Carlo triples (W, x, y): the joint moments of (Ar(x)Ar(y), Ar(x)², Ar(y)²) for one N(0, 1)
        /// kernel and independent Gaussian d×d images (`SingleKernelAveragePooling.gaussianImagePairs`).
        static func averagePoolSampler(size d: Int, geometry: PatchGeometry)
            -> @Sendable (inout Xoshiro256, Int) throws -> JointMoments {
            let sampler = NormalSampler()
            return { rng, count in
                var moments = JointMoments(dimension: 3)
                for (ax, ay) in try SingleKernelAveragePooling.gaussianImagePairs(count: count, size: d, geometry: geometry,
                                                                                   rng: &rng, sampler: sampler) {
                    moments.add([ax * ay, ax * ax, ay * ay])
                }
                return moments
            }
        }
    }
}
