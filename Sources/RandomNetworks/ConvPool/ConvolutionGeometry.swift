import GSL

/// The index sets of a zero-padded, strided two-dimensional convolution (the
/// ASV paper, Henmi et al., App. A.1): a w × h × d input, padding (p_w, p_h),
/// kernels k_w × k_h × d, strides (s_w, s_h) and d' output channels.
///
/// Output size (A.6): w' = ⌊(w + 2p_w − k_w)/s_w⌋ + 1, h' likewise. Output unit
/// (i, j, k) sees the input pixels λ_w = s_w i + ξ_1 − p_w, λ_h = s_h j + ξ_2 − p_h
/// (A.7, 0-based) that fall inside the map — the sets 𝒜(ℓ; i, j) of kernel
/// offsets and 𝒮(ℓ; i, j) of pixels (A.9), vectorized to a(ℓ, t) and s(ℓ, t)
/// (A.11). The kernel of channel k is vectorized column-major over
/// k_w × k_h × d (A.12): kernel index μ(ξ_1, ξ_2, ξ_3) = ξ_1 + k_w (ξ_2 + k_h ξ_3).
public struct ConvolutionGeometry: Sendable, Equatable {
    /// The input map w × h × d.
    public let input: FeatureMapShape
    /// k_w, the kernel's width in pixels.
    public let kernelWidth: Int
    /// k_h, the kernel's height in pixels.
    public let kernelHeight: Int
    /// p_w, the zero padding added on the left and on the right.
    public let paddingWidth: Int
    /// p_h, the zero padding added at the top and at the bottom.
    public let paddingHeight: Int
    /// s_w, the horizontal stride.
    public let strideWidth: Int
    /// s_h, the vertical stride.
    public let strideHeight: Int
    /// The output map w' × h' × d' (A.6).
    public let output: FeatureMapShape
    /// For output position p = i + w' j (row) and kernel index a (column), the
    /// input index μ(λ_w, λ_h, ξ_3), or −1 where the kernel meets padding: the
    /// im2col gather table of (A.13).
    let patchSources: [Int32]

    /// The geometry of a k_w × k_h × d kernel with padding (p_w, p_h) and strides (s_w, s_h) onto
    /// `outputChannels` channels. Throws `ParameterError` for a kernel, stride or channel count below 1, a
    /// negative padding, a kernel larger than the padded input, or sizes that overflow `Int` (`Int32` for
    /// the input's entry count).
    public init(input: FeatureMapShape, kernelWidth: Int, kernelHeight: Int, paddingWidth: Int = 0,
                paddingHeight: Int = 0, strideWidth: Int = 1, strideHeight: Int = 1, outputChannels: Int) throws {
        let context = "ConvolutionGeometry"
        try Require.atLeast(kernelWidth, 1, "kernelWidth", in: context)
        try Require.atLeast(kernelHeight, 1, "kernelHeight", in: context)
        try Require.atLeast(paddingWidth, 0, "paddingWidth", in: context)
        try Require.atLeast(paddingHeight, 0, "paddingHeight", in: context)
        try Require.atLeast(strideWidth, 1, "strideWidth", in: context)
        try Require.atLeast(strideHeight, 1, "strideHeight", in: context)
        try Require.atLeast(outputChannels, 1, "outputChannels", in: context)
        // The padded sides w + 2p_w, h + 2p_h must fit in Int.
        try Require.atMost(paddingWidth, (Int.max - input.width) / 2, "paddingWidth", in: context)
        try Require.atMost(paddingHeight, (Int.max - input.height) / 2, "paddingHeight", in: context)
        // The gather table stores input indices as Int32.
        try Require.atMost(input.count, Int(Int32.max), "input size w · h · d", in: context)
        guard input.width + 2 * paddingWidth >= kernelWidth, input.height + 2 * paddingHeight >= kernelHeight else {
            throw ParameterError(context, parameter: "kernel", value: "\(kernelWidth)×\(kernelHeight)",
                                 requirement: "at most the padded input \(input.width + 2 * paddingWidth)×\(input.height + 2 * paddingHeight)")
        }
        self.input = input
        self.kernelWidth = kernelWidth
        self.kernelHeight = kernelHeight
        self.paddingWidth = paddingWidth
        self.paddingHeight = paddingHeight
        self.strideWidth = strideWidth
        self.strideHeight = strideHeight
        output = try FeatureMapShape(width: (input.width + 2 * paddingWidth - kernelWidth) / strideWidth + 1,
                                     height: (input.height + 2 * paddingHeight - kernelHeight) / strideHeight + 1,
                                     channels: outputChannels)
        let length = try Require.product([kernelWidth, kernelHeight, input.channels], "kernel size k_w · k_h · d", in: context)
        let entries = try Require.product([output.positions, length], "gather table size w'h' · k_w k_h d", in: context)
        var table = [Int32](repeating: -1, count: entries)
        for j in 0..<output.height {
            for i in 0..<output.width {
                let row = (i + output.width * j) * length
                for x3 in 0..<input.channels {
                    for x2 in 0..<kernelHeight {
                        let lh = strideHeight * j + x2 - paddingHeight
                        guard (0..<input.height).contains(lh) else { continue }
                        for x1 in 0..<kernelWidth {
                            let lw = strideWidth * i + x1 - paddingWidth
                            guard (0..<input.width).contains(lw) else { continue }
                            table[row + x1 + kernelWidth * (x2 + kernelHeight * x3)] = Int32(input.unchecked(lw, lh, x3))
                        }
                    }
                }
            }
        }
        patchSources = table
    }

    /// (A.4)–(A.6) with a square kernel k × k, padding p and stride s on both axes.
    public static func square(input: FeatureMapShape, kernel: Int, padding: Int = 0, stride: Int = 1,
                              outputChannels: Int) throws -> ConvolutionGeometry {
        try ConvolutionGeometry(input: input, kernelWidth: kernel, kernelHeight: kernel, paddingWidth: padding,
                                paddingHeight: padding, strideWidth: stride, strideHeight: stride,
                                outputChannels: outputChannels)
    }

    /// A fully connected layer as the special convolution of App. A.2: one
    /// kernel covering the whole input, no padding, so a(ℓ, i) = s(ℓ, i) = [M_{ℓ−1}]
    /// and c(ℓ, i) = i (A.23).
    public static func fullyConnected(input: FeatureMapShape, outputs: Int) throws -> ConvolutionGeometry {
        try ConvolutionGeometry(input: input, kernelWidth: input.width, kernelHeight: input.height,
                                outputChannels: outputs)
    }

    /// One output position whose kernel covers the whole unpadded input (App. A.2).
    public var isFullyConnected: Bool {
        kernelWidth == input.width && kernelHeight == input.height && paddingWidth == 0 && paddingHeight == 0
    }

    /// S_ℓ = k_w k_h d (A.14): the length of a forward kernel (M_{ℓ−1} for a fully connected layer, (A.23)).
    public var kernelLength: Int { kernelWidth * kernelHeight * input.channels }

    /// J_ℓ, the length of a backward kernel: k_w k_h d' (A.20), and M'_ℓ for a fully connected layer (A.25).
    public var backwardKernelLength: Int {
        isFullyConnected ? output.count : kernelWidth * kernelHeight * output.channels
    }

    /// n_w(i): the kernel columns ξ_1 whose pixel λ_{w,i} lies inside the map (A.7)–(A.9), 0-based i.
    public func validColumns(_ i: Int) -> Int {
        Self.validOffsets(start: strideWidth * i - paddingWidth, kernel: kernelWidth, size: input.width)
    }

    /// n_h(j): the kernel rows ξ_2 whose pixel λ_{h,j} lies inside the map, 0-based j.
    public func validRows(_ j: Int) -> Int {
        Self.validOffsets(start: strideHeight * j - paddingHeight, kernel: kernelHeight, size: input.height)
    }

    private static func validOffsets(start: Int, kernel: Int, size: Int) -> Int {
        max(0, min(start + kernel, size) - max(start, 0))
    }

    /// ε_ℓ, the number of connections between layers ℓ − 1 and ℓ (§4.1):
    /// Σ_t |s(ℓ, t)| = d d' (Σ_i n_w(i)) (Σ_j n_h(j)), in closed form.
    public var connectionCount: Int {
        let columns = (0..<output.width).reduce(0) { $0 + validColumns($1) }
        let rows = (0..<output.height).reduce(0) { $0 + validRows($1) }
        return input.channels * output.channels * columns * rows
    }

    /// c(ℓ, t) (A.11): the channel of output unit t.
    public func channel(ofOutput t: Int) throws -> Int { try output.coordinates(of: t).k }

    /// The pairs (a, s) of a(ℓ, t) × s(ℓ, t) in corresponding order (A.9), (A.11):
    /// kernel index a = μ(ξ_1, ξ_2, ξ_3) and input index s = μ(λ_w, λ_h, ξ_3), both increasing.
    public func receptiveField(of t: Int) throws -> [(kernel: Int, input: Int)] {
        let position = try output.coordinates(of: t)
        let row = (position.i + output.width * position.j) * kernelLength
        return (0..<kernelLength).compactMap { a in
            let source = patchSources[row + a]
            return source < 0 ? nil : (a, Int(source))
        }
    }

    /// The pairs (j, h) of j(ℓ, t) × h(ℓ, t) in corresponding order (A.17)–(A.20),
    /// for input unit t = μ(l, m, n): the output units (i, j, k) with
    /// ζ_1 = l + p_w − s_w i ∈ [0, k_w) and ζ_2 = m + p_h − s_h j ∈ [0, k_h), and the
    /// backward-kernel index h = μ(ζ_1, ζ_2, k) into w̃_n = vec W̃_n, W̃_{n,ζ1,ζ2,k} = W_{k,ζ1,ζ2,n} (A.15).
    /// Listed with j increasing (h then runs backwards along each spatial axis).
    public func backwardField(of t: Int) throws -> [(output: Int, kernel: Int)] {
        let (l, m, _) = try input.coordinates(of: t)
        let rows = Self.outputsCovering(m + paddingHeight, kernel: kernelHeight, stride: strideHeight, outputs: output.height)
        let columns = Self.outputsCovering(l + paddingWidth, kernel: kernelWidth, stride: strideWidth, outputs: output.width)
        var pairs: [(output: Int, kernel: Int)] = []
        pairs.reserveCapacity(output.channels * rows.count * columns.count)
        for k in 0..<output.channels {
            for j in rows {
                let zeta2 = m + paddingHeight - strideHeight * j
                for i in columns {
                    let zeta1 = l + paddingWidth - strideWidth * i
                    pairs.append((output.unchecked(i, j, k), zeta1 + kernelWidth * (zeta2 + kernelHeight * k)))
                }
            }
        }
        return pairs
    }

    /// The outputs o ∈ [0, `outputs`) along one axis whose offset ζ = `paddedCoordinate` − `stride` · o lies in
    /// [0, `kernel`) (A.17): ⌈(paddedCoordinate − kernel + 1)/stride⌉ … ⌊paddedCoordinate/stride⌋, clipped.
    private static func outputsCovering(_ paddedCoordinate: Int, kernel: Int, stride: Int, outputs: Int) -> Range<Int> {
        let first = (max(0, paddedCoordinate - kernel + 1) + stride - 1) / stride
        let last = min(outputs - 1, paddedCoordinate / stride)
        return first..<max(first, last + 1)
    }
}
