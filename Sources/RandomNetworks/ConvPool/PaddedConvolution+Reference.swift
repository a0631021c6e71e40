/// Slow reference implementations of the convolution's two passes, written
/// from different equations than the im2col × GEMM paths, for checks.
extension PaddedConvolution {
    /// (A.4)–(A.5) literally: build the zero-padded tensor P, then
    /// U_{i,j,k} = b_k + Σ_{ξ1,ξ2,ξ3} W_{k,ξ1,ξ2,ξ3} P_{s_w i + ξ1, s_h j + ξ2, ξ3} (0-based).
    public func reference(_ z: [Double]) throws -> [Double] {
        let g = geometry, input = g.input
        try input.validate(z, "z", in: "PaddedConvolution.reference")
        let paddedWidth = input.width + 2 * g.paddingWidth, paddedHeight = input.height + 2 * g.paddingHeight
        var padded = [Double](repeating: 0, count: paddedWidth * paddedHeight * input.channels)
        for k in 0..<input.channels {
            for j in 0..<input.height {
                for i in 0..<input.width {
                    padded[(i + g.paddingWidth) + paddedWidth * ((j + g.paddingHeight) + paddedHeight * k)] =
                        z[input.unchecked(i, j, k)]
                }
            }
        }
        return g.output.vectorized { i, j, k in
            var sum = biases[k]
            for x3 in 0..<input.channels {
                for x2 in 0..<g.kernelHeight {
                    for x1 in 0..<g.kernelWidth {
                        sum += weights[k, x1 + g.kernelWidth * (x2 + g.kernelHeight * x3)]
                            * padded[(g.strideWidth * i + x1) + paddedWidth * ((g.strideHeight * j + x2) + paddedHeight * x3)]
                    }
                }
            }
            return sum
        }
    }

    /// (A.21), first expression: Δz_t = Σ_{(j,h) ∈ (j(ℓ,t), h(ℓ,t))} Δu_j w̃_{c̃(ℓ,t),h} over corresponding
    /// pairs, with w̃_n = vec W̃_n and W̃_{n,ζ1,ζ2,k} = W_{k,ζ1,ζ2,n} (A.15).
    public func referenceBackward(_ deltaU: [Double]) throws -> [Double] {
        let g = geometry
        try g.output.validate(deltaU, "deltaU", in: "PaddedConvolution.referenceBackward")
        return try (0..<g.input.count).map { t in
            let n = try g.input.coordinates(of: t).k
            return try g.backwardField(of: t).reduce(0) { sum, pair in
                sum + deltaU[pair.output] * backwardKernelEntry(channel: n, index: pair.kernel)
            }
        }
    }

    /// w̃_{n,h} (A.15): entry h = μ(ζ1, ζ2, k) of the backward kernel of input channel n.
    public func backwardKernelEntry(channel n: Int, index h: Int) -> Double {
        let g = geometry
        let zeta1 = h % g.kernelWidth, zeta2 = (h / g.kernelWidth) % g.kernelHeight
        let k = h / (g.kernelWidth * g.kernelHeight)
        return weights[k, zeta1 + g.kernelWidth * (zeta2 + g.kernelHeight * n)]
    }
}
