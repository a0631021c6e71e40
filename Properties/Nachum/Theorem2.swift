import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T2: concentration of the average output inner product over N filters.
    static let theorem2 = Claim(
        id: "NACHUM-T2", paper: Papers.nachum, location: "§3, Theorem 2, eqs. (10)–(11); proof App. B, (20)–(22e)",
        statement: """
        Let x, y ∈ R^{n×n×d} be inputs to N ∈ N filters F_1, …, F_N ∈ R^{r×r×d} with r ≤ n such that \
        max_{i,j} ‖[x]^r_ij‖ ≤ R, max_{i,j} ‖[y]^r_ij‖ ≤ R (10), all the entries of all the filters are i.i.d. Gaussian \
        with zero mean and variance ν², and a Lipschitz continuous activation function σ with a Lipschitz constant L. \
        Then, for δ > 0, however small, P(|(1/N) Σ_ℓ ⟨σ(F_ℓ * x), σ(F_ℓ * y)⟩ − Σ_{i,j} σ̂([x]^r_ij, [y]^r_ij, ν)| ≥ ε) ≤ δ \
        (11) for N > max(K, K²) log(2n²/δ), where K = Dν²L²R²n²/ε and D > 0 is an absolute constant.
        """,
        assumptions: [
            "as printed σ is only L-Lipschitz; the proof's (20), ‖σ(⟨F, [x]_ij⟩)‖_ψ2 ≤ C₀Lν‖[x]_ij‖, needs σ(0) = 0",
            "counterexample family: σ(z) = z + c (L = 1), x = y = t·x₀ with x₀ ≡ 1/n (‖x₀‖ = 1), c = 1/t, n = 8, r = 3, "
                + "ν = 1, ε = δ = 0.1: K = 90Dt², so N = 1 satisfies the printed condition whenever D < 1/(90 t² log 1280); "
                + "the deviation at N = 1 is t²(‖F*x₀‖² − 9) + 2n ΣF → N(0, 48²) as t → 0, so its failure "
                + "probability tends to 0.998 > δ for every D",
            "D is unspecified; with σ(0) = 0 the corrected form is checked where it is tight: ReLU, x = y = x₀, D = 1 "
                + "(K = 90, N = 57,953), its failure probability computed exactly; and the N^{-1/2} rate",
            "(11) writes Σ_{i,j=1}^n for Σ_{i,j ∈ Z_n}; (21) cites properties 1 and 2 of Lemma 4 but uses 3 and 2",
        ],
        kind: .probabilityBound,
        expectation: .erratum(
            printed: "(11) for every L-Lipschitz σ once N > max(K, K²) log(2n²/δ), K = Dν²L²R²n²/ε",
            corrected: "(11) for L-Lipschitz σ with σ(0) = 0 (|σ(z)| ≤ L|z|, as (20) uses)")
    ) { ctx in
        let n = 8, r = 3, epsilon = 0.1, delta = 0.1
        let x0 = try Image(size: n, channels: 1, pixels: [Double](repeating: 1 / Double(n), count: n * n))
        let patchBound = Double(r) / Double(n) // ‖[x₀]_ij‖ = R₀
        let alpha = try ctx.reserveAlpha(0.5, splitOver: 2)
        for t in [1e-2, 1e-3] {
            let x = try x0.scaled(by: t)
            let c = 1 / t
            let largestD = 1 / (pow(t * patchBound * Double(n), 2) / epsilon * log(2 * Double(n * n) / delta))
            let center = Double(r * r) * x.norm * x.norm + Double(n * n) * c * c // Σ σ̂ = ν²Σ⟨a,b⟩ + n²c², ν = 1
            try ctx.estimateProportion(
                "σ(z) = z + 1/t, x = y = t·x₀, t = \(t): P(|dev| ≥ \(epsilon)) at N = 1, which (11) allows for D < \(Int(largestD))",
                region: .atMost(delta), resolution: 0.02, alpha: alpha, pilotTrials: 2000, chunkSize: 1024
            ) { rng, count in
                try failures(count, x, epsilon: epsilon, center: center, filterSize: r, rng: &rng) { $0 + c }
            }
        }
        // Corrected, where (11) is tight: ReLU, x = y = x₀ (t = 1), D = 1, N the least integer above the bound.
        let bound = { (d: Double) -> Int in
            let k = d * pow(patchBound * Double(n), 2) / epsilon
            return Int(max(k, k * k) * log(2 * Double(n * n) / delta)) + 1
        }
        let (atOne, atHalf) = (try ExactTails.reluConstantImage(filters: bound(1), epsilon: epsilon),
                               try ExactTails.reluConstantImage(filters: bound(0.5), epsilon: epsilon))
        ctx.bound("ReLU, x = y = x₀, D = 1: P(|dev| ≥ \(epsilon)) at N = \(bound(1)) (the least N (11) allows)",
                  subject: .corrected, route: .closedForm, value: atOne.value, error: atOne.absoluteError,
                  region: .atMost(delta), resolution: 1e-9,
                  note: "exact: N·mean = 9χ²_K, K ~ Bin(N, 1/2); at D = 0.5 (N = \(bound(0.5))) the probability is "
                      + "\(atHalf.value), above δ: on this input D = 0.5 would already be too small")
        // The deviation of the N-filter average of a generic pair falls as N^{-1/2}.
        var rng = ctx.stream("pair").generator()
        let gx = try Image.gaussian(size: n, channels: 1, rng: &rng)
        let gz = try Image.gaussian(size: n, channels: 1, rng: &rng)
        let gy = try Image(size: n, channels: 1, pixels: zip(gx.pixels, gz.pixels).map { 0.5 * $0 + 0.75.squareRoot() * $1 })
        let nu = NachumInputs.reluNu(filterSize: r)
        let expected = try CNNDualFormula.expectedInnerProduct(.relu, gx, gy, filterSize: r, nu: nu)
        try ConcentrationRate.assertSlope(
            ctx, "(1/N)Σ⟨R(F_ℓ*x),R(F_ℓ*y)⟩ − Σσ̂", figure: "theorem2-concentration", alphaFraction: 0.5,
            subject: .corrected
        ) { rng, filters in
            try FilterMonteCarlo.innerProducts(gx, gy, map: { max(0, $0) }, filterSize: r, nu: nu, filters: filters,
                                               rng: &rng).reduce(0, +) / Double(filters) - expected
        }
    }

    /// The number of single filters (ν = 1) among `count` whose ⟨σ(F*x), σ(F*x)⟩ is at least ε from `center`.
    private static func failures(_ count: Int, _ x: Image, epsilon: Double, center: Double, filterSize r: Int,
                                 rng: inout Xoshiro256, _ sigma: @escaping (Double) -> Double) throws -> Int {
        var hits = 0, remaining = count
        while remaining > 0 {
            let b = min(256, remaining)
            let values = try FilterMonteCarlo.innerProducts(x, x, map: sigma, filterSize: r, nu: 1, filters: b, rng: &rng)
            hits += values.filter { abs($0 - center) >= epsilon }.count
            remaining -= b
        }
        return hits
    }
}
