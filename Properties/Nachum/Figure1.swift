import ClaimKit
import RandomNetworkChecks
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-FIG1: one random ReLU CNN layer on Gaussian pairs follows R̂; on natural images ρ_out ≈ ρ_in.
    static let figure1 = Claim(
        id: "NACHUM-FIG1", paper: Papers.nachum, location: "Fig. 1 and caption; §1.1; Remark 3; §4.2",
        statement: """
        Figure 1: Input and output cosine similarities of a single randomly initialized convolutional layer with 100 \
        filters; 200 random pairs per panel. For the natural-image datasets (F-MNIST, CIFAR-10, ImageNet) clearly \
        ρ_out ≈ ρ_in (the linear fit has a slope 0.97), whereas for inputs of i.i.d. zero-mean Gaussians with a Pearson \
        correlation coefficient ρ between corresponding entries the relation (2) of ReLU FNNs does hold for ReLU CNNs \
        as well (figure 1a).
        """,
        assumptions: [
            "panel (a) reproduced: n = 32, r = 3 (the paper does not state r), N = 100 filters of variance 2/r², "
                + "inputs of eq. (14) with ρ uniform on [−1, 1], ρ_in the realized input cosine",
            "panels (b)–(d) need F-MNIST, CIFAR-10 and ImageNet (not available offline) and the slope 0.97 is "
                + "not checkable; proxy for §3.4's \"large monochromatic patches\": unions of 3 random axis-aligned "
                + "rectangles with sides in [n/8, n/2) on the 32 × 32 torus",
            "\"≈\" read as: mean |ρ_out − R̂(ρ_in)| ≤ 0.01 in (a), mean |ρ_out − ρ_in| ≤ 0.05 for the proxy",
            "derived (not printed): the per-realization gap |ρ̄_out(X, Y) − R̂(ρ_in(X, Y))| vanishes as n grows",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let n = 32, r = 3, filters = 100, nu = NachumInputs.reluNu(filterSize: r)
        let alpha = try ctx.reserveAlpha(0.8, splitOver: 3)
        let gaussian: @Sendable (inout Xoshiro256) throws -> (Image, Image) = { rng in
            try ImageFamilies.correlatedGaussianPair(size: n, correlation: 2 * rng.nextUniform() - 1, rng: &rng)
        }
        let patches: @Sendable (inout Xoshiro256) throws -> (Image, Image) = { rng in
            (try ImageFamilies.randomRectangles(count: 3, size: n, sides: (n / 8)...(n / 2 - 1), rng: &rng).image,
             try ImageFamilies.randomRectangles(count: 3, size: n, sides: (n / 8)...(n / 2 - 1), rng: &rng).image)
        }
        // (ρ_in, ρ_out) of one pair and one layer of 100 filters.
        let layer: @Sendable (Image, Image, inout Xoshiro256) throws -> (Double, Double) = { x, y, rng in
            (try x.cosine(y) ?? 0,
             try FilterMonteCarlo.outputCosine(x, y, activation: .relu, filterSize: r, nu: nu, filters: filters, rng: &rng) ?? 0)
        }
        try ctx.estimateMean("(a) Gaussian pairs: mean ρ_out − R̂(ρ_in)", region: .between(-0.005, 0.005),
                             resolution: 2e-3, alpha: alpha, pilotSamples: 200, chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try gaussian(&rng)
                let (rhoIn, rhoOut) = try layer(x, y, &rng)
                return rhoOut - (try ReLUDualActivation.value(rhoIn))
            }
        }
        try ctx.estimateMean("(a) Gaussian pairs: mean |ρ_out − R̂(ρ_in)|", region: .atMost(0.01), resolution: 2e-3,
                             alpha: alpha, pilotSamples: 200, chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try gaussian(&rng)
                let (rhoIn, rhoOut) = try layer(x, y, &rng)
                return abs(rhoOut - (try ReLUDualActivation.value(rhoIn)))
            }
        }
        try ctx.estimateMean("proxy (b)–(d), large-patch pictures: mean |ρ_out − ρ_in|", region: .atMost(0.05),
                             resolution: 5e-3, alpha: alpha, pilotSamples: 200, chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try patches(&rng)
                let (rhoIn, rhoOut) = try layer(x, y, &rng)
                return abs(rhoOut - rhoIn)
            }
        }

        // The per-realization gap of (a) with the exact filter expectation: its mean at n = 64 over its mean at n = 16,
        // from independent pairs drawn side by side. (A slope fitted through n = 16, 32, 64 with fixed draws had one
        // degree of freedom for its lack-of-fit widening and came out inconclusive at one seed in 100.)
        let (small, large) = (16, 64)
        let gap: @Sendable (Int, inout Xoshiro256) throws -> Double = { size, rng in
            let (x, y) = try ImageFamilies.correlatedGaussianPair(size: size, correlation: 2 * rng.nextUniform() - 1, rng: &rng)
            let exact = try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? 0
            return abs(exact - (try ReLUDualActivation.value(try x.cosine(y) ?? 0)))
        }
        try ctx.estimateFunctionOfMeans(
            "mean |ρ̄_out(X,Y) − R̂(ρ_in(X,Y))| at n = \(large) over n = \(small) (vanishes: at most halves per quadrupling, ≤ 1/2)",
            function: .ratioOfMeans, region: .atMost(0.5), resolution: 0.05, alpha: try ctx.reserveAlpha(0.2),
            label: "gap ratio", pilotSamples: 200, chunkSize: 50,
            note: "≤ 1/2 is a slope ≤ −1/2 in log n; a 1/n rate (ratio 1/4) is expected from averaging over n² positions"
        ) { rng, count in
            var moments = JointMoments(dimension: 2)
            for _ in 0..<count { moments.add([try gap(large, &rng), try gap(small, &rng)]) }
            return moments
        }

        // The figure: 200 pairs per panel, as in the paper.
        var rng = ctx.stream("figure pairs").generator()
        var a: [(Double, Double)] = [], b: [(Double, Double)] = []
        for _ in 0..<200 {
            let (gx, gy) = try gaussian(&rng)
            a.append(try layer(gx, gy, &rng))
            let (px, py) = try patches(&rng)
            b.append(try layer(px, py, &rng))
        }
        let fit = try WeightedLineFit(x: b.map(\.0), y: b.map(\.1), weights: [Double](repeating: 1, count: b.count))
        let curve = RhoGrid.evenly(101, from: -1, to: 1)
        ctx.attach(Figure(
            name: "panel-a", title: "Fig. 1a reproduced: Gaussian pairs (n = 32, r = 3, 100 filters)",
            xLabel: "ρ_in", yLabel: "ρ_out", series: [
                .init(label: "200 random pairs", style: .scatter, x: a.map(\.0), y: a.map(\.1)),
                .init(label: "R̂(ρ_in), eq. (2)", style: .line, x: curve, y: try curve.map(ReLUDualActivation.value)),
                .init(label: "ρ_out = ρ_in", style: .line, x: [-1, 1], y: [-1, 1]),
            ]))
        ctx.attach(Figure(
            name: "proxy-panel", title: "Proxy for Fig. 1b–d: 3-rectangle pictures (least squares slope \(String(format: "%.3f", fit.slope)))",
            xLabel: "ρ_in", yLabel: "ρ_out", series: [
                .init(label: "200 random pairs", style: .scatter, x: b.map(\.0), y: b.map(\.1)),
                .init(label: "ρ_out = ρ_in", style: .line, x: [0, 1], y: [0, 1]),
                .init(label: "R̂(ρ_in)", style: .line, x: RhoGrid.evenly(51, from: 0, to: 1),
                      y: try RhoGrid.evenly(51, from: 0, to: 1).map(ReLUDualActivation.value)),
            ]))
    }
}
