import GSL

/// Exact expectations over one Gaussian kernel W (i.i.d. N(0, 1) entries) of
/// the ReLU CNN of the pooling paper, eqs. (6)–(8), for fixed inputs x, y. For
/// patches α, β the pair (⟨α, W⟩, ⟨β, W⟩) is centred Gaussian, so (Cho & Saul;
/// the pooling paper's App. E eq. (18) with its missing factor 1/2 restored)
///
///     E_W[r(⟨α, W⟩) r(⟨β, W⟩)] = ½ ‖α‖‖β‖ r̂(⟨α, β⟩/(‖α‖‖β‖)).
///
/// Summing over positions gives the expected inner products of the ReLU
/// features and of the average pooling features; their mean similarities are
/// the limits of the realized cosines as the number of kernels m → ∞ (the m
/// channels are i.i.d.). Identical patches are grouped first, so block images
/// cost O(distinct patches²).
public enum ConvolutionKernelMoments {
    /// E_W⟨r(W * x), r(W * y)⟩ = ½ Σ_p ‖α_p‖‖β_p‖ r̂(cos(α_p, β_p)) (same positions p).
    public static func featureInnerProduct(_ x: Image, _ y: Image, geometry: PatchGeometry) throws -> Double {
        try featureSums(try geometry.patches(of: x), try geometry.patches(of: y)).xy
    }

    /// E_W[Ave r(W * x) · Ave r(W * y)] = (1/(2|D|²)) Σ_{p,q} ‖α_p‖‖β_q‖ r̂(cos(α_p, β_q)),
    /// the double sum of App. E (17)–(18).
    public static func averagePooledProduct(_ x: Image, _ y: Image, geometry: PatchGeometry) throws -> Double {
        try pooledProduct(DistinctPatches(try geometry.patches(of: x)), DistinctPatches(try geometry.patches(of: y)))
    }

    /// ρ̄(F(x), F(y)) = E⟨F(x), F(y)⟩ / √(E‖F(x)‖² E‖F(y)‖²) over the kernels (§1.3's mean similarity).
    public static func featureMeanSimilarity(_ x: Image, _ y: Image, geometry: PatchGeometry) throws -> Double {
        let sums = try featureSums(try geometry.patches(of: x), try geometry.patches(of: y))
        return sums.xy / (sums.xx * sums.yy).squareRoot()
    }

    /// ρ̄(A_x, A_y) over the kernels: the limit of ρ(A_x, A_y) as m → ∞.
    public static func averagePooledMeanSimilarity(_ x: Image, _ y: Image, geometry: PatchGeometry) throws -> Double {
        let a = DistinctPatches(try geometry.patches(of: x)), b = DistinctPatches(try geometry.patches(of: y))
        return try pooledProduct(a, b) / (try pooledSelfProduct(a) * pooledSelfProduct(b)).squareRoot()
    }

    /// The three position-wise sums ½ Σ_p ‖α_p‖‖β_p‖ r̂, ½ Σ_p ‖α_p‖², ½ Σ_p ‖β_p‖² in one pass.
    static func featureSums(_ a: Matrix, _ b: Matrix) throws -> CosineSums {
        guard a.rows == b.rows, a.columns == b.columns else {
            throw ParameterError("ConvolutionKernelMoments", parameter: "y", value: "\(b.rows) patches",
                                 requirement: "as many patches as x (\(a.rows))")
        }
        var sums = CosineSums()
        for p in 0..<a.rows {
            sums.xy += try expectedReLUProduct(a, p, b, p)
            sums.xx += try expectedReLUProduct(a, p, a, p)
            sums.yy += try expectedReLUProduct(b, p, b, p)
        }
        return sums
    }

    /// (1/(2|D|²)) Σ_{p,q} ‖α_p‖‖β_q‖ r̂(cos(α_p, β_q)) over distinct patches with multiplicities.
    static func pooledProduct(_ a: DistinctPatches, _ b: DistinctPatches) throws -> Double {
        try pooledSum(a, b) { i, j, norms in try dualValue(a, i, b, j, norms: norms) }
    }

    /// `pooledProduct(a, a)` with each r̂(cos(α_p, α_q)) computed once for the pair {p, q}: the cosine of (q, p)
    /// multiplies and adds the same numbers in the same order as that of (p, q), so the value is the same bits.
    static func pooledSelfProduct(_ a: DistinctPatches) throws -> Double {
        let m = a.rows.count
        var values = [Double](repeating: .nan, count: m * (m + 1) / 2)
        return try pooledSum(a, a) { i, j, norms in
            let slot = max(i, j) * (max(i, j) + 1) / 2 + min(i, j)
            if values[slot].isNaN { values[slot] = try dualValue(a, i, a, j, norms: norms) }
            return values[slot]
        }
    }

    /// (1/(2|D|²)) Σ_i c_i Σ_j c_j n_ij `value`(i, j, n_ij) over the non-zero distinct patches, n_ij = ‖α_i‖‖β_j‖.
    private static func pooledSum(_ a: DistinctPatches, _ b: DistinctPatches,
                                  value: (Int, Int, Double) throws -> Double) rethrows -> Double {
        var total = 0.0
        for i in a.rows.indices where a.norms[i] > 0 {
            var row = 0.0
            for j in b.rows.indices where b.norms[j] > 0 {
                let norms = a.norms[i] * b.norms[j]
                row += Double(b.counts[j]) * norms * (try value(i, j, norms))
            }
            total += Double(a.counts[i]) * row
        }
        return 0.5 * total / (Double(a.total) * Double(b.total))
    }

    /// r̂(cos(α_i, β_j)) for distinct patches i of a and j of b, with `norms` = ‖α_i‖‖β_j‖.
    private static func dualValue(_ a: DistinctPatches, _ i: Int, _ b: DistinctPatches, _ j: Int, norms: Double) throws
        -> Double {
        let n = a.matrix.columns, p = a.rows[i], q = b.rows[j]
        let dot = a.matrix.storage.withUnsafeBufferPointer { x in
            b.matrix.storage.withUnsafeBufferPointer { y in
                var dot = 0.0
                for t in 0..<n { dot += x[p * n + t] * y[q * n + t] }
                return dot
            }
        }
        // A computed cosine may leave [−1, 1] by rounding; it is a cosine, so it is brought back.
        return try ReLUDualActivation.value(min(1, max(-1, dot / norms)))
    }

    /// E_W[r(⟨α, W⟩) r(⟨β, W⟩)] = ½ ‖α‖‖β‖ r̂(cos(α, β)) for α = row p of a and β = row q of b
    /// (0 if a patch is zero); App. E eq. (18) with its factor 1/2.
    public static func expectedReLUProduct(_ a: Matrix, _ p: Int, _ b: Matrix, _ q: Int) throws -> Double {
        guard a.columns == b.columns, (0..<a.rows).contains(p), (0..<b.rows).contains(q) else {
            throw ParameterError("ConvolutionKernelMoments.expectedReLUProduct", parameter: "rows",
                                 value: "\(p) of \(a.rows)×\(a.columns), \(q) of \(b.rows)×\(b.columns)",
                                 requirement: "existing rows of matrices with equal columns")
        }
        var dot = 0.0, aa = 0.0, bb = 0.0
        let n = a.columns
        a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                for t in 0..<n {
                    let u = x[p * n + t], v = y[q * n + t]
                    dot += u * v
                    aa += u * u
                    bb += v * v
                }
            }
        }
        guard aa > 0, bb > 0 else { return 0 }
        let norms = (aa * bb).squareRoot()
        // A computed cosine may leave [−1, 1] by rounding; it is a cosine, so it is brought back.
        let cosine = min(1, max(-1, dot / norms))
        return 0.5 * norms * (try ReLUDualActivation.value(cosine))
    }
}

/// The distinct rows of a patch matrix with their multiplicities and norms.
struct DistinctPatches {
    let matrix: Matrix
    /// Row index in `matrix` of each distinct patch, in order of first appearance.
    let rows: [Int]
    let counts: [Int]
    let norms: [Double]
    let total: Int

    init(_ patches: Matrix) {
        var index: [[Double]: Int] = [:]
        var rows: [Int] = [], counts: [Int] = []
        let n = patches.columns
        for p in 0..<patches.rows {
            let key = Array(patches.storage[(p * n)..<((p + 1) * n)])
            if let i = index[key] {
                counts[i] += 1
            } else {
                index[key] = rows.count
                rows.append(p)
                counts.append(1)
            }
        }
        matrix = patches
        self.rows = rows
        self.counts = counts
        norms = rows.map { p in Vector.norm(Array(patches.storage[(p * n)..<((p + 1) * n)])) }
        total = patches.rows
    }
}
