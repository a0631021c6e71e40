import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// The patch sums of App. E for one Gaussian image, shared by the claims on its steps.
    enum AppendixERoutes {
        /// Which of App. E's two parts of the sum over j.
        enum Part { case overlapping, disjoint }

        /// For position 0 of a cyclic d×d Gaussian image: Σ_j r̂(cos(α_0, α_j))‖α_0‖‖α_j‖ over the patches j
        /// that overlap α_0 (App. E's part (1), per position) or over the disjoint ones (part (2), per position).
        static func positionSumSampler(size d: Int, kernelSize k: Int, part: Part)
            -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
            { rng, count in
                let geometry = try PatchGeometry(kernelSize: k, boundary: .cyclic)
                let first = Set(try geometry.pixelIndices(ofPatchAt: 0, 0, imageSize: d))
                let included = try (0..<(d * d)).map { p in
                    first.isDisjoint(with: try geometry.pixelIndices(ofPatchAt: p / d, p % d, imageSize: d)) == (part == .disjoint)
                }
                let gather = try geometry.gather(imageSize: d)
                let length = k * k
                let patches = UnsafeMutablePointer<Double>.allocate(capacity: d * d * length)
                defer { patches.deallocate() }
                return try RunningMoments.of(count: count) {
                    try gather.writePatches(of: try Image.gaussian(size: d, channels: 1, rng: &rng), into: patches)
                    var first = 0.0
                    for t in 0..<length { first += patches[t] * patches[t] }
                    var total = 0.0
                    for p in 0..<(d * d) where included[p] {
                        var dot = 0.0, norm = 0.0
                        for t in 0..<length {
                            let v = patches[p * length + t]
                            dot += patches[t] * v
                            norm += v * v
                        }
                        let scale = (first * norm).squareRoot()
                        total += scale * (try ReLUDualActivation.value(min(1, max(-1, dot / scale))))
                    }
                    return total
                }
            }
        }
    }
}
