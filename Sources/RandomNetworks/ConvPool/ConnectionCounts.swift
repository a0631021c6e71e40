/// The connections of a padded, strided convolution counted independently of `ConvolutionGeometry`'s
/// patch tables: the ASV paper's ε_ℓ = Σ_{i ∈ [M'_ℓ]} |s(ℓ, i)| (§4.1) unit by unit, Σn_w along one axis
/// from the index formula (A.7)–(A.8), a closed form for 3×3 kernels with padding 1, and the receptive
/// field s(ℓ, t) of (A.9) read off the index formula.
public enum ConnectionCounts {
    /// A 3×3, padding-1 convolution on a w × w × d map: every input column is reached by three
    /// output columns except the two border columns (two each), so Σ_i n_w(i) = 3w − 2 and
    /// ε = d e (3w − 2)² for `outputChannels` e.
    public static func paddedThreeByThree(side w: Int, inputChannels d: Int, outputChannels e: Int) -> Int {
        d * e * (3 * w - 2) * (3 * w - 2)
    }

    /// Σn_w: over the output columns i of a strided, padded convolution along one axis of length `side`,
    /// the kernel columns ξ whose input column λ_w = s_w i + ξ − p_w (A.7) lies inside the map (A.8).
    public static func kernelTapsInside(side: Int, kernel: Int, padding: Int, stride: Int) -> Int {
        let outputs = (side + 2 * padding - kernel) / stride + 1
        return (0..<outputs).reduce(0) { sum, i in
            sum + (0..<kernel).filter { (0..<side).contains(stride * i + $0 - padding) }.count
        }
    }

    /// ε_ℓ = Σ_{i ∈ [M'_ℓ]} |s(ℓ, i)| (§4.1), counted unit by unit.
    public static func enumerated(_ layer: ConvPoolLayer) throws -> Int {
        try (0..<layer.convolution.output.count).reduce(0) { $0 + (try layer.convolution.receptiveField(of: $1)).count }
    }

    /// s(ℓ, t) = 𝒮(ℓ; i, j) of (A.9) read off the index formula rather than the model's patch table: the input units
    /// (λ_w, λ_h, ξ3) with λ_w = s_w i + ξ1 − p_w, λ_h = s_h j + ξ2 − p_h (A.7, 0-based) inside the map (A.8).
    public static func inputsByIndexFormula(_ geometry: ConvolutionGeometry, of t: Int) throws -> [Int] {
        let (i, j, _) = try geometry.output.coordinates(of: t)
        var inputs: [Int] = []
        for channel in 0..<geometry.input.channels {
            for y in (geometry.strideHeight * j - geometry.paddingHeight)..<(geometry.strideHeight * j - geometry.paddingHeight + geometry.kernelHeight)
            where (0..<geometry.input.height).contains(y) {
                for x in (geometry.strideWidth * i - geometry.paddingWidth)..<(geometry.strideWidth * i - geometry.paddingWidth + geometry.kernelWidth)
                where (0..<geometry.input.width).contains(x) {
                    inputs.append(try geometry.input.index(x, y, channel))
                }
            }
        }
        return inputs
    }
}

extension ConvolutionGeometry {
    /// `count` random convolution geometries drawn from `rng`: sides in 1…`maxSide`, kernels 1…`maxKernel`
    /// (at most the padded side), padding 0…3, strides 1…3, channels 1…`maxChannels`.
    public static func random(count: Int, maxSide: Int, maxKernel: Int = 7, maxChannels: Int,
                              rng: inout Xoshiro256) throws -> [ConvolutionGeometry] {
        func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        return try (0..<count).map { _ in
            let input = try FeatureMapShape(width: draw(1...maxSide), height: draw(1...maxSide),
                                            channels: draw(1...maxChannels))
            let pw = draw(0...3), ph = draw(0...3)
            return try ConvolutionGeometry(
                input: input, kernelWidth: draw(1...min(maxKernel, input.width + 2 * pw)),
                kernelHeight: draw(1...min(maxKernel, input.height + 2 * ph)), paddingWidth: pw, paddingHeight: ph,
                strideWidth: draw(1...3), strideHeight: draw(1...3), outputChannels: draw(1...maxChannels))
        }
    }
}
