import Randomness

/// Records the probability that an expensive trial (a training run, a whole network) succeeds, by the anytime-valid
/// confidence sequence of `ClaimContext.sequentialMean` over the 0/1 outcomes: rounds of 32 trials until the verdict
/// is decided, at most `maxRuns` (the budget's sample cap when nil). A fixed count (40 runs at the quick budget) left
/// the verdict to a single failed run whenever the claimed bound was close to what 40 successes out of 40 can confirm.
public enum CountedProportion {
    /// Records the success probability of `succeeds` against `region` (a probability in [0, 1]) at resolution
    /// `resolution` and false-fail rate `alpha`, drawing trials in rounds (chunks of 8, four per round) on the
    /// claim's stream named `name` until the verdict is decided or `maxRuns` trials are spent. Returns the
    /// recorded assertion. Throws `ParameterError` for a non-positive resolution or an alpha outside (0, 1),
    /// and rethrows what `succeeds` throws.
    @discardableResult
    public static func record(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, region: ClaimedRegion,
                       resolution: Double, alpha: Double, maxRuns: Int? = nil, note: String? = nil,
                       succeeds: @escaping @Sendable (inout Xoshiro256) throws -> Bool) throws -> Assertion {
        try ctx.sequentialMean(name, subject: subject, range: 0...1, region: region, resolution: resolution, alpha: alpha,
                               chunkSize: 8, chunksPerRound: 4, maxSamples: maxRuns, note: note) { rng, count in
            try (0..<count).map { _ in try succeeds(&rng) ? 1 : 0 }
        }
    }
}
