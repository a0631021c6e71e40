import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    static let padding = Claim(
        id: "ASV-PADDING", paper: Papers.asv, location: "§5, third paragraph",
        statement: """
        For a convolution layer with padding, fewer signals are fed to the convolution at the corner or the border of \
        images: |s(ℓ, i)| there is smaller than elsewhere, and so is ε_ℓ, which increases σ²_{w^(ℓ)}. The Kaiming method \
        does not consider the padding operation, which causes the difference between the proposed and Kaiming methods.
        """,
        assumptions: [
            "3×3 kernels, padding 1, stride 1, no pooling, the layer before a ReLU layer (τ = 1/2): σ²(17)/σ²_Kaiming = k²d M'_ℓ/ε_ℓ = 9w²/(3w − 2)² (derived here)",
            "Monte Carlo consequence: networks of three such ReLU layers (32 channels) and a fully connected identity output, white-noise input, weights by (17) or by He et al.'s rule (1/S_1, then 2/S_ℓ); q^(ℓ) = mean of (u^(ℓ))² over units and 2 images per network, t-interval over networks, their number planned from the resolution and alpha by a pilot of 64 networks",
            "the per-unit recursion (B.7) with E ReLU(u)² = q/2 (u is symmetric) is exact in expectation without pooling; its average over units is the reference, for the three convolution layers (the 10-unit output layer is shown in the figure as the exact recursion only: its q varies too much between networks)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        for side in [4, 8, 16, 32] {
            let input = try FeatureMapShape(width: side, height: side, channels: 3)
            let before = try ConvPoolLayer.square(input: input, outputChannels: 3, kernel: 1)
            let layer = try ConvPoolLayer.square(input: before.output, outputChannels: 4, kernel: 3, padding: 1)
            let ratio = try ASVInitialization.forwardVariances(ConvPoolStack(layers: [before, layer]))[1]
                / ASVInitialization.kaimingForward(layer)
            let w = Double(side)
            ctx.compare("\(side)×\(side): σ²(17) / σ²_Kaiming = 9w²/(3w − 2)²", route: .enumeration, value: ratio,
                        reference: 9 * w * w / ((3 * w - 2) * (3 * w - 2)), referenceRoute: .closedForm, resolution: 1e-12)
            ctx.bound("\(side)×\(side): σ²(17) / σ²_Kaiming > 1", route: .enumeration, value: ratio,
                      region: .atLeast(1 + 1e-9))
            compareCount(ctx, "\(side)×\(side): |s(ℓ, corner)| = 4d < |s(ℓ, interior)| = 9d", count: try layer.convolution.receptiveField(of: 0).count,
                         reference: 12)
        }

        let sides = ctx.scope(quick: [8], full: [8, 16])
        let alpha = try ctx.reserveAlpha(1, splitOver: sides.count * 2 * 3)
        for side in sides {
            let stack = try ASVNetworks.fast(nil, side: side)
            var series: [Figure.Series] = []
            for (scheme, variances) in [("ASV (17)", try ASVInitialization.forwardVariances(stack)),
                                        ("Kaiming", ASVInitialization.kaimingForwardVariances(stack))] {
                let exact = try VarianceRecursion.positionResolvedForward(
                    stack, weightVariances: variances, inputSecondMoments: [Double](repeating: 1, count: stack.input.count)
                ).map { $0.reduce(0, +) / Double($0.count) }
                var measured: [Assertion] = []
                for l in exact.indices.dropLast() {
                    // Networks of the first l + 1 layers: q^(ℓ) does not depend on the layers above.
                    let simulation = NetworkSimulation(stack: try ConvPoolStack(layers: Array(stack.layers.prefix(l + 1))),
                                                       weightVariances: Array(variances.prefix(l + 1)), imagesPerNetwork: 2,
                                                       backward: false)
                    measured.append(try ctx.estimateMean(
                        "\(side)×\(side) no pooling, \(scheme): q^(\(l + 1)) against the per-unit recursion (B.7)",
                        region: .equal(exact[l]), resolution: 0.05, alpha: alpha, label: "\(scheme) \(side) layer \(l + 1)",
                        pilotSamples: 64, chunkSize: 4
                    ) { rng, count in
                        var scratch = PatchScratch()
                        return try RunningMoments.of(count: count) { try simulation.preActivationSecondMoments(&rng, scratch: &scratch)[l] }
                    })
                }
                series += [.init(label: "\(scheme): per-unit recursion (B.7), exact", style: .line,
                                 x: exact.indices.map { Double($0 + 1) }, y: exact),
                           .init(label: "\(scheme): Monte Carlo (1 − α interval)", style: .scatter,
                                 x: measured.indices.map { Double($0 + 1) }, y: measured.map(\.estimate),
                                 errors: measured.map { ($0.upper - $0.lower) / 2 })]
            }
            series.append(.init(label: "(11) with (17): q = 1", style: .line, x: [1, 4], y: [1, 1]))
            ctx.attach(Figure(name: "padding-\(side)", title: "\(side)×\(side)×3, three padded 3×3 ReLU layers and FC: forward variance",
                              xLabel: "layer ℓ", yLabel: "q^(ℓ)", series: series))
        }
    }

    static let uniformVariances = Claim(
        id: "ASV-QI-UNIFORM", paper: Papers.asv, location: "§4.1, paragraph after (13)",
        statement: """
        The quantities q_1^(ℓ), …, q_{M'_ℓ}^(ℓ) are not necessarily equal to each other, although most of q_i^(ℓ) are \
        equal to each other when the image size is large enough. The normality assumption is justified if channels in \
        the layer are many.
        """,
        assumptions: [
            "proxy 1: ℓ padded 3×3 ReLU layers (stride 1, no pooling) on a w × w white-noise input, per-unit q_i^(ℓ) by the exact recursion (B.7); units whose q_i differs from the centre unit's; closed form (derived): 1 − (1 − 2ℓ/w)², the units within ℓ − 1 of the border",
            "proxy 2: the excess kurtosis of an interior u^(2) over weights and white-noise input, 3 Var(V)/E(V)² for the conditional variance V = σ² Σ_{s∈s(2,i)} (z_s^(1))² (u^(2) is a Gaussian scale mixture), with C = 4, 16, 64 channels in layer 1",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        for layers in 1...3 {
            for side in [16, 32, 64, 128] {
                let input = try FeatureMapShape(width: side, height: side, channels: 1)
                var stackLayers: [ConvPoolLayer] = []
                for _ in 0..<layers {
                    stackLayers.append(try ConvPoolLayer.square(input: stackLayers.last?.output ?? input, outputChannels: 1,
                                                                kernel: 3, padding: 1))
                }
                let stack = try ConvPoolStack(layers: stackLayers)
                let q = try VarianceRecursion.positionResolvedForward(
                    stack, weightVariances: try ASVInitialization.forwardVariances(stack),
                    inputSecondMoments: [Double](repeating: 1, count: input.count))[layers - 1]
                let centre = q[side / 2 + side * (side / 2)]
                let unequal = q.filter { abs($0 / centre - 1) > 1e-12 }.count
                let w = Double(side), band = 1 - 2 * Double(layers) / w
                ctx.compare("layer \(layers), \(side)×\(side): share of units with q_i ≠ q_centre = 1 − (1 − 2ℓ/w)²",
                            route: .enumeration, value: Double(unequal) / Double(q.count), reference: 1 - band * band,
                            referenceRoute: .closedForm, resolution: 1e-12, samples: q.count,
                            note: "q_corner / q_centre = \(q[0] / centre)")
            }
        }

        let channels = [4, 16, 64]
        let kurtosis = FunctionOfMeans(dimension: 2, value: { m in 3 * (m[1] / (m[0] * m[0]) - 1) },
                                       gradient: { m in [-6 * m[1] / (m[0] * m[0] * m[0]), 3 / (m[0] * m[0])] })
        let difference = FunctionOfMeans(
            dimension: 4, value: { m in kurtosis.value([m[0], m[1]]) - kurtosis.value([m[2], m[3]]) },
            gradient: { m in kurtosis.gradient([m[0], m[1]]) + kurtosis.gradient([m[2], m[3]]).map { -$0 } })
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for (fewer, more) in zip(channels, channels.dropFirst()) {
            try ctx.estimateFunctionOfMeans(
                "excess kurtosis of u^(2): κ(C = \(fewer)) − κ(C = \(more)) > 0", function: difference,
                region: .atLeast(0), resolution: 0.04, alpha: alpha, pilotSamples: 4000, chunkSize: 1000
            ) { rng, count in
                var moments = JointMoments(dimension: 4)
                for _ in 0..<count {
                    let v = WhiteNoiseConvolution.conditionalVariances(channels: more, prefix: fewer, rng: &rng)
                    moments.add([v.prefix, v.prefix * v.prefix, v.all, v.all * v.all])
                }
                return moments
            }
        }
    }
}
