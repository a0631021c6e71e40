import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks

extension LayerNormClaims {
    /// 𝔆[erf|ρ] as printed in App. B: (2/π) arctan(2ρ/√(9 − 4ρ²)).
    static func printedErfCovariance(_ rho: Double) -> Double {
        2 / Double.pi * atan(2 * rho / (9 - 4 * rho * rho).squareRoot())
    }

    static let erfRhoGrid = [-1, -0.999, -0.5, 0, 0.25, 0.5, 0.8, 0.95, 0.999, 1]

    static let erfCovariance = Claim(
        id: "LN-B-ERF-COV", paper: Papers.layernorm, location: "App. B, erf paragraph, first display",
        statement: "𝔆[erf|ρ] = (2/π) arctan(2ρ/√(9 − 4ρ²)).",
        assumptions: ["erf(x) = (2/√π)∫_0^x e^{−y²}dy; (X, Y) standard bivariate normal with correlation ρ ∈ [−1, 1]"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let erf = Activation.erf(scale: 1)
        for rho in erfRhoGrid {
            let printed = printedErfCovariance(rho)
            compareWithQuadrature(ctx, "𝔆[erf|\(rho)] by nested QUADPACK vs printed form",
                                  integral: try GaussianCovariance.quadrature(erf, rho: rho), closedForm: printed)
            compareWithQuadrature(ctx, "𝔆[erf|\(rho)] by 100-point Gauss–Hermite vs printed form",
                                  integral: try GaussHermiteEstimate.estimate({ try GaussianCovariance.gaussHermite(erf, rho: rho, rule: $0) },
                                                                              points: 100),
                                  closedForm: printed)
        }
    }

    static let erfLinearization = Claim(
        id: "LN-B-ERF-LIN", paper: Papers.layernorm, location: "App. B, erf paragraph, second display",
        statement: "The linearization of erf is (2/√(3π)) x: φ̂_0 = 0 and φ̂_1 = 2/√(3π).",
        assumptions: ["φ̂_k = E[erf(X) h_k(X)], h_k normalized Hermite polynomials"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let erf = Activation.erf(scale: 1)
        let slope = 2 / (3 * Double.pi).squareRoot()
        compareWithQuadrature(ctx, "φ̂_0 of erf: E[erf h_0] by QUADPACK",
                              integral: try HermiteExpansion.coefficient(erf, order: 0), closedForm: 0)
        compareWithQuadrature(ctx, "φ̂_1 of erf: E[erf h_1] by QUADPACK",
                              integral: try HermiteExpansion.coefficient(erf, order: 1), closedForm: slope)
        compareWithQuadrature(ctx, "φ̂_1 of erf: E[erf'] (Stein) by QUADPACK",
                              integral: try HermiteExpansion.coefficientByParts(erf, order: 1), closedForm: slope)
        compareWithQuadrature(ctx, "φ̂_1 of erf: E[erf h_1] by 100-point Gauss–Hermite",
                              integral: try GaussHermiteEstimate.estimate({ $0.expectation { erf($0) * $0 } }, points: 100), closedForm: slope)
    }

    static let erfResidual = Claim(
        id: "LN-B-ERF-RES", paper: Papers.layernorm, location: "App. B, erf paragraph, third display",
        statement: "‖erf − erf̅‖²_N = (2/π)(arctan(2/√5) − 2/3).",
        assumptions: ["‖f‖²_N = E f(X)²; erf̅ the linearization above"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let erf = Activation.erf(scale: 1)
        let normSquared = 2 / Double.pi * atan(2 / 5.0.squareRoot())
        compareWithQuadrature(ctx, "‖erf − lin‖²: ‖φ‖² − φ̂_0² − φ̂_1² by QUADPACK",
                              integral: try HermiteExpansion.residualNormSquared(erf),
                              closedForm: 2 / Double.pi * (atan(2 / 5.0.squareRoot()) - 2.0 / 3))
        compareWithQuadrature(ctx, "‖erf‖² = 𝔆[erf|1] = (2/π) arctan(2/√5) by QUADPACK",
                              integral: try GaussianCovariance.normSquared(erf), closedForm: normSquared)
        compareWithQuadrature(ctx, "‖erf‖² by 100-point Gauss–Hermite",
                              integral: try GaussHermiteEstimate.estimate({ $0.expectation { erf($0) * erf($0) } }, points: 100),
                              closedForm: normSquared)
    }

    static let erfDerivativeNorm = Claim(
        id: "LN-B-ERF-DNORM", paper: Papers.layernorm, location: "App. B, erf paragraph, fourth display",
        statement: "‖erf'‖²_N = 4/(π√5).",
        assumptions: ["erf'(x) = (2/√π) e^{−x²}"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let erf = Activation.erf(scale: 1)
        let closed = 4 / (Double.pi * 5.0.squareRoot())
        compareWithQuadrature(ctx, "‖erf'‖² by QUADPACK", integral: try GaussianCovariance.derivativeNormSquared(erf),
                              closedForm: closed)
        compareWithQuadrature(ctx, "‖erf'‖² by 100-point Gauss–Hermite",
                              integral: try GaussHermiteEstimate.estimate({ $0.expectation { erf.derivative($0) * erf.derivative($0) } },
                                                                          points: 100),
                              closedForm: closed)
    }

    static let erfCriticality = Claim(
        id: "LN-B-ERF-CRIT", paper: Papers.layernorm, location: "App. B, erf paragraph, last sentence",
        statement: "Critical initialization happens when (σ_b/σ_w)² = (2/π)(2/√5 − arctan(2/√5)).",
        assumptions: ["critical means P'(1) = σ_w²‖φ'‖²/(σ_b² + σ_w²‖φ‖²) = 1 (§2.2)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let erf = Activation.erf(scale: 1)
        let closed = 2 / Double.pi * (2 / 5.0.squareRoot() - atan(2 / 5.0.squareRoot()))
        let (root, error) = try InfiniteWidthNetworks.criticalRatioByBrent(erf, bracket: 0...1)
        ctx.compare("(σ_b/σ_w)²: root of P'(1; r) − 1 by Brent, norms by QUADPACK", route: .rootFinding,
                    value: root.value, error: error, reference: closed, referenceRoute: .closedForm,
                    resolution: 1e-10, samples: root.iterations)
        let map = try LayerNormCorrelationMap(erf, route: .closedForm, weightVariance: 1, biasVariance: closed)
        ctx.compare("P'(1) = 1 at the printed ratio, closed-form Gaussian moments", route: .closedForm,
                    value: map.slopeAtOne, reference: 1, referenceRoute: .closedForm, resolution: 1e-12)
        let numeric = try LayerNormCorrelationMap(erf, route: .quadrature, weightVariance: 2.5,
                                                  biasVariance: 2.5 * closed)
        ctx.compare("P'(1) = 1 at the printed ratio with σ_w² = 2.5, QUADPACK moments", route: .quadrature,
                    value: numeric.slopeAtOne,
                    error: 2 * numeric.kernel.absoluteError * 2.5 / numeric.normalization,
                    reference: 1, referenceRoute: .closedForm, resolution: 1e-10)
    }
}
