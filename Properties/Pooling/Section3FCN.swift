import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-S4-FCN-DATAINDEP: the FCN's pooled cosines depend on the inputs only through ρ_in.
    static let fcnDataIndependence = Claim(
        id: "POOL-S4-FCN-DATAINDEP", paper: Papers.pooling,
        location: "§1.1 contributions 2–3, §4 first paragraph, Conclusion",
        statement: """
        We show theoretically why the angle contraction of average pooling is not data-dependent when pooling \
        strategies are applied to fully connected network; the angle contraction is not data-dependent for max \
        pooling in both FCN and CNN. "The contraction in FCN is data-independent in theory."
        """,
        assumptions: [
            "FCN r(Wx) with i.i.d. Gaussian W (He variance 2/d_in), width 1000, pools of 50: by rotation invariance and positive homogeneity the law of (ρ(A_x, A_y), ρ(M_x, M_y)) depends on (x, y) only through ρ_in",
            "FCN (corrected form) checked on the model itself (a BLAS layer per draw) for two very different pairs with ρ_in = 0.3: d_in = 8 with ‖x‖ = 1, ‖y‖ = 5, and d_in = 64 with ‖x‖ = 0.2, ‖y‖ = 1; paired differences of independent draws: means of ρ(A), ρ(M) and P(ρ(A) < 0.95) agree",
            "CNN max pooling (as printed): CNN of §3 (640 N(0, 1) kernels, k = 3, cyclic, d = 16) on two pairs with the same ρ_in = −1: x = 1, y = −1, where every channel's feature is r(ΣW) against r(−ΣW), so ρ(M_x, M_y) = 0 for every network (POOL-C4.3), and a Gaussian image x with y = −x; data-independence would give the two the same mean",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "the angle contraction is not data-dependent for max pooling in both FCN and CNN",
            corrected: "in the FCN the law of the pooled cosines (average and max) depends on the inputs only through ρ_in; in the CNN max pooling is data-dependent (at ρ_in = −1: ρ(M_x, M_y) = 0 for x = 1, y = −1, near 1 for a Gaussian x and y = −x)")
    ) { ctx in
        let first = try ReLUDualRoutes.inputPair(dimension: 8, norms: (1, 5), cosine: 0.3)
        let second = try ReLUDualRoutes.inputPair(dimension: 64, norms: (0.2, 1), cosine: 0.3)
        let draw: @Sendable (Matrix, inout Xoshiro256) throws -> PoolingCosines = { batch, rng in
            let weights = try Matrix.gaussian(rows: 1000, columns: batch.rows, variance: 2 / Double(batch.rows), rng: &rng)
            return try fcnCosines(weights: weights, inputs: batch, poolSize: 50)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for (name, statistic, resolution) in [
            ("E ρ(A_x, A_y)", { @Sendable (c: PoolingCosines) in c.average }, 0.006),
            ("E ρ(M_x, M_y)", { @Sendable (c: PoolingCosines) in c.maximum }, 0.006),
            ("P(ρ(A_x, A_y) < 0.95)", { @Sendable (c: PoolingCosines) in c.average < 0.95 ? 1.0 : 0.0 }, 0.08),
        ] as [(String, @Sendable (PoolingCosines) -> Double, Double)] {
            try ctx.estimateMean("FCN, \(name): (d_in = 8, ‖x‖ = 1, ‖y‖ = 5) minus (d_in = 64, ‖x‖ = 0.2, ‖y‖ = 1), ρ_in = 0.3",
                                 subject: .corrected, region: .equal(0), resolution: resolution, alpha: alpha, label: name,
                                 pilotSamples: 500, chunkSize: 100) { rng, count in
                try RunningMoments.of(count: count) { statistic(try draw(first, &rng)) - statistic(try draw(second, &rng)) }
            }
        }
        // CNN max pooling at ρ_in = −1: the constant pair (exactly 0 for every network) against Gaussian x, y = −x.
        let cyclic = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let d = 16
        var rng = ctx.stream("constant pair").generator()
        let layer = try CenteredConvolution.gaussian(count: 640, geometry: cyclic, variance: 1, rng: &rng)
        let ones = try Image(size: d, channels: 1, pixels: [Double](repeating: 1, count: d * d))
        let minus = try Image(size: d, channels: 1, pixels: [Double](repeating: -1, count: d * d))
        guard let constant = try layer.pooledCosines(ones, minus)?.maximum else {
            throw StatisticsError("a CNN feature vector was zero")
        }
        try ctx.estimateMean(
            "CNN max pooling, ρ_in = −1: E ρ(M_x, M_y) for Gaussian x, y = −x equals ρ(M_x, M_y) = \(String(format: "%.1e", constant)) of x = 1, y = −1",
            region: .equal(constant), resolution: 0.02, alpha: alpha, label: "CNN gaussian antipodal", pilotSamples: 32,
            chunkSize: 4, note: "x = 1, y = −1 on one network of 640 kernels (0 for every network: r(ΣW) r(−ΣW) = 0)") { rng, count in
            try RunningMoments.of(count: count) {
                let layer = try CenteredConvolution.gaussian(count: 640, geometry: cyclic, variance: 1, rng: &rng)
                let x = try Image.gaussian(size: d, channels: 1, rng: &rng)
                let y = try Image(size: d, channels: 1, pixels: x.pixels.map { -$0 })
                guard let cosines = try layer.pooledCosines(x, y) else { throw StatisticsError("a CNN feature vector was zero") }
                return cosines.maximum
            }
        }
    }

    /// POOL-S31-FCN: in the FCN both poolings contract every pair to a cosine near 1.
    static let fcnExperiment = Claim(
        id: "POOL-S31-FCN", paper: Papers.pooling, location: "§3.1 first paragraph (\"Figure 3.1\", i.e. Fig. 2)",
        statement: """
        For fully connected layer, both pooling strategies result in a heavy contraction, where all the cosine \
        similarity values are nearly 1 (Fig. 2: centered CIFAR-10, centered CIFAR-100 and Gaussian data).
        """,
        assumptions: [
            "CIFAR is not available offline; the Gaussian data of Fig. 2 are reproduced (3072-dimensional i.i.d. N(0, 1) inputs, width 1000, pools of 50, He initialization), and by POOL-S4-FCN-DATAINDEP any data set enters only through its input cosines, so the worst case ρ_in = −1 covers every data set",
            "\"nearly 1\" is read as: mean ≥ 0.95 and at least 99% of pairs above 0.85 for Gaussian pairs, mean ≥ 0.9 at ρ_in = −1; sampled by rows (exact in law), each pair with its own network",
            "the figure repeats the paper's experiment: one He network, 300 Gaussian pairs",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let pooling = try PartitionedPooling(groups: 20, poolSize: 50)
        let sampler = NormalSampler()
        let gaussianPair: @Sendable (inout Xoshiro256) throws -> PoolingCosines = { rng in
            let x = (0..<3072).map { _ in sampler.next(using: &rng) }, y = (0..<3072).map { _ in sampler.next(using: &rng) }
            let rho = Vector.dot(x, y) / (Vector.norm(x) * Vector.norm(y))
            return try FCNPoolingRoutes.definedCosines(try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler))
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        for (name, pick) in [("ρ(A_x, A_y)", { @Sendable (c: PoolingCosines) in c.average }),
                             ("ρ(M_x, M_y)", { @Sendable (c: PoolingCosines) in c.maximum })] as [(String, @Sendable (PoolingCosines) -> Double)] {
            try ctx.estimateMean("E \(name) ≥ 0.95, Gaussian pairs (d_in = 3072)", region: .atLeast(0.95), resolution: 0.005,
                                 alpha: alpha, label: "gaussian \(name)", pilotSamples: 500, chunkSize: 100) { rng, count in
                try RunningMoments.of(count: count) { pick(try gaussianPair(&rng)) }
            }
            try ctx.estimateMean("E \(name) ≥ 0.9 at ρ_in = −1 (the worst input pair)", region: .atLeast(0.9), resolution: 0.005,
                                 alpha: alpha, label: "worst \(name)", pilotSamples: 500, chunkSize: 100) { rng, count in
                try RunningMoments.of(count: count) {
                    pick(try FCNPoolingRoutes.definedCosines(try pooling.sample(inputCosine: -1, rng: &rng, sampler: sampler)))
                }
            }
        }
        try ctx.estimateProportion("P(ρ(A_x, A_y) > 0.85 and ρ(M_x, M_y) > 0.85) ≥ 0.99, Gaussian pairs", region: .atLeast(0.99),
                                   resolution: 0.01, alpha: alpha, pilotTrials: 1000, chunkSize: 250) { rng, count in
            var hits = 0
            for _ in 0..<count {
                let c = try gaussianPair(&rng)
                if c.average > 0.85 && c.maximum > 0.85 { hits += 1 }
            }
            return hits
        }
        // The paper's experiment: one He network, 300 Gaussian pairs.
        var rng = ctx.stream("figure").generator()
        let weights = try Matrix.gaussian(rows: 1000, columns: 3072, variance: 2.0 / 3072, rng: &rng)
        let hidden = try weights.multiplied(by: try Matrix.gaussian(rows: 3072, columns: 600, variance: 1, rng: &rng))
        let points = try (0..<300).map { try fcnCosines(hidden: hidden, columns: (2 * $0, 2 * $0 + 1), poolSize: 50) }
        ctx.attach(Figure(
            name: "fcn-gaussian-pairs", title: "FCN (width 1000, pools of 50, He): pooled vs ReLU-feature cosines, 300 Gaussian pairs",
            xLabel: "ρ(F(x), F(y))", yLabel: "pooled cosine", series: [
                .init(label: "average pooling", style: .scatter, x: points.map(\.relu), y: points.map(\.average)),
                .init(label: "max pooling", style: .scatter, x: points.map(\.relu), y: points.map(\.maximum)),
            ]))
    }
}
