import ClaimKit
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    static let connectionCount = Claim(
        id: "ASV-EPS", paper: Papers.asv, location: "§4.1 (definition of ε_ℓ); §5 before (20); (B.29)",
        statement: """
        ε_ℓ is the total number of connections between the (ℓ − 1)th and ℓth layers: ε_ℓ = Σ_{i ∈ [M'_ℓ]} |s(ℓ, i)|, \
        and "the number of forward connections equals the number of backward connections", \
        ε_ℓ = Σ_{i=1}^{M_{ℓ−1}} |j(ℓ, i)| (§5, (B.29)).
        """,
        assumptions: [
            "closed form (derived here): ε_ℓ = d d' (Σ_i n_w(i)) (Σ_j n_h(j)) with n_w(i) the kernel columns inside the map",
            "30 random geometries: sides 1–24, kernels 1–7, padding 0–3, strides 1–3, 1–3 channels; plus 3×3, padding 1 on 4…32",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var forwardMismatches = 0, backwardMismatches = 0, connections = 0
        for geometry in try randomGeometries(ctx, "geometries", count: 30, maxSide: 24, maxChannels: 3) {
            let forward = try (0..<geometry.output.count).reduce(0) { $0 + (try geometry.receptiveField(of: $1)).count }
            let backward = try (0..<geometry.input.count).reduce(0) { $0 + (try geometry.backwardField(of: $1)).count }
            if forward != geometry.connectionCount { forwardMismatches += 1 }
            if backward != forward { backwardMismatches += 1 }
            connections += forward
        }
        compareCount(ctx, "geometries with Σ|s(ℓ, i)| (enumerated) ≠ d d' Σn_w Σn_h", count: forwardMismatches, reference: 0,
                     samples: connections)
        compareCount(ctx, "geometries with Σ|j(ℓ, i)| ≠ Σ|s(ℓ, i)| (double counting)", count: backwardMismatches,
                     reference: 0, samples: connections)
        for side in [32, 16, 8, 4] {
            let geometry = try ConvolutionGeometry.square(input: FeatureMapShape(width: side, height: side, channels: 3),
                                                          kernel: 3, padding: 1, outputChannels: 2)
            let enumerated = try (0..<geometry.output.count).reduce(0) { $0 + (try geometry.receptiveField(of: $1)).count }
            compareCount(ctx, "\(side)×\(side)×3 → 2, k = 3, p = 1: ε = 6(3w − 2)², ε/M' = \(Double(enumerated) / Double(geometry.output.count))",
                         count: enumerated, reference: ConnectionCounts.paddedThreeByThree(side: side, inputChannels: 3, outputChannels: 2))
        }
        let strided = try ConvolutionGeometry.square(input: FeatureMapShape(width: 32, height: 32, channels: 3), kernel: 3,
                                                     padding: 1, stride: 2, outputChannels: 2)
        let enumerated = try (0..<strided.input.count).reduce(0) { $0 + (try strided.backwardField(of: $1)).count }
        compareCount(ctx, "32×32×3 → 2, k = 3, p = 1, stride 2: ε = 6 · 47² (Σn_w = 2 + 15·3), ε/M_{ℓ−1} = \(Double(enumerated) / Double(strided.input.count))",
                     count: enumerated, reference: 6 * 47 * 47)
    }

    static let kaimingForward = Claim(
        id: "ASV-KAIMING-FWD", paper: Papers.asv, location: "§5, eq. (19)",
        statement: """
        Assume the convolution has no padding, kernels k × k × d, and no pooling (T_ℓ = 1, so τ_ℓ = 1/2). Then \
        |s(ℓ, i)| = k²d and (17) becomes σ² = M'_ℓ/(τ_{ℓ−1} ε_ℓ) = 2M'_ℓ/(M'_ℓ k²d) = 2/(k²d), Kaiming's forward method.
        """,
        assumptions: [
            "the layer before is a ReLU layer without pooling (τ_{ℓ−1} = 1/2); at ℓ = 1 (raw input, τ_0 = 1) (17) gives 1/(k²d), He et al.'s first-layer rule",
            "20 random geometries without padding: sides 1–24, kernels 1–7 (rectangular), strides 1–3, 1–4 channels",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("geometries").generator()
        var sizeMismatches = 0, units = 0, worst = 0.0
        for _ in 0..<20 {
            let input = try FeatureMapShape(width: Int.random(in: 1...24, using: &rng), height: Int.random(in: 1...24, using: &rng),
                                            channels: Int.random(in: 1...4, using: &rng))
            let before = try ConvPoolLayer.square(input: input, outputChannels: Int.random(in: 1...4, using: &rng), kernel: 1)
            let geometry = try ConvolutionGeometry(
                input: before.output, kernelWidth: Int.random(in: 1...min(7, input.width), using: &rng),
                kernelHeight: Int.random(in: 1...min(7, input.height), using: &rng),
                strideWidth: Int.random(in: 1...3, using: &rng), strideHeight: Int.random(in: 1...3, using: &rng),
                outputChannels: Int.random(in: 1...4, using: &rng))
            let layer = try ConvPoolLayer(convolution: geometry, activation: .relu, pooling: .none(geometry.output))
            for t in 0..<geometry.output.count where try geometry.receptiveField(of: t).count != geometry.kernelLength {
                sizeMismatches += 1
            }
            units += geometry.output.count
            let asv = try ASVInitialization.forwardVariances(ConvPoolStack(layers: [before, layer]))[1]
            worst = max(worst, abs(asv / ASVInitialization.kaimingForward(layer) - 1))
        }
        compareCount(ctx, "units with |s(ℓ, i)| ≠ k_w k_h d without padding", count: sizeMismatches, reference: 0, samples: units)
        ctx.compare("max |σ²(17) / (2/(k_w k_h d)) − 1| over 20 geometries, τ_{ℓ−1} = 1/2", route: .enumeration, value: worst,
                    error: 16 * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
    }

    static let kaimingBackward = Claim(
        id: "ASV-KAIMING-BWD", paper: Papers.asv, location: "§5, eq. (20)",
        statement: """
        Under the same assumptions (no padding, no pooling), with d' the channels of the next layer, |j(ℓ, i)| = k²d' \
        and γ_ℓ = 1/2; since ε_ℓ = Σ_i |j(ℓ, i)|, (18) becomes σ² = M_{ℓ−1}/(γ_ℓ ε_ℓ) = 2M_{ℓ−1}/(M_{ℓ−1} k²d') = \
        2/(k²d'): "our backward method is equal to the Kaiming's backward method".
        """,
        assumptions: [
            "3×3 kernels, ReLU, no pooling (γ = 1/2); ratios do not depend on the channel counts (d = 3, d' = 4 here)",
            "a fully connected layer written as a convolution (kernel = map) would make k²d' overcount J_ℓ = M'_ℓ by k² (catalog E-ASV-6); not used here",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "without padding |j(ℓ, i)| = k²d' for every unit, so (18) = 2/(k²d')",
            corrected: """
            (18) = (2/(k²d')) · k²d' M_{ℓ−1}/ε_ℓ. Without padding, stride 1, the factor is (w/(w − k + 1))(h/(h − k + 1)) \
            (→ 1 as the map grows; 1.1378 at 32×32, k = 3); it is exactly 1 with padding k − 1; with padding 1 and stride s it is 9w²/(Σn_w)² (4.172 for s = 2, where Σn_w = 47; \
            exactly 9 for s = 3 at w = 32), near s².
            """)
    ) { ctx in
        func ratio(side: Int, padding: Int, stride: Int) throws -> Double {
            let geometry = try ConvolutionGeometry.square(input: FeatureMapShape(width: side, height: side, channels: 3),
                                                          kernel: 3, padding: padding, stride: stride, outputChannels: 4)
            let layer = try ConvPoolLayer(convolution: geometry, activation: .relu, pooling: .none(geometry.output))
            return try ASVInitialization.backwardVariances(ConvPoolStack(layers: [layer]))[0]
                / ASVInitialization.kaimingBackward(layer)
        }
        let unpadded = try ConvolutionGeometry.square(input: FeatureMapShape(width: 32, height: 32, channels: 3), kernel: 3,
                                                      outputChannels: 4)
        compareCount(ctx, "32×32, k = 3, no padding: |j(ℓ, corner input)| against k²d' = 36", count: try unpadded.backwardField(of: 0).count,
                     reference: 36)
        ctx.compare("32×32, k = 3, no padding: σ²(18) / (2/(k²d'))", route: .enumeration, value: try ratio(side: 32, padding: 0, stride: 1),
                    reference: 1, referenceRoute: .closedForm, resolution: 1e-12)
        for side in [8, 16, 32, 64] {
            let w = Double(side)
            ctx.compare("\(side)×\(side), k = 3, no padding: σ²(18) / (2/(k²d')) = (w/(w − 2))²", subject: .corrected,
                        route: .enumeration, value: try ratio(side: side, padding: 0, stride: 1),
                        reference: w * w / ((w - 2) * (w - 2)), referenceRoute: .closedForm, resolution: 1e-12)
        }
        ctx.compare("32×32, k = 3, padding k − 1 = 2, stride 1: σ²(18) / (2/(k²d')) = 1", subject: .corrected,
                    route: .enumeration, value: try ratio(side: 32, padding: 2, stride: 1), reference: 1,
                    referenceRoute: .closedForm, resolution: 1e-12)
        for stride in [2, 3] {
            let taps = Double(ConnectionCounts.kernelTapsInside(side: 32, kernel: 3, padding: 1, stride: stride))
            ctx.compare("32×32, k = 3, padding 1, stride \(stride): σ²(18) / (2/(k²d')) = 9w²/(Σn_w)², Σn_w = \(Int(taps))",
                        subject: .corrected, route: .enumeration, value: try ratio(side: 32, padding: 1, stride: stride),
                        reference: 9 * 32 * 32 / (taps * taps), referenceRoute: .closedForm, resolution: 1e-12,
                        note: "s² = \(stride * stride)")
        }
    }
}
