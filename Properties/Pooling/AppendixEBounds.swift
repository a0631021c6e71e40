import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-PE-29: the bound on App. E's dependent part (1).
    static let dependentPartBound = Claim(
        id: "POOL-PE-29", paper: Papers.pooling, location: "App. E, eqs. (27)–(29) and reasons (i)–(iii)",
        statement: """
        (1) ≤ d² E_x 9k² r̂(⟨α_i/‖α_i‖, α_j/‖α_j‖⟩)‖α_i‖‖α_j‖ (27) ≤ (2k − 1)² d² E_x ½(‖α_i‖² + ‖α_j‖²) (28) \
        ≤ 2k⁴d² (29), where (1) = d² E_x Σ_{j: ind(α_j) ∩ ind(α_i) ≠ ∅} r̂(⟨α_i/‖α_i‖, α_j/‖α_j‖⟩)‖α_i‖‖α_j‖.
        """,
        assumptions: [
            "x with i.i.d. N(0, 1) pixels, cyclic patches, d ≥ 2k − 1 (every patch overlaps exactly (2k − 1)² patches), E‖α‖² = k²",
            "(28) equals (2k − 1)² k² d², so step (iii) claims (2k − 1)² k² ≤ 2k⁴, i.e. 2k² − 4k + 1 ≤ 0, false for every k ≥ 2; (27)'s single term with 9k² is ambiguous (which j) and is not checked",
            "exact (derived): (1)/d² = (k²/π)(B_k + (2k − 1)²) (`GaussianImageAveragePooling`), checked against Monte Carlo over images (position 0 of a 12×12 image)",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "(2k − 1)² d² E ½(‖α_i‖² + ‖α_j‖²) ≤ 2k⁴d² (step (iii))",
            corrected: "(1) ≤ (2k − 1)² k² d² (stop at (28)); the end result (1) ≤ 2k⁴d² still holds since (1) = (k²/π)(B_k + (2k − 1)²)d² < 1.3 k⁴d²")
    ) { ctx in
        for k in [3, 5, 7] {
            let square = Double((2 * k - 1) * (2 * k - 1))
            ctx.bound("step (iii): (28)/d² = (2k − 1)²k² ≤ 2k⁴ at k = \(k)", route: .closedForm, value: square * Double(k * k),
                      region: .atMost(2 * pow(Double(k), 4)), resolution: 0.5)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let k = 3, d = 12
        let b = try GaussianImageRoutes.overlapExcess(ctx, subject: .corrected, kernelSize: k, resolution: 0.02, alpha: alpha)
        let exact = (b.estimate, 9 / Double.pi * (b.interval.lower + 25), 9 / Double.pi * (b.interval.upper + 25))
        let part = try ctx.estimateMean(
            "(1)/d² at k = 3: Monte Carlo over Gaussian images vs (k²/π)(B_3 + 25)",
            subject: .corrected, region: .between(exact.1, exact.2), resolution: 3, alpha: alpha, pilotSamples: 2000,
            chunkSize: 500,
            note: "(k²/π)(B_3 + 25) = \(String(format: "%.3f", 9 / Double.pi * (exact.0 + 25))); region: B_3's (1 − α) interval (Monte Carlo over kernels)",
            sample: AppendixERoutes.positionSumSampler(size: d, kernelSize: k, part: .overlapping))
        for (name, bound) in [("(28)/d² = (2k − 1)²k² = 225", 225.0), ("2k⁴ = 162, the end result of (29)", 162)] {
            ctx.record(Assertion(name: "(1)/d² ≤ \(name) at k = 3", route: .monteCarlo, subject: .corrected,
                                 rule: part.rule, estimate: part.estimate, interval: part.interval, region: .atMost(bound),
                                 delta: 0.5, alpha: 0, samples: part.samples,
                                 note: "the interval of the Monte Carlo assertion above (its alpha is not spent twice)"))
        }
    }

    /// POOL-PE-30-31: App. E's independent part (2) and the final lower bound on C.
    static let finalBoundOnC = Claim(
        id: "POOL-PE-30-31", paper: Papers.pooling, location: "App. E, eqs. (30)–(31) and the last sentence",
        statement: """
        (2) = (d² − 9k²)d²ΛE[s]² (30); thus C ≥ d⁴ΛE[s]² / (2k⁴d² + (d² − 9k²)d²ΛE[s]²) (31). Assume k = d^{1/2}. \
        Note Λ ≥ 1/π and E[s] ≥ C, then C ≥ (1 − 4k²/d² + 4πk⁴/(d²E[s]²))^{−1} ≥ 1 − 9/(C²d).
        """,
        assumptions: [
            "x, y independent with i.i.d. N(0, 1) pixels, cyclic patches, W i.i.d. N(0, 1); C ≤ 1 by Cauchy–Schwarz",
            "with the exact ΛE[s]² = k²/π (POOL-PE-20) the right side of (31) is 1/(1 + (2π − 9)k²/d²), which exceeds 1 because 2π < 9",
            "the independent part per position is exactly (d² − (2k − 1)²)ΛE[s]² (disjoint patches are independent): checked by Monte Carlo over images (position 0 of a 12×12 image, k = 3, where d² − 9k² = 63 and d² − (2k − 1)² = 119)",
            "a correct elementary version (derived): each overlapping term is at most ‖α_i‖‖α_j‖, so B_k ≤ (π − 1)(2k − 1)² and C ≥ 1/(1 + (π − 1)(2k − 1)²/d²); the last line's constant C′ (E[s] ≥ C′) is unspecified and is not checked",
        ],
        kind: .inequality,
        expectation: .erratum(
            printed: "(30) (2) = (d² − 9k²)d²ΛE[s]² and (31) C ≥ d⁴ΛE[s]²/(2k⁴d² + (d² − 9k²)d²ΛE[s]²)",
            corrected: "(2) = (d² − (2k − 1)²)d²ΛE[s]² and C ≥ 1/(1 + (π − 1)(2k − 1)²/d²) (in fact C = 1/(1 + B_k/d²))")
    ) { ctx in
        let k = 3
        let dimension = Double(k * k)
        let lambda = try GaussianImageAveragePooling.sphereAverageOfDual(dimension: k * k)
        let chi = try GaussianImageAveragePooling.meanChi(dimension: k * k)
        let numerator = lambda.value * chi * chi // ΛE[s]² = k²/π
        for d in [8, 16, 32, 64] {
            let d2 = Double(d * d)
            let printed = d2 * d2 * numerator / (2 * pow(Double(k), 4) * d2 + (d2 - 9 * dimension) * d2 * numerator)
            ctx.bound("(31) as printed: its right side ≤ 1 (C ≤ 1), k = 3, d = \(d)", route: .quadrature, value: printed,
                      error: 4 * lambda.absoluteError, region: .atMost(1), resolution: 1e-9)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let d = 12
        let disjoint = AppendixERoutes.positionSumSampler(size: d, kernelSize: k, part: .disjoint)
        try ctx.estimateMean("(30) as printed: (2)/d² = (d² − 9k²)ΛE[s]² at d = 12, k = 3 (Monte Carlo)",
                             region: .equal(Double(d * d - 81) * numerator), resolution: 10, alpha: alpha, label: "(30)",
                             pilotSamples: 2000, chunkSize: 500, sample: disjoint)
        try ctx.estimateMean("(30) corrected: (2)/d² = (d² − (2k − 1)²)ΛE[s]² at d = 12, k = 3 (Monte Carlo)",
                             subject: .corrected, region: .equal(Double(d * d - 25) * numerator), resolution: 10, alpha: alpha,
                             label: "(30) again", pilotSamples: 2000, chunkSize: 500, sample: disjoint)
        // The corrected bound B_k ≤ (π − 1)(2k − 1)² (r̂ ≤ 1 on every overlapping pair) is an equality at k = 1 only;
        // for k ≥ 2 it is valid with slack (B_k stays near 2.5 while the bound grows like 4k²), which the notes state.
        for kernel in [3, 5] {
            let square = Double((2 * kernel - 1) * (2 * kernel - 1))
            let bound = 1 / (1 + (Double.pi - 1) * square / 1024)
            try GaussianImageRoutes.overlapExcess(
                ctx, subject: .corrected, kernelSize: kernel, resolution: 0.02, alpha: alpha / 3,
                note: "so C ≥ 1/(1 + (π − 1)(2k − 1)²/d²) for every d ≥ 2k − 1; at d = 32 the bound is C ≥ \(String(format: "%.4f", bound)) against C = 1/(1 + B_k/1024); the bound is tight only at k = 1 (B_1 = π − 1, POOL-T4.4c)")
        }
    }
}
