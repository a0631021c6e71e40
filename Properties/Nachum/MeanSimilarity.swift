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
            "the independence of ν and of the norms is checked by Monte Carlo against (12) (which has neither): ReLU "
                + "at ν = 1.7 on G1 and G2, |x| at ν = 0.3 on the rescaled pair (2x, y/2) of G1",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let inputs = [("G1", try NachumInputs.g1(), 3), ("G2", try NachumInputs.g2(), 2)]
        for (label, (x, y), r) in inputs {
            // (8)'s expectations by nested quadrature of each dual activation (5), eq. (7): no homogeneity used
            // (on G2 for the three activations, on G1 for ReLU, to keep the quadratures few).
            for sigma in label == "G2" ? [Activation.relu, .absolute, .leakyReLU(slope: 0.1)] : [.relu] {
                let formula = try CNNDualFormula.meanSimilarity(sigma, x, y, filterSize: r) ?? .nan
                let nu = 0.9
                let xy = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, x, y, filterSize: r, nu: nu)
                let xx = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, x, x, filterSize: r, nu: nu)
                let yy = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, y, y, filterSize: r, nu: nu)
                let ratio = xy.value / (xx.value * yy.value).squareRoot()
                let ratioError = abs(ratio) * (xy.absoluteError / abs(xy.value) + 0.5 * xx.absoluteError / xx.value
                                               + 0.5 * yy.absoluteError / yy.value)
                ctx.compare("\(label), \(sigma): (12) vs E⟨·,·⟩/√(E‖·‖²E‖·‖²) by quadrature of (7) at ν = \(nu)",
                            route: .closedForm, value: formula, reference: ratio, referenceRoute: .quadrature,
                            referenceError: ratioError, resolution: 1e-9)
            }
        }
        // Monte Carlo over filters of E⟨·,·⟩/√(E‖·‖² E‖·‖²) (delta method), at a ν that is not the normalizing one.
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        for (label, (x, y), r) in inputs {
            let formula = try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? .nan
            try ctx.estimateFunctionOfMeans(
                "\(label), ReLU, ν = 1.7: mean similarity by Monte Carlo over filters vs (12) = \(formula)",
                function: .cosineOfMeans, region: .equal(formula), resolution: 5e-3, alpha: alpha, pilotSamples: 400,
                chunkSize: 128, sample: FilterMonteCarlo.outputGram(x, y, activation: .relu, filterSize: r, nu: 1.7))
        }
        // Invariance (App. C): Monte Carlo on the rescaled pair (2x, y/2) at ν = 0.3 against (12) of (x, y).
        let (x, y) = try NachumInputs.g1()
        let formula = try CNNDualFormula.meanSimilarity(.absolute, x, y, filterSize: 3) ?? .nan
        try ctx.estimateFunctionOfMeans(
            "G1 rescaled to (2x, y/2), |x|, ν = 0.3: mean similarity by Monte Carlo over filters vs (12) of (x, y) = \(formula)",
            function: .cosineOfMeans, region: .equal(formula), resolution: 5e-3, alpha: alpha, pilotSamples: 400,
            chunkSize: 128, sample: FilterMonteCarlo.outputGram(try x.scaled(by: 2), try y.scaled(by: 0.5),
                                                                activation: .absolute, filterSize: 3, nu: 0.3))
    }
}
