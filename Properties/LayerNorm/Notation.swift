import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension LayerNormClaims {
    static let operatorNormDefinition = Claim(
        id: "LN-NOT-OPNORM", paper: Papers.layernorm, location: "§2.1, operator norm display",
        statement: "For M ∈ R^{n×m}, ‖M‖_op = max_{v ∈ R^m} (n^{−1/2}‖Mv‖)/(m^{−1/2}‖v‖), the operator norm induced by the root-mean-squared norm.",
        assumptions: ["equivalently ‖M‖_op = √(m/n) σ_max(M) (catalog); power iteration on MᵀM gives σ_max²"],
        kind: .definition, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("matrices").generator()
        var closed = WorstCase(.atMost), definition = WorstCase(.atMost), attained = WorstCase(.atMost)
        for trial in 0..<40 {
            let rows = 2 + trial % 7, columns = trial % 2 == 0 ? 2 : 3
            // M is n x m; the closed forms need the small side: σ_max² is the top eigenvalue of MᵀM (m x m).
            let m = try Matrix.gaussian(rows: rows, columns: columns, variance: 1, rng: &rng)
            func gram(_ i: Int, _ j: Int) -> Double { (0..<rows).reduce(0.0) { $0 + m[$1, i] * m[$1, j] } }
            let top = columns == 2
                ? (gram(0, 0) + gram(1, 1)) / 2 + (((gram(0, 0) - gram(1, 1)) / 2) * ((gram(0, 0) - gram(1, 1)) / 2) + gram(0, 1) * gram(0, 1)).squareRoot()
                : SymmetricMatrix3.largestEigenvalue(gram(0, 0), gram(1, 1), gram(2, 2), gram(0, 1), gram(0, 2), gram(1, 2))
            let estimate = try JacobianNorm.operatorNorm(m, relativeTolerance: 1e-13)
            let scale = Double(columns) / Double(rows)
            let label = "\(rows) x \(columns), trial \(trial)"
            closed.add(abs(estimate.operatorNormSquared / (scale * top) - 1), error: 64 * Double.ulpOfOne, label)
            // The definition's maximum: no direction v beats the estimate, and its vector attains it.
            let ratio: ([Double]) -> Double = { v in
                let mv = (0..<rows).map { r in (0..<columns).reduce(0.0) { $0 + m[r, $1] * v[$1] } }
                return (Vector.dot(mv, mv) / Double(rows)) / (Vector.dot(v, v) / Double(columns))
            }
            for _ in 0..<200 {
                let v = (0..<columns).map { _ in 2 * rng.nextUniform() - 1 }
                definition.add(ratio(v) / (scale * top) - 1, error: 64 * Double.ulpOfOne, label)
            }
            attained.add(abs(ratio(estimate.vector) / (scale * top) - 1), error: 64 * Double.ulpOfOne, label)
        }
        closed.record(ctx, "power iteration vs closed-form top eigenvalue of MᵀM (2 x 2 and 3 x 3), relative", route: .rootFinding,
                      resolution: 1e-10)
        definition.record(ctx, "(n⁻¹‖Mv‖²)/(m⁻¹‖v‖²) − ‖M‖²_op ≤ 0 over random v (relative)", route: .enumeration, resolution: 1e-12)
        attained.record(ctx, "the maximum is attained at the power-iteration vector (relative deviation)", route: .rootFinding,
                        resolution: 1e-10)
        // Rank one: M = u vᵀ has σ_max = ‖u‖‖v‖.
        let u = [1.0, -2, 0.5, 3], w = [2.0, 1, -1]
        let rankOne = try Matrix(rows: 4, columns: 3, storage: u.flatMap { x in w.map { x * $0 } })
        ctx.compare("rank one u wᵀ (4 x 3): ‖M‖²_op = (3/4)‖u‖²‖w‖²", route: .rootFinding,
                    value: try JacobianNorm.operatorNorm(rankOne).operatorNormSquared,
                    reference: 0.75 * Vector.dot(u, u) * Vector.dot(w, w), referenceRoute: .closedForm, resolution: 1e-9)
    }

    static let hermiteOrthogonality = Claim(
        id: "LN-NOT-HERM-ORTH", paper: Papers.layernorm, location: "§2.1, after the linearization display (citing O'Donnell)",
        statement: """
        The normalized Hermite polynomials satisfy E[h_k(x_1) h_k'(x_2)] = δ_kk' ρ^k for jointly normal zero-mean x_1, x_2 \
        of variances 1 and covariance ρ; h_0 = 1, h_1 = x (footnote 2).
        """,
        assumptions: [
            "h_k = He_k/√k! (probabilists'); GSL's Hermite routines give He_k",
            "consequence used by eq. (2.4): 𝔆[f|ρ] = Σ_k f̂_k² ρ^k (Mehler), checked on closed-form coefficients",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        // A 40-point tensor Gauss–Hermite rule is exact for the polynomial integrands (degree ≤ 24 < 79).
        let rule = try GaussHermiteRule(points: 40)
        var exact = WorstCase(.atMost)
        for rho in [-0.9, -0.3, 0, 0.5, 0.99] {
            for k in 0...12 {
                for l in 0...12 {
                    let value = try rule.correlatedExpectation(rho: rho, { try SpecialFunctions.normalizedHermite(k, $0).value },
                                                               { try SpecialFunctions.normalizedHermite(l, $0).value })
                    let magnitude = try rule.correlatedExpectation(rho: rho, { abs(try SpecialFunctions.normalizedHermite(k, $0).value) },
                                                                   { abs(try SpecialFunctions.normalizedHermite(l, $0).value) })
                    exact.add(abs(value - (k == l ? pow(rho, Double(k)) : 0)), error: 1e3 * Double.ulpOfOne * magnitude,
                              "ρ = \(rho), k = \(k), k' = \(l)")
                }
            }
        }
        exact.record(ctx, "|E[h_k h_k'] − δ_kk' ρ^k| by a 40-point 2-D Gauss–Hermite rule, k, k' ≤ 12", route: .quadrature,
                     resolution: 1e-11)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        let sampler = NormalSampler()
        for (k, l, rho) in [(2, 2, 0.5), (1, 3, 0.7)] {
            try ctx.estimateMean("E[h_\(k)(X) h_\(l)(Y)] at ρ = \(rho) by Monte Carlo", region: .equal(k == l ? pow(rho, Double(k)) : 0),
                                 resolution: 0.01, alpha: alpha) { rng, count in
                try RunningMoments.of(count: count) {
                    let x = sampler.next(using: &rng)
                    let y = rho * x + ((1 - rho) * (1 + rho)).squareRoot() * sampler.next(using: &rng)
                    return try SpecialFunctions.normalizedHermite(k, x).value * SpecialFunctions.normalizedHermite(l, y).value
                }
            }
        }
        // Mehler: the partial sums Σ_{k≤K} f̂_k² ρ^k approach 𝔆[f|ρ], within the independent tail bound T_K
        // (Taylor series of the closed-form kernels, HermiteExpansion.mehlerTailBound).
        var mehler = WorstCase(.atMost), tails = WorstCase(.atLeast), bounded = WorstCase(.atLeast)
        for (f, terms) in [(Activation.erf(scale: 1), 40), (.relu, 200), (.leakyReLU(slope: -0.5), 200)] {
            let kernel = try ActivationKernel(f)
            let bound = try HermiteExpansion.mehlerTailBound(f, terms: terms)!
            let tail = kernel.normSquared - (try HermiteExpansion.mehlerPartialSum(f, rho: 1, terms: terms)!)
            let rounding = Double(terms + 2) * 4 * Double.ulpOfOne
            tails.add(tail, error: rounding, "\(f), K = \(terms)")
            bounded.add(bound - tail, error: rounding, "\(f), K = \(terms), T_K = \(bound)")
            for rho in [-0.9, -0.5, 0.3, 0.9] {
                let partial = try HermiteExpansion.mehlerPartialSum(f, rho: rho, terms: terms)!
                mehler.add(abs(partial - (try kernel.covariance(rho))) - bound, error: rounding, "\(f), ρ = \(rho), T_K = \(bound)")
            }
        }
        mehler.record(ctx, "|Σ_{k≤K} f̂_k² ρ^k − 𝔆[f|ρ]| − T_K ≤ 0", route: .closedForm, resolution: 1e-12)
        tails.record(ctx, "‖f‖² − Σ_{k≤K} f̂_k² ≥ 0", route: .closedForm, resolution: 1e-12)
        bounded.record(ctx, "T_K − (‖f‖² − Σ_{k≤K} f̂_k²) ≥ 0", route: .closedForm, resolution: 1e-12)
        ctx.bound("erf: tail bound T_40 (geometric convergence: the Mehler check above is informative)", route: .closedForm,
                  value: try HermiteExpansion.mehlerTailBound(.erf(scale: 1), terms: 40)!, region: .atMost(1e-8), resolution: 1e-12)
    }

    static let correlationIdentity = Claim(
        id: "LN-CORR-ID", paper: Papers.layernorm, location: "§2.2, eq. (2.2)",
        statement: "ρ_l = (1/N_l) Σ_i z_i^{(l)}(x_α) z_i^{(l)}(x_β) = y^{(l)}(x_α)·y^{(l)}(x_β)/(‖y^{(l)}(x_α)‖ ‖y^{(l)}(x_β)‖).",
        assumptions: ["exact at any width: z = √N y/‖y‖ gives ‖z‖² = N; checked on a full network (OpenBLAS), z·z′/N against the cosine of the un-normalized y^{(l)} of eq. (2.1)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        let width = 150
        let layers = try [LayerNormLayer(width: width, activation: .identity, weightVariance: 1, biasVariance: 0.2),
                          LayerNormLayer(width: 120, activation: .erf(scale: 1), weightVariance: 2, biasVariance: 0.1),
                          LayerNormLayer(width: 90, activation: .relu, weightVariance: 1.5, biasVariance: 0.3)]
        let network = try LayerNormMLP(inputWidth: width, layers: layers)
        let pair = try LayerNormMLP.inputPair(cosine: 0.4, width: width)
        var norms = WorstCase(.atMost), cosines = WorstCase(.atMost)
        _ = try network.propagate(pair, stream: ctx.stream("network"), engine: ctx.engine) { layer, z, y in
            let a = z.column(0), b = z.column(1)
            let n = Double(z.rows)
            // Sums of N rounded products: relative error ≤ N ε.
            norms.add(max(abs(Vector.dot(a, a) / n - 1), abs(Vector.dot(b, b) / n - 1)), error: n * Double.ulpOfOne, "layer \(layer)")
            cosines.add(abs(Vector.dot(a, b) / n - Vector.cosine(y.column(0), y.column(1))!), error: 4 * n * Double.ulpOfOne,
                        "layer \(layer)")
        }
        norms.record(ctx, "|‖z^{(l)}‖²/N_l − 1| (full network)", route: .enumeration, resolution: 1e-12)
        cosines.record(ctx, "|z·z'/N_l − y·y'/(‖y‖‖y'‖)| (full network, y before the layer norm)", route: .enumeration, resolution: 1e-11)
    }
}
