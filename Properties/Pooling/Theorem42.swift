import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// Pool sizes and draws of the max-pooling rate fits (the quick budget stops at 1024).
    static func maxPoolingSizes(_ budget: Budget) -> (sizes: [Int], draws: Int) {
        budget == .quick ? ([4, 16, 64, 256, 1024], 200) : ([4, 16, 64, 256, 1024, 4096], 400)
    }

    /// POOL-T4.2: max pooling in the FCN contracts every pair to 1 − O(1/log n).
    static let theorem42 = Claim(
        id: "POOL-T4.2", paper: Papers.pooling, location: "§4, Theorem 4.2; proof in App. B",
        statement: """
        For FCN, let the entries of W be initiated as i.i.d standard normal random variables. Then for any pair \
        of vectors x and y, 1 − ρ(M_x, M_y) = O(log^{−1} n).
        """,
        assumptions: [
            "FCN with i.i.d. N(0, 1) weights, m = 20 pools of n units (m fixed as n grows); the law of ρ(M_x, M_y) depends only on ρ_in (sampled by rows)",
            "O(1/log n) is read as: the slope of log E[1 − ρ(M_x, M_y)] on log log n is at most −1 (fitted over n = 4 … 4096; allowance 0.1 for the finite range); the proof's finite-n steps are POOL-PB-14 and POOL-PB-12-13-15",
            "first-order route (derived): E[1 − ρ] ≈ (1 − 1/m)(Var M − Cov(M, M′))/(E M)², by QUADPACK for ρ_in ∈ {−1, 0}",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let m = 20
        let (sizes, draws) = maxPoolingSizes(ctx.budget)
        let rhos = [-1.0, 0.0, 0.5]
        let slopeAlpha = try ctx.reserveAlpha(0.6, splitOver: rhos.count)
        var series: [Figure.Series] = []
        for rho in rhos {
            let moments = try FCNPoolingRoutes.contraction(ctx, label: "rate", rho: rho, groups: m, poolSizes: sizes,
                                                           draws: draws).map(\.maximum)
            try FCNPoolingRoutes.fitContractionSlope(
                ctx, "slope of log E[1 − ρ(M_x, M_y)] on log log n, ρ_in = \(rho), n = 4…\(sizes.last!)",
                x: sizes.map { log(log(Double($0))) }, moments: moments, region: .atMost(-0.9), resolution: 0.05,
                alpha: slopeAlpha, note: "O(1/log n): slope ≤ −1, allowance 0.1")
            series.append(.init(label: "E[1 − ρ(M)] log n, ρ_in = \(rho)", style: .scatter, x: sizes.map { log(Double($0)) },
                                y: zip(sizes, moments).map { log(Double($0)) * $1.mean },
                                errors: zip(sizes, moments).map { log(Double($0)) * $1.standardError }))
        }
        let curve = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
        let firstOrder = try curve.map { try FCNPoolingLimits.maximumContractionFirstOrder(rho: 0, groups: m, poolSize: $0) }
        ctx.attach(Figure(
            name: "max-pooling-rate", title: "FCN max pooling: log n · E[1 − ρ(M_x, M_y)] (bounded ⇔ O(1/log n))",
            xLabel: "log n", yLabel: "log n · E[1 − ρ(M_x, M_y)]",
            series: series + [.init(label: "first order (QUADPACK), ρ_in = 0", style: .line, x: curve.map { log(Double($0)) },
                                    y: zip(curve, firstOrder).map { log(Double($0)) * $1 })]))

        // The first-order constant (QUADPACK) against the Monte Carlo at n = 256.
        let n = 256
        let ratioAlpha = try ctx.reserveAlpha(0.4, splitOver: 2)
        for rho in [-1.0, 0.0] {
            try FCNPoolingRoutes.estimateContractionRatio(
                ctx, "E[1 − ρ(M_x, M_y)] (Monte Carlo) / first order (QUADPACK) at n = 256, m = 20, ρ_in = \(rho)",
                pooling: try PartitionedPooling(groups: m, poolSize: n), rho: rho, of: .maximum,
                reference: try FCNPoolingLimits.maximumContractionFirstOrder(rho: rho, groups: m, poolSize: n),
                region: .between(0.9, 1.1), resolution: 0.04, alpha: ratioAlpha,
                note: "the region allows the first-order expansion's remainder")
        }
    }
}
