import ClaimKit
import Foundation

/// Random threshold networks of §2: f(x) = g_n(W x), W with i.i.d. N(0, 1) entries.
public enum ThresholdNetwork {
    /// (w·x, w·y) for one weight vector w ~ N(0, I_d), drawn coordinate by coordinate from `rng`:
    /// the pre-activations of one hidden unit on the two inputs.
    @inlinable
    public static func projections(_ x: [Double], _ y: [Double], rng: inout Xoshiro256,
                                   sampler: NormalSampler) -> (Double, Double) {
        var wx = 0.0, wy = 0.0
        for j in 0..<x.count {
            let w = sampler.next(using: &rng)
            wx += w * x[j]
            wy += w * y[j]
        }
        return (wx, wy)
    }

    /// The single-layer network's normalized inner product (2/m) f(x)·f(y) for one draw of the
    /// m × d weight matrix W (§2, single-layer threshold networks).
    public static func innerProduct(_ n: Int, _ x: [Double], _ y: [Double], width m: Int,
                                    rng: inout Xoshiro256, sampler: NormalSampler = NormalSampler()) -> Double {
        var sum = 0.0
        for _ in 0..<m {
            let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
            sum += ArcCosineKernel.activation(n, wx) * ArcCosineKernel.activation(n, wy)
        }
        return 2 * sum / Double(m)
    }

    /// The Gram matrix [h(x)·h(x), h(x)·h(y), h(y)·h(y)] of the last layer of a network of `layers` layers
    /// of width m, h^(ℓ) = √(2/m) g_n(W^(ℓ) h^(ℓ−1)), h^(0) = the input, every W^(ℓ) with i.i.d. N(0, 1) entries.
    ///
    /// Simulated exactly through the 2 × 2 Gram matrix: given layer ℓ − 1, a row w of W^(ℓ) sees the inputs
    /// only through (w·h, w·h′), a centred normal pair whose covariance is the Gram matrix of (h, h′); the m rows
    /// are independent. So m such pairs drawn from the Gram matrix have the law of the layer's pre-activations,
    /// and the next Gram matrix follows — the explicit forward pass (`explicitGram`) in O(m) instead of O(m²).
    public static func deepGram(_ n: Int, input: MultilayerGram, layers: Int, width m: Int,
                                rng: inout Xoshiro256, sampler: NormalSampler = NormalSampler()) -> [MultilayerGram] {
        var gram = input
        var out: [MultilayerGram] = []
        for _ in 0..<layers {
            let a = gram.xx.squareRoot()
            let b = a > 0 ? gram.xy / a : 0
            let c = max(gram.yy - b * b, 0).squareRoot()
            var xx = 0.0, xy = 0.0, yy = 0.0
            for _ in 0..<m {
                let z1 = sampler.next(using: &rng), z2 = sampler.next(using: &rng)
                let gx = ArcCosineKernel.activation(n, a * z1), gy = ArcCosineKernel.activation(n, b * z1 + c * z2)
                xx += gx * gx
                xy += gx * gy
                yy += gy * gy
            }
            let scale = 2 / Double(m)
            gram = MultilayerGram(xx: scale * xx, xy: scale * xy, yy: scale * yy)
            out.append(gram)
        }
        return out
    }

    /// The same Gram matrices by the explicit forward pass with every weight drawn (O(m²) per layer).
    public static func explicitGram(_ n: Int, _ x: [Double], _ y: [Double], layers: Int, width m: Int,
                                    rng: inout Xoshiro256, sampler: NormalSampler = NormalSampler()) -> [MultilayerGram] {
        var hx = x, hy = y
        var out: [MultilayerGram] = []
        let scale = (2 / Double(m)).squareRoot()
        for _ in 0..<layers {
            var nx = [Double](repeating: 0, count: m), ny = nx
            for i in 0..<m {
                let (wx, wy) = ThresholdNetwork.projections(hx, hy, rng: &rng, sampler: sampler)
                nx[i] = scale * ArcCosineKernel.activation(n, wx)
                ny[i] = scale * ArcCosineKernel.activation(n, wy)
            }
            hx = nx
            hy = ny
            out.append(MultilayerGram(xx: dot(hx, hx), xy: dot(hx, hy), yy: dot(hy, hy)))
        }
        return out
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}

/// Two inputs of given norms at a given angle, written in a d-dimensional basis that is not aligned
/// with the coordinate axes (so the Monte Carlo draws every coordinate of w).
public func inputPair(dimension d: Int, norms: (Double, Double), angle theta: Double) throws -> ([Double], [Double]) {
    try Require.atLeast(d, 2, "dimension", in: "inputPair")
    // An orthonormal pair (e, f) spread over all coordinates: e ∝ (1, 2, ..., d), f ∝ its component-wise
    // alternating counterpart made orthogonal to e.
    let e0 = (1...d).map(Double.init)
    let f0 = (1...d).map { $0.isMultiple(of: 2) ? 1.0 : -2.0 }
    let e = e0.map { $0 / ArcCosineKernel.norm(e0) }
    let projection = ThresholdNetwork.dot(f0, e)
    let f1 = zip(f0, e).map { $0 - projection * $1 }
    let f = f1.map { $0 / ArcCosineKernel.norm(f1) }
    let x = e.map { norms.0 * $0 }
    let y = zip(e, f).map { norms.1 * (cos(theta) * $0 + sin(theta) * $1) }
    return (x, y)
}
