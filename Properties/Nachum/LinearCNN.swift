import ClaimKit
import Foundation
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-L1: a random linear CNN layer preserves inner products in expectation.
    static let lemma1 = Claim(
        id: "NACHUM-L1", paper: Papers.nachum, location: "§3.1, Lemma 1; proof App. D",
        statement: "Consider the setting of theorem 1 with ν = 1/r. Then, E[⟨F * x, F * y⟩] = ⟨x, y⟩.",
        assumptions: [
            "identity activation; cyclic convolution (the step (c) of the proof uses Σ_ij ⟨[x]_ij, [y]_ij⟩ = r²⟨x, y⟩)",
            "filter entries i.i.d. N(0, 1/r²)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("inputs").generator()
        let random = (try Image.gaussian(size: 7, channels: 3, rng: &rng), try Image.gaussian(size: 7, channels: 3, rng: &rng))
        let inputs = [("G1", try NachumInputs.g1(), 3), ("G2", try NachumInputs.g2(), 2), ("random 7×7×3", random, 4)]
        let alpha = try ctx.reserveAlpha(1, splitOver: inputs.count)
        for (label, (x, y), r) in inputs {
            let nu = 1 / Double(r)
            let direct = try x.dot(y)
            // Both routes sum r² · (pixel count) products whose absolute values add up to Σ|x_i y_i|; they cancel, so
            // ⟨x, y⟩ can be far smaller than that scale (for a random pair with ⟨x, y⟩ = 0.051 the routes differed by
            // 4e-15, 360 ε|⟨x, y⟩|, at one seed in 100). Rounding is estimated as √(terms) ε Σ|x_i y_i|, and the
            // resolution is relative to the same scale.
            let scale = max(1, zip(x.pixels, y.pixels).reduce(0) { $0 + abs($1.0 * $1.1) })
            let rounding = Double(r * r * x.pixels.count).squareRoot() * Double.ulpOfOne * scale
            let dual = try CNNDualFormula.expectedInnerProduct(.identity, x, y, filterSize: r, nu: nu)
            ctx.compare("\(label), r = \(r): ν² Σ_ij ⟨[x]_ij,[y]_ij⟩ (Theorem 1) vs ⟨x, y⟩", route: .closedForm, value: dual,
                        error: rounding, reference: direct, referenceRoute: .enumeration, referenceError: rounding,
                        resolution: 1e-12 * scale)
            let moments = try LinearConvolutionMoments(x, y, filterSize: r, nu: nu)
            ctx.compare("\(label), r = \(r): ν² tr M of the quadratic form F'ᵀMF' vs ⟨x, y⟩", route: .enumeration,
                        value: moments.mean, error: rounding, reference: direct, referenceRoute: .enumeration,
                        referenceError: rounding, resolution: 1e-12 * scale)
            try ctx.estimateMean("\(label), r = \(r): E⟨F*x, F*y⟩ by Monte Carlo over filters vs ⟨x, y⟩",
                                 region: .equal(direct), resolution: 2e-2 * max(1, abs(direct)), alpha: alpha,
                                 pilotSamples: 400, chunkSize: 256,
                                 sample: FilterMonteCarlo.innerProduct(x, y, activation: .identity, filterSize: r, nu: nu))
        }
    }

    /// NACHUM-L2: concentration of the average over N filters of a linear CNN.
    static let lemma2 = Claim(
        id: "NACHUM-L2", paper: Papers.nachum, location: "§3.1, Lemma 2; proof App. D",
        statement: """
        Consider the setting of theorem 2 with ν = 1/r (and σ(x) ≡ x). Then, \
        P(|(1/N) Σ_ℓ ⟨F_ℓ * x, F_ℓ * y⟩ − ⟨x, y⟩| ≥ ε) ≤ δ for N > max(K, K²) log(2n²/δ), where \
        K = DR²n²/(r²ε) and D > 0 is an absolute constant.
        """,
        assumptions: [
            "D is not specified, so the bound itself cannot be evaluated; checked instead: the exact law behind it — "
                + "one filter's ⟨F*x, F*y⟩ = F'ᵀMF' is a Gaussian quadratic form with variance 2ν⁴‖M_s‖_F² "
                + "(LinearConvolutionMoments), and the average over N independent filters has variance 2ν⁴‖M_s‖_F²/N",
            "cyclic convolution, ν = 1/r, N independent filters",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let (x, y) = try NachumInputs.g1()
        let r = 3, nu = 1.0 / 3
        let moments = try LinearConvolutionMoments(x, y, filterSize: r, nu: nu)
        let mean = moments.mean
        let alpha = try ctx.reserveAlpha(0.5)
        try ctx.estimateMean("G1: Var⟨F*x, F*y⟩ of one filter by Monte Carlo vs 2ν⁴‖M_s‖_F² = \(moments.variance)",
                             region: .equal(moments.variance), resolution: 5e-2 * moments.variance, alpha: alpha,
                             pilotSamples: 4096, chunkSize: 4096,
                             sample: FilterMonteCarlo.perFilter(x, y, activation: .identity, filterSize: r, nu: nu) {
                                 ($0 - mean) * ($0 - mean)
                             })
        // The deviation of the N-filter average shrinks as N^{-1/2} (the rate behind N ∝ 1/ε² in the bound).
        try ConcentrationRate.assertSlope(
            ctx, "(1/N)Σ⟨F_ℓ*x,F_ℓ*y⟩ − ⟨x,y⟩ (G1, r = 3, ν = 1/r)", figure: "linear-cnn-concentration",
            alphaFraction: 0.5, exactVariance: moments.variance
        ) { rng, filters in
            try FilterMonteCarlo.innerProducts(x, y, map: { $0 }, filterSize: r, nu: nu, filters: filters, rng: &rng)
                .reduce(0, +) / Double(filters) - mean
        }
    }
}
