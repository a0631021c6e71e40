import ClaimKit
import Foundation
import GSL

extension ArcCosineKernelClaims {
    /// The input dimension of the Monte Carlo routes.
    static let dimension = 5

    /// Input pairs for the Monte Carlo routes: unequal norms, an acute and an obtuse angle.
    static let pairs: [(norms: (Double, Double), angle: LabelledAngle)] = [
        ((1.3, 0.8), LabelledAngle(Double.pi / 3, "π/3")),
        ((0.9, 1.6), LabelledAngle(2 * Double.pi / 3, "2π/3")),
    ]

    /// √(k_n(x, x) k_n(y, y)) = (2n − 1)!! ‖x‖ⁿ ‖y‖ⁿ: the Cauchy–Schwarz scale of k_n(x, y), against which
    /// the Monte Carlo resolutions are set.
    static func scale(_ n: Int, _ norms: (Double, Double)) -> Double {
        ArcCosineKernel.doubleFactorial(oddBelow: n) * pow(norms.0 * norms.1, Double(n))
    }

    /// CS-EQ1-MC: the integral representation (1) in d = 5 by Monte Carlo.
    static let integralRepresentationMonteCarlo = Claim(
        id: "CS-EQ1-MC", paper: paper, location: "§2, eq. (1) and the closed form of k_n",
        statement: """
        k_n(x, y) = 2 ∫ dw (e^{−‖w‖²/2} / (2π)^{d/2}) Θ(w·x) Θ(w·y) (w·x)ⁿ (w·y)ⁿ = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ).
        """,
        assumptions: [
            "d = 5; w ~ N(0, I_5) drawn coordinate by coordinate (no reduction to the plane of x and y)",
            "x, y of unequal norms (1.3, 0.8) at θ = π/3 and (0.9, 1.6) at θ = 2π/3, in a basis not aligned with the axes",
            "resolution 0.5 % of the Cauchy–Schwarz scale √(k_n(x, x) k_n(y, y)) = (2n − 1)!! ‖x‖ⁿ ‖y‖ⁿ",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1) / Double(pairs.count * 3)
        for pair in pairs {
            let (x, y) = try inputPair(dimension: dimension, norms: pair.norms, angle: pair.angle.value)
            for n in ArcCosineKernel.printedDegrees {
                let closed = try ArcCosineKernel.kernel(n, norms: pair.norms, angle: pair.angle.value)
                try ctx.estimateMean(
                    "k_\(n) at ‖x‖ = \(pair.norms.0), ‖y‖ = \(pair.norms.1), θ = \(pair.angle.label): eq. (1) by Monte Carlo, d = 5",
                    region: .equal(closed), resolution: 0.005 * scale(n, pair.norms), alpha: alpha
                ) { rng, count in
                    let sampler = NormalSampler()
                    return RunningMoments.of(count: count) {
                        let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
                        return 2 * ArcCosineKernel.activation(n, wx) * ArcCosineKernel.activation(n, wy)
                    }
                }
            }
        }
    }

    /// CS-K0-STEP: the degree-0 kernel and the step-function network.
    static let stepKernel = Claim(
        id: "CS-K0-STEP", paper: paper, location: "§2, the case n = 0 and single-layer threshold networks",
        statement: """
        For n = 0 the kernel depends only on the angle: k_0(x, y) = 1 − (1/π) cos⁻¹(x·y / (‖x‖ ‖y‖)); it is the \
        kernel of a large network of step functions Θ(w_i·x): (2/m) Σ_i Θ(w_i·x) Θ(w_i·y) → k_0(x, y).
        """,
        assumptions: [
            "w_i i.i.d. N(0, I_d), d = 5; the fraction of units firing on both inputs estimates P(w·x > 0, w·y > 0) = k_0(x, y)/2",
            "inputs of very different norms (0.2 and 7) to show the independence of the norms",
            "enumeration route: M = 2²⁰ equally spaced directions in the plane of x and y; the fraction firing on both is within 3/M of the arc's share (one point for the grid, one per end point for rounding)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let angles = [LabelledAngle(0.05, "0.05"), LabelledAngle(Double.pi / 4, "π/4"), LabelledAngle(Double.pi / 2, "π/2"),
                      LabelledAngle(3 * Double.pi / 4, "3π/4"), LabelledAngle(Double.pi - 0.05, "π − 0.05")]
        let alpha = try ctx.reserveAlpha(1) / Double(angles.count)
        for theta in angles {
            let k0 = 1 - theta.value / Double.pi
            let (x, y) = try inputPair(dimension: dimension, norms: (0.2, 7), angle: theta.value)
            try ctx.estimateProportion(
                "θ = \(theta.label): P(both step units fire) = k_0/2 = (π − θ)/(2π), Monte Carlo in d = 5",
                region: .equal(k0 / 2), resolution: 0.002, alpha: alpha
            ) { rng, count in
                let sampler = NormalSampler()
                var hits = 0
                for _ in 0..<count {
                    let (wx, wy) = ThresholdNetwork.projections(x, y, rng: &rng, sampler: sampler)
                    if wx > 0 && wy > 0 { hits += 1 }
                }
                return hits
            }
            let directions = 1 << 20
            var both = 0
            for k in 0..<directions {
                let phi = 2 * Double.pi * Double(k) / Double(directions)
                if cos(phi) > 0 && cos(phi - theta.value) > 0 { both += 1 }
            }
            ctx.compare("θ = \(theta.label): 2 × share of 2²⁰ directions firing on both = 1 − θ/π", route: .enumeration,
                        value: 2 * Double(both) / Double(directions), error: 6 / Double(directions),
                        reference: k0, referenceRoute: .closedForm, resolution: 1e-4)
        }
    }

    /// CS-NET-LIMIT: the single-layer threshold network's normalized inner product tends to k_n.
    static let singleLayerLimit = Claim(
        id: "CS-NET-LIMIT", paper: paper, location: "§2, single-layer threshold networks",
        statement: """
        For f(x) = g_n(W x) with g_n(z) = Θ(z) zⁿ (step, ramp and quarter-pipe for n = 0, 1, 2) and the m × d weight \
        matrix W with i.i.d. zero-mean unit-variance Gaussian entries, lim_{m→∞} (2/m) f(x)·f(y) = k_n(x, y).
        """,
        assumptions: [
            "d = 5, x, y with norms (1.3, 0.8) at θ = π/3",
            "the limit is a law of large numbers: (2/m) f(x)·f(y) is a mean of m i.i.d. terms, so it is checked as (a) its mean equals k_n at a finite width (m = 64) and (b) its RMS deviation from k_n falls like m^{−1/2} (slope of log RMS on log m over m = 8 ... 512, resolution 0.05)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let pair = pairs[0]
        let (x, y) = try inputPair(dimension: dimension, norms: pair.norms, angle: pair.angle.value)
        let alpha = try ctx.reserveAlpha(1) / 6
        let widths = [8, 32, 128, 512]
        var series: [Figure.Series] = []
        for n in ArcCosineKernel.printedDegrees {
            let closed = try ArcCosineKernel.kernel(n, norms: pair.norms, angle: pair.angle.value)
            try ctx.estimateMean("n = \(n): E[(2/m) f(x)·f(y)] at m = 64 = k_\(n)(x, y)", region: .equal(closed),
                                 resolution: 0.01 * scale(n, pair.norms), alpha: alpha, pilotSamples: 2000, chunkSize: 1024) { rng, count in
                let sampler = NormalSampler()
                return RunningMoments.of(count: count) {
                    ThresholdNetwork.innerProduct(n, x, y, width: 64, rng: &rng, sampler: sampler)
                }
            }
            // The draws are planned for half the resolution (a slope interval of half-width δ/4, not δ/2): the fit
            // widens its interval by √(χ²/dof) when the points scatter more than their delta-method errors say
            // (d² is heavy-tailed at small widths), and the margin keeps that from leaving it undecided.
            let resolution = ctx.scaled(0.05)
            let rms = try LogRMSRate.estimate(ctx, "n = \(n) RMS", sizes: widths, x: widths.map { log(Double($0)) },
                                              resolution: resolution / 2, alpha: alpha, chunkSize: 256) { rng, m in
                ThresholdNetwork.innerProduct(n, x, y, width: m, rng: &rng) - closed
            }
            try ctx.fitSlope("n = \(n): slope of log RMS((2/m) f(x)·f(y) − k_\(n)) on log m = −1/2",
                             x: widths.map { log(Double($0)) }, y: rms.y, standardErrors: rms.errors, region: .equal(-0.5),
                             resolution: resolution, alpha: alpha, samples: rms.samples)
            let g = ["step", "ramp", "quarter-pipe"][n]
            series.append(Figure.Series(label: "n = \(n) (\(g))", style: .scatter, x: widths.map { log(Double($0)) },
                                        y: rms.y, errors: rms.errors))
            series.append(Figure.Series(label: "slope −1/2 through n = \(n)'s first point", style: .line,
                                        x: widths.map { log(Double($0)) },
                                        y: widths.map { rms.y[0] - 0.5 * (log(Double($0)) - log(Double(widths[0]))) }))
        }
        ctx.attach(Figure(name: "width-rate", title: "RMS deviation of (2/m) f(x)·f(y) from k_n(x, y) against the width m",
                          xLabel: "log m", yLabel: "log RMS deviation", series: series))
    }

    /// CS-MULTILAYER: the recursion for the multilayer kernel against deep random networks.
    static let multilayerRecursion = Claim(
        id: "CS-MULTILAYER", paper: paper, location: "§2, multilayer threshold networks",
        statement: """
        The kernel of ℓ layers, k^(ℓ)(x, y) = Φ(Φ(...Φ(x)))·Φ(Φ(...Φ(y))), satisfies \
        k_n^(ℓ+1)(x, y) = (1/π) [k_n^(ℓ)(x, x) k_n^(ℓ)(y, y)]^{n/2} J_n(θ_n^(ℓ)) with \
        θ_n^(ℓ) = cos⁻¹(k_n^(ℓ)(x, y) [k_n^(ℓ)(x, x) k_n^(ℓ)(y, y)]^{−1/2}): it is the kernel of a deep network \
        of threshold units in the limit of infinitely many units per layer.
        """,
        assumptions: [
            "network: h^(0) = x, h^(ℓ) = √(2/m) g_n(W^(ℓ) h^(ℓ−1)), all weights i.i.d. N(0, 1), m = 4096 units per layer; the recursion is its m → ∞ limit (finite-width bias O(1/m) ≈ 2.4e-4, below the resolution)",
            "the network is simulated exactly through each layer's 2 × 2 Gram matrix (a Gaussian weight row sees the previous layer only through it); the explicit forward pass has the same law (a test checks it at m = 32)",
            "degrees n = 0 (step) and n = 1 (ramp), depths ℓ = 2, 3; inputs of norms (1.5, 0.7) at θ = 2π/3 in d = 5",
            "resolution 0.3 % of √(k^(ℓ)(x, x) k^(ℓ)(y, y)) for the inner products, 1 % for the norm",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let norms = (1.5, 0.7), theta = 2 * Double.pi / 3, width = 4096
        let input = MultilayerGram(norms: norms, angle: theta)
        let alpha = try ctx.reserveAlpha(1) / 5
        for n in 0...1 {
            for layers in 2...3 {
                let limit = try input.after(layers, degree: n)
                try ctx.estimateMean("n = \(n), ℓ = \(layers): h(x)·h(y) of the deep network = recursion k^(ℓ)(x, y)",
                                     region: .equal(limit.xy), resolution: 0.003 * (limit.xx * limit.yy).squareRoot(),
                                     alpha: alpha, pilotSamples: 500, chunkSize: 64) { rng, count in
                    let sampler = NormalSampler()
                    return RunningMoments.of(count: count) {
                        ThresholdNetwork.deepGram(n, input: input, layers: layers, width: width, rng: &rng, sampler: sampler)[layers - 1].xy
                    }
                }
            }
        }
        let limit = try input.after(3, degree: 1)
        try ctx.estimateMean("n = 1, ℓ = 3: ‖h(x)‖² of the deep network = k^(3)(x, x) = ‖x‖² (the ramp keeps norms)",
                             region: .equal(limit.xx), resolution: 0.01 * limit.xx, alpha: alpha,
                             pilotSamples: 500, chunkSize: 64) { rng, count in
            let sampler = NormalSampler()
            return RunningMoments.of(count: count) {
                ThresholdNetwork.deepGram(1, input: input, layers: 3, width: width, rng: &rng, sampler: sampler)[2].xx
            }
        }
        let angles = (0...90).map { Double($0) * Double.pi / 90 }
        ctx.attach(Figure(
            name: "angle-maps", title: "Angle between the features after ℓ layers, θ^(ℓ), against the input angle",
            xLabel: "θ (input)", yLabel: "θ^(ℓ)",
            series: try [0, 1].flatMap { n in
                try [1, 2, 3, 5].map { layers in
                    Figure.Series(label: "n = \(n), ℓ = \(layers)", style: .line, x: angles,
                                  y: try angles.map { try MultilayerGram(norms: (1, 1), angle: $0).after(layers, degree: n).angle })
                }
            }))
    }
}
