import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// A bound on the rounding of an output of eq. (6) computed in any summation order: a sum of k² products
    /// is off by at most k²ε Σ|W_ij x_{u−i,v−j}| ≤ k²ε Σ|W_ij| max|x| (Higham's γ_n).
    static func convolutionRounding(_ w: [Double], _ x: Image) -> Double {
        Double(w.count) * Double.ulpOfOne * w.reduce(0) { $0 + abs($1) } * (x.pixels.map(abs).max() ?? 0)
    }

    /// POOL-DEF-CNN: the single-channel centered convolution, the CNN and global pooling (eqs. (6)–(9)).
    static let cnnDefinition = Claim(
        id: "POOL-DEF-CNN", paper: Papers.pooling, location: "§2, eqs. (6)–(9)",
        statement: """
        z = r(W * x) ∈ R^{d×d}, x ∈ R^{d×d}, W ∈ R^{k×k}, k odd, (W * x)_{uv} = Σ_{i,j∈[−(k−1)/2,(k−1)/2]} \
        W_{ij} x_{u−i,v−j}; F(x) = (r(W¹ * x), …, r(W^m * x)); A(F(x)) = (Ave(r(W¹ * x)), …, Ave(r(W^m * x))), \
        M(F(x)) = (max(r(W¹ * x)), …, max(r(W^m * x))).
        """,
        assumptions: [
            "1-channel images; the boundary rule is not stated: `cyclic` (indices mod d, App. E's full patches), `zeroPadded` (output d×d) and `valid` (output (d − k + 1)², PyTorch's default) are all implemented; the stated output z ∈ R^{d×d} excludes `valid`",
            "Ave and max run over all output positions of one channel",
            "checked by enumeration: d = 7, k = 3 and 5, m = 3 kernels, a Gaussian image",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("kernels").generator()
        let d = 7
        let image = try Image.gaussian(size: d, channels: 1, rng: &rng)
        for k in [3, 5] {
            for boundary in ConvolutionBoundary.allCases {
                let geometry = try PatchGeometry(kernelSize: k, boundary: boundary)
                let layer = try CenteredConvolution.gaussian(count: 3, geometry: geometry, variance: 1, rng: &rng)
                let out = try layer(image)
                let side = try geometry.outputSide(imageSize: d)
                let offset = boundary == .valid ? geometry.halfWidth : 0
                var largest = 0.0, rounding = 0.0
                for c in 0..<3 {
                    let w = Array(layer.kernels.storage[(c * k * k)..<((c + 1) * k * k)])
                    // GEMM and the written-out sum each round; Ave's sum of side² outputs adds side²ε max|output|.
                    let perOutput = convolutionRounding(w, image)
                    rounding = max(rounding, 2 * perOutput + Double(side * side) * perOutput / Double(k * k))
                    var sum = 0.0, peak = 0.0
                    for u in 0..<side {
                        for v in 0..<side {
                            let direct = CenteredConvolution.writtenOut(w, k: k, image, u: u + offset, v: v + offset, boundary: boundary)
                            largest = max(largest, abs(out[u * side + v, c] - direct))
                            sum += max(0, direct)
                            peak = max(peak, max(0, direct))
                        }
                    }
                    let pooled = GlobalPooling.features(out)
                    largest = max(largest, abs(pooled.average[c] - sum / Double(side * side)), abs(pooled.maximum[c] - peak))
                }
                // Resolution 1e-9: a wrong index or boundary rule moves an output by O(Σ|W| max|x|) ≈ 10, while 10× the
                // rounding bound is ≈ 1e-11; the earlier 1e-12 sat below what any summation order guarantees.
                ctx.bound("max |GEMM (W * x), Ave, max − eq. (6)–(9) written out|, k = \(k), \(boundary)",
                          route: .enumeration, value: largest, error: rounding, region: .equal(0), resolution: 1e-9,
                          samples: side * side * 3, note: "error: the rounding of two sums of k² products and of Ave's sum")
                if boundary != .valid {
                    ctx.compare("output side for d = 7, k = \(k), \(boundary) (z ∈ R^{d×d})", route: .enumeration,
                                value: Double(side), reference: Double(d), referenceRoute: .closedForm, resolution: 0.5)
                } else {
                    // Without padding the outputs are the centres whose k×k patch lies inside the image: counted pixel by pixel.
                    let inside = (0..<(d * d)).filter { p in [p / d, p % d].allSatisfy { $0 - geometry.halfWidth >= 0 && $0 + geometry.halfWidth < d } }
                    ctx.compare("valid output positions for d = 7, k = \(k): centres whose patch fits, enumerated",
                                route: .closedForm, value: Double(try geometry.positions(imageSize: d)),
                                reference: Double(inside.count), referenceRoute: .enumeration, resolution: 0.5,
                                note: "(d − k + 1)² = \((d - k + 1) * (d - k + 1)) for the full patches PyTorch's padding=0 keeps")
                }
            }
            // The rules differ only where a patch crosses the border: interior positions agree.
            let h = (k - 1) / 2
            let kernel = (0..<(k * k)).map { Double($0 % 5) - 2 }
            let outputs = try ConvolutionBoundary.allCases.map { boundary in
                try CenteredConvolution(kernels: Matrix(rows: 1, columns: k * k, storage: kernel),
                                        geometry: PatchGeometry(kernelSize: k, boundary: boundary))(image)
            }
            var disagreement = 0.0
            for u in h..<(d - h) {
                for v in h..<(d - h) {
                    let cyclic = outputs[0][u * d + v, 0], padded = outputs[1][u * d + v, 0]
                    let valid = try outputs[2].entry((u - h) * (d - k + 1) + (v - h), 0)
                    disagreement = max(disagreement, abs(cyclic - padded), abs(cyclic - valid))
                }
            }
            ctx.bound("max disagreement of the three boundary rules at interior positions, k = \(k)", route: .enumeration,
                      value: disagreement, error: 2 * convolutionRounding(kernel, image), region: .equal(0), resolution: 1e-9,
                      samples: (d - 2 * h) * (d - 2 * h), note: "error: the rounding of two sums of k² products (GEMM's order varies by machine)")
        }
    }

    /// POOL-NOTATION: the index set D, the patches α_i and ind(α) of §1.3.
    static let notation = Claim(
        id: "POOL-NOTATION", paper: Papers.pooling, location: "§1.3, notation table",
        statement: """
        D is the set of double indices {(1, 1), (1, 2), …, (d, d)}; α_i, β_j are the patch i of the 2D tensor x and \
        the patch j of y, i, j ∈ D, "the ordered set of coordinates of the pixels in images x and y of size d × d"; \
        ind(α) is the index of the entries of patch α; ρ̄(X, Y) = E⟨X, Y⟩/√(E‖X‖² E‖Y‖²) is the mean similarity.
        """,
        assumptions: [
            "α_i is the k×k patch centred at pixel i read by eq. (6), so (W * x)_i = ⟨α_i, W⟩",
            "the OCR prints E[X²] in ρ̄; the norm E‖X‖² is meant (App. E's C uses it)",
            "checked by enumeration on a Gaussian 9×9 image, k = 3 and 5, cyclic and zero-padded",
        ],
        kind: .definition, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("image").generator()
        let d = 9
        let image = try Image.gaussian(size: d, channels: 1, rng: &rng)
        let energy = Vector.dot(image.pixels, image.pixels)
        for k in [3, 5] {
            let cyclic = try PatchGeometry(kernelSize: k, boundary: .cyclic)
            ctx.compare("|D| = d² output positions, k = \(k), cyclic", route: .enumeration,
                        value: Double(try cyclic.positions(imageSize: d)), reference: Double(d * d),
                        referenceRoute: .closedForm, resolution: 0.5)
            let sizes = try (0..<d).flatMap { u in try (0..<d).map { try cyclic.pixelIndices(ofPatchAt: u, $0, imageSize: d).count } }
            ctx.bound("|ind(α_i)| = k² for every i ∈ D (smallest), k = \(k), cyclic", route: .enumeration,
                      value: Double(sizes.min()!), region: .equal(Double(k * k)), resolution: 0.5, samples: sizes.count)
            ctx.bound("|ind(α_i)| = k² for every i ∈ D (largest), k = \(k), cyclic", route: .enumeration,
                      value: Double(sizes.max()!), region: .equal(Double(k * k)), resolution: 0.5, samples: sizes.count)
            // Each pixel lies in exactly k² cyclic patches: Σ_i ‖α_i‖² = k²‖x‖²; fewer with zero padding.
            let patches = try cyclic.patches(of: image)
            ctx.compare("Σ_i ‖α_i‖² = k²‖x‖², k = \(k), cyclic", route: .enumeration,
                        value: Vector.dot(patches.storage, patches.storage), reference: Double(k * k) * energy,
                        referenceRoute: .closedForm, resolution: 1e-10 * energy)
            let padded = try PatchGeometry(kernelSize: k, boundary: .zeroPadded).patches(of: image)
            ctx.bound("Σ_i ‖α_i‖² ≤ k²‖x‖², k = \(k), zero-padded", route: .enumeration,
                      value: Vector.dot(padded.storage, padded.storage), region: .atMost(Double(k * k) * energy),
                      resolution: 1e-10 * energy)
        }
    }
}
