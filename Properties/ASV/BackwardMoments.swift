import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    /// Moments of (∂z/∂u_1)² (`WhiteNoiseConvolution.squaredReLUDerivative`) for the first unit of a t × t window
    /// (ReLU, then `kind` pooling; Δz = 1), for i.i.d. N(0, 1) pre-activations.
    static func derivativeSampler(kind: PoolingKind, side: Int) throws -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        let pooling = try WindowPooling(input: FeatureMapShape(width: side, height: side, channels: 1), windowWidth: side,
                                        windowHeight: side, kind: kind)
        let sampler = NormalSampler()
        return { rng, count in
            try RunningMoments.of(count: count) {
                try WhiteNoiseConvolution.squaredReLUDerivative(through: pooling, rng: &rng, sampler: sampler)
            }
        }
    }

    static let gammaMax = Claim(
        id: "ASV-GAMMA-MAX", paper: Papers.asv, location: "eq. (15); App. B.2.1, (B.21)–(B.26)",
        statement: """
        For ReLU followed by max pooling, ∂z_{d(ℓ,j)}/∂u_j = 1 if û ≥ 0 and û = u_j, else 0 (B.23), and \
        E[(∂z_{d(ℓ,j)}/∂u_j)²] = Pr(û ≥ 0) Pr(û = u_j) = (1 − 2^{−T})/T = (2^T − 1)/(T 2^T) =: γ_ℓ (B.26), (15).
        """,
        assumptions: [
            "i.i.d. N(0, 1) pre-activations in a window (the product step is exact: for i.i.d. units the arg-max is independent of the maximum)",
            "routes: closed form, QAGIU of ∫_0^∞ φ Φ^{T−1} (the event of (B.23) directly), the proportion of that event, and the model's backward pass through ReLU and max pooling",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for t in poolSizes {
            let integral = try PoolingMoments.gammaMaxByQuadrature(poolSize: t)
            ctx.compare("γ_max(\(t)): ∫_0^∞ φ Φ^{T−1} (QAGIU) = (2^T − 1)/(T 2^T)", route: .quadrature, value: integral.value,
                        error: integral.absoluteError, reference: try PoolingMoments.gammaMax(poolSize: t),
                        referenceRoute: .closedForm, resolution: 1e-8)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for t in [4, 9] {
            try ctx.estimateProportion("T = \(t): Pr(u_1 = max and u_1 > 0) = γ_max", region: .equal(try PoolingMoments.gammaMax(poolSize: t)),
                                       resolution: 3e-3, alpha: alpha, trials: windowTrials(poolSize: t) { $0[0] > 0 && $0[0] == $0.max()! })
        }
        for side in [2, 3] {
            try ctx.estimateMean("T = \(side * side): E(∂z/∂u_j)² by the model's backward pass = γ_max",
                                 region: .equal(try PoolingMoments.gammaMax(poolSize: side * side)), resolution: 3e-3,
                                 alpha: alpha, sample: try derivativeSampler(kind: .max, side: side))
        }
    }

    static let gammaAverage = Claim(
        id: "ASV-GAMMA-AVG", paper: Papers.asv, location: "eq. (16); App. B.2.2, (B.27)–(B.28)",
        statement: """
        For ReLU followed by average pooling, ∂z_{d(ℓ,j)}/∂v_j = 1/T (B.27) and E[(∂z_{d(ℓ,j)}/∂u_j)²] = \
        (1/T²) E[U(u_j)²] = (1 − Φ(0))/T² = 1/(2T²) =: γ_ℓ (B.28), (16).
        """,
        assumptions: ["only Pr(u_j > 0) = 1/2 is needed; routes: closed form, 1 − Φ(0) from GSL, and the model's backward pass"],
        kind: .identity, expectation: .holds
    ) { ctx in
        for t in poolSizes {
            let tt = Double(t * t)
            ctx.compare("γ_avg(\(t)) = (1 − Φ(0))/T² (GSL) against 1/(2T²)", route: .closedForm,
                        value: (1 - Distributions.normalCDF(0)) / tt, reference: try PoolingMoments.gammaAverage(poolSize: t),
                        referenceRoute: .closedForm, resolution: 1e-13)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for side in [2, 3] {
            let target = try PoolingMoments.gammaAverage(poolSize: side * side)
            try ctx.estimateMean("T = \(side * side): E(∂z/∂u_j)² by the model's backward pass = 1/(2T²)", region: .equal(target),
                                 resolution: 0.05 * target, alpha: alpha, sample: try derivativeSampler(kind: .average, side: side))
        }
    }

    static let gammaMonotonicity = Claim(
        id: "ASV-MONO-GAMMA", paper: Papers.asv, location: "§5, last paragraph",
        statement: """
        For the max pooling operation, as T_ℓ is larger, τ_ℓ is smaller, increasing σ² as in (18): only the winner \
        unit propagates the signal. For the average pooling operation, the proposed backward method increases σ² as \
        T_ℓ increases, because a larger T_ℓ increases a smaller γ_ℓ.
        """,
        assumptions: [
            "T = 1 … 64; τ_max by QAGIU with its error estimate; γ in closed form",
            "\"a larger T_ℓ increases a smaller γ_ℓ\" read as \"a larger T_ℓ gives a smaller γ_ℓ\"",
        ],
        kind: .inequality,
        expectation: .erratum(printed: "max pooling: as T_ℓ is larger, τ_ℓ is smaller (which increases σ² of (18))",
                              corrected: "as T_ℓ is larger, γ_ℓ is smaller (both poolings), which increases σ² = M_{ℓ−1}/(γ_ℓ ε_ℓ) of (18); τ_max grows with T")
    ) { ctx in
        let two = try PoolingMoments.tauMax(poolSize: 2), four = try PoolingMoments.tauMax(poolSize: 4)
        ctx.bound("τ_max(4) − τ_max(2) ≤ 0 (τ smaller for larger T)", route: .quadrature, value: four.value - two.value,
                  error: four.absoluteError + two.absoluteError, region: .atMost(0))
        for kind in PoolingKind.allCases {
            let gammas = try (1...64).map { try PoolingMoments.gamma(kind, poolSize: $0) }
            ctx.bound("\(kind) pooling: max_T γ(T + 1) − γ(T), T = 1 … 63", subject: .corrected, route: .closedForm,
                      value: zip(gammas, gammas.dropFirst()).map { $1 - $0 }.max()!, region: .atMost(-1e-12), samples: 63)
            let input = try FeatureMapShape(width: 12, height: 12, channels: 2)
            let variances = try [1, 2, 3, 4, 6].map { side in
                try ASVInitialization.backwardVariances(ConvPoolStack(layers: [
                    ConvPoolLayer.square(input: input, outputChannels: 3, kernel: 3, padding: 1, pool: (kind, side)),
                ]))[0]
            }
            ctx.bound("\(kind) pooling, 12×12 map, T = 1, 4, 9, 16, 36: min step of σ²(18)", subject: .corrected,
                      route: .closedForm, value: zip(variances, variances.dropFirst()).map { $1 - $0 }.min()!,
                      region: .atLeast(1e-12), samples: 5)
        }
    }
}
