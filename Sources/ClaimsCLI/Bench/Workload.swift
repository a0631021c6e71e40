import BLAS
import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

/// One workload of `claims bench`: the work it does, and how much of it (in `unit`s).
struct Workload: Sendable {
    let name: String
    let unit: String
    /// Work done by one run, in units (pairs, GFLOP, integrals).
    let amount: Double
    /// Runs the workload once; returns a checksum so no work can be optimized away.
    let run: @Sendable (MonteCarloEngine) throws -> Double

    static let all: [Workload] = [dualReLU, cnnLayer, layerNormMLP, quadrature]

    static let seed = StreamSeed(root: Runner.defaultSeed).child("bench")

    /// For 21 evenly spaced ρ in [−1, 1], E[ReLU(X)ReLU(Y)] from 4,000,000 correlated normal pairs each.
    static let dualReLU = Workload(name: "dual-relu", unit: "pairs/s", amount: 21 * 4_000_000) { engine in
        var checksum = 0.0
        for (index, rho) in (0...20).map({ -1 + Double($0) / 10 }).enumerated() {
            let sampler = NormalSampler()
            let parts = try engine.run(samples: 4_000_000, chunkSize: 1 << 16, stream: seed.child("dual-relu").child(index)) {
                rng, count in
                try RunningMoments.filled(count) { buffer in
                    try CorrelatedGaussianPairs.fillProducts(buffer, activation: .relu, rho: rho, rng: &rng, sampler: sampler)
                }
            }
            checksum += RunningMoments.merging(parts).mean
        }
        return checksum
    }

    /// 128 N(0, 1) images 32x32x3, 1024 cyclic 5x5x3 filters N(0, 2/75), ReLU, cosine of 64 disjoint pairs.
    /// GFLOP counts 2 flops per multiply-add of the convolution.
    static let cnnLayer = Workload(name: "cnn-layer", unit: "GFLOP/s", amount: 2.0 * 128 * 32 * 32 * 1024 * 75 / 1e9) { engine in
        var rng = seed.child("cnn-layer").generator()
        let layer = try CyclicConvolution.gaussian(count: 1024, filterSize: 5, channels: 3, variance: 2.0 / 75, rng: &rng)
        let images = try (0..<128).map { _ in try Image.gaussian(size: 32, channels: 3, rng: &rng) }
        let blocks = 8, pairsPerBlock = 8
        let results = SendableResults<Double>(count: 64)
        try engine.forEachBlock(blocks) { block in
            let pairs = (0..<pairsPerBlock).map { k in
                (images[2 * (block * pairsPerBlock + k)], images[2 * (block * pairsPerBlock + k) + 1])
            }
            for (k, p) in try layer.activatedInnerProducts(pairs, activation: .relu).enumerated() {
                results.set(block * pairsPerBlock + k, p.xy / (p.xx * p.yy).squareRoot())
            }
        }
        return results.values.reduce(0, +)
    }

    /// A batch of 256 inputs through 32 layer-norm layers of width 1024: y = W erf(z), W ~ N(0, 1/1024),
    /// z = √1024 y/‖y‖. GFLOP of the matrix products.
    static let layerNormMLP = Workload(name: "layernorm-mlp", unit: "GFLOP/s", amount: 32 * 2.0 * 1024 * 1024 * 256 / 1e9) { engine in
        let layer = try LayerNormLayer(width: 1024, activation: .erf(scale: 1), weightVariance: 1)
        let network = try LayerNormMLP(inputWidth: 1024, layers: Array(repeating: layer, count: 32))
        var rng = seed.child("layernorm-mlp-input").generator()
        let inputs = try Matrix.gaussian(rows: 1024, columns: 256, variance: 1, rng: &rng)
        let z = try network.propagate(inputs, stream: seed.child("layernorm-mlp"), engine: engine)
        return z.storage.reduce(0, +)
    }

    /// τ_max(T) for T = 1 … 64 to relative accuracy 1e-10 (QUADPACK), and 𝔆[erf|ρ] for 1000 ρ in
    /// [−0.999, 0.999] by a 40-point-per-axis Gauss–Hermite rule.
    static let quadrature = Workload(name: "quadrature", unit: "integrals/s", amount: 64 + 1000) { engine in
        let rule = try GaussHermiteRule(points: 40)
        let results = SendableResults<Double>(count: 64 + 1000)
        let blocks = 16
        try engine.forEachBlock(blocks) { block in
            for t in stride(from: block + 1, through: 64, by: blocks) {
                results.set(t - 1, try PoolingMoments.tauMax(poolSize: t).value)
            }
            for i in stride(from: block, to: 1000, by: blocks) {
                let rho = -0.999 + 1.998 * Double(i) / 999
                results.set(64 + i, try GaussianCovariance.gaussHermite(.erf(scale: 1), rho: rho, rule: rule))
            }
        }
        return results.values.reduce(0, +)
    }
}

/// Results written by several workers at distinct indices.
final class SendableResults<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { storage[index] = value } }

    var values: [T] { lock.withLock { storage.compactMap { $0 } } }
}
