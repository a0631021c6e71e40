import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-C1: concentration of the output similarity ρ_out around ρ̄_out.
    static let corollary1 = Claim(
        id: "NACHUM-C1", paper: Papers.nachum, location: "§3, Corollary 1; proof App. C, (23)",
        statement: """
        Let x, y be inputs to N filters F_1, …, F_N such that max_{i,j} ‖[x]^r_ij‖/‖x‖ ≤ R, max_{i,j} ‖[y]^r_ij‖/‖y‖ ≤ R, \
        all the entries of the filters are i.i.d. Gaussian with zero mean and variance ν², and a Lipschitz \
        homogeneous activation σ with Lipschitz constant L. Then, for 0 < ε ≤ 1/10 and δ > 0, \
        P(|ρ_out(x, y) − ρ̄_out(x, y)| ≥ ε) ≤ δ for N > max(K, K²) log(6n²/δ), where K = DL²R²n²/(εν²r²) and D > 0 \
        is an absolute constant.
        """,
        assumptions: [
            "by homogeneity ρ_out(νG) = ρ_out(G): the law of ρ_out does not depend on ν (App. C), yet the printed K → 0 "
                + "as ν → ∞, so for any D the printed condition admits N = 1 once ν is large enough",
            "the proof sets ν = 1/(ν_σ r) and applies Theorem 2, which gives K = DL²R²n²/(εν_σ²r²): ν_σ², not ν²",
            "checked on n = 8, r = 3, ReLU, x Gaussian, y = 0.5x + √0.75 z; ε = 0.1, δ = 0.01",
            "a single filter whose output vanishes on x or y leaves ρ_out undefined; such draws are counted as successes",
        ],
        kind: .probabilityBound,
        expectation: .erratum(
            printed: "K = DL²R²n²/(εν²r²), with ν the filter standard deviation",
            corrected: "K = DL²R²n²/(εν_σ²r²), independent of ν (ν_σ² = 1/2 for ReLU)")
    ) { ctx in
        let n = 8, r = 3, epsilon = 0.1, delta = 0.01
        var rng = ctx.stream("pair").generator()
        let x = try Image.gaussian(size: n, channels: 1, rng: &rng)
        let z = try Image.gaussian(size: n, channels: 1, rng: &rng)
        let y = try Image(size: n, channels: 1, pixels: zip(x.pixels, z.pixels).map { 0.5 * $0 + 0.75.squareRoot() * $1 })
        let target = try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? .nan
        let geometry = try PatchOperator(size: r).geometry(x, y)
        let patches = try PatchedImagePair(x, y, filterSize: r)
        let relativeR = max((geometry.xx.max() ?? 0) / (x.norm * x.norm), (geometry.yy.max() ?? 0) / (y.norm * y.norm)).squareRoot()

        // As printed: at ν = 10⁶ the printed K allows N = 1 for every D below this bound.
        let nu = 1e6
        let largestD = epsilon * nu * nu * Double(r * r) / (relativeR * relativeR * Double(n * n) * log(6 * Double(n * n) / delta))
        try ctx.estimateProportion(
            "ν = 10⁶: P(|ρ_out − ρ̄_out| ≥ 0.1) at N = 1, which the printed K allows for every D below a bound",
            region: .atMost(delta), resolution: 0.02, alpha: try ctx.reserveAlpha(0.25), pilotTrials: 2000, chunkSize: 512,
            note: "the printed K allows N = 1 for D < \(String(format: "%.2g", largestD)) on this pair"
        ) { rng, count in
            var hits = 0
            for _ in 0..<count {
                if let cosine = try FilterMonteCarlo.outputCosine(patches, activation: .relu, nu: nu, filters: 1, rng: &rng),
                   abs(cosine - target) >= epsilon { hits += 1 }
            }
            return hits
        }

        // Corrected: the law of ρ_out is ν-free — the same filters scaled by 10⁻³ and 10⁶ give the same ρ_out.
        var worst = 0.0
        var filterRNG = ctx.stream("scaled filters").generator()
        let draws = 200
        for _ in 0..<draws {
            let base = try Matrix.gaussian(rows: 4, columns: r * r, variance: 1, rng: &filterRNG)
            let cosines = try [1e-3, 1, 1e6].map { scale -> Double in
                let filters = try Matrix(rows: 4, columns: r * r, storage: base.storage.map { scale * $0 })
                let s = try CyclicConvolution(filters: filters, filterSize: r, channels: 1)
                    .activatedInnerProducts(patches, activation: .relu)
                return s.xy / (s.xx * s.yy).squareRoot()
            }
            worst = max(worst, abs(cosines[0] - cosines[1]), abs(cosines[2] - cosines[1]))
        }
        ctx.compare("max |ρ_out(sF) − ρ_out(F)| over \(draws) draws of N = 4 filters, s ∈ {10⁻³, 10⁶}", subject: .corrected,
                    route: .enumeration, value: worst, error: 1e-14, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-12, samples: draws)

        // The elementary inequality closing the proof: |A − A'|, |B − 1|, |C − 1| ≤ ε/5, |A'| ≤ 1 ⇒ |A/√(BC) − A'| ≤ ε.
        for e in [0.01, 0.05, 0.1] {
            ctx.bound("max of |A/√(BC) − A'| over the box (23) with |A'| ≤ 1, ε = \(e) (grid with corners)",
                      subject: .corrected, route: .enumeration, value: try largestElementaryGap(e), error: 1e-15,
                      region: .atMost(e), resolution: 1e-12)
        }

        // ρ_out concentrates at the rate N^{-1/2}, and its mean approaches ρ̄_out.
        let nuR = NachumInputs.reluNu(filterSize: r)
        try ConcentrationRate.assertSlope(ctx, "ρ_out − ρ̄_out (n = 8, r = 3, ReLU)", figure: "corollary1-concentration",
                                          alphaFraction: 0.4, subject: .corrected, filterCounts: [4, 16, 64, 256],
                                          region: .between(-0.55, -0.45),
                                          note: "a ratio of averages: the rate N^{-1/2} is asymptotic, so the claimed region allows ±0.05") { rng, filters in
            (try FilterMonteCarlo.outputCosine(patches, activation: .relu, nu: nuR, filters: filters, rng: &rng) ?? target)
                - target
        }
        try ctx.estimateMean("E ρ_out at N = 64 vs ρ̄_out (bias O(1/N) allowed: ±0.005)", subject: .corrected,
                             region: .between(target - 0.005, target + 0.005), resolution: 2e-3,
                             alpha: try ctx.reserveAlpha(0.35), pilotSamples: 400, chunkSize: 64) { rng, count in
            try RunningMoments.of(count: count) {
                try FilterMonteCarlo.outputCosine(patches, activation: .relu, nu: nuR, filters: 64, rng: &rng) ?? target
            }
        }
    }

    /// max |A/√(BC) − A'| over A' ∈ [−1, 1], A ∈ A' ± ε/5, B, C ∈ 1 ± ε/5, on a grid of 11 points per axis
    /// that contains every corner (the maximum is at a corner: the expression is monotone in each variable).
    private static func largestElementaryGap(_ epsilon: Double) throws -> Double {
        let h = epsilon / 5
        let steps = (0...10).map { Double($0) / 10 }
        var worst = 0.0
        for a0 in steps.map({ -1 + 2 * $0 }) {
            for a in steps.map({ a0 - h + 2 * h * $0 }) {
                for b in steps.map({ 1 - h + 2 * h * $0 }) {
                    for c in steps.map({ 1 - h + 2 * h * $0 }) { worst = max(worst, abs(a / (b * c).squareRoot() - a0)) }
                }
            }
        }
        return worst
    }
}
