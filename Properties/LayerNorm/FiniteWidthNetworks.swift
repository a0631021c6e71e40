import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

/// Finite-width layer-norm MLPs (eq. (2.1)) matching `InfiniteWidthNetworks`: an identity embedding
/// (σ_w² = 1, σ_b² = 0) of width N, then `depth` layers of width N with φ, σ_w² = 1 and σ_b² = `biasRatio`.
enum FiniteWidthNetworks {
    static func mlp(_ activation: Activation, depth: Int, width: Int, biasRatio: Double = 0) throws -> LayerNormMLP {
        let embedding = try LayerNormLayer(width: width, activation: .identity, weightVariance: 1)
        let layer = try LayerNormLayer(width: width, activation: activation, weightVariance: 1, biasVariance: biasRatio)
        return try LayerNormMLP(inputWidth: width, layers: [embedding] + Array(repeating: layer, count: depth))
    }

    /// The bias bound B of the mean-field checks: a finite-width statistic of width N (a correlation, an inner
    /// product) has mean within B/N of its infinite-width limit (eqs. (2.3), (A.10)); the catalog finds
    /// |N·bias| ≲ 0.45 in every configuration tried, so B = 1 leaves a factor two.
    static let meanFieldBiasBound = 1.0

    /// Checks the mean of `deviation` (one draw of a width-N statistic minus its infinite-width limit) against
    /// ±B·s/N at resolution s/N, s the statistic's scale (1 for a correlation; 1 + σ²‖φ‖² for (A.10)'s y·y'/n):
    /// the interval's half-width is at most s/(2N), so a mean beyond 1.5 s/N is refuted and one within 0.5 s/N confirmed.
    @discardableResult
    static func assertMeanFieldLimit(_ ctx: ClaimContext, _ name: String, width: Int, scale: Double = 1, alpha: Double, pilotSamples: Int = 200,
                                     chunkSize: Int = 100,
                                     deviation: @escaping @Sendable (inout Xoshiro256) throws -> Double) throws -> Assertion {
        let unit = scale / Double(width)
        let band = scale == 1 ? "" : " × \(scale)"
        return try ctx.estimateMean("\(name): mean within ±\(meanFieldBiasBound)\(band)/N", region: .between(-meanFieldBiasBound * unit, meanFieldBiasBound * unit),
                                    resolution: unit, alpha: alpha, pilotSamples: pilotSamples, chunkSize: chunkSize) { rng, count in
            try RunningMoments.of(count: count) { try deviation(&rng) }
        }
    }

    /// x = √N e_1 (‖x‖² = N); by rotation invariance of the Gaussian weights any input on the sphere is alike.
    static func input(width: Int) throws -> Matrix {
        var storage = [Double](repeating: 0, count: width)
        storage[0] = Double(width).squareRoot()
        return try Matrix(rows: width, columns: 1, storage: storage)
    }

    /// ‖∂z^{(L)}/∂z^{(0)}‖²_op (rms-normalized, §2.1) of one network drawn from `seed`: the Rayleigh quotient of
    /// power iteration stopped at residual 10⁻⁴ λ, a lower bound on the true value, so a lower-bound claim checked
    /// with it is checked conservatively.
    static func jacobianOperatorNorm(_ network: LayerNormMLP, at x: Matrix, seed: StreamSeed) throws -> Double {
        let engine = try MonteCarloEngine(threads: 1)
        let jacobian = try network.jacobian(at: x, stream: seed, engine: engine).jacobian
        return try JacobianNorm.operatorNorm(jacobian, relativeTolerance: 1e-4).operatorNormSquared
    }

    /// Fits the slope of log RMS(deviation) on log N over `widths`, against −1/2 ± 0.05: the fluctuations of a
    /// law-of-large-numbers limit. The draws per width are planned from the resolution (`LogRMSRate`);
    /// `deviation(N)` returns the sampler of one deviation at width N.
    static func assertFluctuationSlope(_ ctx: ClaimContext, _ name: String, widths: [Int], alpha: Double,
                                       deviation: (Int) throws -> @Sendable (inout Xoshiro256) throws -> Double) throws {
        let samplers = try Dictionary(uniqueKeysWithValues: widths.map { ($0, try deviation($0)) })
        let x = widths.map { log(Double($0)) }
        let resolution = ctx.scaled(0.03)
        let rms = try LogRMSRate.estimate(ctx, name, sizes: widths, x: x, resolution: resolution, alpha: alpha,
                                          chunkSize: 50) { rng, width in try samplers[width]!(&rng) }
        try ctx.fitSlope(name, x: x, y: rms.y, standardErrors: rms.errors, region: .between(-0.55, -0.45),
                         resolution: resolution, alpha: alpha, samples: rms.samples,
                         note: "claimed region: the finite-size slope within 0.05 of the limit's −1/2 (fluctuations O(N^{−1/2}))")
    }

    /// The fraction of networks (drawn per observation) for which `holds` is true, by an anytime-valid
    /// confidence sequence against the claimed region "at least 90%" (resolution 5%): the reading of a
    /// limit statement "with probability → 1" at a finite width.
    @discardableResult
    static func assertMostNetworks(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, alpha: Double,
                                   note: String? = nil,
                                   holds: @escaping @Sendable (StreamSeed) throws -> Bool) throws -> Assertion {
        try CountedProportion.record(ctx, name, subject: subject, region: .atLeast(0.9), resolution: 0.05, alpha: alpha,
                                     note: note ?? "the limit statement read at finite width: it holds for at least 90% of networks") { rng in
            try holds(StreamSeed(root: rng.next()))
        }
    }
}
