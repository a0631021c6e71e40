import Randomness

/// The patch sums of the pooling paper's App. E for one cyclic d×d Gaussian image and position 0:
/// Σ_j r̂(cos(α_0, α_j))‖α_0‖‖α_j‖ over the patches j that overlap α_0 (App. E's part (1), per position) or over
/// the disjoint ones (part (2), per position), r̂ the ReLU dual activation.
public struct PatchSimilaritySum: Sendable {
    /// Which of App. E's two parts of the sum over j.
    public enum Part: Sendable {
        /// The patches overlapping α_0 (part (1)).
        case overlapping
        /// The patches disjoint from α_0 (part (2)).
        case disjoint
    }

    private let size: Int
    private let kernelSize: Int
    private let included: [Bool]
    private let gather: PatchGather

    /// The sum over the `part` patches for d×d images (d = `size`) and k×k kernels (k = `kernelSize`), cyclic boundary.
    public init(size d: Int, kernelSize k: Int, part: Part) throws {
        let geometry = try PatchGeometry(kernelSize: k, boundary: .cyclic)
        let first = Set(try geometry.pixelIndices(ofPatchAt: 0, 0, imageSize: d))
        included = try (0..<(d * d)).map { p in
            first.isDisjoint(with: try geometry.pixelIndices(ofPatchAt: p / d, p % d, imageSize: d)) == (part == .disjoint)
        }
        gather = try geometry.gather(imageSize: d)
        size = d
        kernelSize = k
    }

    /// Fills `values` with the sums of independent N(0, 1) images drawn in order from `rng`.
    public func fill(_ values: UnsafeMutableBufferPointer<Double>, rng: inout Xoshiro256) throws {
        let d = size, length = kernelSize * kernelSize
        let patches = UnsafeMutablePointer<Double>.allocate(capacity: d * d * length)
        defer { patches.deallocate() }
        for i in values.indices {
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
            values[i] = total
        }
    }
}
