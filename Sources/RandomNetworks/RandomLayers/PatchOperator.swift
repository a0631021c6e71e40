import GSL

/// The patch operator of Nachum et al. §1.3: [x]^r_ij is the sub-tensor of x
/// formed from rows i … i+r−1 and columns j … j+r−1 (indices mod n, all
/// channels), flattened as [a][b][k]. The centered window [A]^{r̄}_ij of App. G
/// (rows i−r … i+r, columns j−r … j+r) is the patch of side 2r+1 shifted by r.
///
/// Relation to the cyclic convolution (4): (F * x)_uv = ⟨flip(F), [x]^r_{u−r+1, v−r+1}⟩
/// with flip(F)_abk = F_{r−1−a, r−1−b, k}; since (u, v) ↦ (u−r+1, v−r+1) is a
/// bijection of Z_n², every sum over all positions is a sum over all patches
/// (the step (18a) of the proof of Theorem 1).
public struct PatchOperator: Sendable, Equatable {
    /// The side of a patch (r for [x]^r, 2r+1 for the centered window).
    public let size: Int
    /// How far the patch starts above and left of (i, j): 0, or r for the centered window.
    public let offset: Int

    /// [x]^r_ij with side r >= 1.
    public init(size: Int) throws {
        try Require.atLeast(size, 1, "size", in: "PatchOperator")
        self.init(size: size, offset: 0)
    }

    /// [A]^{r̄}_ij of App. G: side 2r+1 centered at (i, j), radius r >= 0.
    public static func centered(radius r: Int) throws -> PatchOperator {
        try Require.atLeast(r, 0, "radius", in: "PatchOperator.centered")
        try Require.atMost(r, (Int.max - 1) / 2, "radius", in: "PatchOperator.centered")
        return PatchOperator(size: 2 * r + 1, offset: r)
    }

    private init(size: Int, offset: Int) {
        self.size = size
        self.offset = offset
    }

    /// The patch at (i, j) of `x`, flattened as [a][b][k] (length size² · d).
    public func patch(of x: Image, row i: Int, column j: Int) throws -> [Double] {
        try validate(x, "PatchOperator.patch")
        var out: [Double] = []
        out.reserveCapacity(size * size * x.channels)
        for a in 0..<size {
            for b in 0..<size {
                for k in 0..<x.channels { out.append(x[i - offset + a, j - offset + b, k]) }
            }
        }
        return out
    }

    /// flip(F)_abk = F_{r−1−a, r−1−b, k} for a filter flattened as [i][j][k]: the
    /// patch-side filter of the identity (F * x)_uv = ⟨flip(F), [x]^r_{u−r+1, v−r+1}⟩.
    public static func flipped(_ filter: [Double], size r: Int, channels d: Int) throws -> [Double] {
        try Require.atLeast(r, 1, "size", in: "PatchOperator.flipped")
        try Require.atLeast(d, 1, "channels", in: "PatchOperator.flipped")
        try Require.product([r, r, d], "size² · channels", in: "PatchOperator.flipped")
        guard filter.count == r * r * d else {
            throw ParameterError("PatchOperator.flipped", parameter: "filter", value: "\(filter.count) entries",
                                 requirement: "r² d = \(r * r * d) entries")
        }
        var out = filter
        for a in 0..<r {
            for b in 0..<r {
                for k in 0..<d { out[(a * r + b) * d + k] = filter[((r - 1 - a) * r + (r - 1 - b)) * d + k] }
            }
        }
        return out
    }

    /// ‖[x]_ij‖², ‖[y]_ij‖² and ⟨[x]_ij, [y]_ij⟩ for all n² positions (the
    /// ingredients of eqs. (8), (12) and (29)), by cyclic box sums of the
    /// per-pixel channel products: O(n² · size) instead of O(n² · size² · d).
    public func geometry(_ x: Image, _ y: Image) throws -> PatchGram {
        try validate(x, "PatchOperator.geometry")
        try x.requireSameShape(y, "PatchOperator.geometry")
        let n = x.size, d = x.channels
        var xx = [Double](repeating: 0, count: n * n), yy = xx, xy = xx
        for p in 0..<(n * n) {
            for k in 0..<d {
                let a = x.pixels[p * d + k], b = y.pixels[p * d + k]
                xx[p] += a * a
                yy[p] += b * b
                xy[p] += a * b
            }
        }
        return PatchGram(size: n, xx: boxSums(xx, n), yy: boxSums(yy, n), xy: boxSums(xy, n))
    }

    /// s_ij = Σ_{a,b < size} q_{i−offset+a, j−offset+b} (mod n), rows then columns.
    private func boxSums(_ q: [Double], _ n: Int) -> [Double] {
        // wrapped[j · size + b] = (j − offset + b) mod n, computed once (no division in the loops below).
        let wrapped = (0..<(n * size)).map { e in ((e / size - offset + e % size) % n + n) % n }
        var rows = [Double](repeating: 0, count: n * n)
        q.withUnsafeBufferPointer { q in
            wrapped.withUnsafeBufferPointer { wrapped in
                for u in 0..<n {
                    for j in 0..<n {
                        var s = 0.0
                        for b in 0..<size { s += q[u * n + wrapped[j * size + b]] }
                        rows[u * n + j] = s
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: n * n)
        rows.withUnsafeBufferPointer { rows in
            wrapped.withUnsafeBufferPointer { wrapped in
                for i in 0..<n {
                    for j in 0..<n {
                        var s = 0.0
                        for a in 0..<size { s += rows[wrapped[i * size + a] * n + j] }
                        out[i * n + j] = s
                    }
                }
            }
        }
        return out
    }

    private func validate(_ x: Image, _ context: String) throws {
        guard size <= x.size else {
            throw ParameterError(context, parameter: "image", value: "size \(x.size)",
                                 requirement: "at least the patch size \(size) (r <= n)")
        }
    }
}

/// The Gram entries of the patch pairs ([x]_ij, [y]_ij) at every position,
/// indexed i·n + j.
public struct PatchGram: Sendable, Equatable {
    /// The image side n.
    public let size: Int
    /// ‖[x]_ij‖².
    public let xx: [Double]
    /// ‖[y]_ij‖².
    public let yy: [Double]
    /// ⟨[x]_ij, [y]_ij⟩.
    public let xy: [Double]

    /// ρ_ij = ⟨[x]_ij, [y]_ij⟩ / (‖[x]_ij‖ ‖[y]_ij‖) (Theorem 1), clamped to
    /// [−1, 1] against rounding only; nil when a patch is zero.
    public func cosine(at p: Int) -> Double? {
        let norms = (xx[p] * yy[p]).squareRoot()
        guard norms > 0 else { return nil }
        return min(1, max(-1, xy[p] / norms))
    }
}
