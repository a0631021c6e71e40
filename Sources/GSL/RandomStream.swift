import CGSL

/// A seeded GSL generator (MT19937) with GSL's samplers.
///
/// The Monte Carlo engine uses the faster `Randomness` module; this stream is
/// the independent reference its normal sampler is checked against (the
/// seeded GSL RNG streams the framework issue asks the bridge to wrap).
public final class GSLRandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// A new MT19937 stream seeded with `seed` (GSL maps seed 0 to its default seed).
    public init(seed: UInt64) throws {
        rng = try GSLCall.pointer("gsl_rng_alloc") { gsl_rng_alloc(cgsl_rng_type_mt19937()) }
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// N(0, sigma^2) by GSL's ziggurat.
    public func gaussian(sigma: Double = 1) -> Double { gsl_ran_gaussian_ziggurat(rng, sigma) }
}
