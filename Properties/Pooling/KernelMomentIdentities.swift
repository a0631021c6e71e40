import ClaimKit
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Exact identities the kernel-averaged ReLU CNN features (eqs. (6)–(7), one N(0, 1) kernel, cyclic boundary;
    /// `ConvolutionKernelMoments`) satisfy on any images: every pixel lies in k² cyclic patches, r̂(1) = 1 and
    /// r̂(ρ) − r̂(−ρ) = ρ (r(t) − r(−t) = t, App. E (18)), so
    ///
    ///     E_W‖r(W * x)‖² = ½ k² ‖x‖²,   ρ̄(F(x), F(y)) − ρ̄(F(x), F(−y)) = ρ(x, y).
    ///
    /// Position sums that skip, repeat or mismatch a patch miss them by O(1/d²), far above rounding.
    static func kernelMomentIdentities(_ ctx: ClaimContext) throws {
        var rng = ctx.stream("kernel-moment identities").generator()
        for (k, d) in [(3, 16), (5, 7)] {
            let geometry = try PatchGeometry(kernelSize: k, boundary: .cyclic)
            let x = try Image.gaussian(size: d, channels: 1, rng: &rng), z = try Image.gaussian(size: d, channels: 1, rng: &rng)
            let y = try Image(size: d, channels: 1, pixels: zip(x.pixels, z.pixels).map { 0.6 * $0 + 0.8 * $1 })
            let minusY = try Image(size: d, channels: 1, pixels: y.pixels.map { -$0 })
            guard let input = Vector.cosine(x.pixels, y.pixels) else { throw StatisticsError("a zero image") }
            // Sums of d² position terms of k² products: relative rounding at most d²k²ε.
            let rounding = Double(d * d * k * k) * Double.ulpOfOne
            let energy = 0.5 * Double(k * k) * Vector.dot(x.pixels, x.pixels)
            ctx.compare("E_W‖r(W * x)‖² = ½k²‖x‖², k = \(k), d = \(d), cyclic", route: .enumeration,
                        value: try ConvolutionKernelMoments.featureInnerProduct(x, x, geometry: geometry), error: rounding * energy,
                        reference: energy, referenceRoute: .closedForm, resolution: 1e-10 * energy)
            let difference = try ConvolutionKernelMoments.featureMeanSimilarity(x, y, geometry: geometry)
                - ConvolutionKernelMoments.featureMeanSimilarity(x, minusY, geometry: geometry)
            ctx.compare("ρ̄(F(x), F(y)) − ρ̄(F(x), F(−y)) = ρ(x, y), k = \(k), d = \(d), cyclic", route: .enumeration,
                        value: difference, error: 4 * rounding, reference: input, referenceRoute: .closedForm, resolution: 1e-10,
                        note: "y = 0.6x + 0.8z for independent Gaussian x, z: ρ(x, y) = \(String(format: "%.4f", input))")
        }
    }
}
