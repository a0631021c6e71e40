import ClaimKit
import Foundation
import GSL
import RandomNetworkChecks
import RandomNetworks
import Randomness

extension LayerNormClaims {
    /// The kernels of a sweep: closed-form activation kernels, Hermite polynomials (coefficients), and beyond the quick
    /// budget tanh by nested QUADPACK (unless `quadrature` is false).
    static func kernelSweep(_ ctx: ClaimContext, activations: [Activation], polynomials: [[Double]],
                            quadrature: Bool = true) throws -> [any GaussianKernel] {
        var kernels: [any GaussianKernel] = try activations.map { try ActivationKernel($0) }
        kernels += try polynomials.map { try HermitePolynomial(coefficients: $0) }
        if quadrature, ctx.budget != .quick { kernels.append(try tanhQuadratureKernel.get()) }
        return kernels
    }

    /// tanh's kernel by nested QUADPACK, built once per process: its norms and error grid (about 25 quadratures)
    /// are the same in every sweep.
    static let tanhQuadratureKernel = Result { try ActivationKernel(.tanh, route: .quadrature) }

    /// The kernels of the Theorem 2 sweeps: the catalog's activations and two Hermite polynomials.
    static func residualKernels(_ ctx: ClaimContext, quadrature: Bool = true) throws -> [any GaussianKernel] {
        try kernelSweep(ctx, activations: [.relu, .leakyReLU(slope: 0.3), .leakyReLU(slope: -0.5), .erf(scale: 0.5), .erf(scale: 1),
                                           .erf(scale: 3)], polynomials: [[0, 1, 1], [0.5, 0.3, 1, 0.4]], quadrature: quadrature)
    }

    /// The error of a computed ratio LHS/RHS of Theorems 1 and 2: relative 1e-10 (ρ_max is refined to 1e-12 in
    /// ρ_0, the compositions add a few ulp per layer, the tanh kernel carries QUADPACK's 1e-11).
    static func theoremRatioError(_ ratio: Double) -> Double { 1e-10 * (1 + ratio) }

    static let theoremTwo = Claim(
        id: "LN-T2", paper: Papers.layernorm, location: "§3, Theorem 2 (proof in A.2)",
        statement: """
        For the residual network of §3 in the limit n, m_l → ∞, \
        ‖∂z^{(L)}/∂z^{(0)}‖²_op ≥ ((1 − ρ_max)²/8) Σ_l σ_(l)² ‖φ_l − φ̄_l‖²/(1 + σ_(l)² ‖φ_l‖²), \
        ρ_max = max_l min_{x_α,x_β} z^{(l)}(x_α)·z^{(l)}(x_β)/N_l. The proof (end of A.2) concludes with ‖φ_l'‖² in the denominator.
        """,
        assumptions: [
            "infinite width: the LHS is the kernel derivative ∏ P_l'(1) with P_l of (A.10) (Remark 4's form, as for Theorem 1)",
            "the sweep uses the closed-form kernels (ReLU, LReLU_0.3, LReLU_−0.5, erf(βx) for β = 0.5, 1, 3) and two Hermite polynomials; tanh's nested QUADPACK is too slow for the ρ_max scans",
            "ρ_max over input pairs on the sphere = min over ρ_0 ∈ [−1, 1] of the composed maps (grid + golden section)",
            "finite width: ‖J‖²_op = (n/n) σ_max² at one input of a network with n = m = 128, against the RHS with the infinite-width ρ_max",
            "tight companion (the RHS is far below a typical ‖J‖²_op): the mean tangent secant E‖J u‖²/‖u‖² ≤ ‖J‖²_op equals its infinite-width value ∏P'(1) of (A.10) within 5% at n = m = 1024 (blocks drawn in distribution), up to a finite-width drift of ±4L/n (a band set after seeing the drift: post hoc)",
            "both denominators are checked: ‖φ‖² (statement) and ‖φ'‖² (what the proof derives, E-LN-3)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var printed = WorstCase(.atLeast), proof = WorstCase(.atLeast)
        for kernel in try residualKernels(ctx, quadrature: false) {
            for variance in [0.1, 1, 10] {
                for depth in ctx.scope(quick: [1, 5, 20], full: [1, 5, 20, 100]) {
                    let sides = try ResidualNetworks.theoremTwoSides(try ResidualNetworks.network(kernel, variance: variance, depth: depth))
                    let label = "\(kernel), σ² = \(variance), L = \(depth)"
                    printed.add(sides.lhs / sides.printed - 1, error: theoremRatioError(sides.lhs / sides.printed), label)
                    proof.add(sides.lhs / sides.proof - 1, error: theoremRatioError(sides.lhs / sides.proof), label)
                }
            }
        }
        printed.record(ctx, "∏P'(1)/RHS − 1 ≥ 0 with the statement's ‖φ‖²", route: .closedForm, resolution: 1e-6)
        proof.record(ctx, "∏P'(1)/RHS − 1 ≥ 0 with the proof's ‖φ'‖²", route: .closedForm, resolution: 1e-6)
        // Finite width: a ReLU ResNet, n = m = 128, L = 5, σ² = 1; the fraction of networks whose squared
        // Jacobian norm at x exceeds the RHS, by an anytime-valid confidence sequence.
        let depth = 5, width = 128
        let blocks = try Array(repeating: ResidualBlock(hiddenWidth: width, activation: .relu, residualVariance: 1), count: depth)
        let network = try ResidualNetwork(width: width, blocks: blocks)
        let rhs = try ResidualNetworks.theoremTwoSides(try ResidualNetworks.network(ActivationKernel(.relu), variance: 1, depth: depth)).printed
        let input = try FiniteWidthNetworks.input(width: width)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        try MeanFieldChecks.assertMostNetworks(
            ctx, "P(‖J‖²_op ≥ RHS = \(rhs)) over ReLU ResNets, n = m = 128, L = 5, σ² = 1", alpha: alpha
        ) { seed in
            let jacobian = try network.jacobian(at: input, stream: seed).jacobian
            return try JacobianNorm.operatorNorm(jacobian, relativeTolerance: 1e-4).operatorNormSquared >= rhs
        }
        // The tight link: ‖J‖²_op ≥ the mean tangent secant ≈ ∏P'(1) of (A.10), drawn block by block in distribution.
        let separation = SecantIdentity.tangentSeparation
        let wide = try ResidualNetwork(width: SecantIdentity.width, blocks: try Array(
            repeating: ResidualBlock(hiddenWidth: SecantIdentity.width, activation: .relu, residualVariance: 1), count: depth))
        let sampler = NormalSampler()
        try SecantIdentity.record(
            ctx, "ReLU ResNet, n = m, L = \(depth), σ² = 1", depth: depth, separation: separation,
            prediction: (try ResidualNetworks.network(ActivationKernel(.relu), variance: 1, depth: depth)
                .complements(startingAt: separation).last!) / separation,
            alpha: alpha
        ) { rng in try wide.sampledBlockStatistics(inputCosine: 1 - separation, rng: &rng, sampler: sampler).last!.outputCosine }
    }

    static let residualCorrelationMap = Claim(
        id: "LN-A10", paper: Papers.layernorm, location: "App. A.2, eq. (A.10)",
        statement: """
        For the residual block, Y·Y'/(‖Y‖‖Y'‖) = ρ_{l−1}, y·y'/n = ρ_{l−1} + σ_(l)² 𝔆[φ_l|ρ_{l−1}], and \
        ρ_l = P_l(ρ_{l−1}) = (ρ_{l−1} + σ_(l)² 𝔆[φ_l|ρ_{l−1}])/(1 + σ_(l)² ‖φ_l‖²).
        """,
        assumptions: [
            "mean-field limit n, m → ∞; at finite width the mean deviates by O(1/n): the claimed region is ±s/n (resolution s/n), s = 1 for the cosines and s = 1 + σ²‖ReLU‖² = 1 + σ²/2 for y·y'/n (its scale), and the RMS deviation must fall like n^{−1/2}",
            "block as in §3 (reconstructed, Q-LN-4): U variance 1, V variance σ², no biases, layer norm after the residual sum",
            "exact pair sampler (rotation invariance) as the main route; the full network (OpenBLAS) at n = m = 128 as the second, all three quantities read off its Y, y and z; within a route and setting the three checks read the same draws",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(0.8, splitOver: 12)
        let sampler = NormalSampler()
        let width = 256
        let names = ["Y·Y'/(‖Y‖‖Y'‖)", "y·y'/n", "ρ_1 = z·z'/n"]
        func targets(_ variance: Double, _ rho: Double) throws -> [Double] {
            let map = try ResidualCorrelationMap(.relu, residualVariance: variance)
            return [rho, rho + variance * (try map.kernel.covariance(rho)), try map(rho)]
        }
        for (variance, rho) in [(1.0, 0.3), (4.0, -0.5), (0.25, 0.9)] {
            let network = try ResidualNetwork(width: width, blocks: [try ResidualBlock(hiddenWidth: width, activation: .relu,
                                                                                       residualVariance: variance)])
            // The three statistics are read from the same sampled blocks (one stream, one cache).
            let blocks = ReplicateCache<[Double]>()
            for (index, target) in try targets(variance, rho).enumerated() {
                try MeanFieldChecks.assertLimit(
                    ctx, "\(names[index]) − limit at σ² = \(variance), ρ_0 = \(rho), n = m = \(width) (pair sampler)", width: width,
                    scale: index == 1 ? 1 + variance / 2 : 1, alpha: alpha, label: "blocks at σ² = \(variance), ρ_0 = \(rho) (pair sampler)"
                ) { rng in
                    try blocks.value(&rng) { rng in
                        let record = try network.sampledBlockStatistics(inputCosine: rho, rng: &rng, sampler: sampler)[0]
                        return [record.hiddenCosine, record.residualInnerProduct, record.outputCosine]
                    }[index] - target
                }
            }
        }
        // Second route: the full network with its weights (Y, y and z observed in propagate), n = m = 128, σ² = 1, ρ_0 = 0.3.
        let small = 128
        let full = try ResidualNetwork(width: small, blocks: [try ResidualBlock(hiddenWidth: small, activation: .relu, residualVariance: 1)])
        let pair = try LayerNormMLP.inputPair(cosine: 0.3, width: small)
        let networks = ReplicateCache<[Double]>()
        for (index, target) in try targets(1, 0.3).enumerated() {
            try MeanFieldChecks.assertLimit(
                ctx, "\(names[index]) − limit at σ² = 1, ρ_0 = 0.3, n = m = \(small) (full network, OpenBLAS)", width: small,
                scale: index == 1 ? 1.5 : 1, alpha: alpha, pilotSamples: 100, chunkSize: 25,
                label: "networks at σ² = 1, ρ_0 = 0.3 (full network)"
            ) { rng in
                try networks.value(&rng) { rng in
                    var values: ResidualNetwork.BlockValues?
                    _ = try full.propagate(pair, stream: StreamSeed(root: rng.next())) { _, block in values = block }
                    return [values!.hidden, values!.residual, values!.output].enumerated().map { stage, matrix in
                        let a = matrix.column(0), b = matrix.column(1)
                        return stage == 0 ? Vector.cosine(a, b)! : Vector.dot(a, b) / Double(small)
                    }
                }[index] - target
            }
        }
        let target = try ResidualCorrelationMap(.relu, residualVariance: 1)(0.3)
        // The limit: the RMS deviation of ρ_1 from P(ρ_0) falls like n^{−1/2} (n = m = 64 … 4096).
        try MeanFieldChecks.assertFluctuationSlope(
            ctx, "slope of log RMS(ρ_1 − P(ρ_0)) on log n, σ² = 1, ρ_0 = 0.3", widths: [64, 256, 1024, 4096],
            alpha: try ctx.reserveAlpha(0.2)
        ) { n in
            let network = try ResidualNetwork(width: n, blocks: [try ResidualBlock(hiddenWidth: n, activation: .relu, residualVariance: 1)])
            return { rng in try network.sampledBlockStatistics(inputCosine: 0.3, rng: &rng, sampler: sampler)[0].outputCosine - target }
        }
    }

    static let residualDecomposition = Claim(
        id: "LN-A2-DECOMP", paper: Papers.layernorm, location: "App. A.2, display after (A.12)",
        statement: """
        P̃_l(t) = (1 − ρ̃_{l−1})/(1 − ρ̃_{l−1} + σ²A)·t + σ²A/(1 − ρ̃_{l−1} + σ²A)·g(t), with A = ‖φ_l‖² − 𝔆[φ_l|ρ̃_{l−1}] and \
        g(t) = (𝔆[φ_l|ρ̃_{l−1} + (1 − ρ̃_{l−1})t] − 𝔆[φ_l|ρ̃_{l−1}])/A.
        """,
        assumptions: ["P̃_l the crop (A.2) of the residual map (A.10) at ρ̃_{l−1} ∈ [0, 1)",
                      "also 1 − ρ̃_l = (1 − ρ̃_{l−1} + σ²A)/(1 + σ²‖φ‖²)"],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("cases").generator()
        let kernels = try residualKernels(ctx)
        let cases = (0..<ctx.scope(quick: 200, full: 400)).map { _ in
            let kernel = kernels[Int(rng.nextUniform() * Double(kernels.count))]
            let variance = pow(10, -2 + 4 * rng.nextUniform()), tilde = 0.99 * rng.nextUniform(), t = rng.nextUniform()
            return (kernel: kernel, variance: variance, tilde: tilde, t: t)
        }
        let evaluations = try sweep(ctx, cases) { kernel, variance, tilde, t in
            let map = try ResidualCorrelationMap(kernel: kernel, residualVariance: variance)
            let (p, q, a) = try map.residualDecomposition(oneMinusRhoTilde: 1 - tilde)
            let next = try map(tilde)
            let direct = (try map(tilde + (1 - tilde) * t) - next) / (1 - next)
            let g = (try kernel.covariance(tilde + (1 - tilde) * t) - kernel.covariance(tilde)) / a
            return (p: p, q: q, a: a, next: next, direct: direct, g: g, normalization: map.normalization)
        }
        var crop = WorstCase(.atMost), complement = WorstCase(.atMost)
        for ((kernel, variance, tilde, t), (p, q, a, next, direct, g, normalization)) in zip(cases, evaluations) {
            let label = "\(kernel), σ² = \(variance), ρ̃ = \(tilde), t = \(t)"
            // Rounding: differences of O(1 + σ²‖φ‖²) numbers divided by 1 − ρ̃_l and by A (and the kernel's own error).
            let scale = 1 + variance * kernel.normSquared
            let rounding = 16 * Double.ulpOfOne * (scale / (1 - next) / normalization + kernel.normSquared / a)
                + 4 * kernel.absoluteError / a
            crop.add(abs(direct - (p * t + q * g)), error: rounding, label)
            complement.add(abs((1 - next) / ((1 - tilde + variance * a) / normalization) - 1), error: rounding, label)
        }
        crop.record(ctx, "|P̃(t) − (p t + q g(t))| over random (φ, σ², ρ̃, t)", route: .closedForm, resolution: 1e-9)
        complement.record(ctx, "relative deviation of 1 − ρ̃_l from (1 − ρ̃_{l−1} + σ²A)/(1 + σ²‖φ‖²)", route: .closedForm,
                          resolution: 1e-9)
    }

    static let residualPropertyEightStep = Claim(
        id: "LN-A2-P8STEP", paper: Papers.layernorm, location: "App. A.2, \"From property 8 we can deduce\"",
        statement: "From Property 8, e(P̃_l) ≥ σ_(l)² A·e(g)/(1 − ρ̃_{l−1} + σ_(l)² A), i.e. e(p·id + q·g) ≥ q·e(g).",
        assumptions: ["p, q, A, g as in LN-A2-DECOMP; Property 8 gives only q e(g)/(1 + p e(g))"],
        kind: .inequality,
        expectation: .erratum(printed: "e(P̃_l) ≥ q·e(g)", corrected: "e(P̃_l) ≥ q·e(g)/(1 + p·e(g)) (Property 8 as stated)")
    ) { ctx in
        let hinge = try ConvexFamilies.mixture(ConvexFamilies.hinge(0.9), p: 0.5).excess()
        let g = try ConvexFamilies.hinge(0.9).excess()
        ctx.bound("hinge c = 0.9, p = q = 1/2: e(p id + q g) − q e(g) = \(hinge.value) − \(0.5 * g.value)", route: .rootFinding,
                  value: hinge.value - 0.5 * g.value, error: hinge.error + 0.5 * g.error, region: .atLeast(0), resolution: 1e-12)
        let map = try ResidualCorrelationMap(.leakyReLU(slope: 0.3), residualVariance: 0.01)
        let layer = try ResidualNetworks.layerExcess(map, tilde: 0)
        ctx.bound("ResNet layer LReLU_0.3, σ² = 0.01, ρ̃ = 0: e(P̃) − q e(g) = \(layer.layer.value) − \(layer.q * layer.g.value)",
                  route: .rootFinding, value: layer.layer.value - layer.q * layer.g.value,
                  error: layer.layer.error + layer.q * layer.g.error, region: .atLeast(0), resolution: 1e-12)
        var corrected = WorstCase(.atLeast)
        var violations = 0, cases = 0
        for kernel in try residualKernels(ctx) where kernel.linearizationResidual > 0 {
            let quadrature = kernel.absoluteError > 0
            for variance in quadrature ? [0.01, 1] : [0.01, 0.1, 1, 10, 100] {
                for tilde in quadrature ? [0, 0.7] : [0, 0.3, 0.7, 0.9] {
                    let r = try ResidualNetworks.layerExcess(try ResidualCorrelationMap(kernel: kernel, residualVariance: variance), tilde: tilde)
                    let bound = r.q * r.g.value / (1 + r.p * r.g.value)
                    corrected.add((r.layer.value - bound) / bound, error: (r.layer.error + r.g.error) / bound,
                                  "\(kernel), σ² = \(variance), ρ̃ = \(tilde)")
                    // A violation only beyond the error margin of both sides.
                    let margin = NumericalTolerance.defaultSafetyFactor * (r.layer.error + r.q * r.g.error)
                    if r.layer.value - r.q * r.g.value < -margin { violations += 1 }
                    cases += 1
                }
            }
        }
        ctx.bound("ResNet layers (kernels × σ² × ρ̃): layers with e(P̃) < q e(g): \(violations) of \(cases)",
                  route: .rootFinding, value: Double(violations), region: .atMost(0), resolution: 0.5, samples: cases)
        corrected.record(ctx, "e(P̃)/(q e(g)/(1 + p e(g))) − 1 ≥ 0 over the same layers", subject: .corrected,
                         route: .rootFinding, resolution: 1e-9)
    }

    static let residualCropBound = Claim(
        id: "LN-A2-EG", paper: Papers.layernorm, location: "App. A.2, \"And property 7 states\"",
        statement: "e(g) ≥ (1 − ρ̃_{l−1})² ‖φ_l − φ̄_l‖²/(2A), A = ‖φ_l‖² − 𝔆[φ_l|ρ̃_{l−1}].",
        assumptions: ["g the crop of 𝔆[φ_l|·] to [ρ̃_{l−1}, 1] (first bound of Property 7)",
                      "ρ̃ on a grid and ρ̃_l from iterating actual residual networks"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var cases: [(any GaussianKernel, Double)] = []
        for kernel in try residualKernels(ctx) where kernel.linearizationResidual > 0 {
            var tildes = [0, 0.3, 0.7, 0.9, 0.99]
            tildes += try ResidualNetworks.network(kernel, variance: 1, depth: 10).tildeComplements.dropFirst().map { 1 - $0 }
            cases += tildes.filter { $0 < 1 - 1e-9 }.map { (kernel, $0) }
        }
        let crops = try sweep(ctx, cases) { kernel, tilde in
            (try ConvexFamilies.croppedCovariance(kernel, r: tilde).excess(), try kernel.covarianceGap(1 - tilde))
        }
        var worst = WorstCase(.atLeast)
        for ((kernel, tilde), (e, a)) in zip(cases, crops) {
            let bound = (1 - tilde) * (1 - tilde) * kernel.linearizationResidual / (2 * a)
            worst.add(e.value / bound - 1, error: e.error / bound + 10 * kernel.absoluteError / min(a, kernel.linearizationResidual),
                      "\(kernel), ρ̃ = \(tilde)")
        }
        worst.record(ctx, "e(g)/bound − 1 ≥ 0 over kernels × ρ̃", route: .rootFinding, resolution: 1e-9)
    }

    static let residualABound = Claim(
        id: "LN-A2-ABOUND", paper: Papers.layernorm, location: "App. A.2, \"Finally we use\"",
        statement: "A ≤ (1 − ρ̃_{l−1}) ‖φ_l'‖², with A = ‖φ_l‖² − 𝔆[φ_l|ρ̃_{l−1}].",
        assumptions: ["ρ̃_{l−1} ∈ [0, 1]; the chord of the convex 𝔆[φ|·] on [ρ̃, 1] against its slope ‖φ'‖² at 1"],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let worst = try denominatorSlack(ctx, try residualKernels(ctx), step: 0.01, variable: "ρ̃")
        worst.record(ctx, "(A − (1 − ρ̃)‖φ'‖²)/‖φ'‖² ≤ 0 over kernels and ρ̃ ∈ [0, 1]", route: .closedForm, resolution: 1e-10)
    }

    static let residualPerLayerBound = Claim(
        id: "LN-A2-PERLAYER", paper: Papers.layernorm, location: "App. A.2, last display before the conclusion",
        statement: "e(P̃_l) ≥ σ_(l)² (1 − ρ̃_{l−1}) ‖φ_l − φ̄_l‖²/(2(1 + σ_(l)² ‖φ_l'‖²)).",
        assumptions: [
            "derived through the invalid step LN-A2-P8STEP; checked here directly",
            "the bound is tight for quadratic φ (𝔆 quadratic, e of the quadratic crop in closed form) as σ² → 0 and ρ̃ → 1",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var cases: [(kernel: any GaussianKernel, variance: Double, tilde: Double)] = []
        for kernel in try residualKernels(ctx) where kernel.linearizationResidual > 0 {
            // tanh's kernel is nested QUADPACK: a coarser sweep keeps the time down.
            let quadrature = kernel.absoluteError > 0
            for variance in quadrature ? [0.01, 1, 100] : [0.01, 0.1, 1, 10, 100, 1e4] {
                var tildes = quadrature ? [0, 0.5, 0.9] : [0, 0.3, 0.7, 0.9, 0.99]
                if !quadrature {
                    tildes += try ResidualNetworks.network(kernel, variance: variance, depth: 4).tildeComplements.dropFirst(2).map { 1 - $0 }
                }
                cases += tildes.filter { $0 < 1 - 1e-6 }.map { (kernel, variance, $0) }
            }
        }
        let layers = try sweep(ctx, cases) { kernel, variance, tilde in
            try ResidualNetworks.layerExcess(try ResidualCorrelationMap(kernel: kernel, residualVariance: variance), tilde: tilde).layer
        }
        var worst = WorstCase(.atLeast)
        for ((kernel, variance, tilde), layer) in zip(cases, layers) {
            let bound = variance * (1 - tilde) * kernel.linearizationResidual / (2 * (1 + variance * kernel.derivativeNormSquared))
            worst.add(layer.value / bound - 1, error: layer.error / bound + 10 * kernel.absoluteError / kernel.linearizationResidual,
                      "\(kernel), σ² = \(variance), ρ̃ = \(tilde)")
        }
        worst.record(ctx, "e(P̃_l)/bound − 1 ≥ 0 over kernels × σ² × ρ̃", route: .rootFinding, resolution: 1e-9)
        // Tight probe: φ = h_1 + h_2, 𝔆 = ρ + ρ²; P̃ = p t + q g is quadratic with t² coefficient Q = q(1 − ρ̃)²/A.
        let quadratic = try HermitePolynomial(coefficients: [0, 1, 1])
        for (variance, tilde) in [(1e-3, 0.99), (1e-2, 0.9), (1.0, 0.5)] {
            let map = try ResidualCorrelationMap(kernel: quadratic, residualVariance: variance)
            let (_, q, a) = try map.residualDecomposition(oneMinusRhoTilde: 1 - tilde)
            let e = try ExcessConvexity.ofQuadratic(curvature: q * (1 - tilde) * (1 - tilde) / a)
            let bound = variance * (1 - tilde) / (2 * (1 + 3 * variance))
            ctx.bound("φ = h1 + h2, σ² = \(variance), ρ̃ = \(tilde): e(P̃)/bound − 1 (closed-form e)", route: .closedForm,
                      value: e / bound - 1, error: 1e-13, region: .atLeast(0), resolution: 1e-12)
            if variance == 1.0 {
                let brent = try ResidualNetworks.layerExcess(map, tilde: tilde).layer
                ctx.compare("φ = h1 + h2, σ² = 1, ρ̃ = 0.5: e(P̃) by Brent vs the quadratic closed form", route: .rootFinding,
                            value: brent.value, error: brent.error, reference: e, referenceRoute: .closedForm, resolution: 1e-12)
            }
        }
    }

    static let residualIdentity = Claim(
        id: "LN-T2-ID", paper: Papers.layernorm, location: "§3, after Theorem 2",
        statement: """
        Theorem 2 permits another alternative: initialization variances σ_(l) of the weights V^{(l)} being small. This \
        situation is not problematic; in the extreme case σ_(l) = 0 the network is initialized as the identity.
        """,
        assumptions: ["‖x‖² = n (inputs on the sphere, where the layer norm is the identity)",
                      "small σ²: the Theorem 2 bound then forces nothing (its RHS → 0 like σ², its LHS → 1)"],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let width = 64
        let network = try ResidualNetwork(width: width, blocks: try Array(repeating: ResidualBlock(hiddenWidth: 48, activation: .erf(scale: 1),
                                                                                              residualVariance: 0), count: 10))
        let pair = try LayerNormMLP.inputPair(cosine: 0.37, width: width)
        let z = try network.propagate(pair, stream: ctx.stream("network")).output
        let deviation = zip(z.storage, pair.storage).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
        ctx.bound("σ² = 0, 10 erf blocks, n = 64: max |z^{(L)} − x|", route: .enumeration, value: deviation,
                  error: 10 * 4 * Double.ulpOfOne * Double(width).squareRoot(), region: .atMost(0), resolution: 1e-10,
                  note: "error: ten renormalizations, each a few ulp of coordinates of size ≤ √n")
        let map = try ResidualCorrelationMap(.erf(scale: 1), residualVariance: 0)
        ctx.compare("σ² = 0: P(0.37) = 0.37", route: .closedForm, value: try map(0.37), reference: 0.37,
                    referenceRoute: .closedForm, resolution: 1e-13)
        ctx.compare("σ² = 0: P'(1) = 1", route: .closedForm, value: map.slopeAtOne, reference: 1, referenceRoute: .closedForm,
                    resolution: 1e-13)
        var variances: [Double] = [], rhs: [Double] = [], lhs: [Double] = []
        for exponent in stride(from: -6.0, through: -2.0, by: 1) {
            let variance = pow(10, exponent)
            let sides = try ResidualNetworks.theoremTwoSides(try ResidualNetworks.network(ActivationKernel(.erf(scale: 1)), variance: variance, depth: 20))
            variances.append(variance); rhs.append(sides.printed); lhs.append(sides.lhs)
        }
        let slope = log(rhs.last! / rhs.first!) / log(variances.last! / variances.first!)
        ctx.bound("erf ResNet, L = 20: log-log slope of the Theorem 2 RHS in σ² over 10⁻⁶…10⁻²", route: .closedForm,
                  value: slope, error: 1e-9, region: .between(0.9, 1.1), resolution: 1e-3,
                  note: "RHS ∝ σ² (1 − ρ_max)² with 1 − ρ_max = 2 for odd erf: slope 1 up to O(σ²)")
        ctx.bound("erf ResNet, L = 20, σ² = 10⁻⁶: ∏P'(1) − 1", route: .closedForm, value: lhs.first! - 1, error: 1e-12,
                  region: .between(0, 1e-4), resolution: 1e-9)
        ctx.attach(Figure(name: "small-variance", title: "Theorem 2 for an erf ResNet (L = 20) as σ² → 0",
                          xLabel: "log10 σ²", yLabel: "log10", series: [
                            .init(label: "RHS of Theorem 2", style: .line, x: variances.map(log10), y: rhs.map(log10)),
                            .init(label: "∏ P'(1) − 1", style: .line, x: variances.map(log10), y: lhs.map { log10($0 - 1) }),
                          ]))
    }
}
