import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-S31-CNN: after a convolutional layer, average pooling contracts less than max pooling on natural
    /// data, while both contract Gaussian images severely.
    static let cnnExperiment = Claim(
        id: "POOL-S31-CNN", paper: Papers.pooling, location: "§3.1 first two paragraphs, Fig. 3",
        statement: """
        For convolutional layer, average pooling has a slighter contraction than the max pooling. Max pooling \
        contracts points heavily for both FCN and CNN whatever the data distribution is; the average pooling \
        induces a mild contraction on natural datasets cifar10 and cifar100, but a severe contraction on gaussian \
        noise images and artificial images from MNIST.
        """,
        assumptions: [
            "CIFAR and MNIST are not available offline. Gaussian noise images are reproduced (i.i.d. N(0, 1) pixels); the natural-image behaviour is probed with a proxy: Gaussian images plus a per-image constant offset μ ~ N(0, 1) (natural images differ in mean brightness; that, not texture, is what global average pooling sees)",
            "CNN of §3: N(0, 1) kernels (He rescaling leaves cosines unchanged), k = 3, zero padding (output d×d), d = 16 (32 in the paper; cost), a fresh network per pair; 640 kernels on Gaussian images, 64 on the proxy (cost: there the cosines vary from pair to pair with SD ≈ 0.3, so resolutions well below the margins need thousands of pairs)",
            "severe contraction read as mean cosine ≥ 0.98 (average) and ≥ 0.95 (max) on Gaussian images; 'slighter' as E[ρ(M_x, M_y) − ρ(A_x, A_y)] > 0 on the proxy; max heavy for all data as mean ρ(M_x, M_y) ≥ 0.95 on Gaussian images and ≥ 0.85 on the proxy; average mild on the proxy as mean ρ(A_x, A_y) ≤ 0.9; the proxy's resolutions (0.02–0.025, doubled at the quick budget) keep every confirmation clear of the opposite reading (a mild average stays below the severe 0.98; a positive difference cannot be confirmed from a mean below −0.05)",
        ],
        kind: .empirical, expectation: .holds
    ) { ctx in
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .zeroPadded)
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        let offset = CNNImageFamily.gaussianWithOffset(standardDeviation: 1)
        try CNNPoolingRoutes.estimate(ctx, "E ρ(A_x, A_y) ≥ 0.98, Gaussian images", size: 16, geometry: geometry,
                                      channels: 640, family: .gaussian, region: .atLeast(0.98), resolution: 0.005,
                                      alpha: alpha) { $1.average }
        try CNNPoolingRoutes.estimate(ctx, "E ρ(M_x, M_y) ≥ 0.95, Gaussian images", size: 16, geometry: geometry,
                                      channels: 640, family: .gaussian, region: .atLeast(0.95), resolution: 0.004,
                                      alpha: alpha) { $1.maximum }
        try CNNPoolingRoutes.estimate(ctx, "E[ρ(M_x, M_y) − ρ(A_x, A_y)] > 0, \(offset), 64 kernels (average milder)",
                                      size: 16, geometry: geometry, channels: 64, family: offset, region: .atLeast(0),
                                      resolution: 0.025, alpha: alpha) { $1.maximum - $1.average }
        try CNNPoolingRoutes.estimate(ctx, "E ρ(M_x, M_y) ≥ 0.85, \(offset), 64 kernels", size: 16, geometry: geometry,
                                      channels: 64, family: offset, region: .atLeast(0.85), resolution: 0.02,
                                      alpha: alpha) { $1.maximum }
        try CNNPoolingRoutes.estimate(ctx, "E ρ(A_x, A_y) ≤ 0.9, \(offset), 64 kernels (mild contraction)", size: 16,
                                      geometry: geometry, channels: 64, family: offset, region: .atMost(0.9),
                                      resolution: 0.025, alpha: alpha) { $1.average }
    }

    /// POOL-ABS-MAINSOURCE: pooling, not the ReLU layer, is the main source of contraction.
    static let poolingMainSource = Claim(
        id: "POOL-ABS-MAINSOURCE", paper: Papers.pooling, location: "Abstract; §1.1; Conclusion",
        statement: """
        Compared to the relu-activated fully connected layer or convolutional layer, the pooling layer stands as \
        the main source of contraction of the angle between hidden features; the average pooling contracts points \
        heavier than a fully-connected layer or a convolutional layer.
        """,
        assumptions: [
            "measured as: the pooling step moves the cosine further than the ReLU layer does, E[(ρ_pool − ρ_relu) − (ρ_relu − ρ_in)] > 0, for average and max pooling",
            "FCN: width 1000, pools of 50 (m = 20), at ρ_in = 0 (Gaussian-like inputs) and ρ_in = 0.9 (where the ReLU layer contracts least); CNN: 640 kernels, k = 3, zero padding, Gaussian 16×16 images",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let pooling = try PartitionedPooling(groups: 20, poolSize: 50)
        let sampler = NormalSampler()
        let alpha = try ctx.reserveAlpha(1, splitOver: 6)
        for rho in [0.0, 0.9] {
            for (name, pick) in [("average", { @Sendable (c: PoolingCosines) in c.average }),
                                 ("max", { @Sendable (c: PoolingCosines) in c.maximum })] {
                try ctx.estimateMean("FCN, ρ_in = \(rho): E[(ρ_\(name) − ρ_relu) − (ρ_relu − ρ_in)] > 0", region: .atLeast(0),
                                     resolution: 0.02, alpha: alpha, label: "fcn \(rho) \(name)", pilotSamples: 1000,
                                     chunkSize: 250) { rng, count in
                    try RunningMoments.of(count: count) {
                        let c = try FCNPoolingRoutes.definedCosines(try pooling.sample(inputCosine: rho, rng: &rng, sampler: sampler))
                        return (pick(c) - c.relu) - (c.relu - rho)
                    }
                }
            }
        }
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .zeroPadded)
        try CNNPoolingRoutes.estimate(ctx, "CNN, Gaussian images: E[(ρ_average − ρ_relu) − (ρ_relu − ρ_in)] > 0", size: 16,
                                      geometry: geometry, channels: 640, family: .gaussian, region: .atLeast(0),
                                      resolution: 0.02, alpha: alpha) { input, c in (c.average - c.relu) - (c.relu - input) }
        try CNNPoolingRoutes.estimate(ctx, "CNN, Gaussian images: E[(ρ_max − ρ_relu) − (ρ_relu − ρ_in)] > 0", size: 16,
                                      geometry: geometry, channels: 640, family: .gaussian, region: .atLeast(0),
                                      resolution: 0.02, alpha: alpha) { input, c in (c.maximum - c.relu) - (c.relu - input) }
    }
}
