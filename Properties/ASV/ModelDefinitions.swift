import ClaimKit
import GSL
import RandomNetworks
import Randomness

extension ASVClaims {
    static let vectorization = Claim(
        id: "ASV-MOD-VEC", paper: Papers.asv, location: "App. A, Definitions 1–2, (A.1)–(A.3)",
        statement: """
        A vectorization t = vec T of T ∈ R^{n1×…×nd} is t_i = T_{μ⁻¹(i)} for a bijection μ (A.1)–(A.2), usually \
        vec(T) = [T_{1,1,…,1}, T_{2,1,…,1}, …, T_{n1,1,…,1}, T_{1,2,1,…,1}, …, T_{n1,n2,…,nd}]ᵀ (A.3), the standard \
        vectorization of matrices for d = 2. For an ordered index set s = {s_1 < … < s_m}, a_s = [a_{s1} … a_{sm}]ᵀ (Def. 2).
        """,
        assumptions: [
            "0-based in the code: μ(i, j, k) = i + w (j + h k) for a w × h × d map",
            "the sub-vectors of (A.13) are taken in increasing index order (Def. 2) for both a(ℓ, i) and s(ℓ, i)",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        var orderMismatches = 0, inverseMismatches = 0, distinct = 0, total = 0
        for (w, h, d) in [(1, 1, 1), (3, 4, 2), (5, 2, 3), (7, 7, 4)] {
            let shape = try FeatureMapShape(width: w, height: h, channels: d)
            var counter = 0, seen = Set<Int>()
            for k in 0..<d { for j in 0..<h { for i in 0..<w {   // (A.3): the first index runs fastest
                let t = try shape.index(i, j, k)
                if t != counter { orderMismatches += 1 }
                if try shape.coordinates(of: t) != (i, j, k) { inverseMismatches += 1 }
                seen.insert(t)
                counter += 1
            } } }
            distinct += seen.filter { (0..<shape.count).contains($0) }.count
            total += shape.count
        }
        compareCount(ctx, "entries out of the printed order of (A.3)", count: orderMismatches, reference: 0, samples: total)
        compareCount(ctx, "μ⁻¹(μ(i, j, k)) ≠ (i, j, k)", count: inverseMismatches, reference: 0, samples: total)
        compareCount(ctx, "distinct indices in [0, whd) (μ a bijection)", count: distinct, reference: total, samples: total)

        var rng = ctx.stream("matrix").generator()
        let matrix = try Matrix(rows: 4, columns: 3, storage: gaussianVector(12, &rng))
        let vec = try FeatureMapShape(width: 4, height: 3, channels: 1).vectorized { i, j, _ in matrix[i, j] }
        let stacked = (0..<3).flatMap { matrix.column($0) }
        compareCount(ctx, "d = 2: vec(A) ≠ its columns stacked, 4 × 3 matrix", count: zip(vec, stacked).filter { $0 != $1 }.count,
                     reference: 0, samples: 12)

        var violations = 0, pairs = 0
        for geometry in try randomGeometries(ctx, "geometries", count: 24, maxSide: 12, maxChannels: 4) {
            for t in 0..<geometry.output.count {
                let field = try geometry.receptiveField(of: t)
                pairs += field.count
                violations += zip(field, field.dropFirst()).filter { !($0.kernel < $1.kernel && $0.input < $1.input) }.count
            }
        }
        compareCount(ctx, "(A.13): corresponding (a, s) pairs not both increasing (Def. 2 sub-vectors mispaired)",
                     count: violations, reference: 0, samples: pairs, note: "24 random geometries with padding and strides")
    }

    static let convolution = Claim(
        id: "ASV-MOD-CONV", paper: Papers.asv, location: "eq. (3); App. A.1, (A.4)–(A.14)",
        statement: """
        Zero padding (A.4) and the strided convolution U_{i,j,k} = b_k + Σ_{ξ1,ξ2,ξ3} W_{k,ξ1,ξ2,ξ3} \
        P_{s_w(i−1)+ξ1, s_h(j−1)+ξ2, ξ3} (A.5) of output size w' = ⌊(w + 2p_w − k_w)/s_w⌋ + 1 (A.6) can be written with \
        the index sets 𝒜(ℓ; i, j), 𝒮(ℓ; i, j) (A.9) and their vectorizations a(ℓ, t), s(ℓ, t), c(ℓ, t) (A.11) as \
        u_i = b_{c(ℓ,i)} + ⟨w_{c(ℓ,i), a(ℓ,i)}, z_{s(ℓ,i)}⟩ (A.13), |s(ℓ, i)| = |a(ℓ, i)|; M_{ℓ−1} = whd, \
        M'_ℓ = w'h'd', C_ℓ = d', S_ℓ = k_w k_h d (A.14).
        """,
        assumptions: [
            "typos read as intended: (A.9) λ_{h,i} → λ_{h,j}; after (5), s(ℓ, i) ⊆ [S_ℓ] → [M_{ℓ−1}] (Table 1)",
            "checked on 24 random geometries: sides 1–12, kernels 1–7, padding 0–3, strides 1–3, 1–4 channels",
            "routes: im2col × GEMM (the model), the padded tensor of (A.4)–(A.5) written out, and the index-set sum (A.13)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("weights").generator()
        var gemm = 0.0, indexSets = 0.0, sizeMismatches = 0, cardinalityMismatches = 0, units = 0
        for geometry in try randomGeometries(ctx, "geometries", count: 24, maxSide: 12, maxChannels: 4) {
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, biasVariance: 1, rng: &rng)
            let z = gaussianVector(geometry.input.count, &rng)
            let reference = try conv.reference(z)
            let fast = largestDeviation(try conv(z), reference)
            gemm = max(gemm, fast.deviation / max(1, fast.scale))
            var viaSets = [Double](repeating: 0, count: geometry.output.count)
            for t in 0..<geometry.output.count {
                let field = try geometry.receptiveField(of: t)
                let c = try geometry.channel(ofOutput: t)
                // ⟨w_{c,a}, z_s⟩ with both sub-vectors in increasing index order (Def. 2).
                let a = field.map(\.kernel).sorted(), s = field.map(\.input).sorted()
                viaSets[t] = conv.biases[c] + zip(a, s).reduce(0) { $0 + conv.weights[c, $1.0] * z[$1.1] }
                let (i, j, _) = try geometry.output.coordinates(of: t)
                let columns = (0..<geometry.kernelWidth).filter {
                    (0..<geometry.input.width).contains(geometry.strideWidth * i + $0 - geometry.paddingWidth)
                }.count
                let rows = (0..<geometry.kernelHeight).filter {
                    (0..<geometry.input.height).contains(geometry.strideHeight * j + $0 - geometry.paddingHeight)
                }.count
                if field.count != geometry.input.channels * columns * rows || Set(a).count != Set(s).count {
                    cardinalityMismatches += 1
                }
                units += 1
            }
            let sets = largestDeviation(viaSets, reference)
            indexSets = max(indexSets, sets.deviation / max(1, sets.scale))
            let placements = (0...(geometry.input.width + 2 * geometry.paddingWidth)).filter {
                geometry.strideWidth * $0 + geometry.kernelWidth <= geometry.input.width + 2 * geometry.paddingWidth
            }.count
            if placements != geometry.output.width { sizeMismatches += 1 }
        }
        ctx.compare("max relative |u(im2col × GEMM) − u(A.5)| over 24 geometries", route: .closedForm, value: gemm,
                    error: 256 * Double.ulpOfOne, reference: 0, referenceRoute: .enumeration, resolution: 1e-12,
                    note: "error: the rounding of sums of at most 196 terms")
        ctx.compare("max relative |u(A.13), sorted sub-vectors − u(A.5)| over 24 geometries", route: .enumeration,
                    value: indexSets, error: 256 * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-12)
        compareCount(ctx, "units with |s(ℓ,i)| ≠ |a(ℓ,i)| or ≠ d n_w(i) n_h(j) (brute-force counts)",
                     count: cardinalityMismatches, reference: 0, samples: units)
        compareCount(ctx, "geometries whose w' differs from the count of kernel placements (A.6)", count: sizeMismatches,
                     reference: 0, samples: 24)
    }

    static let fullyConnected = Claim(
        id: "ASV-MOD-FC", paper: Papers.asv, location: "§3.1 last paragraph; App. A.2, (A.22)–(A.25)",
        statement: """
        The fully connected layer is a special case of the Conv+Pool layer, shown by letting a(ℓ, i) := [M_ℓ] and \
        s(ℓ, i) := [M_ℓ] and setting f_ℓ and g_ℓ to the identity (§3.1). In App. A.2: u_i = ⟨w_i, z^(ℓ−1)⟩ + b_i (A.22) \
        with a(ℓ, i) = s(ℓ, i) = [M_{ℓ−1}], c(ℓ, i) = i, C_ℓ = M'_ℓ, S_ℓ = M_{ℓ−1} (A.23); backward w̃_{ij} = w_{ji} \
        (A.24), J_ℓ = M'_ℓ, j(ℓ, i) = h(ℓ, i) = [M'_ℓ] (A.25).
        """,
        assumptions: [
            "a fully connected layer is the convolution whose kernel covers the whole unpadded input (one output position)",
            "f_ℓ and g_ℓ the identity, so M_ℓ = M'_ℓ; checked for 4×4×3 → 10 and 2×3×2 → 5",
        ],
        kind: .definition,
        expectation: .erratum(printed: "§3.1: a(ℓ, i) := [M_ℓ] and s(ℓ, i) := [M_ℓ]",
                              corrected: "a(ℓ, i) = s(ℓ, i) = [M_{ℓ−1}] as in (A.23); the rest of App. A.2 holds")
    ) { ctx in
        var rng = ctx.stream("weights").generator()
        for (input, outputs) in [(try FeatureMapShape(width: 4, height: 4, channels: 3), 10),
                                 (try FeatureMapShape(width: 2, height: 3, channels: 2), 5)] {
            let layer = try ConvPoolLayer.fullyConnected(input: input, outputs: outputs)
            let geometry = layer.convolution
            let tag = "\(input) → \(outputs)"
            let sizes = try (0..<outputs).map { try geometry.receptiveField(of: $0).count }
            compareCount(ctx, "\(tag): |s(ℓ, 1)| against M_ℓ = \(layer.outputCount) (§3.1 as printed)", count: sizes[0],
                         reference: layer.outputCount)
            let full = try (0..<outputs).filter { try geometry.receptiveField(of: $0).map(\.input) != Array(0..<input.count) }
            compareCount(ctx, "\(tag): units with s(ℓ, i) ≠ [M_{ℓ−1}] (A.23)", subject: .corrected, count: full.count,
                         reference: 0, samples: outputs)
            let backward = try (0..<input.count).filter { try geometry.backwardField(of: $0).map(\.output) != Array(0..<outputs) }
            compareCount(ctx, "\(tag): inputs with j(ℓ, i) ≠ [M'_ℓ] (A.25)", subject: .corrected, count: backward.count,
                         reference: 0, samples: input.count)
            compareCount(ctx, "\(tag): J_ℓ = M'_ℓ (A.25)", subject: .corrected, count: geometry.backwardKernelLength,
                         reference: outputs)
            compareCount(ctx, "\(tag): ε_ℓ = M'_ℓ M_{ℓ−1}", subject: .corrected, count: layer.connectionCount,
                         reference: outputs * input.count)
            let conv = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, rng: &rng)
            let z = gaussianVector(input.count, &rng)
            let dense = try conv.weights.multiplied(by: Matrix(rows: input.count, columns: 1, storage: z))
            let forward = largestDeviation(try conv(z), dense.storage)
            ctx.compare("\(tag): conv output against the dense product W z (A.22), BLAS", subject: .corrected,
                        route: .closedForm, value: forward.deviation, error: Double(input.count) * Double.ulpOfOne * max(1, forward.scale),
                        reference: 0, referenceRoute: .closedForm,
                        resolution: 1e-12 * max(1, forward.scale))
            let deltaU = gaussianVector(outputs, &rng)
            let transposed = try Matrix(rows: 1, columns: outputs, storage: deltaU).multiplied(by: conv.weights)
            let back = largestDeviation(try conv.backward(deltaU), transposed.storage)
            ctx.compare("\(tag): conv backward against Wᵀ Δu, w̃_{ij} = w_{ji} (A.24)", subject: .corrected,
                        route: .closedForm, value: back.deviation, error: Double(outputs) * Double.ulpOfOne * max(1, back.scale),
                        reference: 0, referenceRoute: .closedForm,
                        resolution: 1e-12 * max(1, back.scale))
        }
    }

    static let activation = Claim(
        id: "ASV-MOD-ACT", paper: Papers.asv, location: "eqs. (4), (8); App. A.3, (A.26)–(A.27)",
        statement: """
        v_i = f_ℓ(u_i) entry-wise (A.26) (eq. (4) names it y_i), and Δu_i = Δv_i · f'_ℓ(u_i) (8), (A.27), with \
        subgradients where f_ℓ is not differentiable; f_ℓ is ReLU, or the identity for a layer without activation.
        """,
        assumptions: [
            "ReLU'(0) := 0 in the code; the paper's subgradient U(0) = 1 (B.21) differs only on {u = 0}, a null event for continuous u",
            "checked on a 6×6×2 → 4-channel 3×3 convolution (padding 1) followed by a fully connected identity layer onto 5 units, E = ⟨g, z^(L)⟩",
            "Δu by the backward pass against central differences of E in u (step 1e-3; units with |u| ≤ 2e-3 skipped, where the kink lies inside the step)",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("network").generator()
        let input = try FeatureMapShape(width: 6, height: 6, channels: 2)
        for f in [Activation.relu, .identity] {
            let conv = try ConvPoolLayer.square(input: input, outputChannels: 4, kernel: 3, padding: 1, activation: f)
            let head = try ConvPoolLayer.fullyConnected(input: conv.output, outputs: 5)
            let stack = try ConvPoolStack(layers: [conv, head])
            let parameters = try stack.sampleParameters(weightVariances: [0.3, 0.1], biasVariances: [0.2, 0.1], rng: &rng)
            let trace = try stack.forward(gaussianVector(input.count, &rng), parameters: parameters)
            let g = gaussianVector(5, &rng)
            let gradients = try stack.backward(trace, outputGradient: g, parameters: parameters)
            let u = trace.preActivations[0]
            compareCount(ctx, "\(f): units with v ≠ f(u) (A.26)", count: zip(trace.activations[0], u).filter { $0 != f($1) }.count,
                         reference: 0, samples: u.count)
            let headOnly = try ConvPoolStack(layers: [head])
            let headParameters = ConvPoolStack.Parameters(convolutions: [parameters.convolutions[1]])
            func loss(_ pre: [Double]) throws -> Double {
                Vector.dot(g, try headOnly.forward(pre.map { f($0) }, parameters: headParameters).outputs[0])
            }
            // E is linear in u between the kinks of f at 0: the central difference is exact up to rounding for
            // every unit farther than the step from the kink.
            let step = 1e-3
            var worst = 0.0, checked = 0
            for i in u.indices where abs(u[i]) > 2 * step {
                var plus = u, minus = u
                plus[i] += step
                minus[i] -= step
                worst = max(worst, abs((try loss(plus) - loss(minus)) / (2 * step) - gradients.preActivations[0][i]))
                checked += 1
            }
            let outputs = try headOnly.forward(u.map { f($0) }, parameters: headParameters).outputs[0]
            let magnitude = zip(g, outputs).reduce(0) { $0 + abs($1.0 * $1.1) } + 1
            ctx.compare("\(f): max |Δu (backward pass) − ∂E/∂u (central difference)|", route: .closedForm, value: worst,
                        error: 64 * Double.ulpOfOne * magnitude / step, reference: 0, referenceRoute: .enumeration,
                        resolution: 1e-7, samples: checked,
                        note: "error: rounding of the difference quotient, 64 ulp × (Σ|g_k z_k| + 1) / step")
        }
    }
}
