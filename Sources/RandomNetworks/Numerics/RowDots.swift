extension Matrix {
    /// The products r_b · v of the `rows` rows of the row-major `rows` × `columns` matrix at `matrix` with the vector
    /// `vector` (`columns` entries) into `out`, each summed in column order. Four rows at a time run four independent
    /// chains: the same sums, term for term, as one row after another, without waiting on one addition at a time.
    static func rowDots(rows: Int, columns: Int, matrix: UnsafePointer<Double>, vector: UnsafePointer<Double>,
                        into out: UnsafeMutablePointer<Double>) {
        var b = 0
        while b + 4 <= rows {
            let r0 = matrix + b * columns, r1 = r0 + columns, r2 = r1 + columns, r3 = r2 + columns
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            for c in 0..<columns {
                let w = vector[c]
                s0 += w * r0[c]
                s1 += w * r1[c]
                s2 += w * r2[c]
                s3 += w * r3[c]
            }
            (out[b], out[b + 1], out[b + 2], out[b + 3]) = (s0, s1, s2, s3)
            b += 4
        }
        while b < rows {
            var s = 0.0
            for c in 0..<columns { s += vector[c] * matrix[b * columns + c] }
            out[b] = s
            b += 1
        }
    }
}
