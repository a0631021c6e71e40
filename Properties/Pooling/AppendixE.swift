import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-PE-17-19: App. E's expansion of C, eqs. (16)–(18): the numerator as a double sum over positions (17)
    /// and C in terms of r̂ (18), an equality of ratios in which the factor ½ of E r(⟨α, W⟩)r(⟨β, W⟩) cancels.
    static let appendixEExpansion = Claim(
        id: "POOL-PE-17-19", paper: Papers.pooling, location: "App. E, eqs. (17)–(19), (21)–(22)",
        statement: """
        (17) C = E_{x,y} Σ_{i,j∈D} E r(⟨α_i, W⟩) r(⟨β_j, W⟩)/d⁴ over the square roots of the double sums of the \
        denominator; (18) C = E_{x,y} Σ_{i,j∈D} r̂(⟨α_i/‖α_i‖, β_j/‖β_j‖⟩)‖α_i‖‖β_j‖ / (√(E_x Σ_{i,j} r̂(…)‖α_i‖‖α_j‖) \
        √(E_y Σ_{m,l} r̂(…)‖β_m‖‖β_l‖)); (19), (21)–(22): the two factors of the denominator are equal.
        """,
        assumptions: [
            "W ∈ R^{k×k} i.i.d. N(0, 1), k = 3; Ar(x) = (1/d²) Σ_{i∈D} r(⟨α_i, W⟩) with cyclic patches; fixed Gaussian 8×8 images x, y (E_{x,y} of a point mass; the identities are linear in it)",
            "(17)'s numerator is read as the double sum Σ_{i,j∈D} … r(⟨β_j, W⟩): the text extraction prints Σ_{i∈D} … β_i with the subscript \"i,j∈D\" detached into a stray \\frac{i,j∈D}{…} of the next line, the denominator and (18) carry double sums, and only the double sum equals E[Ar(x)Ar(y)] d⁴. An earlier version of this check read the extraction's single sum as the paper's and reported an erratum",
            "(18) is an equality of ratios: termwise E r(⟨α, W⟩)r(⟨β, W⟩) = ½ r̂(cos)‖α‖‖β‖ (r̂(1) = 1, §1.3), and the ½, like the 1/d⁴, is common to numerator and denominator and cancels; (18) is not claimed termwise (read termwise without the ½ it would be off by a factor 2, as an earlier version of this check reported)",
            "(19), (21)–(22) (equal denominator factors) need only that x and y are identically distributed: not checked separately",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("fixed inputs").generator()
        let sampler = NormalSampler()
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        // The termwise step from (17) to (18), for fixed patches of R⁹.
        let pair = try Matrix.gaussian(rows: 2, columns: 9, variance: 1, rng: &rng)
        let a = Array(pair.storage[0..<9]), b = Array(pair.storage[9..<18])
        let half = try ConvolutionKernelMoments.expectedReLUProduct(pair, 0, pair, 1)
        let cosine = Vector.dot(a, b) / (Vector.norm(a) * Vector.norm(b))
        let integral = try GaussianCovariance.reluOneDimensional(rho: cosine)
        let scale = Vector.norm(a) * Vector.norm(b)
        ctx.compare("(17) → (18), one term: ‖α‖‖β‖ E[R(X)R(Y)] by QUADPACK vs ½ r̂(cos)‖α‖‖β‖",
                    route: .quadrature, value: scale * integral.value, error: scale * integral.absoluteError,
                    reference: half, referenceRoute: .closedForm, resolution: 1e-9 * half)
        try ctx.estimateMean("(17) → (18), one term: E_W r(⟨α,W⟩)r(⟨β,W⟩) = ½ r̂(cos)‖α‖‖β‖ (Monte Carlo)",
                             region: .equal(half), resolution: 0.05 * half, alpha: alpha, label: "(18) again") { rng, count in
            RunningMoments.of(count: count) {
                let w = (0..<9).map { _ in sampler.next(using: &rng) }
                return max(0, Vector.dot(a, w)) * max(0, Vector.dot(b, w))
            }
        }

        // (17) and (18) for fixed Gaussian images: E_W[Ar(x)Ar(y)] against the double sum, and C against the r̂ form.
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let x = try Image.gaussian(size: 8, channels: 1, rng: &rng), y = try Image.gaussian(size: 8, channels: 1, rng: &rng)
        let px = try geometry.patches(of: x), py = try geometry.patches(of: y)
        let positions = Double(px.rows)
        let single = try ConvolutionKernelMoments.featureInnerProduct(x, y, geometry: geometry) / (positions * positions)
        let double = try ConvolutionKernelMoments.averagePooledProduct(x, y, geometry: geometry)
        try ctx.estimateMean("(17): E_W[Ar(x)Ar(y)] = Σ_{i,j} E r(⟨α_i,W⟩)r(⟨β_j,W⟩)/d⁴ (fixed 8×8 Gaussian x, y)",
                             region: .equal(double), resolution: 0.05 * double, alpha: alpha, label: "(17) again",
                             note: "the extraction's single sum Σ_i … β_i/d⁴ would be \(single), the double sum is \(double)") { rng, count in
            RunningMoments.of(count: count) {
                let w = (0..<9).map { _ in sampler.next(using: &rng) }
                return SingleKernelAveragePooling.value(px, w) * SingleKernelAveragePooling.value(py, w)
            }
        }
        let ratio = try ConvolutionKernelMoments.averagePooledMeanSimilarity(x, y, geometry: geometry)
        try ctx.estimateFunctionOfMeans(
            "(18): C = E[Ar(x)Ar(y)]/√(E[Ar(x)²]E[Ar(y)²]) over W equals the r̂ ratio of (18)",
            function: .cosineOfMeans, region: .equal(ratio), resolution: 0.01, alpha: alpha, pilotSamples: 2000,
            chunkSize: 1000, note: "the r̂ ratio (18), with no factor ½ anywhere: \(ratio)"
        ) { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count {
                let w = (0..<9).map { _ in sampler.next(using: &rng) }
                let u = SingleKernelAveragePooling.value(px, w), v = SingleKernelAveragePooling.value(py, w)
                moments.add([u * v, u * u, v * v])
            }
            return moments
        }
    }

    /// POOL-PE-20: the numerator through the polar decomposition; Λ.
    static let appendixENumerator = Claim(
        id: "POOL-PE-20", paper: Papers.pooling, location: "App. E, eq. (20) and the sentence after it; App. E end (Λ ≥ 1/π)",
        statement: """
        Since x and y are mutually independent, let Λ = E_{u,v} r̂(⟨u, v⟩); the numerator can be written as \
        Σ_{i,j∈D} E_{u,v} r̂(⟨u, v⟩) E[s] E[t] = d⁴ Λ E[s]², where u, v ~ Unif(S^{r²}), s, t ~ χ_{k²} are mutually \
        independent due to the polar decomposition of standard normal random vector. Λ ≥ r̂(E⟨u, v⟩) = r̂(0) = 1/π.
        """,
        assumptions: [
            "K = k² is the patch dimension; u, v uniform on the unit sphere S^{K−1} of R^K (the printed S^{r²} is a typo)",
            "exact (derived): E_{α,β}[r̂(cos)‖α‖‖β‖] = 2 E_W[(E_α r(⟨α, W⟩))²] = E‖W‖²/π = K/π for independent α, β ~ N(0, I_K), so Λ = K/(π(E χ_K)²) with E χ_K = √2 Γ((K + 1)/2)/Γ(K/2)",
            "Λ by QUADPACK over the density ∝ (1 − t²)^{(K−3)/2} of ⟨u, v⟩, against that closed form (K = 1 by its two-point law u, v = ±1)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        ctx.compare("Λ at K = 1 (u, v = ±1: Λ = (r̂(1) + r̂(−1))/2 = 1/2) vs 1/(π (E χ_1)²)", route: .closedForm,
                    value: 0.5 * ((try ReLUDualActivation.value(1)) + (try ReLUDualActivation.value(-1))),
                    reference: 1 / (Double.pi * pow(try GaussianImageAveragePooling.meanChi(dimension: 1), 2)),
                    referenceRoute: .closedForm, resolution: 1e-13)
        for kernelSize in [2, 3, 5, 7] {
            let dimension = kernelSize * kernelSize
            let lambda = try GaussianImageAveragePooling.sphereAverageOfDual(dimension: dimension)
            let chi = try GaussianImageAveragePooling.meanChi(dimension: dimension)
            ctx.compare("Λ at K = \(dimension) by QUADPACK vs K/(π (E χ_K)²)", route: .quadrature, value: lambda.value,
                        error: lambda.absoluteError, reference: Double(dimension) / (Double.pi * chi * chi),
                        referenceRoute: .closedForm, resolution: 1e-9)
            ctx.bound("Λ ≥ 1/π at K = \(dimension) (Jensen)", route: .quadrature, value: lambda.value,
                      error: lambda.absoluteError, region: .atLeast(1 / Double.pi), resolution: 1e-9)
        }
        // Monte Carlo: E[r̂(cos(α, β))‖α‖‖β‖] for independent α, β ~ N(0, I_9) against Λ (E χ_9)² with Λ by QUADPACK.
        let lambda = try GaussianImageAveragePooling.sphereAverageOfDual(dimension: 9).value
        let chi = try GaussianImageAveragePooling.meanChi(dimension: 9)
        let sampler = NormalSampler()
        try ctx.estimateMean("E r̂(cos(α, β))‖α‖‖β‖ = Λ (E s)², α, β ~ N(0, I_9) independent (Monte Carlo)",
                             region: .equal(lambda * chi * chi), resolution: 0.05, alpha: try ctx.reserveAlpha(1)) { rng, count in
            let pair = UnsafeMutablePointer<Double>.allocate(capacity: 18)
            defer { pair.deallocate() }
            return try RunningMoments.of(count: count) {
                for t in 0..<18 { pair[t] = sampler.next(using: &rng) }
                let patches = try Matrix(rows: 2, columns: 9, storage: Array(UnsafeBufferPointer(start: pair, count: 18)))
                return 2 * (try ConvolutionKernelMoments.expectedReLUProduct(patches, 0, patches, 1))
            }
        }
    }

    /// POOL-PE-COUNT: how many patches overlap a given patch.
    static let overlapCount = Claim(
        id: "POOL-PE-COUNT", paper: Papers.pooling, location: "App. E, reason (i) after eq. (29); App. F (Figure 6)",
        statement: """
        For any patch α_i with size k, there are less or equal to (2k − 1)² patches that are dependent (i.e., not \
        disjoint) with α_i. (Eqs. (27) and (30) write this count as 9k².)
        """,
        assumptions: [
            "patches of eq. (6) centred at every pixel; dependent = sharing a pixel (ind(α_i) ∩ ind(α_j) ≠ ∅), α_i itself included",
            "enumeration for k ∈ {1, 3, 5} and d ∈ {2k − 2, 2k − 1, 16, 32} (d ≥ k for zero padding), cyclic and zero-padded; 9k² is a valid but looser upper count",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for k in [1, 3, 5] {
            for boundary in [ConvolutionBoundary.cyclic, .zeroPadded] {
                for d in Set([max(k, 2 * k - 2), 2 * k - 1, 16, 32]).sorted() {
                    let geometry = try PatchGeometry(kernelSize: k, boundary: boundary)
                    let side = try geometry.outputSide(imageSize: d)
                    var holders = [[Int]](repeating: [], count: d * d) // pixel → patches containing it
                    var covers: [[Int]] = []
                    for p in 0..<(side * side) {
                        let pixels = try geometry.pixelIndices(ofPatchAt: p / side, p % side, imageSize: d)
                        covers.append(pixels)
                        for pixel in pixels { holders[pixel].append(p) }
                    }
                    let counts = covers.map { Set($0.flatMap { holders[$0] }).count }
                    let full = (2 * k - 1) * (2 * k - 1)
                    ctx.bound("most patches dependent with one patch, k = \(k), d = \(d), \(boundary)", route: .enumeration,
                              value: Double(counts.max()!), region: .atMost(Double(full)), resolution: 0.5, samples: counts.count)
                    if boundary == .cyclic && d >= 2 * k - 1 {
                        ctx.bound("fewest patches dependent with one patch = (2k − 1)², k = \(k), d = \(d), cyclic",
                                  route: .enumeration, value: Double(counts.min()!), region: .equal(Double(full)),
                                  resolution: 0.5, samples: counts.count)
                    }
                }
            }
            ctx.bound("9k² ≥ (2k − 1)² at k = \(k) (the count of (27) is an upper count)", route: .closedForm,
                      value: Double(9 * k * k), region: .atLeast(Double((2 * k - 1) * (2 * k - 1))), resolution: 0.5)
        }
    }
}
