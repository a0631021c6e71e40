import ClaimKit
import RandomNetworks
import Randomness

/// Monte Carlo over the random filters of one cyclic convolution layer
/// (eq. (4)), the independent route to the exact sums of Theorem 1: each draw
/// averages `batch` fresh filters with i.i.d. N(0, ν²) entries (one GEMM), so
/// the draws are i.i.d. and their mean is the single-filter expectation.
enum FilterMonteCarlo {
    /// Moments of (1/B) Σ_f ⟨σ(F_f * x), σ(F_f * y)⟩ (eq. (7)'s left side), or of ‖σ(F_f * x)‖² when x = y.
    static func innerProduct(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                             batch: Int = 64) -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        { rng, count in
            try RunningMoments.of(count: count) {
                try sums(x, y, activation: activation, filterSize: r, nu: nu, batch: batch, rng: &rng).xy / Double(batch)
            }
        }
    }

    /// Joint moments of the batch averages of (⟨σ(F*x), σ(F*y)⟩, ‖σ(F*x)‖², ‖σ(F*y)‖²): the mean
    /// similarity ρ̄_out of eq. (1) is `FunctionOfMeans.cosineOfMeans` of them.
    static func outputGram(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                           batch: Int = 64) -> @Sendable (inout Xoshiro256, Int) throws -> JointMoments {
        { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count {
                let s = try sums(x, y, activation: activation, filterSize: r, nu: nu, batch: batch, rng: &rng)
                moments.add([s.xy, s.xx, s.yy].map { $0 / Double(batch) })
            }
            return moments
        }
    }

    /// One realization of ρ_out (eq. (12), left) for `filters` fresh filters; nil when an output is zero.
    static func outputCosine(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                             filters: Int, rng: inout Xoshiro256) throws -> Double? {
        let s = try sums(x, y, activation: activation, filterSize: r, nu: nu, batch: filters, rng: &rng)
        guard s.xx > 0, s.yy > 0 else { return nil }
        return s.xy / (s.xx * s.yy).squareRoot()
    }

    /// Σ_f over `batch` fresh filters of (⟨σ(F_f*x), σ(F_f*y)⟩, ‖σ(F_f*x)‖², ‖σ(F_f*y)‖²).
    static func sums(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double, batch: Int,
                     rng: inout Xoshiro256) throws -> (xy: Double, xx: Double, yy: Double) {
        let layer = try CyclicConvolution.gaussian(count: batch, filterSize: r, channels: x.channels, variance: nu * nu,
                                                   rng: &rng)
        return try layer.activatedInnerProducts([(x, y)], activation: activation)[0]
    }
}

extension FilterMonteCarlo {
    /// Moments of g(⟨σ(F*x), σ(F*y)⟩) over single filters, drawn in batches of `batch` (two GEMMs per batch):
    /// the law of one filter's output inner product (Lemma 2, Theorem 2).
    static func perFilter(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                          batch: Int = 256, _ g: @escaping @Sendable (Double) -> Double)
        -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        { rng, count in
            var moments = RunningMoments()
            var remaining = count
            while remaining > 0 {
                let b = min(batch, remaining)
                for value in try innerProducts(x, y, map: { activation($0) }, filterSize: r, nu: nu, filters: b, rng: &rng) {
                    moments.add(g(value))
                }
                remaining -= b
            }
            return moments
        }
    }

    /// ⟨σ(F_f * x), σ(F_f * y)⟩ for each of `filters` fresh filters, σ = `map` (any function, not only an `Activation`).
    static func innerProducts(_ x: Image, _ y: Image, map sigma: (Double) -> Double, filterSize r: Int, nu: Double,
                              filters: Int, rng: inout Xoshiro256) throws -> [Double] {
        let layer = try CyclicConvolution.gaussian(count: filters, filterSize: r, channels: x.channels,
                                                   variance: nu * nu, rng: &rng)
        let a = try layer(x), b = try layer(y)
        var out = [Double](repeating: 0, count: filters)
        for p in 0..<a.rows {
            for f in 0..<filters { out[f] += sigma(a[p, f]) * sigma(b[p, f]) }
        }
        return out
    }
}
