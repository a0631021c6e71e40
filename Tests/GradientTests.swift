import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

/// Every analytic derivative a model computes against central differences of the model's own forward pass, at
/// random parameters and inputs, component by component, tight enough that a 1% error in any component that is
/// not tiny fails: |fd − g| ≤ 1e-8 + 1e-6 |g| (scalar losses) with h = 1e-6. Central differences are exact up to
/// O(h²) ≈ 1e-12 where the function is smooth, and rounding ε|f|/h ≈ 1e-10 for |f| = O(1); each test also checks
/// that no ReLU kink, max-pooling tie or argmax switch lies inside the stencil [θ − h, θ + h] (the activation
/// signs and pooling winners are the same at θ ± h as at θ), and counts the components with |g| ≥ 1e-5 (where a 1%
/// error is at least 1e-7, far above the tolerance) so that the check has teeth.
///
/// Leaky slopes are small (0.01): the sign of the slope in a backward pass then changes a derivative by 2%.
@Suite("Gradients against central differences")
struct GradientTests {
    static let h = 1e-6

    /// Compares `analytic` with central differences of `f` at `theta` and returns how many components are at least
    /// 1e-5 in magnitude (where a 1% error cannot pass).
    @discardableResult
    static func expectCentralDifferences(_ analytic: [Double], at theta: [Double], absolute: Double = 1e-8,
                                         relative: Double = 1e-6, _ what: String,
                                         sourceLocation: SourceLocation = #_sourceLocation,
                                         _ f: ([Double]) throws -> Double) throws -> Int {
        #expect(analytic.count == theta.count, "\(what): gradient length", sourceLocation: sourceLocation)
        var worst = 0.0, worstIndex = -1, teeth = 0
        for i in theta.indices {
            var up = theta, down = theta
            up[i] += h
            down[i] -= h
            let fd = (try f(up) - f(down)) / (2 * h)
            let excess = abs(fd - analytic[i]) / (absolute + relative * abs(analytic[i]))
            if excess > worst { (worst, worstIndex) = (excess, i) }
            if abs(analytic[i]) >= 1e-5 { teeth += 1 }
        }
        #expect(worst <= 1, "\(what): worst component \(worstIndex) at \(worst) × its tolerance", sourceLocation: sourceLocation)
        return teeth
    }

    static func labels(_ count: Int, _ rng: inout Xoshiro256) -> [Double] {
        (0..<count).map { _ in rng.nextUniform() < 0.5 ? 1.0 : -1.0 }
    }

    // MARK: Fully connected leaky-ReLU network (Brutzkus & Globerson eq. (8))

    @Test(arguments: [0.01, 0.0, 0.3])
    func leakyReLUNetworkLossGradient(slope: Double) throws {
        var rng = Xoshiro256(seed: 501)
        let net = try LeakyReLUNetwork.uniformInitialization(inputs: 10, width: 6, slope: slope, rng: &rng)
        let x = try Matrix.gaussian(rows: 14, columns: 10, variance: 1, rng: &rng)
        let y = Self.labels(14, &rng)
        // No pre-activation w_i · x_b within the stencil: perturbing one weight by h moves it by at most h max|x|.
        let reach = 10 * Self.h * x.storage.map(abs).max()!
        let pre = try Matrix(rows: 14, columns: 6, storage: (0..<14).flatMap { b in
            (0..<6).map { i in (0..<10).reduce(0.0) { $0 + net.hidden[i, $1] * x[b, $1] } }
        })
        #expect(pre.storage.allSatisfy { abs($0) > reach }, "a pre-activation lies within 10h of the kink")
        #expect(pre.storage.contains { $0 < 0 } && pre.storage.contains { $0 > 0 }, "both sides of the kink are used")
        let analytic = try net.logisticLossAndGradient(x, labels: y)
        #expect(abs(analytic.loss - (try LogisticLoss.mean(outputs: net.outputs(x), labels: y))) < 1e-14)
        let teeth = try Self.expectCentralDifferences(analytic.gradient, at: net.parameters, "FCN, slope \(slope)") { theta in
            var moved = net
            try moved.setParameters(theta)
            return try LogisticLoss.mean(outputs: moved.outputs(x), labels: y)
        }
        // With α = 0 the hidden weights of a unit see only its positive pre-activations; most components still have teeth.
        #expect(teeth >= (slope == 0 ? 50 : 60), "components ≥ 1e-5: \(teeth) of 66")
    }

    // MARK: Convolution + max-pooling network (eq. (1))

    /// No argmax switch and no ReLU kink within the stencil of a filter weight: for every input and channel, the
    /// winning slot leads the runner-up by more than 20h max|x| and its activation is farther than 10h max|x|
    /// from 0 (a dead channel stays dead).
    static func expectNoPoolingKinks(_ net: PatternDetectionNetwork, _ batch: PatternBatch,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let act = try net.preActivations(batch)
        let n = batch.patternsPerInput, k = net.channels
        let reach = 10 * h * batch.rows.storage.map(abs).max()!
        var closest = Double.infinity
        for b in 0..<batch.count {
            for i in 0..<k {
                let values = (0..<n).map { act[b * n + $0, i] }.sorted(by: >)
                closest = min(closest, abs(values[0]) / reach)
                if n > 1 && values[0] > 0 { closest = min(closest, (values[0] - values[1]) / (2 * reach)) }
            }
        }
        #expect(closest > 1, "an argmax tie or ReLU kink lies within the stencil (\(closest))", sourceLocation: sourceLocation)
    }

    @Test func patternDetectionNetworkLossGradient() throws {
        var rng = Xoshiro256(seed: 502)
        let d = try PatternDistribution.haarRandom(dimension: 6, patternCount: 6, patternsPerInput: 4, noiseRadius: 0.4, rng: &rng)
        let s = try d.sample(count: 16, rng: &rng)
        let net = try PatternDetectionNetwork(filters: Matrix.gaussian(rows: 7, columns: 6, variance: 1, rng: &rng),
                                              outputWeights: (0..<7).map { _ in 2 * rng.nextUniform() - 1 })
        try Self.expectNoPoolingKinks(net, s.inputs)
        let analytic = try net.logisticLossAndGradient(s.inputs, labels: s.labels)
        let teeth = try Self.expectCentralDifferences(analytic.gradient, at: net.parameters, "ConvPool network") { theta in
            var moved = net
            try moved.setParameters(theta)
            return try LogisticLoss.mean(outputs: moved.outputs(s.inputs), labels: s.labels)
        }
        #expect(teeth >= 40, "components ≥ 1e-5: \(teeth) of 49")
    }

    // MARK: LW_CNN (Algorithm 1): each step is −η × the gradient of the loss it trains

    /// Layer 1: W^(1) = W^(0) − η1 ∂L[S1]/∂W, with ∂L/∂W by central differences of L[S1] computed from the outputs.
    @Test func layerwiseFirstStepIsTheLossGradient() throws {
        var rng = Xoshiro256(seed: 503)
        let d = try PatternDistribution.haarRandom(dimension: 5, patternCount: 5, patternsPerInput: 3, noiseRadius: 0.3, rng: &rng)
        let (s1, _) = try d.sample(count: 24, rng: &rng).halves()
        let trainer = try LayerwiseTrainer(channels: 6, firstLayerSteps: 1, firstLayerRate: 0.1, secondLayerSteps: 0,
                                           secondLayerRate: 1, initialRadius: 1)
        let start = try PatternDetectionNetwork(filters: Matrix.gaussian(rows: 6, columns: 5, variance: 1, rng: &rng),
                                                outputWeights: (0..<6).map { _ in rng.nextUniform() < 0.5 ? 1.0 : -1.0 })
        try Self.expectNoPoolingKinks(start, s1.inputs)
        let trained = try trainer.trainFirstLayer(start, on: s1)
        #expect(trained.outputWeights == start.outputWeights)
        let step = zip(start.filters.storage, trained.filters.storage).map { ($0 - $1) / 0.1 }
        let teeth = try Self.expectCentralDifferences(step, at: start.filters.storage, relative: 1e-6, "LW_CNN layer 1 step") { w in
            let moved = try PatternDetectionNetwork(filters: Matrix(rows: 6, columns: 5, storage: w), outputWeights: start.outputWeights)
            return try LogisticLoss.mean(outputs: moved.outputs(s1.inputs), labels: s1.labels)
        }
        #expect(teeth >= 20, "components ≥ 1e-5: \(teeth) of 30")
    }

    /// Layer 2 runs in the span of the features (dual form): every step a^(t+1) = a^(t) − η2 ∂L[S2]/∂a at a^(t),
    /// with ∂L/∂a by central differences of L[S2] from the outputs; the loss it reports is L[S2](a^(t)).
    @Test func layerwiseSecondLayerStepsAreLossGradients() throws {
        var rng = Xoshiro256(seed: 504)
        let d = try PatternDistribution.haarRandom(dimension: 5, patternCount: 5, patternsPerInput: 3, noiseRadius: 0.3, rng: &rng)
        let (_, s2) = try d.sample(count: 30, rng: &rng).halves()
        let net = try PatternDetectionNetwork(filters: Matrix.gaussian(rows: 8, columns: 5, variance: 1, rng: &rng),
                                              outputWeights: (0..<8).map { _ in rng.nextUniform() < 0.5 ? 1.0 : -1.0 })
        let rate = 0.7
        let trainer = try LayerwiseTrainer(channels: 8, firstLayerSteps: 0, firstLayerRate: 1, secondLayerSteps: 6,
                                           secondLayerRate: rate, initialRadius: 1)
        func loss(_ a: [Double]) throws -> Double {
            let moved = try PatternDetectionNetwork(filters: net.filters, outputWeights: a)
            return try LogisticLoss.mean(outputs: moved.outputs(s2.inputs), labels: s2.labels)
        }
        var iterates: [[Double]] = [], losses: [Double] = []
        let trained = try trainer.trainSecondLayer(net, on: s2) { state in
            iterates.append(state.outputWeights)
            losses.append(state.loss)
        }
        #expect(iterates.count == 7 && trained.filters == net.filters)
        for (a, reported) in zip(iterates, losses) { #expect(abs(reported - (try loss(a))) < 1e-13) }
        for t in 0..<6 {
            let step = zip(iterates[t], iterates[t + 1]).map { ($0 - $1) / rate }
            let teeth = try Self.expectCentralDifferences(step, at: iterates[t], "LW_CNN layer 2 step \(t + 1)", loss)
            #expect(teeth >= 6, "step \(t + 1): components ≥ 1e-5: \(teeth) of 8")
        }
        #expect(zip(trained.outputWeights, iterates[6]).allSatisfy { abs($0 - $1) < 1e-13 })
    }

    // MARK: ASV Conv+Pool stack: backward pass (eqs. (7)–(9))

    /// The backward pass against central differences of E = ⟨g, z^(L)⟩ in every input pixel (Δz^(0)) and every
    /// bias (∂E/∂b_c = Σ over the positions of channel c of Δu^(ℓ), so each layer's Δu is checked), with kinked
    /// activations (leaky slope 0.01, |x|, ReLU) and smooth ones, max and average pooling. Each stencil is checked
    /// for kinks: the activation signs and the max-pooling winners at ± h equal those at the centre.
    @Test(arguments: [Activation.leakyReLU(slope: 0.01), .absolute, .relu, .tanh, .erf(scale: 1)])
    func convPoolStackBackwardPass(activation: Activation) throws {
        var rng = Xoshiro256(seed: 505)
        let input = try FeatureMapShape(width: 6, height: 6, channels: 2)
        let first = try ConvPoolLayer.square(input: input, outputChannels: 3, kernel: 3, padding: 1, stride: 1,
                                             activation: activation, pool: (.max, 2))
        let second = try ConvPoolLayer.square(input: first.output, outputChannels: 3, kernel: 2, padding: 1, stride: 1,
                                              activation: activation, pool: (.average, 2))
        let last = try ConvPoolLayer.fullyConnected(input: second.output, outputs: 4, activation: activation)
        let stack = try ConvPoolStack(layers: [first, second, last])
        let parameters = try stack.sampleParameters(weightVariances: [0.6, 0.5, 0.4], biasVariances: [0.2, 0.2, 0.2], rng: &rng)
        let sampler = NormalSampler()
        let z0 = (0..<input.count).map { _ in sampler.next(using: &rng) }
        let g = (0..<4).map { _ in sampler.next(using: &rng) }
        let trace = try stack.forward(z0, parameters: parameters)
        let gradients = try stack.backward(trace, outputGradient: g, parameters: parameters)
        let kinked = !activation.kinks.isEmpty

        func pattern(_ t: ConvPoolStack.Trace) -> [[Int]] {
            t.winners + (kinked ? t.preActivations.map { $0.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } } : [])
        }
        let centre = pattern(trace)
        func energy(_ z: [Double], _ p: ConvPoolStack.Parameters, kinkFree: inout Bool) throws -> Double {
            let t = try stack.forward(z, parameters: p)
            if pattern(t) != centre { kinkFree = false }
            return Vector.dot(g, t.outputs.last!)
        }
        var kinkFree = true
        let teeth = try Self.expectCentralDifferences(gradients.outputs[0], at: z0, "Δz^(0), \(activation)") { z in
            try energy(z, parameters, kinkFree: &kinkFree)
        }
        for l in 0..<3 {
            let geometry = parameters.convolutions[l].geometry
            let positions = geometry.output.positions
            let du = gradients.preActivations[l]
            let biasGradient = (0..<geometry.output.channels).map { c in du[(c * positions)..<((c + 1) * positions)].reduce(0, +) }
            try Self.expectCentralDifferences(biasGradient, at: parameters.convolutions[l].biases, "Δu^(\(l + 1)) via biases, \(activation)") { b in
                var convolutions = parameters.convolutions
                convolutions[l] = try PaddedConvolution(geometry: geometry, weights: convolutions[l].weights, biases: b)
                return try energy(z0, ConvPoolStack.Parameters(convolutions: convolutions), kinkFree: &kinkFree)
            }
        }
        #expect(kinkFree, "a kink or pooling tie lies inside a stencil: choose another seed")
        #expect(teeth >= input.count / 2, "components ≥ 1e-5: \(teeth) of \(input.count)")
    }

    // MARK: Layer-norm MLP and residual network: input-output Jacobians

    /// The tangent propagation of the layer-norm MLP (eq. (2.1)) with kinked activations (leaky slope 0.01, ReLU,
    /// |x|) against central differences through the same weights, all columns x, x ± h e_j in one batch; the signs
    /// of every z^(l) (what the next layer's activation sees) are the same at x ± h e_j as at x.
    @Test func layerNormJacobianWithKinkedActivations() throws {
        let layers = try [LayerNormLayer(width: 30, activation: .identity, weightVariance: 1, biasVariance: 0.2),
                          LayerNormLayer(width: 25, activation: .leakyReLU(slope: 0.01), weightVariance: 2, biasVariance: 0.1),
                          LayerNormLayer(width: 20, activation: .relu, weightVariance: 2),
                          LayerNormLayer(width: 12, activation: .absolute, weightVariance: 1.5, biasVariance: 0.1)]
        let n0 = 6
        let network = try LayerNormMLP(inputWidth: n0, layers: layers)
        let engine = try MonteCarloEngine(threads: 1)
        let stream = StreamSeed(root: 506)
        let x = [0.3, -1.2, 0.8, 1.5, -0.4, 0.9]
        let (output, jacobian) = try network.jacobian(at: try Matrix(rows: n0, columns: 1, storage: x), stream: stream, engine: engine)
        // Columns: x, then x + h e_j and x − h e_j for each j.
        let columns = 1 + 2 * n0
        var batch = [Double](repeating: 0, count: n0 * columns)
        for r in 0..<n0 {
            for c in 0..<columns {
                let j = (c - 1) / 2
                batch[r * columns + c] = x[r] + (c == 0 || j != r ? 0 : (c % 2 == 1 ? Self.h : -Self.h))
            }
        }
        var signsDiffer = 0
        let out = try network.propagate(try Matrix(rows: n0, columns: columns, storage: batch), stream: stream, engine: engine) { layer, z in
            guard layer < layers.count else { return }
            for row in 0..<z.rows {
                let sign = z[row, 0] > 0
                for c in 1..<columns where (z[row, c] > 0) != sign { signsDiffer += 1 }
            }
        }
        #expect(signsDiffer == 0, "a kink lies inside a stencil")
        var worst = 0.0, teeth = 0
        for i in 0..<output.rows {
            #expect(abs(out[i, 0] - output[i, 0]) < 1e-12)
            for j in 0..<n0 {
                let fd = (out[i, 1 + 2 * j] - out[i, 2 + 2 * j]) / (2 * Self.h)
                worst = max(worst, abs(fd - jacobian[i, j]) / (1e-8 + 1e-6 * abs(jacobian[i, j])))
                if abs(jacobian[i, j]) >= 1e-4 { teeth += 1 }
            }
        }
        #expect(worst <= 1, "worst Jacobian entry at \(worst) × its tolerance")
        #expect(teeth >= output.rows * n0 * 3 / 4, "entries ≥ 1e-4: \(teeth) of \(output.rows * n0)")
    }

    /// The residual network's tangents (chain rule through U, the layer norms and V) with kinked activations,
    /// against central differences; the signs of every block's hidden Y are the same at x ± h e_j as at x.
    @Test func residualNetworkJacobianWithKinkedActivations() throws {
        let n = 7
        let network = try ResidualNetwork(width: n, blocks: [
            try ResidualBlock(hiddenWidth: 11, activation: .leakyReLU(slope: 0.01), residualVariance: 1.2),
            try ResidualBlock(hiddenWidth: 9, activation: .relu, residualVariance: 0.8),
            try ResidualBlock(hiddenWidth: 10, activation: .absolute, residualVariance: 1.5),
        ])
        let stream = StreamSeed(root: 507)
        var x = [0.4, -1.1, 0.9, 1.3, -0.6, 0.2, -1.0]
        let norm = Vector.norm(x)
        x = x.map { $0 * Double(n).squareRoot() / norm }
        let (output, jacobian) = try network.jacobian(at: try Matrix(rows: n, columns: 1, storage: x), stream: stream)
        let columns = 1 + 2 * n
        var batch = [Double](repeating: 0, count: n * columns)
        for r in 0..<n {
            for c in 0..<columns {
                let j = (c - 1) / 2
                batch[r * columns + c] = x[r] + (c == 0 || j != r ? 0 : (c % 2 == 1 ? Self.h : -Self.h))
            }
        }
        var signsDiffer = 0, smallest = Double.infinity
        let out = try network.propagate(try Matrix(rows: n, columns: columns, storage: batch), stream: stream) { _, values in
            for row in 0..<values.hidden.rows {
                smallest = min(smallest, abs(values.hidden[row, 0]))
                let sign = values.hidden[row, 0] > 0
                for c in 1..<columns where (values.hidden[row, c] > 0) != sign { signsDiffer += 1 }
            }
        }.output
        #expect(signsDiffer == 0, "a kink lies inside a stencil (smallest |Y| = \(smallest))")
        var worst = 0.0, teeth = 0
        for i in 0..<n {
            #expect(abs(out[i, 0] - output[i, 0]) < 1e-12)
            for j in 0..<n {
                let fd = (out[i, 1 + 2 * j] - out[i, 2 + 2 * j]) / (2 * Self.h)
                worst = max(worst, abs(fd - jacobian[i, j]) / (1e-8 + 1e-6 * abs(jacobian[i, j])))
                if abs(jacobian[i, j]) >= 1e-4 { teeth += 1 }
            }
        }
        #expect(worst <= 1, "worst Jacobian entry at \(worst) × its tolerance")
        #expect(teeth >= n * n * 3 / 4, "entries ≥ 1e-4: \(teeth) of \(n * n)")
    }
}
