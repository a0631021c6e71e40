import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import Randomness
import Testing

/// The standard errors (and intervals) the statistics helpers report, against the spread they describe: each
/// helper runs on R independent replicates of synthetic data with a known answer (each replicate its own
/// deterministic `ClaimContext` stream or generator), and the mean reported standard error over the replicates is
/// compared with the standard deviation of the replicates' estimates.
///
/// The band: for near-normal estimates the sample SD of R of them has relative standard deviation 1/√(2(R − 1)),
/// and the mean of the R reported errors has relative standard deviation CV(reported)/√R (measured); the ratio
/// (mean reported SE)/(SD of the estimates) is accepted within ±6 of the two combined around its expected value
/// (1, or the expected lack-of-fit widening where a helper widens on purpose). P(|Z| > 6) = 2·10⁻⁹, so each
/// check's false-fail rate is below 1e-8; with R ≥ 400 the band is at most ±22%, so a standard error twice too
/// large (ratio 2) or too small (ratio 1/2) fails.
@Suite("Standard errors agree with the spread of replicates")
struct StandardErrorTests {
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func sd(_ v: [Double]) -> Double {
        let m = mean(v)
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
    }

    /// Checks (mean reported SE)/(SD of estimates) against `expected` within ±6 combined relative standard deviations.
    @discardableResult
    static func expectCalibrated(reported: [Double], estimates: [Double], expected: Double = 1, _ what: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let r = Double(estimates.count)
        let ratio = mean(reported) / sd(estimates)
        let cv = sd(reported) / mean(reported)
        let band = 6 * (1 / (2 * (r - 1)) + cv * cv / r).squareRoot()
        #expect(abs(ratio / expected - 1) <= band,
                "\(what): mean reported SE / SD of estimates = \(ratio), expected \(expected) ± \(band * expected)",
                sourceLocation: sourceLocation)
        return ratio
    }

    /// Checks a count of events among `trials` independent ones against probability p within ±6 binomial SDs.
    static func expectCount(_ count: Int, of trials: Int, probability p: Double, atMost: Bool = false, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Double(trials) * p, spread = 6 * (Double(trials) * p * (1 - p)).squareRoot()
        let inside = atMost ? Double(count) <= expected + spread : abs(Double(count) - expected) <= spread
        #expect(inside, "\(what): \(count) of \(trials), expected \(atMost ? "at most " : "")\(expected) ± \(spread)",
                sourceLocation: sourceLocation)
    }

    /// E[max(c, √(X/k))] for X ~ χ²_k: c + ∫_c^∞ P(X > k s²) ds (Simpson on [c, c + 12]; the tail beyond is < 1e-15).
    static func expectedWidening(dof k: Double, floor c: Double = 1) throws -> Double {
        let intervals = 2400, width = 12.0 / Double(intervals)
        var sum = 0.0
        for i in 0...intervals {
            let s = c + Double(i) * width
            let weight = i == 0 || i == intervals ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            sum += weight * (try Distributions.chiSquaredUpperTail(k * s * s, dof: k))
        }
        return c + sum * width / 3
    }

    static func context(_ label: String, _ r: Int, alpha: Double = 0.01) throws -> ClaimContext {
        ClaimContext(claimID: "\(label) replicate \(r)", seed: 20_240_601, budget: .quick, alpha: alpha,
                     engine: try MonteCarloEngine(threads: 1))
    }

    // MARK: ClaimKit helpers

    /// `MeanInterval.student`: R = 2000 samples of 40 draws of N(3, 2²); SE = half-width / t_{39, 0.975}, and the
    /// 95% intervals miss 3 in 5% of the replicates (±6 binomial SDs).
    @Test func studentIntervalMatchesTheSpreadOfMeans() throws {
        var rng = Xoshiro256(seed: 601)
        let sampler = NormalSampler()
        let t = try Distributions.studentTUpperQuantile(0.025, dof: 39)
        var estimates: [Double] = [], errors: [Double] = [], misses = 0
        for _ in 0..<2000 {
            let moments = RunningMoments((0..<40).map { _ in 3 + 2 * sampler.next(using: &rng) })
            let interval = try MeanInterval.student(moments, alpha: 0.05)
            estimates.append(moments.mean)
            errors.append((interval.upper - interval.lower) / (2 * t))
            if interval.lower > 3 || interval.upper < 3 { misses += 1 }
        }
        Self.expectCalibrated(reported: errors, estimates: estimates, "MeanInterval.student")
        Self.expectCount(misses, of: 2000, probability: 0.05, "t-interval misses")
    }

    /// `ProportionInterval.clopperPearson`: R = 1000 binomial(3000, 0.3) counts; the interval's half-width over
    /// z_{0.975} is a standard error (Clopper–Pearson is wider than Wald's by ≈ 1/(2n) per side, 1% here); the 95%
    /// intervals miss 0.3 in at most 5% of the replicates (exact intervals are conservative).
    @Test func clopperPearsonMatchesTheSpreadOfProportions() throws {
        var rng = Xoshiro256(seed: 602)
        let z = try Distributions.normalUpperQuantile(0.025)
        var estimates: [Double] = [], errors: [Double] = [], misses = 0
        for _ in 0..<1000 {
            let k = (0..<3000).reduce(0) { count, _ in count + (rng.nextUniform() < 0.3 ? 1 : 0) }
            let interval = try ProportionInterval.clopperPearson(successes: k, trials: 3000, alpha: 0.05)
            estimates.append(Double(k) / 3000)
            errors.append((interval.upper - interval.lower) / (2 * z))
            if interval.lower > 0.3 || interval.upper < 0.3 { misses += 1 }
        }
        Self.expectCalibrated(reported: errors, estimates: estimates, "Clopper-Pearson")
        Self.expectCount(misses, of: 1000, probability: 0.05, atMost: true, "Clopper-Pearson misses")
    }

    /// `ClaimContext.estimateFunctionOfMeans` (JointMoments merged over chunks, the delta method): g = a/√(bc) of
    /// correlated components (off-diagonal covariances matter) and g = a/b, R = 600 replicates of n = 300 draws
    /// (the region is so wide that the pilot's own (1 − α/4) interval decides). SE = half-width / z_{α/8}.
    @Test(arguments: ["cosine", "ratio"])
    func deltaMethodMatchesTheSpreadOfEstimates(function name: String) throws {
        let function = name == "cosine" ? FunctionOfMeans.cosineOfMeans : FunctionOfMeans.ratioOfMeans
        let k = function.dimension
        let z = try Distributions.normalUpperQuantile(0.01 / 8)
        var estimates: [Double] = [], errors: [Double] = []
        for r in 0..<600 {
            let ctx = try Self.context("delta \(name)", r)
            let assertion = try ctx.estimateFunctionOfMeans(
                "g", function: function, region: .atLeast(-100), resolution: 100, alpha: 0.01, pilotSamples: 300,
                chunkSize: 64
            ) { rng, count in
                let sampler = NormalSampler()
                var moments = JointMoments(dimension: k)
                for _ in 0..<count {
                    let (z1, z2, z3) = (sampler.next(using: &rng), sampler.next(using: &rng), sampler.next(using: &rng))
                    let vector = [1 + 0.8 * z1 + 0.5 * z2, 2 + z1, 3 + z2 + 0.5 * z3]
                    moments.add(Array(vector.prefix(k)))
                }
                return moments
            }
            #expect(assertion.samples == 300, "decided by the pilot's 300 draws (replicate \(r))")
            estimates.append(assertion.estimate)
            errors.append((assertion.upper - assertion.lower) / (2 * z))
        }
        let truth = name == "cosine" ? 1 / 6.0.squareRoot() : 0.5
        #expect(abs(Self.mean(estimates) - truth) <= 6 * Self.sd(estimates) / 600.0.squareRoot() + 0.002,
                "mean estimate \(Self.mean(estimates)) vs g(E X) = \(truth) (+ O(1/n) bias)")
        Self.expectCalibrated(reported: errors, estimates: estimates, "delta method, \(name)")
    }

    /// `LogRMSRate.estimate`: d ~ N(0, 1/N) at N = 1, 4, 16, R = 800 replicates of n = 200 draws per size (plan
    /// below the pilot); the reported error of ½ log mean d² against the spread of the estimates at each size, and
    /// the estimates against ½ log(1/N) − 1/(2n) (the delta method's bias, Var(d²)/(E d²)² = 2).
    @Test func logRMSRateErrorsMatchTheSpreadOfLogRMS() throws {
        let sizes = [1, 4, 16]
        var estimates = [[Double]](repeating: [], count: 3), errors = [[Double]](repeating: [], count: 3)
        for r in 0..<800 {
            let ctx = try Self.context("log RMS", r)
            let result = try LogRMSRate.estimate(ctx, "d", sizes: sizes, x: sizes.map { log(Double($0)) }, resolution: 50,
                                                 alpha: 0.01, chunkSize: 50) { rng, size in
                NormalSampler().next(using: &rng) / Double(size).squareRoot()
            }
            #expect(result.samples == 400 * 3, "n = the pilot's 200 (replicate \(r))")
            for i in 0..<3 {
                estimates[i].append(result.y[i])
                errors[i].append(result.errors[i])
            }
        }
        for (i, size) in sizes.enumerated() {
            let truth = 0.5 * log(1 / Double(size)) - 1.0 / 400
            #expect(abs(Self.mean(estimates[i]) - truth) <= 6 * Self.sd(estimates[i]) / 800.0.squareRoot(),
                    "N = \(size): mean log RMS \(Self.mean(estimates[i])) vs \(truth)")
            Self.expectCalibrated(reported: errors[i], estimates: estimates[i], "LogRMSRate, N = \(size)")
        }
    }

    /// `SlopeInterval.fit` on y_i = 1 − x_i/2 + σ_i ε_i, x = 0…7, known σ_i, R = 2000 replicates:
    /// - the known-error SE (half-width / (z · scale factor)) matches the spread of the slopes;
    /// - χ² averages its 6 degrees of freedom, and the interval is widened (χ² > 6) with probability P(χ²_6 > 6);
    /// - the widened half-width / z averages E[max(1, √(χ²_6/6))] × SD;
    /// - with the errors under-stated by 2, the widening restores it: E[max(1/2, √(χ²_6/6))] × SD.
    @Test func slopeIntervalMatchesTheSpreadOfSlopes() throws {
        var rng = Xoshiro256(seed: 603)
        let sampler = NormalSampler()
        let x = (0..<8).map(Double.init)
        let sigma = x.map { 0.05 * (1 + $0 / 3) }
        let z = try Distributions.normalUpperQuantile(0.025)
        var slopes: [Double] = [], known: [Double] = [], widened: [Double] = [], understated: [Double] = []
        var chiSquared: [Double] = [], widenedCount = 0
        for _ in 0..<2000 {
            let y = zip(x, sigma).map { 1 - 0.5 * $0 + $1 * sampler.next(using: &rng) }
            let fit = try SlopeInterval.fit(x: x, y: y, standardErrors: sigma, alpha: 0.05)
            let half = (fit.interval.upper - fit.interval.lower) / 2
            slopes.append(fit.slope)
            known.append(half / (z * fit.scaleFactor))
            widened.append(half / z)
            chiSquared.append(fit.chiSquared)
            if fit.widenedForLackOfFit { widenedCount += 1 }
            let low = try SlopeInterval.fit(x: x, y: y, standardErrors: sigma.map { $0 / 2 }, alpha: 0.05)
            #expect(abs(low.slope - fit.slope) < 1e-12, "the weights' scale does not move the slope")
            understated.append((low.interval.upper - low.interval.lower) / (2 * z))
        }
        #expect(abs(Self.mean(slopes) + 0.5) <= 6 * Self.sd(slopes) / 2000.0.squareRoot())
        Self.expectCalibrated(reported: known, estimates: slopes, "SlopeInterval, known errors")
        #expect(abs(Self.mean(chiSquared) - 6) <= 6 * (12.0 / 2000).squareRoot(), "mean χ² = \(Self.mean(chiSquared))")
        Self.expectCount(widenedCount, of: 2000, probability: try Distributions.chiSquaredUpperTail(6, dof: 6), "widened fits")
        Self.expectCalibrated(reported: widened, estimates: slopes, expected: try Self.expectedWidening(dof: 6),
                              "SlopeInterval, widened")
        Self.expectCalibrated(reported: understated, estimates: slopes, expected: try Self.expectedWidening(dof: 6, floor: 0.5),
                              "SlopeInterval, errors under-stated by 2")
    }

    /// `CountedProportion.record` (the anytime-valid confidence sequence over 0/1 trials), R = 400 replicates of
    /// 1024 Bernoulli(0.3) trials (the region is a point no interval can confirm, so every replicate runs to the cap).
    /// A confidence sequence is wider than a fixed-n interval by design, so its half-width is compared with its
    /// own plug-in value: the sequence's formula at t = 1 … n with every variance estimate replaced by the true
    /// σ² = p(1 − p) (Waudby-Smith & Ramdas's λ_t = min(√(2 log(2/α)/(σ² t log(1 + t))), 1/2), half-width
    /// (log(2/α) + σ² Σ ψ(λ_t)) / Σ λ_t, ψ(λ) = −log(1 − λ) − λ), divided by the SD of the replicates' means,
    /// within ±6 SDs of the ratio and 5% for the plug-in approximation; and the sequence misses p in at most α of
    /// the replicates.
    @Test func confidenceSequenceWidthMatchesItsPlugInValue() throws {
        let n = 1024, p = 0.3, alpha = 0.05
        var estimates: [Double] = [], halves: [Double] = [], misses = 0
        for r in 0..<400 {
            let ctx = try Self.context("counted", r)
            let assertion = try CountedProportion.record(ctx, "p", region: .equal(p), resolution: 1e-9, alpha: alpha,
                                                         maxRuns: n) { rng in rng.nextUniform() < p }
            if assertion.lower > p || assertion.upper < p { misses += 1; continue }
            #expect(assertion.samples == n)
            estimates.append(assertion.estimate)
            halves.append((assertion.upper - assertion.lower) / 2)
        }
        let variance = p * (1 - p), logTerm = log(2 / alpha)
        var sumLambda = 0.0, sumPenalty = 0.0
        for t in 1...n {
            let lambda = min((2 * logTerm / (variance * Double(t) * log(1 + Double(t)))).squareRoot(), 0.5)
            sumLambda += lambda
            sumPenalty += variance * (-log(1 - lambda) - lambda)
        }
        let plugIn = (logTerm + sumPenalty) / sumLambda
        let ratio = Self.expectCalibratedLoosely(reported: halves, estimates: estimates, expected: plugIn / (variance / Double(n)).squareRoot(),
                                                 slack: 0.05, "confidence sequence")
        #expect(ratio > 1.96, "a (1 − α) sequence is at least as wide as the fixed-n normal interval (\(ratio) SDs)")
        Self.expectCount(misses, of: 400, probability: alpha, atMost: true, "confidence-sequence misses")
    }

    /// As `expectCalibrated`, with an extra relative allowance `slack` for an approximate expected ratio.
    @discardableResult
    static func expectCalibratedLoosely(reported: [Double], estimates: [Double], expected: Double, slack: Double, _ what: String,
                                        sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let r = Double(estimates.count)
        let ratio = mean(reported) / sd(estimates)
        let cv = sd(reported) / mean(reported)
        let band = 6 * (1 / (2 * (r - 1)) + cv * cv / r).squareRoot() + slack
        #expect(abs(ratio / expected - 1) <= band, "\(what): ratio \(ratio), expected \(expected) ± \(band * expected)",
                sourceLocation: sourceLocation)
        return ratio
    }

    // MARK: RandomNetworkChecks slope routes (LogRMSRate, then the widened weighted slope)

    /// Deviations d ~ N(0, 1/N) (slope −1/2 exactly), R = 400 replicates of `ConcentrationRate.assertSlope` over
    /// N = 1, 4, 16, 64, 256 (3 degrees of freedom). The reported half-width / z_{α/2} averages
    /// E[max(1, √(χ²_3/3))] × the SD of the slopes, the interval is widened in P(χ²_3 > 3) of the replicates
    /// (under-stated errors widen it far more often, over-stated ones almost never), and the slopes average −1/2.
    @Test func concentrationRateSlopeErrorsMatchTheSpreadOfSlopes() throws {
        var slopes: [Double] = [], errors: [Double] = [], widened = 0
        for r in 0..<400 {
            let ctx = try Self.context("concentration", r, alpha: 1e-4)
            try ConcentrationRate.assertSlope(ctx, "d", figure: "f", alphaFraction: 1) { rng, count in
                NormalSampler().next(using: &rng) / Double(count).squareRoot()
            }
            let assertion = try #require(ctx.assertions.last)
            let z = try Distributions.normalUpperQuantile(assertion.alpha / 2)
            slopes.append(assertion.estimate)
            errors.append((assertion.upper - assertion.lower) / (2 * z))
            if assertion.note?.contains("widened") == true { widened += 1 }
        }
        try Self.expectSlopeCalibration(slopes: slopes, errors: errors, widened: widened, dof: 3, "ConcentrationRate")
    }

    /// The same for `MeanFieldChecks.assertFluctuationSlope` over widths 4, 16, 64, 256 (2 degrees of freedom).
    @Test func meanFieldFluctuationSlopeErrorsMatchTheSpreadOfSlopes() throws {
        var slopes: [Double] = [], errors: [Double] = [], widened = 0
        for r in 0..<400 {
            let ctx = try Self.context("fluctuation", r)
            try MeanFieldChecks.assertFluctuationSlope(ctx, "d", widths: [4, 16, 64, 256], alpha: 0.01) { width in
                { rng in NormalSampler().next(using: &rng) / Double(width).squareRoot() }
            }
            let assertion = try #require(ctx.assertions.last)
            let z = try Distributions.normalUpperQuantile(assertion.alpha / 2)
            slopes.append(assertion.estimate)
            errors.append((assertion.upper - assertion.lower) / (2 * z))
            if assertion.note?.contains("widened") == true { widened += 1 }
        }
        try Self.expectSlopeCalibration(slopes: slopes, errors: errors, widened: widened, dof: 2, "MeanFieldChecks")
    }

    static func expectSlopeCalibration(slopes: [Double], errors: [Double], widened: Int, dof: Double, _ what: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = Double(slopes.count)
        #expect(abs(mean(slopes) + 0.5) <= 6 * sd(slopes) / r.squareRoot() + 0.002,
                "\(what): mean slope \(mean(slopes)) vs −1/2", sourceLocation: sourceLocation)
        expectCalibrated(reported: errors, estimates: slopes, expected: try expectedWidening(dof: dof),
                         "\(what), widened slope SE", sourceLocation: sourceLocation)
        expectCount(widened, of: slopes.count, probability: try Distributions.chiSquaredUpperTail(dof, dof: dof),
                    "\(what): fits widened for lack of fit", sourceLocation: sourceLocation)
    }
}
