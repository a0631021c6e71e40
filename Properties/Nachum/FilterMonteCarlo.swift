import ClaimKit
import RandomNetworks
import Randomness

/// Chunk samplers for `ClaimContext`'s estimates over the random filters of one cyclic convolution layer: each draw
/// averages `batch` fresh filters (`FilterMonteCarlo.sums`), so the draws are i.i.d. and their mean is the
/// single-filter expectation.
extension FilterMonteCarlo {
    /// Moments of (1/B) Σ_f ⟨σ(F_f * x), σ(F_f * y)⟩ (eq. (7)'s left side), or of ‖σ(F_f * x)‖² when x = y.
    static func innerProduct(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                             batch: Int = 64) -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        { rng, count in
            let pair = try PatchedImagePair(x, y, filterSize: r)
            return try RunningMoments.of(count: count) {
                try sums(pair, activation: activation, nu: nu, batch: batch, rng: &rng).xy / Double(batch)
            }
        }
    }

    /// Joint moments of the batch averages of (⟨σ(F*x), σ(F*y)⟩, ‖σ(F*x)‖², ‖σ(F*y)‖²): the mean
    /// similarity ρ̄_out of eq. (1) is `FunctionOfMeans.cosineOfMeans` of them.
    static func outputGram(_ x: Image, _ y: Image, activation: Activation, filterSize r: Int, nu: Double,
                           batch: Int = 64) -> @Sendable (inout Xoshiro256, Int) throws -> JointMoments {
        { rng, count in
            var moments = JointMoments(dimension: 3)
            let pair = try PatchedImagePair(x, y, filterSize: r)
            for _ in 0..<count {
                let s = try sums(pair, activation: activation, nu: nu, batch: batch, rng: &rng)
                moments.add([s.xy, s.xx, s.yy].map { $0 / Double(batch) })
            }
            return moments
        }
    }

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
}
