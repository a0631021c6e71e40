import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-EQ12: the mean output similarity of a homogeneous CNN layer.
    static let meanSimilarity = Claim(
        id: "NACHUM-EQ12", paper: Papers.nachum, location: "§3, eq. (12) (before Corollary 1); App. C, first paragraph",
        statement: """
        For a homogeneous activation σ and N random filters F_1, …, F_N, the quantities of (1) are \
        ρ_out = Σ_ℓ⟨σ(F_ℓ * x), σ(F_ℓ * y)⟩ / (√(Σ_ℓ‖σ(F_ℓ * x)‖²) √(Σ_ℓ‖σ(F_ℓ * y)‖²)) and \
        ρ̄_out = Σ_{i,j ∈ Z_n} ‖[x]^r_ij‖ ‖[y]^r_ij‖ σ̂(ρ_ij) / (r² ‖x‖ ‖y‖); by homogeneity neither ρ̄_out nor the \
        law of ρ_out depends on ν or on the norms of x and y (App. C).
        """,
        assumptions: [
            "ρ̄_out = E⟨X_out, Y_out⟩ / √(E‖X_out‖² E‖Y_out‖²) with the expectation over the filters (eq. (1))",
            "cyclic convolution, filter entries i.i.d. N(0, ν²); σ ∈ {ReLU, |x|, leaky ReLU 0.1} checked",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let inputs = [("G1", try NachumInputs.g1(), 3), ("G2", try NachumInputs.g2(), 2)]
        for (label, (x, y), r) in inputs {
            for sigma in [Activation.relu, .absolute, .leakyReLU(slope: 0.1)] {
                let formula = try CNNDualFormula.meanSimilarity(sigma, x, y, filterSize: r) ?? .nan
                let nu = 0.9
                let ratio = try CNNDualFormula.expectedInnerProduct(sigma, x, y, filterSize: r, nu: nu)
                    / (try CNNDualFormula.expectedSquaredNorm(sigma, x, filterSize: r, nu: nu)
                        * CNNDualFormula.expectedSquaredNorm(sigma, y, filterSize: r, nu: nu)).squareRoot()
                ctx.compare("\(label), \(sigma): (12) vs (8)/√((9)(9)) at ν = \(nu)", route: .closedForm, value: formula,
                            reference: ratio, referenceRoute: .closedForm, resolution: 1e-12)
                // Invariance: x → 2x, y → y/2 in (12); ν → 3ν in (8)/√((9)(9)).
                let rescaled = try CNNDualFormula.meanSimilarity(sigma, x.scaled(by: 2), y.scaled(by: 0.5), filterSize: r) ?? .nan
                let otherNu = try CNNDualFormula.expectedInnerProduct(sigma, x, y, filterSize: r, nu: 3 * nu)
                    / (try CNNDualFormula.expectedSquaredNorm(sigma, x, filterSize: r, nu: 3 * nu)
                        * CNNDualFormula.expectedSquaredNorm(sigma, y, filterSize: r, nu: 3 * nu)).squareRoot()
                ctx.compare("\(label), \(sigma): ρ̄_out of (2x, y/2) vs of (x, y)", route: .closedForm, value: rescaled,
                            reference: formula, referenceRoute: .closedForm, resolution: 1e-12)
                ctx.compare("\(label), \(sigma): (8)/√((9)(9)) at ν = \(3 * nu) vs at ν = \(nu)", route: .closedForm,
                            value: otherNu, reference: ratio, referenceRoute: .closedForm, resolution: 1e-12)
            }
        }
        // Monte Carlo over filters of E⟨·,·⟩/√(E‖·‖² E‖·‖²) (delta method), at a ν that is not the normalizing one.
        let alpha = try ctx.reserveAlpha(1) / 3
        for (label, (x, y), r) in inputs {
            let formula = try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? .nan
            try ctx.estimateFunctionOfMeans(
                "\(label), ReLU, ν = 1.7: mean similarity by Monte Carlo over filters vs (12) = \(formula)",
                function: .cosineOfMeans, region: .equal(formula), resolution: 5e-3, alpha: alpha, pilotSamples: 400,
                chunkSize: 128, sample: FilterMonteCarlo.outputGram(x, y, activation: .relu, filterSize: r, nu: 1.7))
        }
        let (x, y) = try NachumInputs.g1()
        let formula = try CNNDualFormula.meanSimilarity(.absolute, x, y, filterSize: 3) ?? .nan
        try ctx.estimateFunctionOfMeans(
            "G1, |x|, ν = 0.3: mean similarity by Monte Carlo over filters vs (12) = \(formula)",
            function: .cosineOfMeans, region: .equal(formula), resolution: 5e-3, alpha: alpha, pilotSamples: 400,
            chunkSize: 128, sample: FilterMonteCarlo.outputGram(x, y, activation: .absolute, filterSize: 3, nu: 0.3))
    }
}
