import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

@Suite("Convolution, layer-norm MLP and other models")
struct ModelsTests {
    /// The table-driven erf against GSL's, on a dense grid and at the edges,
    /// within 8 ulp: ours is within 2.6 ulp of mpmath
    /// (Scripts/generate-erf-table.py), GSL's within 4.9 ulp (measured with
    /// mpmath on this grid; its own error estimate is smaller than that).
    @Test func erfMatchesGSLWithinBothErrors() throws {
        var grid = (-70_000...70_000).map { Double($0) / 10_000 }
        grid += [1e-300, 1e-12, 0.0625, 0.0625.nextDown, 0.25, 5.999999]
        for x in grid {
            let reference = try SpecialFunctions.erf(x).value
            #expect(abs(Erf.value(x) - reference) <= 8 * max(abs(reference), .leastNormalMagnitude).ulp, "erf(\(x))")
        }
        #expect(Erf.value(6) == 1 && Erf.value(1e300) == 1 && Erf.value(-.infinity) == -1)
        #expect(Erf.value(.nan).isNaN && Erf.value(-0.3) == -Erf.value(0.3))
    }

    /// im2col × GEMM against the sum of eq. (4) written out.
    @Test func cyclicConvolutionMatchesItsDefinition() throws {
        var rng = Xoshiro256(seed: 4)
        let layer = try CyclicConvolution.gaussian(count: 3, filterSize: 3, channels: 2, variance: 1, rng: &rng)
        let image = try Image.gaussian(size: 5, channels: 2, rng: &rng)
        let out = try layer(image)
        for f in 0..<3 {
            for u in 0..<5 {
                for v in 0..<5 {
                    var direct = 0.0
                    for i in 0..<3 { for j in 0..<3 { for k in 0..<2 {
                        direct += layer.filters[f, (i * 3 + j) * 2 + k] * image[u - i, v - j, k]
                    } } }
                    #expect(abs(out[u * 5 + v, f] - direct) < 1e-12)
                }
            }
        }
        let other = try Image.gaussian(size: 5, channels: 2, rng: &rng)
        let sums = try #require(try layer.activatedInnerProducts([(image, other)], activation: .relu).first)
        let b = try layer(other)
        let relu = { (m: Matrix) in m.storage.map { max(0, $0) } }
        #expect(abs(sums.xy - zip(relu(out), relu(b)).map(*).reduce(0, +)) < 1e-10)
        #expect(abs(sums.xx - relu(out).map { $0 * $0 }.reduce(0, +)) < 1e-10)
    }

    @Test func convolutionAndImagesRejectBadShapes() throws {
        var rng = Xoshiro256(seed: 5)
        let layer = try CyclicConvolution.gaussian(count: 2, filterSize: 3, channels: 1, variance: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try layer(Image.gaussian(size: 4, channels: 2, rng: &rng)) }
        #expect(throws: ParameterError.self) { try layer(Image.gaussian(size: 2, channels: 1, rng: &rng)) }
        #expect(throws: ParameterError.self) {
            try layer.activatedInnerProducts([(Image.gaussian(size: 4, channels: 1, rng: &rng),
                                               Image.gaussian(size: 5, channels: 1, rng: &rng))], activation: .relu)
        }
        #expect(throws: ParameterError.self) { try Image(size: 2, channels: 1, pixels: [1, 2, 3]) }
        #expect(throws: ParameterError.self) { try Image(size: 0, channels: 1, pixels: []) }
        #expect(throws: ParameterError.self) {
            try CyclicConvolution(filters: Matrix(rows: 1, columns: 4, storage: [1, 2, 3, 4]), filterSize: 3, channels: 1)
        }
    }

    /// Every column of every layer's z has ‖z‖² = N, and the output does not depend on the thread count.
    @Test func layerNormMLPNormalizesAndIsDeterministic() throws {
        let layers = try [LayerNormLayer(width: 300, activation: .identity, weightVariance: 1, biasVariance: 0.1),
                          LayerNormLayer(width: 200, activation: .erf(scale: 1), weightVariance: 2)]
        let network = try LayerNormMLP(inputWidth: 50, layers: layers)
        var rng = Xoshiro256(seed: 6)
        let input = try Matrix.gaussian(rows: 50, columns: 7, variance: 1, rng: &rng)
        var observed: [Int] = []
        let one = try network.propagate(input, stream: StreamSeed(root: 1), engine: MonteCarloEngine(threads: 1)) { layer, z in
            observed.append(layer)
            for column in 0..<z.columns {
                let norm = (0..<z.rows).map { z[$0, column] * z[$0, column] }.reduce(0, +)
                #expect(abs(norm - Double(z.rows)) < 1e-9)
            }
        }
        let two = try network.propagate(input, stream: StreamSeed(root: 1), engine: MonteCarloEngine(threads: 2))
        #expect(one == two && observed == [1, 2] && one.rows == 200)
        #expect(throws: ParameterError.self) {
            try network.propagate(Matrix(rows: 3, columns: 1, storage: [1, 2, 3]), stream: StreamSeed(root: 1),
                                  engine: MonteCarloEngine(threads: 1))
        }
        #expect(throws: ParameterError.self) { try LayerNormLayer(width: 0, activation: .relu, weightVariance: 1) }
        #expect(throws: ParameterError.self) { try LayerNormLayer(width: 3, activation: .relu, weightVariance: 1, biasVariance: -1) }
        #expect(throws: ParameterError.self) { try LayerNormMLP(inputWidth: 3, layers: []) }
    }

    /// τ_max(1) = 1/2 (a half-normal's second moment), and τ_max grows with T (the ASV paper's claim).
    @Test func tauMaxHasItsKnownValues() throws {
        #expect(abs(try PoolingMoments.tauMax(poolSize: 1).value - 0.5) < 1e-12)
        let values = try (1...16).map { try PoolingMoments.tauMax(poolSize: $0).value }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        #expect(throws: ParameterError.self) { try PoolingMoments.tauMax(poolSize: 0) }
    }

    @Test func correlatedPairsRejectInvalidCorrelations() {
        var rng = Xoshiro256(seed: 7)
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        #expect(throws: ParameterError.self) {
            try CorrelatedGaussianPairs.fillProducts(buffer, activation: .relu, rho: 1.5, rng: &rng, sampler: NormalSampler())
        }
    }
}
