import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks

extension PoolingClaims {
    /// The notation table's r̂ as printed (the radical covers the whole numerator).
    static func notationTableFormula(_ rho: Double) -> Double {
        (notationTableRadicand(rho)).squareRoot() / Double.pi
    }

    static func notationTableRadicand(_ rho: Double) -> Double {
        1 - rho * rho + (Double.pi - acos(rho)) * rho
    }

    /// POOL-INTRO-K: the arc-cosine kernel of a ReLU FCN and its contraction.
    static let arcCosineKernel = Claim(
        id: "POOL-INTRO-K", paper: Papers.pooling, location: "§1 (Cho et al. sentence) and §1.3, notation table entry r̂",
        statement: """
        The ReLU fully-connected network acts as an arccosine kernel r̂(ρ) = (√(1−ρ²) + (π − cos⁻¹(ρ))ρ)/π on the \
        cosine similarity (§1); "the kernel will contract the angle of the features". The notation table defines \
        r̂(ρ) := √(1 − ρ² + (π − cos⁻¹(ρ))ρ)/π.
        """,
        assumptions: [
            "one hidden ReLU layer with i.i.d. zero-mean Gaussian weights (He variance 2/d_in in the experiments)",
            "r̂ maps the input cosine to the mean similarity of the features, as Nachum et al. eq. (2)",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "notation table: r̂(ρ) := √(1 − ρ² + (π − cos⁻¹ρ)ρ)/π (radical over the whole numerator)",
            corrected: "r̂(ρ) = (√(1 − ρ²) + (π − cos⁻¹ρ)ρ)/π, as printed in §1; it contracts: r̂(ρ) > ρ for ρ < 1")
    ) { ctx in
        // As printed in the notation table: wrong except at ρ = 0, and undefined near ρ = −1.
        for rho in [0.0, 0.5, 0.9, 1.0, -0.5] {
            let integral = try GaussianCovariance.reluOneDimensional(rho: rho)
            let printed = ctx.compare("notation-table r̂(\(rho)) vs 2E[R(X)R(Y)] by QUADPACK", route: .quadrature,
                                      value: 2 * integral.value, error: 2 * integral.absoluteError,
                                      reference: notationTableFormula(rho), referenceRoute: .closedForm, resolution: 1e-9)
            if rho == 0 {
                try ctx.expect(.confirmed, for: printed.key,
                               because: "at ρ = 0 the misprinted radical and the §1 form agree: both are 1/π")
            }
        }
        ctx.bound("notation-table radicand 1 − ρ² + (π − cos⁻¹ρ)ρ ≥ 0 at ρ = −0.9922", route: .closedForm,
                  value: notationTableRadicand(-0.9922), region: .atLeast(0),
                  note: "a negative radicand leaves the printed r̂ undefined")

        // Corrected (§1): closed form against quadrature on the whole grid, a random ReLU FCN as in the
        // paper's experiments (He initialization), and the contraction.
        try ReLUDualRoutes.assertQuadratureAgreement(ctx, grid: RhoGrid.standard, subject: .corrected)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for rho in [-0.5, 0.5] {
            try ReLUDualRoutes.assertDenseLayerMeanSimilarity(ctx, rho: rho, inputs: 8, width: 32, variance: 2.0 / 8,
                                                              norms: (1, 1), alpha: alpha, subject: .corrected)
        }
        try ReLUDualRoutes.assertContraction(ctx, grid: RhoGrid.standard, subject: .corrected)
    }
}
