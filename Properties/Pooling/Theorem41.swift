import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-T4.1: average pooling in the FCN contracts every pair to 1 − O(1/n).
    static let theorem41 = Claim(
        id: "POOL-T4.1", paper: Papers.pooling, location: "§4, Theorem 4.1; proof in App. A",
        statement: """
        For FCN, let the entries of W be initiated as i.i.d standard normal random variables. Then for any pair \
        of vectors x and y, 1 − ρ(A_x, A_y) = O(n^{−1}) (App. A: "the correlation is around 1 − O(n^{−1}) with \
        high probability").
        """,
        assumptions: [
            "FCN F(x) = r(Wx), W ∈ R^{mn×d_in} i.i.d. N(0, 1), pooled by m consecutive blocks of n (eqs. (1)–(3))",
            "m = 20 fixed while n grows (the paper's §3 FCN has m = 20, n = 50); x, y ≠ 0 with cosine ρ_in ∈ {−1, 0, 0.5}",
            "by rotation invariance and homogeneity the law of ρ(A_x, A_y) depends on x, y only through ρ_in (POOL-S4-FCN-DATAINDEP), so the rows (w·x, w·y) are sampled as N(0, [[1, ρ], [ρ, 1]]) pairs",
            "O(1/n) is read as: log E[1 − ρ] falls with slope −1 in log n (fitted over n = 25 … 800, finite-size allowance ±0.1), n E[1 − ρ] approaches the first-order constant π(1 − 1/m)(1 − r̂(ρ_in)) derived here, and with high probability: P(n(1 − ρ) > 3 × that constant) ≤ 1%",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let m = 20
        let poolSizes = ctx.scope(quick: [25, 50, 100, 200, 400], full: [25, 50, 100, 200, 400, 800])
        // 1000 draws per point at every budget: with 300 (quick) the widened slope interval left the band at one seed in 100.
        let draws = 1000
        let rhos = [-1.0, 0.0, 0.5]
        let slopeAlpha = try ctx.reserveAlpha(0.4, splitOver: rhos.count)
        var series: [Figure.Series] = []
        for rho in rhos {
            let moments = try FCNPoolingRoutes.contraction(ctx, label: "rate", rho: rho, groups: m,
                                                           poolSizes: poolSizes, draws: draws).map(\.average)
            try FCNPoolingRoutes.fitContractionSlope(
                ctx, "slope of log E[1 − ρ(A_x, A_y)] on log n, ρ_in = \(rho), n = 25…\(poolSizes.last!)",
                x: poolSizes.map { log(Double($0)) }, moments: moments, region: .between(-1.1, -0.9),
                resolution: 0.05, alpha: slopeAlpha,
                note: "O(1/n): slope −1; the region allows the finite-size correction (the curvature at n = 25 is about +0.07)")
            let constant = try FCNPoolingLimits.averageContractionFirstOrder(rho: rho, groups: m, poolSize: 1)
            series.append(.init(label: "n E[1 − ρ(A)], ρ_in = \(rho) (Monte Carlo)", style: .scatter,
                                x: poolSizes.map(Double.init),
                                y: zip(poolSizes, moments).map { Double($0) * $1.mean / constant },
                                errors: zip(poolSizes, moments).map { Double($0) * $1.standardError / constant }))
        }
        ctx.attach(Figure(
            name: "average-pooling-rate", title: "FCN average pooling: n E[1 − ρ(A_x, A_y)] / π(1 − 1/m)(1 − r̂(ρ_in))",
            xLabel: "pool size n", yLabel: "ratio to the first-order constant (1 = Θ(1/n) with that constant)",
            series: series + [.init(label: "first-order constant", style: .line, x: [25, Double(poolSizes.last!)], y: [1, 1])]))

        // The first-order constant π(1 − 1/m)(1 − r̂(ρ_in))/n as the references below compute it, against the same
        // expression with r̂(ρ) = 2E[r(X) r(Y)] by nested QUADPACK (a route independent of the closed-form dual).
        for rho in [-1.0, 0.0] {
            let n = 200
            let covariance = try GaussianCovariance.quadrature(.relu, rho: rho)
            ctx.compare("first-order constant at n = 200, ρ_in = \(rho): closed form vs π(1 − 1/m)(1 − 2E[r(X)r(Y)])/n by QUADPACK",
                        route: .closedForm, value: try FCNPoolingLimits.averageContractionFirstOrder(rho: rho, groups: m, poolSize: n),
                        reference: Double.pi * (1 - 1 / Double(m)) * (1 - 2 * covariance.value) / Double(n),
                        referenceRoute: .quadrature, referenceError: 2 * Double.pi * covariance.absoluteError / Double(n),
                        resolution: 1e-9)
        }
        // The constant: n E[1 − ρ] / (π(1 − 1/m)(1 − r̂(ρ))) at n = 200 (its O(1/n) correction is about −1%).
        let ratioAlpha = try ctx.reserveAlpha(0.3, splitOver: 2)
        for rho in [-1.0, 0.0] {
            let n = 200
            try FCNPoolingRoutes.estimateContractionRatio(
                ctx, "E[1 − ρ(A_x, A_y)] / (π(1 − 1/m)(1 − r̂(ρ_in))/n) at n = 200, m = 20, ρ_in = \(rho)",
                pooling: try PartitionedPooling(groups: m, poolSize: n), rho: rho, of: .average,
                reference: try FCNPoolingLimits.averageContractionFirstOrder(rho: rho, groups: m, poolSize: n),
                region: .between(0.95, 1.05), resolution: 0.04, alpha: ratioAlpha,
                note: "first-order constant derived here; the region allows its O(1/n) correction")
        }

        // With high probability: P(n(1 − ρ) > 3 × the first-order constant) ≤ 1% at n = 50 and 200 (ρ_in = −1, the worst case).
        let tailAlpha = try ctx.reserveAlpha(0.3, splitOver: 2)
        for n in [50, 200] {
            let pooling = try PartitionedPooling(groups: m, poolSize: n)
            let threshold = 3 * (try FCNPoolingLimits.averageContractionFirstOrder(rho: -1, groups: m, poolSize: n))
            try ctx.estimateProportion(
                "P(1 − ρ(A_x, A_y) > 3π(1 − 1/m)/n) at n = \(n), m = 20, ρ_in = −1",
                region: .atMost(0.01), resolution: 0.005, alpha: tailAlpha, pilotTrials: 2000, chunkSize: 500,
                trials: pooledTrials(pooling, rho: -1) { 1 - (Vector.cosine($0.averageX, $0.averageY) ?? 1) > threshold })
        }
    }
}
