import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// The smooth proxy field of §1.1/§5 (`SmoothGaussianField`, d = 24, ℓ = 3 px, `ProxyPairs.smooth`) against what
    /// its generator documents, exactly: white noise blurred by a Gaussian of standard deviation ℓ has the
    /// autocorrelation of a Gaussian of standard deviation ℓ√2, so neighbours correlate exp(−1/(4ℓ²)); computed here
    /// from the blur of a unit impulse (the field's kernel), up to the documented cut (4ℓ or half the side) and the
    /// pixel grid. And a pair (z₁, ρz₁ + √(1 − ρ²)z₂), standardized, is (x, ±x) at ρ = ±1.
    static func smoothFieldExactChecks(_ ctx: ClaimContext) throws {
        let d = 24, length = 3.0
        let field = try SmoothGaussianField(size: d, correlationLength: length)
        var impulse = [Double](repeating: 0, count: d * d)
        impulse[0] = 1
        let kernel = try field.blur(impulse)
        let energy = Vector.dot(kernel, kernel)
        var horizontal = 0.0, vertical = 0.0
        for u in 0..<d {
            for v in 0..<d {
                horizontal += kernel[u * d + v] * kernel[u * d + (v + 1) % d]
                vertical += kernel[u * d + v] * kernel[(u + 1) % d * d + v]
            }
        }
        // Cut at R: the squared weights ∝ e^{−t²/ℓ²} lose a share ≤ erfc(R/ℓ) beyond R, the neighbour products
        // ∝ e^{−(t+½)²/ℓ²} one ≤ erfc((R − ½)/ℓ); the pixel grid moves the ratio by ≤ 4e^{−π²ℓ²} (Poisson summation).
        let cut = min(4 * length, Double(d / 2))
        let truncation = try SpecialFunctions.erfc(cut / length).value + SpecialFunctions.erfc((cut - 0.5) / length).value
        let error = truncation + 4 * exp(-Double.pi * Double.pi * length * length)
        let ideal = exp(-1 / (4 * length * length))
        for (direction, value) in [("horizontal", horizontal), ("vertical", vertical)] {
            ctx.compare("smooth proxy field (d = 24, ℓ = 3): \(direction) neighbour correlation of its kernel = exp(−1/(4ℓ²))",
                        route: .enumeration, value: value / energy, error: error, reference: ideal, referenceRoute: .closedForm,
                        resolution: 1e-5, note: "error: the cut at \(Int(cut)) px = \(cut / length)ℓ and the pixel grid")
        }
        var rng = ctx.stream("smooth pairs at ρ = ±1").generator()
        let sampler = NormalSampler()
        var largest = 0.0, scale = 0.0
        for rho in [-1.0, 1.0] {
            for _ in 0..<4 {
                let (x, y) = try field.samplePair(correlation: rho, rng: &rng, sampler: sampler)
                largest = max(largest, zip(x.pixels, y.pixels).map { abs($1 - rho * $0) }.max() ?? 0)
                scale = max(scale, x.pixels.map(abs).max() ?? 0)
            }
        }
        ctx.bound("smooth proxy pairs at ρ = ±1: max |y − ρx| over 8 pairs (the pair is (z₁, ±z₁) standardized)",
                  route: .enumeration, value: largest, error: Double(d * d) * Double.ulpOfOne * scale, region: .equal(0),
                  resolution: 1e-9, samples: 8, note: "error: the rounding of standardizing d² pixels")
    }

    /// The smooth proxy pairs' correlation at any ρ, by Monte Carlo with an exactly unbiased statistic: drawn from
    /// the same noise (z₁, z₂), the pairs at ρ and 0 give x = std(z₁), y(ρ) and w = y(0) = std(z₂), y(ρ) = a x + b w with
    /// a/b = ρ s₁/(√(1 − ρ²) s₂), s₁, s₂ the sample deviations of the exchangeable z₁, z₂; so
    /// E[log|a/b| − log(|ρ|/√(1 − ρ²))] = E[log s₁ − log s₂] = 0. ρ ~ U[−1, 1] as in `ProxyPairs`.
    static func smoothPairCorrelation(_ ctx: ClaimContext, alpha: Double) throws {
        let field = try SmoothGaussianField(size: 24, correlationLength: 3)
        let sampler = NormalSampler()
        try ctx.estimateMean("smooth proxy pairs: E[log|a/b| − log(|ρ|/√(1 − ρ²))] = 0, y(ρ) = a x + b y(0) on the same noise",
                             region: .equal(0), resolution: 0.05, alpha: alpha, pilotSamples: 200, chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let rho = 2 * rng.nextUniform() - 1
                var noise = rng
                let (x, y) = try field.samplePair(correlation: rho, rng: &noise, sampler: sampler)
                noise = rng
                let w = try field.samplePair(correlation: 0, rng: &noise, sampler: sampler).y
                rng = noise
                // Least squares of y on (x, w): exact, y lies in their span.
                let xx = Vector.dot(x.pixels, x.pixels), ww = Vector.dot(w.pixels, w.pixels), xw = Vector.dot(x.pixels, w.pixels)
                let xy = Vector.dot(x.pixels, y.pixels), wy = Vector.dot(w.pixels, y.pixels)
                let a = ww * xy - xw * wy, b = xx * wy - xw * xy
                return log(abs(a / b)) - log(abs(rho) / ((1 - rho) * (1 + rho)).squareRoot())
            }
        }
    }
}
