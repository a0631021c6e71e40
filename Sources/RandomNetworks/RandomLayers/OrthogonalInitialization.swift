import GSL
import Randomness

/// Orthogonal initialization (Saxe et al. 2014; Nachum et al. §4.2): weight rows that are orthonormal and
/// uniformly (Haar) distributed, scaled to norm √D so that E(w·x)² = ‖x‖² as for i.i.d. N(0, 1) entries.
public enum OrthogonalInitialization {
    /// `rows` ≤ D orthogonal rows of norm √D in R^D, uniformly distributed: Gram–Schmidt on i.i.d. Gaussian
    /// rows (the Q of a QR factorization with positive diagonal, which is Haar distributed).
    public static func rows(_ rows: Int, dimension d: Int, rng: inout Xoshiro256) throws -> Matrix {
        try Require.atLeast(rows, 1, "rows", in: "OrthogonalInitialization.rows")
        try Require.atLeast(d, 1, "dimension", in: "OrthogonalInitialization.rows")
        guard rows <= d else {
            throw ParameterError("OrthogonalInitialization.rows", parameter: "rows", value: "\(rows)",
                                 requirement: "at most the dimension \(d)")
        }
        var m = try Matrix.gaussian(rows: rows, columns: d, variance: 1, rng: &rng)
        let scale = Double(d).squareRoot()
        for i in 0..<rows {
            for j in 0..<i {
                var projection = 0.0
                for c in 0..<d { projection += m.storage[i * d + c] * m.storage[j * d + c] / scale }
                for c in 0..<d { m.storage[i * d + c] -= projection * m.storage[j * d + c] / scale }
            }
            var norm = 0.0
            for c in 0..<d { norm += m.storage[i * d + c] * m.storage[i * d + c] }
            norm = norm.squareRoot()
            for c in 0..<d { m.storage[i * d + c] *= scale / norm }
        }
        return m
    }
}
