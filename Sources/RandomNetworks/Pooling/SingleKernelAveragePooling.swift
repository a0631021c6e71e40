import Randomness

/// Ar(w * x) = Ave_p r(⟨α_p, w⟩), the average-pooled ReLU feature of one kernel w on the patches α_p of an image
/// (eq. (8) of the pooling paper, one channel), and the Lipschitz constant of App. D.
public enum SingleKernelAveragePooling {
    /// Ave_p r(⟨α_p, w⟩) for the rows α_p of a patch matrix (w has one entry per column): eq. (8), one channel.
    public static func value(_ patches: Matrix, _ w: [Double]) -> Double {
        patches.storage.withUnsafeBufferPointer { value($0.baseAddress!, rows: patches.rows, w) }
    }

    /// The same for `rows` patches of length w.count stored row by row at `patches` (a reusable gather buffer).
    /// Four patches run side by side, each ⟨α_p, w⟩ still summed over its entries in order and the ReLU'd values
    /// added to the total in increasing p: the bits of one patch at a time, without its chain of dependent additions
    /// or a branch on the sign.
    public static func value(_ patches: UnsafePointer<Double>, rows: Int, _ w: [Double]) -> Double {
        let n = w.count
        var total = 0.0
        w.withUnsafeBufferPointer { kernel in
            var p = 0
            while p + 4 <= rows {
                let a = patches + p * n
                var z = SIMD4<Double>(repeating: 0)
                for t in 0..<n { z += SIMD4(a[t], a[n + t], a[2 * n + t], a[3 * n + t]) * kernel[t] }
                // max(0, z) keeps z exactly when z ≥ 0.
                let relu = SIMD4<Double>(repeating: 0).replacing(with: z, where: z .>= 0)
                for lane in 0..<4 { total += relu[lane] }
                p += 4
            }
            for q in p..<rows {
                var z = 0.0
                for t in 0..<n { z += patches[q * n + t] * kernel[t] }
                total += max(0, z)
            }
        }
        return total / Double(rows)
    }

    /// L = Ave_i ‖α_i‖, the Lipschitz constant of App. D.
    public static func lipschitzConstant(_ patches: Matrix) -> Double {
        (0..<patches.rows).map { p in
            (0..<patches.columns).map { patches[p, $0] * patches[p, $0] }.reduce(0, +).squareRoot()
        }.reduce(0, +) / Double(patches.rows)
    }

    /// (Ar(x), Ar(y)) for `count` independent triples (W, x, y): one N(0, 1) kernel W of `geometry` (drawn first)
    /// and two independent N(0, 1) d×d images, Ar(x) = Ave r(W * x) (Theorem 4.4's setting, App. E).
    public static func gaussianImagePairs(count: Int, size d: Int, geometry: PatchGeometry, rng: inout Xoshiro256,
                                          sampler: NormalSampler) throws -> [(Double, Double)] {
        let gather = try geometry.gather(imageSize: d)
        let positions = gather.positions
        let length = geometry.patchLength
        let patches = UnsafeMutablePointer<Double>.allocate(capacity: positions * length)
        defer { patches.deallocate() }
        var pairs: [(Double, Double)] = []
        pairs.reserveCapacity(count)
        for _ in 0..<count {
            let w = (0..<length).map { _ in sampler.next(using: &rng) }
            var pooled = [0.0, 0.0]
            for side in 0..<2 {
                try gather.writePatches(of: try Image.gaussian(size: d, channels: 1, rng: &rng), into: patches)
                pooled[side] = value(patches, rows: positions, w)
            }
            pairs.append((pooled[0], pooled[1]))
        }
        return pairs
    }
}
