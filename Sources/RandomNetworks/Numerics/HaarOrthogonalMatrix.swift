import GSL
import Randomness

extension Matrix {
    /// A d × d orthogonal matrix drawn from the Haar (uniform) distribution:
    /// the Q factor, normalized so that R has a positive diagonal, of a matrix
    /// with i.i.d. N(0, 1) entries (Mezzadri 2007), computed by modified
    /// Gram–Schmidt with one re-orthogonalization pass. Brutzkus & Globerson
    /// §7 sample their patterns "from the rows of a uniformly sampled
    /// orthogonal matrix"; the rows of a Haar matrix are again Haar.
    public static func haarOrthogonal(size d: Int, rng: inout Xoshiro256) throws -> Matrix {
        try Require.atLeast(d, 1, "size", in: "Matrix.haarOrthogonal")
        try Require.product([d, d], "size²", in: "Matrix.haarOrthogonal")
        let gaussian = try Matrix.gaussian(rows: d, columns: d, variance: 1, rng: &rng)
        // Columns of the Gaussian matrix, orthonormalized in order (R_jj > 0 by construction).
        var columns = (0..<d).map { gaussian.column($0) }
        for j in 0..<d {
            for _ in 0..<2 {
                for q in 0..<j {
                    let projection = Vector.dot(columns[q], columns[j])
                    for r in 0..<d { columns[j][r] -= projection * columns[q][r] }
                }
            }
            let norm = Vector.norm(columns[j])
            for r in 0..<d { columns[j][r] /= norm }
        }
        var storage = [Double](repeating: 0, count: d * d)
        for j in 0..<d { for r in 0..<d { storage[r * d + j] = columns[j][r] } }
        return try Matrix(rows: d, columns: d, storage: storage)
    }
}
