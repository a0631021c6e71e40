import Randomness

/// Draws over the random filters of one cyclic convolution layer (Nachum et al.'s eq. (4)), the independent
/// route to the exact sums of Theorem 1: fresh filters with i.i.d. N(0, ν²) entries, applied by one GEMM per batch.
public enum FilterMonteCarlo {
    /// One realization of ρ_out (Nachum et al.'s eq. (12), left) for `filters` fresh filters; nil when an output is zero.
    public static func outputCosine(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                                    filters: Int, rng: inout Xoshiro256) throws -> Double? {
        try outputCosine(PatchedImagePair(x, y, filterSize: r), activation: activation, nu: nu, filters: filters, rng: &rng)
    }

    /// `outputCosine(_:_:activation:filterSize:nu:filters:rng:)` on patches built once for many draws.
    public static func outputCosine(_ pair: PatchedImagePair, activation: Activation, nu: Double, filters: Int,
                                    rng: inout Xoshiro256) throws -> Double? {
        let s = try sums(pair, activation: activation, nu: nu, batch: filters, rng: &rng)
        guard s.xx > 0, s.yy > 0 else { return nil }
        return s.xy / (s.xx * s.yy).squareRoot()
    }

    /// Σ_f over `batch` fresh filters of (⟨σ(F_f*x), σ(F_f*y)⟩, ‖σ(F_f*x)‖², ‖σ(F_f*y)‖²).
    public static func sums(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double, batch: Int,
                            rng: inout Xoshiro256) throws -> (xy: Double, xx: Double, yy: Double) {
        try sums(PatchedImagePair(x, y, filterSize: r), activation: activation, nu: nu, batch: batch, rng: &rng)
    }

    /// `sums(_:_:activation:filterSize:nu:batch:rng:)` on patches built once for many draws.
    public static func sums(_ pair: PatchedImagePair, activation: Activation, nu: Double, batch: Int,
                            rng: inout Xoshiro256) throws -> (xy: Double, xx: Double, yy: Double) {
        let layer = try CyclicConvolution.gaussian(count: batch, filterSize: pair.filterSize, channels: pair.channels,
                                                   variance: nu * nu, rng: &rng)
        return try layer.activatedInnerProducts(pair, activation: activation)
    }

    /// ⟨σ(F_f * x), σ(F_f * y)⟩ for each of `filters` fresh filters, σ = `map` (any function, not only an `Activation`).
    public static func innerProducts(_ x: Image, _ y: Image, map sigma: (Double) -> Double, filterSize r: Int, nu: Double,
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
