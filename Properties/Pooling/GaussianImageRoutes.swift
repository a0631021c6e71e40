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

        /// B_k with a two-sided (1 − alpha) normal interval, from `kernels` Monte Carlo kernels with control
        /// variates; when `region` is given, the interval is recorded against it as an assertion.
        static func overlapExcess(_ ctx: ClaimContext, kernelSize k: Int, kernels: Int, alpha: Double,
                                  record region: ClaimedRegion? = nil, name: String = "", subject: Subject = .asPrinted,
                                  note: String? = nil) throws -> (value: Double, lower: Double, upper: Double) {
            let sampler = NormalSampler()
            let parts = try ctx.engine.run(samples: kernels, chunkSize: 1 << 12, stream: ctx.stream("B_\(k)")) { rng, count in
                try RunningMoments.of(count: count) {
                    let w = (0..<(k * k)).map { _ in sampler.next(using: &rng) }
                    return try GaussianImageAveragePooling.overlapExcessWithControlVariates(kernel: w, kernelSize: k)
                }
            }
            let moments = parts.reduce(RunningMoments()) { $0.merged(with: $1) }
            let half = try Distributions.normalUpperQuantile(alpha / 2) * moments.standardError
            if let region {
                ctx.record(Assertion(name: name, route: .monteCarlo, subject: subject, rule: "normal interval, fixed n",
                                     estimate: moments.mean, interval: Interval(center: moments.mean, halfWidth: half),
                                     region: region, delta: 1e-3, alpha: alpha, samples: kernels, note: note))
            }
            return (moments.mean, moments.mean - half, moments.mean + half)
        }

        /// Monte Carlo triples (W, x, y): the joint moments of (Ar(x)Ar(y), Ar(x)², Ar(y)²) for one N(0, 1)
        /// kernel and independent Gaussian d×d images, Ar(x) = Ave r(W * x) (eq. (8), one channel).
        static func averagePoolSampler(size d: Int, geometry: PatchGeometry)
            -> @Sendable (inout Xoshiro256, Int) throws -> JointMoments {
            let sampler = NormalSampler()
            return { rng, count in
                let gather = try geometry.gather(imageSize: d)
                let positions = gather.positions
                let length = geometry.patchLength
                let patches = UnsafeMutablePointer<Double>.allocate(capacity: positions * length)
                defer { patches.deallocate() }
                var moments = JointMoments(dimension: 3)
                for _ in 0..<count {
                    let w = (0..<length).map { _ in sampler.next(using: &rng) }
                    var pooled = [0.0, 0.0]
                    for side in 0..<2 {
                        try gather.writePatches(of: try Image.gaussian(size: d, channels: 1, rng: &rng), into: patches)
                        var total = 0.0
                        for p in 0..<positions {
                            var z = 0.0
                            for t in 0..<length { z += w[t] * patches[p * length + t] }
                            total += max(0, z)
                        }
                        pooled[side] = total / Double(positions)
                    }
                    moments.add([pooled[0] * pooled[1], pooled[0] * pooled[0], pooled[1] * pooled[1]])
                }
                return moments
            }
        }
    }
}
