import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

/// The Conv+Pool models of the ASV paper (Henmi et al.) against direct implementations.
@Suite("ASV Conv+Pool models")
struct ASVModelsTests {
    /// Geometries with padding, strides, rectangular kernels and a fully connected layer.
    static let geometries: [(w: Int, h: Int, d: Int, kw: Int, kh: Int, pw: Int, ph: Int, sw: Int, sh: Int, out: Int)] = [
        (5, 4, 2, 3, 3, 1, 1, 1, 1, 3), (7, 6, 3, 3, 2, 1, 0, 2, 1, 2), (6, 6, 1, 5, 5, 2, 2, 3, 3, 4),
        (4, 4, 2, 4, 4, 0, 0, 1, 1, 3), (3, 5, 2, 1, 1, 0, 0, 1, 2, 2), (5, 5, 2, 3, 3, 3, 1, 1, 1, 2),
    ]

    static func geometry(_ g: (w: Int, h: Int, d: Int, kw: Int, kh: Int, pw: Int, ph: Int, sw: Int, sh: Int, out: Int))
        throws -> ConvolutionGeometry {
        try ConvolutionGeometry(input: FeatureMapShape(width: g.w, height: g.h, channels: g.d), kernelWidth: g.kw,
                                kernelHeight: g.kh, paddingWidth: g.pw, paddingHeight: g.ph, strideWidth: g.sw,
                                strideHeight: g.sh, outputChannels: g.out)
    }

    static func gaussian(_ count: Int, _ rng: inout Xoshiro256) -> [Double] {
        let sampler = NormalSampler()
        return (0..<count).map { _ in sampler.next(using: &rng) }
    }

    @Test func vectorizationIsColumnMajorAndInvertible() throws {
        let shape = try FeatureMapShape(width: 3, height: 4, channels: 2)
        var expected = 0
        for k in 0..<2 { for j in 0..<4 { for i in 0..<3 {
            #expect(try shape.index(i, j, k) == expected)
            #expect(try shape.coordinates(of: expected) == (i, j, k))
            expected += 1
        } } }
        #expect(shape.vectorized { i, j, k in Double(100 * k + 10 * j + i) }[5] == 12)
        #expect(throws: ParameterError.self) { try shape.index(3, 0, 0) }
        #expect(throws: ParameterError.self) { try shape.coordinates(of: 24) }
        #expect(throws: ParameterError.self) { try FeatureMapShape(width: 0, height: 1, channels: 1) }
    }

    @Test func convolutionMatchesPaddedDefinitionAndIndexSets() throws {
        var rng = Xoshiro256(seed: 11)
        for g in Self.geometries {
            let geometry = try Self.geometry(g)
            #expect(geometry.output.width == (g.w + 2 * g.pw - g.kw) / g.sw + 1)
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, biasVariance: 0.5, rng: &rng)
            let z = Self.gaussian(geometry.input.count, &rng)
            let u = try conv(z)
            let direct = try conv.reference(z)
            var connections = 0
            for t in 0..<geometry.output.count {
                #expect(abs(u[t] - direct[t]) < 1e-12)
                let field = try geometry.receptiveField(of: t)
                let c = try geometry.channel(ofOutput: t)
                let (i, j, _) = try geometry.output.coordinates(of: t)
                #expect(field.count == g.d * geometry.validColumns(i) * geometry.validRows(j))
                let viaSets = conv.biases[c] + field.reduce(0) { $0 + conv.weights[c, $1.kernel] * z[$1.input] }
                #expect(abs(viaSets - direct[t]) < 1e-12)
                connections += field.count
            }
            let backward = try (0..<geometry.input.count).reduce(0) { $0 + (try geometry.backwardField(of: $1)).count }
            #expect(connections == geometry.connectionCount && backward == connections)
        }
    }

    /// Δz = Σ_{(j,h)} Δu_j w̃_h (A.21) and the GEMM transposed convolution agree, and match
    /// finite differences of E = ⟨g, u⟩ (linear, so the central difference is exact up to rounding).
    @Test func convolutionBackwardMatchesIndexSetsAndFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 12)
        for g in Self.geometries {
            let geometry = try Self.geometry(g)
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, rng: &rng)
            let deltaU = Self.gaussian(geometry.output.count, &rng)
            let deltaZ = try conv.backward(deltaU)
            let z = Self.gaussian(geometry.input.count, &rng)
            let viaSets = try conv.referenceBackward(deltaU)
            for t in 0..<geometry.input.count {
                #expect(abs(viaSets[t] - deltaZ[t]) < 1e-12)
                var plus = z, minus = z
                plus[t] += 1e-3
                minus[t] -= 1e-3
                let difference = (Vector.dot(deltaU, try conv(plus)) - Vector.dot(deltaU, try conv(minus))) / 2e-3
                #expect(abs(difference - deltaZ[t]) < 1e-9)
            }
        }
    }

    @Test func poolingPartitionsRoutesAndRejectsNonDividingWindows() throws {
        var rng = Xoshiro256(seed: 13)
        let shape = try FeatureMapShape(width: 4, height: 6, channels: 2)
        for kind in PoolingKind.allCases {
            let pooling = try WindowPooling(input: shape, windowWidth: 2, windowHeight: 3, kind: kind)
            let v = Self.gaussian(shape.count, &rng)
            let (z, winners) = try pooling.forward(v)
            var covered = Set<Int>()
            for t in 0..<pooling.output.count {
                let window = try pooling.window(of: t)
                covered.formUnion(window)
                #expect(try window.allSatisfy { try pooling.destination(of: $0) == t })
                let values = window.map { v[$0] }
                #expect(abs(z[t] - (kind == .max ? values.max()! : values.reduce(0, +) / 6)) < 1e-15)
            }
            #expect(covered.count == shape.count)
            let deltaZ = Self.gaussian(pooling.output.count, &rng)
            let deltaV = try pooling.backward(deltaZ, winners: winners)
            for s in 0..<shape.count {
                var plus = v, minus = v
                plus[s] += 1e-7
                minus[s] -= 1e-7
                let difference = (Vector.dot(deltaZ, try pooling.forward(plus).z)
                    - Vector.dot(deltaZ, try pooling.forward(minus).z)) / 2e-7
                #expect(abs(difference - deltaV[s]) < 1e-7)
            }
        }
        let tied = try WindowPooling(input: FeatureMapShape(width: 2, height: 1, channels: 1), windowWidth: 2,
                                     windowHeight: 1, kind: .max)
        #expect(try tied.forward([0, 0]).winners == [0])
        #expect(throws: ParameterError.self) {
            try WindowPooling(input: FeatureMapShape(width: 5, height: 4, channels: 1), windowWidth: 2, windowHeight: 2, kind: .max)
        }
        #expect(throws: ParameterError.self) { try tied.backward([1], winners: [5]) }
        #expect(throws: ParameterError.self) { try tied.forward([1]) }
    }

    /// The derivative sampler's stack buffers give the array route (ReLU, `forward`, `backward` with Δz = [1])
    /// bit for bit, for both poolings, a 1 × 1 window and a tie after the ReLU; more than one window throws.
    @Test func squaredReLUDerivativeMatchesTheArrayBackwardPass() throws {
        let sampler = NormalSampler()
        for (side, kind) in [(1, PoolingKind.max), (1, .average), (2, .max), (3, .max), (3, .average), (4, .max)] {
            let pooling = try WindowPooling(input: FeatureMapShape(width: side, height: side, channels: 1), windowWidth: side,
                                            windowHeight: side, kind: kind)
            var rng = Xoshiro256(seed: 41), reference = rng
            for _ in 0..<200 {
                let u = (0..<(side * side)).map { _ in sampler.next(using: &reference) }
                let deltaV = try pooling.backward([1], winners: try pooling.forward(u.map { Activation.relu($0) }).winners)
                let derivative = deltaV[0] * Activation.relu.derivative(u[0])
                #expect(try WhiteNoiseConvolution.squaredReLUDerivative(through: pooling, rng: &rng, sampler: sampler)
                        == derivative * derivative)
            }
            #expect(rng.next() == reference.next())
        }
        let windows = try WindowPooling(input: FeatureMapShape(width: 4, height: 2, channels: 1), windowWidth: 2,
                                        windowHeight: 2, kind: .max)
        var rng = Xoshiro256(seed: 3)
        #expect(throws: ParameterError.self) {
            try WhiteNoiseConvolution.squaredReLUDerivative(through: windows, rng: &rng, sampler: sampler)
        }
    }

    /// A small network with stride, padding, max and average pooling and a fully
    /// connected identity output: the backward pass against central differences of E = ⟨g, z^(L)⟩.
    @Test func stackBackwardPassMatchesFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 14)
        let input = try FeatureMapShape(width: 8, height: 8, channels: 2)
        let first = try ConvPoolLayer.square(input: input, outputChannels: 3, kernel: 3, padding: 1, stride: 1,
                                             pool: (.max, 2))
        let second = try ConvPoolLayer.square(input: first.output, outputChannels: 4, kernel: 3, padding: 1, stride: 2,
                                              pool: (.average, 2))
        let third = try ConvPoolLayer.square(input: second.output, outputChannels: 3, kernel: 2, padding: 1)
        let last = try ConvPoolLayer.fullyConnected(input: third.output, outputs: 5)
        let stack = try ConvPoolStack(layers: [first, second, third, last])
        let parameters = try stack.sampleParameters(weightVariances: [0.5, 0.3, 0.4, 0.2],
                                                    biasVariances: [0.1, 0.1, 0.1, 0.1], rng: &rng)
        let z0 = Self.gaussian(input.count, &rng)
        let g = Self.gaussian(5, &rng)
        let trace = try stack.forward(z0, parameters: parameters)
        let gradients = try stack.backward(trace, outputGradient: g, parameters: parameters)
        #expect(gradients.outputs.count == 5 && gradients.preActivations.count == 4)
        var worst = 0.0
        for s in 0..<input.count {
            var plus = z0, minus = z0
            plus[s] += 1e-6
            minus[s] -= 1e-6
            let difference = (Vector.dot(g, try stack.forward(plus, parameters: parameters).outputs[3])
                - Vector.dot(g, try stack.forward(minus, parameters: parameters).outputs[3])) / 2e-6
            worst = max(worst, abs(difference - gradients.outputs[0][s]))
        }
        #expect(worst < 1e-7, "largest deviation from finite differences \(worst)")
        #expect(throws: ParameterError.self) { try ConvPoolStack(layers: [second, first]) }
        #expect(throws: ParameterError.self) { try ConvPoolStack(layers: []) }
        #expect(throws: ParameterError.self) { try stack.sampleParameters(weightVariances: [1], rng: &rng) }
        #expect(throws: ParameterError.self) { try stack.forward([1, 2], parameters: parameters) }
        #expect(throws: ParameterError.self) { try stack.backward(trace, outputGradient: [1], parameters: parameters) }
    }

    /// The FAST_MAX network of the catalog: ε, and the ASV variances keep (11) and (14) at 1.
    @Test func asvVariancesOfAPooledNetwork() throws {
        let input = try FeatureMapShape(width: 16, height: 16, channels: 3)
        let l1 = try ConvPoolLayer.square(input: input, outputChannels: 32, kernel: 3, padding: 1, pool: (.max, 2))
        let l2 = try ConvPoolLayer.square(input: l1.output, outputChannels: 32, kernel: 3, padding: 1, pool: (.max, 2))
        let l3 = try ConvPoolLayer.square(input: l2.output, outputChannels: 32, kernel: 3, padding: 1)
        let l4 = try ConvPoolLayer.fullyConnected(input: l3.output, outputs: 10)
        let stack = try ConvPoolStack(layers: [l1, l2, l3, l4])
        #expect(stack.layers.map(\.connectionCount) == [203_136, 495_616, 102_400, 5120])
        let forward = try ASVInitialization.forwardVariances(stack)
        #expect(abs(forward[0] - 8192.0 / 203_136) < 1e-15 && abs(forward[3] - 10.0 / 5120 / 0.5) < 1e-15)
        for q in try VarianceRecursion.averagedForward(stack, weightVariances: forward) { #expect(abs(q - 1) < 1e-13) }
        let backward = try ASVInitialization.backwardVariances(stack)
        for r in try VarianceRecursion.averagedBackward(stack, weightVariances: backward) { #expect(abs(r - 1) < 1e-13) }
        #expect(ASVInitialization.kaimingForward(l2) == 2.0 / 288 && ASVInitialization.kaimingBackward(l4) == 0.2)
        #expect(ASVInitialization.xavier(l4) == 2.0 / 522)
        #expect(throws: ParameterError.self) {
            try ASVInitialization.tau(of: ConvPoolLayer.square(input: input, outputChannels: 2, kernel: 3,
                                                               activation: .identity, pool: (.max, 2)))
        }
        #expect(throws: ParameterError.self) { try ASVInitialization.forwardVariances(stack, inputTau: 0) }
    }

    /// Without padding and pooling every unit has the same |s| and |j| away from the
    /// borders; the per-unit recursions average to (11) and (14) (exactly, forward: ε/M' is the mean |s|).
    @Test func positionResolvedRecursionsAverageToThePapers() throws {
        let input = try FeatureMapShape(width: 6, height: 6, channels: 2)
        let l1 = try ConvPoolLayer.square(input: input, outputChannels: 3, kernel: 3, padding: 1)
        let l2 = try ConvPoolLayer.fullyConnected(input: l1.output, outputs: 4)
        let stack = try ConvPoolStack(layers: [l1, l2])
        let variances = [0.1, 0.05]
        let perUnit = try VarianceRecursion.positionResolvedForward(stack, weightVariances: variances,
                                                                    inputSecondMoments: [Double](repeating: 1, count: 72))
        let averaged = try VarianceRecursion.averagedForward(stack, weightVariances: variances)
        #expect(abs(perUnit[0].reduce(0, +) / 108 - averaged[0]) < 1e-14)
        let r = try VarianceRecursion.positionResolvedBackward(stack, weightVariances: variances,
                                                               outputVariances: [1, 1, 1, 1])
        let averagedR = try VarianceRecursion.averagedBackward(stack, weightVariances: variances)
        #expect(abs(r[1].reduce(0, +) / 108 - averagedR[1]) < 1e-14)
        #expect(throws: ParameterError.self) {
            try VarianceRecursion.positionResolvedForward(stack, weightVariances: variances, inputSecondMoments: [1])
        }
        #expect(throws: ParameterError.self) { try VarianceRecursion.averagedBackward(stack, weightVariances: [1]) }
        #expect(throws: ParameterError.self) { try VarianceRecursion.averagedForward(stack, weightVariances: [1, -1]) }
    }

    @Test func poolingMomentsAgreeAcrossRoutes() throws {
        for t in [1, 2, 4, 9] {
            #expect(abs(try PoolingMoments.tauMax(poolSize: t).value - PoolingMoments.tauMaxByTailIntegral(poolSize: t).value) < 1e-9)
            #expect(abs(try PoolingMoments.gammaMax(poolSize: t) - PoolingMoments.gammaMaxByQuadrature(poolSize: t).value) < 1e-10)
        }
        #expect(try PoolingMoments.tauAverage(poolSize: 1) == 0.5 && PoolingMoments.gammaAverage(poolSize: 2) == 0.125)
        #expect(abs(try PoolingMoments.gaussianMaximumDensity(0, poolSize: 2, variance: 4) - 0.5 * 2 * 0.5 / (2 * Double.pi).squareRoot()) < 1e-15)
        #expect(throws: ParameterError.self) { try PoolingMoments.tauAverage(poolSize: 0) }
        #expect(throws: ParameterError.self) { try PoolingMoments.gammaMax(poolSize: 0) }
        #expect(throws: ParameterError.self) { try PoolingMoments.gammaAverage(poolSize: -1) }
        #expect(throws: ParameterError.self) { try PoolingMoments.gaussianMaximumDensity(0, poolSize: 2, variance: 0) }
        #expect(throws: ParameterError.self) { try PoolingMoments.tauMaxByTailIntegral(poolSize: 0) }
        #expect(throws: ParameterError.self) { try PoolingMoments.gammaMaxByQuadrature(poolSize: 0) }
    }

    @Test func convolutionRejectsBadShapes() throws {
        let input = try FeatureMapShape(width: 4, height: 4, channels: 1)
        #expect(throws: ParameterError.self) { try ConvolutionGeometry.square(input: input, kernel: 7, outputChannels: 1) }
        #expect(throws: ParameterError.self) { try ConvolutionGeometry.square(input: input, kernel: 3, stride: 0, outputChannels: 1) }
        #expect(throws: ParameterError.self) { try ConvolutionGeometry.square(input: input, kernel: 3, padding: -1, outputChannels: 1) }
        let geometry = try ConvolutionGeometry.square(input: input, kernel: 3, outputChannels: 2)
        #expect(throws: ParameterError.self) { try PaddedConvolution(geometry: geometry, weights: Matrix(rows: 1, columns: 9, storage: .init(repeating: 0, count: 9)), biases: [0]) }
        var rng = Xoshiro256(seed: 15)
        let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try conv([1, 2, 3]) }
        #expect(throws: ParameterError.self) { try conv.backward([1]) }
        #expect(throws: ParameterError.self) { try geometry.receptiveField(of: 8) }
        #expect(throws: ParameterError.self) {
            try ConvPoolLayer(convolution: geometry, activation: .relu, pooling: .none(input))
        }
    }

    /// j(ℓ, t) × h(ℓ, t) from the covering ranges equals, pair for pair and in order, the scan of every output
    /// unit against (A.17)–(A.20); the geometries include strides that skip input rows (empty fields) and a
    /// kernel covering the whole input.
    @Test func backwardFieldMatchesTheScanOfAllOutputs() throws {
        for g in Self.geometries {
            let geometry = try Self.geometry(g)
            for t in 0..<geometry.input.count {
                let (l, m, _) = try geometry.input.coordinates(of: t)
                var scanned: [(output: Int, kernel: Int)] = []
                for k in 0..<geometry.output.channels {
                    for j in 0..<geometry.output.height {
                        for i in 0..<geometry.output.width {
                            let zeta1 = l + geometry.paddingWidth - geometry.strideWidth * i
                            let zeta2 = m + geometry.paddingHeight - geometry.strideHeight * j
                            guard (0..<geometry.kernelWidth).contains(zeta1), (0..<geometry.kernelHeight).contains(zeta2) else { continue }
                            scanned.append((try geometry.output.index(i, j, k),
                                            zeta1 + geometry.kernelWidth * (zeta2 + geometry.kernelHeight * k)))
                        }
                    }
                }
                let field = try geometry.backwardField(of: t)
                #expect(field.map(\.output) == scanned.map(\.output) && field.map(\.kernel) == scanned.map(\.kernel))
            }
        }
    }

    /// The whole-vector activations equal the entry-by-entry scalar functions bit for bit, at signed zeros,
    /// infinities and NaN too.
    @Test func vectorActivationsMatchTheScalarFunctions() throws {
        var rng = Xoshiro256(seed: 16)
        let pre = Self.gaussian(40, &rng) + [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude]
        let upstream = Self.gaussian(pre.count, &rng).enumerated().map { $0.offset % 7 == 0 ? -0.0 : $0.element }
        let bits: ([Double]) -> [UInt64] = { $0.map(\.bitPattern) }
        for activation in [Activation.identity, .relu, .leakyReLU(slope: 0.1), .erf(scale: 1), .absolute, .tanh] {
            #expect(bits(activation.values(pre)) == bits(pre.map { activation($0) }), "\(activation)")
            #expect(bits(activation.backpropagate(upstream, at: pre)) == bits(zip(upstream, pre).map { $0 * activation.derivative($1) }),
                    "\(activation)")
        }
        #expect(Activation.relu.backpropagate([1, 2, 3], at: [1]) == [1])
    }

    /// The four-lane count of negative entries equals the filtered count for every length around the lane
    /// width, with signed zeros, infinities and NaN (none of which is below 0 except −∞).
    @Test func negativeCountMatchesTheFilteredCount() throws {
        var rng = Xoshiro256(seed: 17)
        let values = Self.gaussian(37, &rng) + [0, -0.0, .infinity, -.infinity, .nan, -.leastNonzeroMagnitude]
        for length in 0...values.count {
            let prefix = Array(values.prefix(length))
            #expect(Vector.negativeCount(prefix) == prefix.filter { $0 < 0 }.count, "length \(length)")
        }
    }

    /// Pooling forward equals the definition over `window(of:)` bit for bit: the first maximum (ties included)
    /// and its index, or the window's sum in member order times 1/T; rectangular windows, a 1 × 1 window, NaN.
    @Test func poolingForwardMatchesItsWindows() throws {
        var rng = Xoshiro256(seed: 18)
        let input = try FeatureMapShape(width: 6, height: 4, channels: 3)
        var v = Self.gaussian(input.count, &rng).map { ($0 * 2).rounded() }
        v[7] = .nan
        for (tw, th) in [(2, 2), (3, 2), (1, 4), (1, 1)] {
            for kind in PoolingKind.allCases {
                let pooling = try WindowPooling(input: input, windowWidth: tw, windowHeight: th, kind: kind)
                let (z, winners) = try pooling.forward(v)
                for t in 0..<pooling.output.count {
                    let window = try pooling.window(of: t)
                    switch kind {
                    case .max:
                        var winner = window[0]
                        for s in window.dropFirst() where v[s] > v[winner] { winner = s }
                        #expect(winners[t] == winner && z[t].bitPattern == v[winner].bitPattern)
                    case .average:
                        #expect(z[t].bitPattern == (window.reduce(0) { $0 + v[$1] } * (1 / Double(window.count))).bitPattern)
                    }
                }
            }
        }
    }

    /// A scratch lent to passes of different sizes (larger, then smaller, then larger again, so it holds stale
    /// entries) gives the same bits as a fresh allocation, forward and backward; and the q-only statistics of a
    /// network equal the first L entries of the full ones from the same generator state.
    @Test func reusedScratchAndSecondMomentsMatchTheGeneralPath() throws {
        var rng = Xoshiro256(seed: 19)
        var scratch = PatchScratch()
        for g in Self.geometries.reversed() + Self.geometries {
            let geometry = try Self.geometry(g)
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, biasVariance: 0.5, rng: &rng)
            let z = Self.gaussian(geometry.input.count, &rng), deltaU = Self.gaussian(geometry.output.count, &rng)
            #expect(try conv(z, scratch: &scratch) == conv(z))
            #expect(try conv.backward(deltaU, scratch: &scratch) == conv.backward(deltaU))
        }
        let stack = try ASVNetworks.fast(.max, side: 8)
        let variances = try ASVInitialization.forwardVariances(stack)
        let simulation = NetworkSimulation(stack: stack, weightVariances: variances, imagesPerNetwork: 2, backward: true)
        for seed in [20, 21] as [UInt64] {
            var full = Xoshiro256(seed: seed), qOnly = full
            let statistics = try simulation.network(&full, scratch: &scratch)
            #expect(try simulation.preActivationSecondMoments(&qOnly, scratch: &scratch) == Array(statistics.prefix(stack.layers.count)))
            #expect(full.next() == qOnly.next())
        }
    }
}
