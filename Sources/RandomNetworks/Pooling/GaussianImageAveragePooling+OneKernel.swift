import GSL

extension GaussianImageAveragePooling {
    /// E_{x,y}[Ar(x) Ar(y)] and E_x[Ar(x)²] of Theorem 4.4's C for one fixed kernel W (cyclic boundary, x, y
    /// independent with i.i.d. N(0, 1) pixels), by enumeration of all d² × d² position pairs: z = W * x is centred
    /// Gaussian with covariance Σ = L Lᵀ, L the d² × d² matrix of eq. (6) (written out on the unit images), so
    ///
    ///     E[Ar(x) Ar(y)] = (Ave_p √(Σ_pp/(2π)))²,   E[Ar(x)²] = Ave_{p,q} ½ √(Σ_pp Σ_qq) r̂(Σ_pq/√(Σ_pp Σ_qq)).
    ///
    /// A route independent of App. E's grouping by overlap shifts: for ‖W‖² = k² the summand of B_k
    /// (`overlapExcess`) is the kernel's own b_W, and C_W = cross/square = 1/(1 + b_W/d²) for d ≥ 2k − 1.
    public static func oneKernelMoments(kernel w: [Double], kernelSize k: Int,
                                        imageSize d: Int) throws -> (cross: Double, square: Double) {
        try validate(kernel: w, k, "oneKernelMoments")
        try Require.atLeast(d, 1, "imageSize", in: "GaussianImageAveragePooling.oneKernelMoments")
        let n = try Require.product([d, d], "imageSize²", in: "GaussianImageAveragePooling.oneKernelMoments")
        // L[p][j]: output p = (u, v) of the unit image at pixel j.
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var pixels = [Double](repeating: 0, count: n)
            pixels[j] = 1
            let unit = try Image(size: d, channels: 1, pixels: pixels)
            for p in 0..<n { l[p][j] = CenteredConvolution.writtenOut(w, k: k, unit, u: p / d, v: p % d, boundary: .cyclic) }
        }
        let variances = l.map { Vector.dot($0, $0) }
        let meanSD = variances.reduce(0) { $0 + $1.squareRoot() } / Double(n)
        var square = 0.0
        for p in 0..<n {
            for q in 0..<n {
                let norms = (variances[p] * variances[q]).squareRoot()
                guard norms > 0 else { continue }
                // A computed correlation may leave [−1, 1] by rounding; it is a correlation, so it is brought back.
                square += 0.5 * norms * (try ReLUDualActivation.value(min(1, max(-1, Vector.dot(l[p], l[q]) / norms))))
            }
        }
        return (meanSD * meanSD / (2 * Double.pi), square / Double(n * n))
    }
}
