import ClaimKit
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Theorem 4.4's closed forms for one fixed kernel against the enumeration of the same expectations
    /// (`GaussianImageAveragePooling.oneKernelMoments`, App. E (16)–(18) without its grouping by overlap shifts):
    /// for ‖W‖² = k², E_{x,y}[Ar(x)Ar(y)] = ‖W‖²/(2π) = k²/(2π) and C_W = 1/(1 + b_W/d²), b_W the summand of B_k.
    /// Exact up to rounding, so the tolerance is rounding's, not a Monte Carlo band: a wrong divisor moves C by
    /// O(B_k/d³) (≈ 0.02 at d = 5).
    static func oneKernelEnumeration(_ ctx: ClaimContext) throws {
        var rng = ctx.stream("one-kernel enumeration").generator()
        let sampler = NormalSampler()
        for (k, d) in [(1, 3), (3, 5), (3, 8), (5, 9)] {
            let draw = (0..<(k * k)).map { _ in sampler.next(using: &rng) }
            let scale = (Double(k * k) / Vector.dot(draw, draw)).squareRoot()
            let w = draw.map { $0 * scale }
            let exact = try GaussianImageAveragePooling.oneKernelMoments(kernel: w, kernelSize: k, imageSize: d)
            // Each enumerated mean sums d⁴ terms: relative rounding at most d⁴ε, twice in the ratio.
            let rounding = Double(d * d * d * d) * Double.ulpOfOne
            ctx.compare("one kernel (‖W‖² = k²), k = \(k), d = \(d): E[Ar(x)Ar(y)] = k²/(2π) vs enumeration over positions",
                        subject: .corrected, route: .closedForm, value: try GaussianImageAveragePooling.crossMoment(kernelSize: k),
                        reference: exact.cross, referenceRoute: .enumeration, referenceError: rounding * exact.cross,
                        resolution: 1e-10)
            let b = try GaussianImageAveragePooling.overlapExcess(kernel: w, kernelSize: k)
            ctx.compare("one kernel (‖W‖² = k²), k = \(k), d = \(d): C_W = 1/(1 + b_W/d²) vs enumeration over positions",
                        subject: .corrected, route: .closedForm,
                        value: try GaussianImageAveragePooling.meanSimilarity(imageSize: d, kernelSize: k, overlapExcess: b),
                        reference: exact.cross / exact.square, referenceRoute: .enumeration,
                        referenceError: 2 * rounding * exact.cross / exact.square, resolution: 1e-10,
                        note: "b_W = \(String(format: "%.4f", b)); the enumeration covers all \(d * d)² position pairs")
        }
    }
}
