import ClaimKit
import Foundation
import Randomness

/// The checks of a wide random network against its infinite-width (mean-field) limit, for any paper whose
/// statements hold "as the widths tend to infinity": the finite-width bias within B/N, the fluctuations
/// falling like N^{−1/2}, and a limit inequality read as "for most networks" at a finite width.
public enum MeanFieldChecks {
    /// The bias bound B: a finite-width statistic of width N (a correlation, an inner product) has mean within
    /// B/N of its infinite-width limit (the layer-norm paper's eqs. (2.3), (A.10)); the catalog finds
    /// |N·bias| ≲ 0.45 in every configuration tried, so B = 1 leaves a factor two.
    public static let biasBound = 1.0

    /// Checks the mean of `deviation` (one draw of a width-N statistic minus its infinite-width limit) against
    /// ±B·s/N at resolution s/N, s the statistic's scale (1 for a correlation; 1 + σ²‖φ‖² for (A.10)'s y·y'/n):
    /// the interval's half-width is at most s/(2N), so a mean beyond 1.5 s/N is refuted and one within 0.5 s/N confirmed.
    /// The draws come from the stream `label` (the assertion's name by default): checks of several statistics of the
    /// same draws pass one label and read the draws through one `ReplicateCache`.
    @discardableResult
    public static func assertLimit(_ ctx: ClaimContext, _ name: String, width: Int, scale: Double = 1, alpha: Double,
                                   pilotSamples: Int = 200, chunkSize: Int = 100, label: String? = nil,
                                   deviation: @escaping @Sendable (inout Xoshiro256) throws -> Double) throws -> Assertion {
        let unit = scale / Double(width)
        let band = scale == 1 ? "" : " × \(scale)"
        return try ctx.estimateMean("\(name): mean within ±\(biasBound)\(band)/N", region: .between(-biasBound * unit, biasBound * unit),
                                    resolution: unit, alpha: alpha, label: label, pilotSamples: pilotSamples,
                                    chunkSize: chunkSize) { rng, count in
            try RunningMoments.of(count: count) { try deviation(&rng) }
        }
    }

    /// Fits the slope of log RMS(deviation) on log N over `widths`, against −1/2 ± 0.05: the fluctuations of a
    /// law-of-large-numbers limit. The draws per width are planned from the resolution (`LogRMSRate`);
    /// `deviation(N)` returns the sampler of one deviation at width N.
    public static func assertFluctuationSlope(_ ctx: ClaimContext, _ name: String, widths: [Int], alpha: Double,
                                              deviation: (Int) throws -> @Sendable (inout Xoshiro256) throws -> Double) throws {
        let samplers = try Dictionary(uniqueKeysWithValues: widths.map { ($0, try deviation($0)) })
        let resolution = ctx.scaled(0.03)
        _ = try LogRMSSlope.fit(
            ctx, label: name, name: name, subject: .asPrinted, sizes: widths, planningResolution: resolution,
            resolution: resolution, alpha: alpha, region: .between(-0.55, -0.45),
            note: "claimed region: the finite-size slope within 0.05 of the limit's −1/2 (fluctuations O(N^{−1/2}))"
        ) { rng, width in try samplers[width]!(&rng) }
    }

    /// The fraction of networks (drawn per observation) for which `holds` is true, by an anytime-valid
    /// confidence sequence against the claimed region "at least 90%" (resolution 5%): the reading of a
    /// limit statement "with probability → 1" at a finite width.
    @discardableResult
    public static func assertMostNetworks(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, alpha: Double,
                                          note: String? = nil,
                                          holds: @escaping @Sendable (StreamSeed) throws -> Bool) throws -> Assertion {
        try CountedProportion.record(ctx, name, subject: subject, region: .atLeast(0.9), resolution: 0.05, alpha: alpha,
                                     note: note ?? "the limit statement read at finite width: it holds for at least 90% of networks") { rng in
            try holds(StreamSeed(root: rng.next()))
        }
    }
}
