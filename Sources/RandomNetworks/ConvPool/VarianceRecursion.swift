import GSL

/// The signal-variance recursions of the ASV paper through a Conv+Pool stack
/// with weights N(0, σ²_{w^(ℓ)}) and biases N(0, σ²_{b^(ℓ)}): the averaged
/// forms (11) and (14), and the per-unit (position-resolved) forms (B.7) and
/// (B.19) that keep the border structure of |s(ℓ, i)| and |j(ℓ, i)|.
public enum VarianceRecursion {
    /// Eq. (11): q^(ℓ) = σ²_b + σ²_w q^(ℓ−1) τ_{ℓ−1} ε_ℓ / M'_ℓ for ℓ = 1 … L (returned in
    /// that order), from q^(0) = `inputVariance` with τ_0 = `inputTau`.
    public static func averagedForward(_ stack: ConvPoolStack, weightVariances: [Double], biasVariances: [Double]? = nil,
                                       inputVariance: Double = 1, inputTau: Double = 1) throws -> [Double] {
        let (weights, biases) = try variances(stack, weightVariances, biasVariances, "VarianceRecursion.averagedForward")
        try Require.nonNegative(inputVariance, "inputVariance", in: "VarianceRecursion.averagedForward")
        try Require.positive(inputTau, "inputTau", in: "VarianceRecursion.averagedForward")
        var q = inputVariance, tau = inputTau
        var out: [Double] = []
        for (l, layer) in stack.layers.enumerated() {
            q = biases[l] + weights[l] * q * tau * Double(layer.connectionCount) / Double(layer.convolutionCount)
            out.append(q)
            if l + 1 < stack.layers.count { tau = try ASVInitialization.tau(of: layer) }
        }
        return out
    }

    /// Eq. (14): r^(ℓ−1) = σ²_{w^(ℓ)} r^(ℓ) γ_ℓ ε_ℓ / M_{ℓ−1}, from r^(L) = `outputVariance`;
    /// returns [r^(0), …, r^(L)].
    public static func averagedBackward(_ stack: ConvPoolStack, weightVariances: [Double],
                                        outputVariance: Double = 1) throws -> [Double] {
        let (weights, _) = try variances(stack, weightVariances, nil, "VarianceRecursion.averagedBackward")
        try Require.nonNegative(outputVariance, "outputVariance", in: "VarianceRecursion.averagedBackward")
        var r = outputVariance
        var out = [r]
        for (l, layer) in stack.layers.enumerated().reversed() {
            r = weights[l] * r * (try ASVInitialization.gamma(of: layer)) * Double(layer.connectionCount)
                / Double(layer.inputCount)
            out.append(r)
        }
        return out.reversed()
    }

    /// Per unit, (B.7): q_i^(ℓ) = σ²_b + σ²_w Σ_{s ∈ s(ℓ,i)} E[(z_s^(ℓ−1))²], layer by layer, with
    /// E[(z^(0))²] = `inputSecondMoments` and, after layer ℓ, E[(z_s^(ℓ))²] = τ_ℓ × (the mean of
    /// q^(ℓ) over the window t(ℓ, s)). Without pooling this is exact in expectation over the
    /// weights (u is symmetric, so E ReLU(u)² = q/2, and E z² = q for the identity); with
    /// pooling it is the paper's i.i.d.-window model (B.8) per position.
    /// Returns q^(ℓ) ∈ R^{M'_ℓ} for ℓ = 1 … L.
    public static func positionResolvedForward(_ stack: ConvPoolStack, weightVariances: [Double],
                                               biasVariances: [Double]? = nil,
                                               inputSecondMoments: [Double]) throws -> [[Double]] {
        let context = "VarianceRecursion.positionResolvedForward"
        let (weights, biases) = try variances(stack, weightVariances, biasVariances, context)
        try stack.input.validate(inputSecondMoments, "inputSecondMoments", in: context)
        var secondMoments = inputSecondMoments
        var out: [[Double]] = []
        for (l, layer) in stack.layers.enumerated() {
            let geometry = layer.convolution
            let positions = geometry.output.positions, length = geometry.kernelLength
            var q = [Double](repeating: 0, count: geometry.output.count)
            for p in 0..<positions {
                var sum = 0.0
                for a in 0..<length {
                    let s = Int(geometry.patchSources[p * length + a])
                    if s >= 0 { sum += secondMoments[s] }
                }
                for c in 0..<geometry.output.channels { q[p + positions * c] = biases[l] + weights[l] * sum }
            }
            out.append(q)
            if l + 1 < stack.layers.count {
                let tau = try ASVInitialization.tau(of: layer)
                secondMoments = try (0..<layer.outputCount).map { t in
                    let window = try layer.pooling.window(of: t)
                    return tau * window.reduce(0) { $0 + q[$1] } / Double(window.count)
                }
            }
        }
        return out
    }

    /// Per unit, (B.19): r_i^(ℓ−1) = σ²_{w^(ℓ)} Σ_{j ∈ j(ℓ,i)} E[(Δu_j)²] with
    /// E[(Δu_j)²] = r_{d(ℓ,j)} γ_ℓ — the paper's independence of Δz_{d(ℓ,j)} from
    /// ∂z_{d(ℓ,j)}/∂u_j and of the weights from Δu (gradient independence).
    /// From r^(L) = `outputVariances`; returns r^(ℓ) ∈ R^{M_ℓ} for ℓ = 0 … L.
    public static func positionResolvedBackward(_ stack: ConvPoolStack, weightVariances: [Double],
                                                outputVariances: [Double]) throws -> [[Double]] {
        let context = "VarianceRecursion.positionResolvedBackward"
        let (weights, _) = try variances(stack, weightVariances, nil, context)
        try stack.layers[stack.layers.count - 1].output.validate(outputVariances, "outputVariances", in: context)
        var r = outputVariances
        var out = [r]
        for (l, layer) in stack.layers.enumerated().reversed() {
            let geometry = layer.convolution
            let gamma = try ASVInitialization.gamma(of: layer)
            let positions = geometry.output.positions, length = geometry.kernelLength
            var perPosition = [Double](repeating: 0, count: positions)
            for j in 0..<layer.convolutionCount {
                perPosition[j % positions] += gamma * r[try layer.pooling.destination(of: j)]
            }
            var previous = [Double](repeating: 0, count: layer.inputCount)
            for p in 0..<positions {
                for a in 0..<length {
                    let s = Int(geometry.patchSources[p * length + a])
                    if s >= 0 { previous[s] += weights[l] * perPosition[p] }
                }
            }
            r = previous
            out.append(r)
        }
        return out.reversed()
    }

    private static func variances(_ stack: ConvPoolStack, _ weights: [Double], _ biases: [Double]?,
                                  _ context: String) throws -> ([Double], [Double]) {
        let b = biases ?? [Double](repeating: 0, count: stack.layers.count)
        guard weights.count == stack.layers.count, b.count == stack.layers.count else {
            throw ParameterError(context, parameter: "variances", value: "\(weights.count) weight and \(b.count) bias variances",
                                 requirement: "one per layer (\(stack.layers.count))")
        }
        for v in weights + b { try Require.nonNegative(v, "variance", in: context) }
        return (weights, b)
    }
}
