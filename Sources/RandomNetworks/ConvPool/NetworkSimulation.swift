import Randomness

/// Random Conv+Pool networks fed white noise (the ASV paper's end-to-end checks, catalog §3.5):
/// each replicate is one network (weights N(0, σ²_{w^(ℓ)}), zero biases) with
/// `imagesPerNetwork` i.i.d. N(0, 1) inputs, because the per-channel weight
/// sums dominate the variance; per network and layer it measures the mean of
/// (u^(ℓ))² (q^(ℓ), eq. (11)), of (z^(ℓ))², the correlation of two horizontally adjacent
/// units of a window (0 for a layer one unit wide), the share of windows whose
/// pre-activations are all negative, and the mean of (Δz^(ℓ))² (r^(ℓ), eq. (14)) in
/// expectation over Δz^(L) ~ N(0, I), computed exactly by backpropagating
/// every basis vector of the output.
public struct NetworkSimulation: Sendable {
    /// The architecture.
    public let stack: ConvPoolStack
    /// σ²_{w^(ℓ)} for ℓ = 1 … L.
    public let weightVariances: [Double]
    /// White-noise images fed to each network.
    public let imagesPerNetwork: Int
    /// Whether the backward pass (r^(0…L)) is measured too.
    public let backward: Bool

    /// A simulation of `stack` with the weight variances `weightVariances`.
    public init(stack: ConvPoolStack, weightVariances: [Double], imagesPerNetwork: Int, backward: Bool) {
        self.stack = stack
        self.weightVariances = weightVariances
        self.imagesPerNetwork = imagesPerNetwork
        self.backward = backward
    }

    /// One network's statistics: [q, E z², window correlation, all-negative share] per layer (four blocks of
    /// L values), then r^(0…L) when `backward`; the convolutions build their patch matrices in `scratch`.
    public func network(_ rng: inout Xoshiro256, scratch: inout PatchScratch) throws -> [Double] {
        let parameters = try stack.sampleParameters(weightVariances: weightVariances, rng: &rng)
        let layers = stack.layers.count
        var sums = [Double](repeating: 0, count: 5 * layers + 1)
        var products = [Double](repeating: 0, count: layers)
        for _ in 0..<imagesPerNetwork {
            let trace = try whiteNoiseTrace(parameters, &rng, scratch: &scratch)
            for (l, layer) in stack.layers.enumerated() {
                let u = trace.preActivations[l]
                sums[l] += meanSquare(u)
                sums[layers + l] += meanSquare(trace.outputs[l])
                let pairs = adjacentPairs(u, layer)
                products[l] += pairs.product
                sums[2 * layers + l] += pairs.squares
                sums[3 * layers + l] += try negativeWindowShare(u, layer)
            }
            if backward {
                // E‖A Δz^(L)‖² over Δz^(L) ~ N(0, I) is Σ_k ‖A e_k‖²: backpropagate every basis vector.
                let outputs = stack.layers[layers - 1].outputCount
                for k in 0..<outputs {
                    var top = [Double](repeating: 0, count: outputs)
                    top[k] = 1
                    let gradients = try stack.backward(trace, outputGradient: top, parameters: parameters, scratch: &scratch)
                    for l in 0...layers { sums[4 * layers + l] += meanSquare(gradients.outputs[l]) }
                }
            }
        }
        let b = Double(imagesPerNetwork)
        var out: [Double] = []
        out += (0..<layers).map { sums[$0] / b }
        out += (0..<layers).map { sums[layers + $0] / b }
        out += (0..<layers).map { sums[2 * layers + $0] > 0 ? products[$0] / sums[2 * layers + $0] : 0 }
        out += (0..<layers).map { sums[3 * layers + $0] / b }
        if backward { out += (0...layers).map { sums[4 * layers + $0] / b } }
        return out
    }

    /// q^(ℓ) for ℓ = 1 … L of one network: the first L entries of `network(_:scratch:)`, from the same draws,
    /// without the other statistics.
    public func preActivationSecondMoments(_ rng: inout Xoshiro256, scratch: inout PatchScratch) throws -> [Double] {
        let parameters = try stack.sampleParameters(weightVariances: weightVariances, rng: &rng)
        var sums = [Double](repeating: 0, count: stack.layers.count)
        for _ in 0..<imagesPerNetwork {
            let trace = try whiteNoiseTrace(parameters, &rng, scratch: &scratch)
            for l in sums.indices { sums[l] += meanSquare(trace.preActivations[l]) }
        }
        return sums.map { $0 / Double(imagesPerNetwork) }
    }

    /// The forward trace of one N(0, I) input image.
    private func whiteNoiseTrace(_ parameters: ConvPoolStack.Parameters, _ rng: inout Xoshiro256,
                                 scratch: inout PatchScratch) throws -> ConvPoolStack.Trace {
        let sampler = NormalSampler()
        let count = stack.input.count
        let image = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            // The buffer may be longer than asked for: draw exactly `count` values.
            sampler.fill(UnsafeMutableBufferPointer(rebasing: buffer[..<count]), using: &rng)
            initialized = count
        }
        return try stack.forward(image, parameters: parameters, scratch: &scratch)
    }

    private func meanSquare(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 } / Double(x.count) }

    /// Σ u_a u_b and Σ (u_a² + u_b²)/2 over the pairs of horizontally adjacent units (2i, 2i + 1),
    /// the first two units of every window when the layer pools.
    private func adjacentPairs(_ u: [Double], _ layer: ConvPoolLayer) -> (product: Double, squares: Double) {
        let shape = layer.convolution.output
        guard shape.width >= 2 else { return (0, 0) }
        var product = 0.0, squares = 0.0
        for row in 0..<(shape.height * shape.channels) {
            var i = 0
            while i + 1 < shape.width {
                let a = u[row * shape.width + i], b = u[row * shape.width + i + 1]
                product += a * b
                squares += (a * a + b * b) / 2
                i += 2
            }
        }
        return (product, squares)
    }

    /// The share of pooling windows whose pre-activations are all negative (ReLU then max gives 0).
    /// The windows are those of `WindowPooling.window(of:)`, visited in place (no array per window).
    private func negativeWindowShare(_ u: [Double], _ layer: ConvPoolLayer) throws -> Double {
        let pooling = layer.pooling, input = pooling.input, output = pooling.output
        try input.validate(u, "u", in: "NetworkSimulation.negativeWindowShare")
        if pooling.windowSize == 1 {
            // No pooling: every unit is its own window.
            return Double(Vector.negativeCount(u)) / Double(layer.outputCount)
        }
        var negative = 0
        u.withUnsafeBufferPointer { u in
            for k in 0..<output.channels {
                for j in 0..<output.height {
                    for i in 0..<output.width {
                        var allNegative = true
                        windows: for x2 in 0..<pooling.windowHeight {
                            for x1 in 0..<pooling.windowWidth
                            where !(u[input.unchecked(pooling.windowWidth * i + x1, pooling.windowHeight * j + x2, k)] < 0) {
                                allNegative = false
                                break windows
                            }
                        }
                        if allNegative { negative += 1 }
                    }
                }
            }
        }
        return Double(negative) / Double(layer.outputCount)
    }
}
