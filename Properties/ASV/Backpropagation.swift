import ClaimKit
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    static let convolutionBackward = Claim(
        id: "ASV-MOD-CONV-BWD", paper: Papers.asv, location: "eq. (7); App. A.1, (A.15)–(A.21)",
        statement: """
        With W̃_{i,j,k,l} = W_{l,j,k,i} (A.15), ∂U_{i,j,k}/∂Z_{l,m,n} = W_{k,ζ1,ζ2,n} = W̃_{n,ζ1,ζ2,k} for \
        ζ1 = l + p_w − s_w(i − 1), ζ2 = m + p_h − s_h(j − 1) (A.16)–(A.17), and with 𝒥(ℓ; l, m), ℋ(ℓ; l, m) (A.18) \
        vectorized to j(ℓ, t), h(ℓ, t), J_ℓ = k_w k_h d', C̃_ℓ = d (A.20): \
        Δz_i = Σ_{(j,h) ∈ (j(ℓ,i), h(ℓ,i))} Δu_j w̃_{c̃(ℓ,i),h} = ⟨Δu_{j(ℓ,i)}, w̃_{c̃(ℓ,i), h(ℓ,i)}⟩ (A.21), eq. (7).
        """,
        assumptions: [
            "sub-vectors are taken with increasing indices (Def. 2), as for the forward pass (A.13)",
            "E = ⟨g, u⟩ with g fixed, so ∂E/∂z is exact by central differences of any step (E is linear in z; step 0.5)",
            "geometries: 5×4×2 → 3 channels with 3×3 kernels, padding 1, stride 1, and 12 random geometries",
        ],
        kind: .identity,
        expectation: .erratum(
            printed: "Δz_i = ⟨Δu_{j(ℓ,i)}, w̃_{c̃(ℓ,i),h(ℓ,i)}⟩ with the sub-vectors of Def. 2 (increasing indices)",
            corrected: """
            Δz_i = Σ over corresponding pairs (j, h) (the first expression of (A.21)); as sub-vectors, h(ℓ, i) must be \
            listed in the order of j(ℓ, i), which runs backwards along each spatial axis (the spatially flipped kernel, \
            as in every transposed convolution). The variance analysis (B.18)–(B.19) uses the pair sum and is unaffected.
            """)
    ) { ctx in
        var rng = ctx.stream("weights").generator()
        let specific = try ConvolutionGeometry.square(input: FeatureMapShape(width: 5, height: 4, channels: 2), kernel: 3,
                                                      padding: 1, outputChannels: 3)
        let geometries = [specific] + (try randomGeometries(ctx, "geometries", count: 12, maxSide: 10, maxChannels: 3))
        var gemm = 0.0, countMismatches = 0, inputs = 0
        for geometry in geometries {
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, rng: &rng)
            let deltaU = gaussianVector(geometry.output.count, &rng)
            let pairSum = try conv.referenceBackward(deltaU)
            let fast = largestDeviation(try conv.backward(deltaU), pairSum)
            gemm = max(gemm, fast.deviation / max(1, fast.scale))
            var reached = [Int](repeating: 0, count: geometry.input.count)
            for t in 0..<geometry.output.count { for pair in try geometry.receptiveField(of: t) { reached[pair.input] += 1 } }
            for t in 0..<geometry.input.count where try geometry.backwardField(of: t).count != reached[t] { countMismatches += 1 }
            inputs += geometry.input.count
        }
        ctx.compare("max relative |Δz(GEMM, scatter) − Δz(pair sum (A.21))| over 13 geometries", subject: .corrected,
                    route: .closedForm, value: gemm, error: 256 * Double.ulpOfOne, reference: 0, referenceRoute: .enumeration,
                    resolution: 1e-12)
        compareCount(ctx, "inputs with |j(ℓ, i)| from (A.18) ≠ #{outputs whose s(ℓ, t) holds i}", subject: .corrected,
                     count: countMismatches, reference: 0, samples: inputs)

        // Finite differences on the specific geometry: E = ⟨g, u(z)⟩, central difference with step h.
        let conv = try PaddedConvolution.gaussian(geometry: specific, weightVariance: 1, rng: &rng)
        let g = gaussianVector(specific.output.count, &rng)
        let z = gaussianVector(specific.input.count, &rng)
        let step = 0.5   // E is linear in z: the central difference is exact for any step, up to rounding
        let numeric = try (0..<specific.input.count).map { t in
            var plus = z, minus = z
            plus[t] += step
            minus[t] -= step
            return (Vector.dot(g, try conv(plus)) - Vector.dot(g, try conv(minus))) / (2 * step)
        }
        let magnitude = zip(g, try conv(z)).reduce(0) { $0 + abs($1.0 * $1.1) } + 1
        let rounding = 64 * Double.ulpOfOne * magnitude / step
        let pairs = largestDeviation(try conv.referenceBackward(g), numeric)
        ctx.compare("5×4×2 → 3, k = 3, p = 1: max |Δz (pair sum) − ∂E/∂z (central difference)|", subject: .corrected,
                    route: .enumeration, value: pairs.deviation, error: rounding, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-8, samples: numeric.count)
        let sorted = try (0..<specific.input.count).map { t in
            let n = try specific.input.coordinates(of: t).k
            let field = try specific.backwardField(of: t)
            let j = field.map(\.output).sorted(), h = field.map(\.kernel).sorted()
            return zip(j, h).reduce(0.0) { $0 + g[$1.0] * conv.backwardKernelEntry(channel: n, index: $1.1) }
        }
        let printed = largestDeviation(sorted, numeric)
        ctx.compare("5×4×2 → 3, k = 3, p = 1: max |⟨Δu_j, w̃_h⟩ (Def. 2 sub-vectors) − ∂E/∂z|", route: .enumeration,
                    value: printed.deviation, error: rounding, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-8, samples: numeric.count,
                    note: "largest |∂E/∂z| = \(printed.scale): the sorted sub-vectors pair Δu at output i with the kernel entry of the mirrored offset")
    }

    /// The (window width, window height, map) cases of the pooling claims: divisible maps.
    static func poolingCases() throws -> [(Int, Int, FeatureMapShape)] {
        [(2, 3, try FeatureMapShape(width: 4, height: 6, channels: 2)), (2, 2, try FeatureMapShape(width: 8, height: 8, channels: 3)),
         (3, 3, try FeatureMapShape(width: 6, height: 6, channels: 1)), (1, 1, try FeatureMapShape(width: 4, height: 4, channels: 2))]
    }

    static let pooling = Claim(
        id: "ASV-MOD-POOL", paper: Papers.asv, location: "eq. (5); App. A.4, (A.28)–(A.37); Table 1",
        statement: """
        Max pooling Z_{i,j,k} = max_{ξ} V_{t_w(i−1)+ξ1, t_h(j−1)+ξ2, k} (A.28) and average pooling (A.29) over \
        non-overlapping t_w × t_h windows give a map of size w' = ⌊(w − t_w)/t_w⌋ + 1 (A.30); with T_ℓ = t_w t_h and the \
        window sets 𝒯(ℓ; i, j, k) (A.31) vectorized to t(ℓ, i) (A.34), z_i = g_ℓ(v_{t(ℓ,i)}) (A.37), and the sets \
        t(ℓ, i) divide [M'_ℓ] exclusively with |t(ℓ, i)| = T_ℓ (Table 1).
        """,
        assumptions: [
            "the maps are divided evenly (App. A.4: \"divided evenly and exclusively\"): t_w | w and t_h | h; otherwise the floor of (A.30) drops the last rows and columns (a 5-wide map with t_w = 2 keeps 4 columns), and the model rejects such maps",
            "cases: 2×3 windows on 4×6×2, 2×2 on 8×8×3, 3×3 on 6×6×1, 1×1 (no pooling) on 4×4×2; max and average",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("maps").generator()
        var deviation = 0.0, rounding = 0.0, coverage = 0, sizes = 0, widths = 0, units = 0
        for (tw, th, shape) in try poolingCases() {
            for kind in PoolingKind.allCases {
                let pooling = try WindowPooling(input: shape, windowWidth: tw, windowHeight: th, kind: kind)
                let v = gaussianVector(shape.count, &rng)
                let z = try pooling.forward(v).z
                // A mean of T values: at most T roundings of magnitude max|v| each.
                rounding = max(rounding, Double(tw * th) * (v.map(abs).max() ?? 0) * Double.ulpOfOne)
                var covered = [Int](repeating: 0, count: shape.count)
                for t in 0..<pooling.output.count {
                    let window = try pooling.window(of: t)
                    let values = window.map { v[$0] }
                    let g = kind == .max ? values.max()! : values.reduce(0, +) / Double(values.count)
                    deviation = max(deviation, abs(g - z[t]))
                    if window.count != tw * th { sizes += 1 }
                    for s in window { covered[s] += 1 }
                }
                coverage += covered.filter { $0 != 1 }.count
                units += shape.count
                if pooling.output.width != (shape.width - tw) / tw + 1 || pooling.output.height != (shape.height - th) / th + 1 {
                    widths += 1
                }
            }
        }
        ctx.compare("max |g(v_{t(ℓ,i)}) (A.37) − the tensor form (A.28)/(A.29)|", route: .enumeration, value: deviation,
                    error: rounding, reference: 0, referenceRoute: .closedForm, resolution: 1e-12,
                    note: "error: the rounding of a mean of T values, T max|v| ulp")
        compareCount(ctx, "input units not in exactly one window (Table 1: the t(ℓ, i) partition [M'_ℓ])", count: coverage,
                     reference: 0, samples: units)
        compareCount(ctx, "windows with |t(ℓ, i)| ≠ T_ℓ", count: sizes, reference: 0)
        compareCount(ctx, "cases whose pooled size differs from (A.30)", count: widths, reference: 0, samples: 8)
    }

    static let poolingBackward = Claim(
        id: "ASV-MOD-POOL-BWD", paper: Papers.asv, location: "eq. (9); App. A.4, (A.38)–(A.41)",
        statement: """
        Every input unit (i, j, k) lies in exactly one window, that of 𝒟(ℓ; i, j, k) = (⌊(i−1)/t_w⌋ + 1, \
        ⌊(j−1)/t_h⌋ + 1, k) (A.38), vectorized to d(ℓ, i) (A.39); Δv_i = Δz_{d(ℓ,i)} ∂z_{d(ℓ,i)}/∂v_i (A.40) with \
        ∂g/∂x_i = δ_{x_i, g(x)} for max pooling and 1/T_ℓ for average pooling (A.41).
        """,
        assumptions: [
            "ties in a max window have probability zero for continuous inputs; the model routes to the first maximum",
            "Δv against central differences (step 1e-5) of E = ⟨g, z⟩ at Gaussian inputs, where z is locally linear",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("maps").generator()
        let step = 1e-5
        var destinations = 0, routing = 0, worst = 0.0, rounding = 0.0, units = 0
        for (tw, th, shape) in try poolingCases() {
            for kind in PoolingKind.allCases {
                let pooling = try WindowPooling(input: shape, windowWidth: tw, windowHeight: th, kind: kind)
                var owner = [Int](repeating: -1, count: shape.count)
                for t in 0..<pooling.output.count { for s in try pooling.window(of: t) { owner[s] = t } }
                for s in 0..<shape.count where try pooling.destination(of: s) != owner[s] { destinations += 1 }
                let v = gaussianVector(shape.count, &rng), g = gaussianVector(pooling.output.count, &rng)
                let (_, winners) = try pooling.forward(v)
                let deltaV = try pooling.backward(g, winners: winners)
                for t in 0..<pooling.output.count {
                    let window = try pooling.window(of: t)
                    let expected: [Double] = kind == .max
                        ? window.map { v[$0] == window.map { v[$0] }.max()! ? g[t] : 0 }
                        : window.map { _ in g[t] / Double(window.count) }
                    routing += zip(window, expected).filter { abs(deltaV[$0.0] - $0.1) > 1e-15 * abs(g[t]) }.count
                }
                let magnitude = zip(g, try pooling.forward(v).z).reduce(0) { $0 + abs($1.0 * $1.1) } + 1
                rounding = max(rounding, 64 * Double.ulpOfOne * magnitude / step)
                for s in 0..<shape.count {
                    var plus = v, minus = v
                    plus[s] += step
                    minus[s] -= step
                    let numeric = (Vector.dot(g, try pooling.forward(plus).z) - Vector.dot(g, try pooling.forward(minus).z)) / (2 * step)
                    worst = max(worst, abs(numeric - deltaV[s]))
                }
                units += shape.count
            }
        }
        compareCount(ctx, "units whose d(ℓ, i) from (A.38) is not the window holding them", count: destinations,
                     reference: 0, samples: units)
        compareCount(ctx, "units whose Δv differs from Δz_{d(ℓ,i)} δ_{x_i, max} or Δz_{d(ℓ,i)}/T (A.40)–(A.41), beyond rounding",
                     count: routing, reference: 0, samples: units)
        ctx.compare("max |Δv (A.40) − ∂E/∂v (central difference)|", route: .closedForm, value: worst, error: rounding,
                    reference: 0, referenceRoute: .enumeration, resolution: 1e-6, samples: units,
                    note: "error: rounding of the difference quotient, 64 ulp × (Σ|g_k z_k| + 1) / step; a misrouted gradient is O(|g|) ≈ 1")
    }
}
