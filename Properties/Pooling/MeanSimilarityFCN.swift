import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-T4.1-MEANSIM: the exact mean similarity of FCN average pooling (derived from App. A's moments).
    static let theorem41MeanSimilarity = Claim(
        id: "POOL-T4.1-MEANSIM", paper: Papers.pooling,
        location: "derived from §4 Theorem 4.1 and App. A (E A_i, Var A_i); notation ρ̄ of §1.3",
        statement: """
        (Derived in the catalog, the exact version of Theorem 4.1 for the mean similarity ρ̄ of §1.3:) \
        ρ̄(A_x, A_y) = E⟨A_x, A_y⟩/√(E‖A_x‖² E‖A_y‖²) = [1 + (π r̂(ρ) − 1)/n] / [1 + (π − 1)/n], i.e. \
        1 − ρ̄ = π(1 − r̂(ρ))/(n + π − 1) ≤ π/(n + π − 1), independent of m.
        """,
        assumptions: [
            "FCN with i.i.d. N(0, 1) weights, m blocks of n, inputs x, y ≠ 0 with cosine ρ; expectation over W",
            "per unit: E r(w·x) = ‖x‖/√(2π), E r(w·x)² = ‖x‖²/2, E r(w·x) r(w·y) = ‖x‖‖y‖ r̂(ρ)/2 (distinct units independent)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        // Route 2: the same ratio from QUADPACK moments of one unit.
        let (mean, square) = try ReLUUnitMoments.quadrature()
        let rhos = [-1.0, 0.0, 0.5]
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * rhos.count)
        let sampler = NormalSampler()
        for n in [10, 50] {
            for rho in rhos {
                let closed = try FCNPoolingLimits.averageMeanSimilarity(rho: rho, poolSize: n)
                let cross = try GaussianCovariance.reluOneDimensional(rho: rho)
                let mu2 = mean.value * mean.value
                let numerator = cross.value + Double(n - 1) * mu2
                let denominator = square.value + Double(n - 1) * mu2
                let error = (cross.absoluteError + square.absoluteError) / denominator
                    + 2 * Double(n) * mean.absoluteError * mean.value / denominator
                ctx.compare("ρ̄(A_x, A_y) at n = \(n), ρ = \(rho): QUADPACK unit moments vs closed form",
                            route: .quadrature, value: numerator / denominator, error: error,
                            reference: closed, referenceRoute: .closedForm, resolution: 1e-9)
                let pooling = try PartitionedPooling(groups: 20, poolSize: n)
                try ctx.estimateFunctionOfMeans(
                    "ρ̄(A_x, A_y) at n = \(n), ρ = \(rho): Monte Carlo E⟨A_x,A_y⟩/√(E‖A_x‖² E‖A_y‖²), m = 20",
                    function: .cosineOfMeans, region: .equal(closed), resolution: 2e-3, alpha: alpha,
                    pilotSamples: 2000, chunkSize: 1000
                ) { rng, count in
                    var moments = JointMoments(dimension: 3)
                    for _ in 0..<count {
                        let pair = try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler)
                        moments.add([Vector.dot(pair.averageX, pair.averageY), Vector.dot(pair.averageX, pair.averageX),
                                     Vector.dot(pair.averageY, pair.averageY)])
                    }
                    return moments
                }
            }
            let worst = try FCNPoolingLimits.averageMeanSimilarity(rho: -1, poolSize: n)
            ctx.bound("1 − ρ̄ ≤ π/(n + π − 1) at n = \(n), attained at ρ = −1 (r̂(−1) = 0)", route: .closedForm,
                      value: 1 - worst, region: .atMost(Double.pi / (Double(n) + Double.pi - 1)), resolution: 1e-13)
        }
    }
}
