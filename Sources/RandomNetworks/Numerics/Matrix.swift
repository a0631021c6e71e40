import BLAS
import GSL
import Randomness

/// A dense row-major matrix of doubles.
public struct Matrix: Sendable, Equatable {
    /// The number of rows (≥ 1).
    public let rows: Int
    /// The number of columns (≥ 1).
    public let columns: Int
    /// The entries row by row: entry (i, j) at i · columns + j.
    public var storage: [Double]

    /// A rows × columns matrix with the row-major `storage`. Throws `ParameterError` for a dimension below 1,
    /// a size that overflows `Int`, or a storage of another length.
    public init(rows: Int, columns: Int, storage: [Double]) throws {
        try Require.atLeast(rows, 1, "rows", in: "Matrix")
        try Require.atLeast(columns, 1, "columns", in: "Matrix")
        try Require.product([rows, columns], "rows · columns", in: "Matrix")
        guard storage.count == rows * columns else {
            throw ParameterError("Matrix", parameter: "storage", value: "\(storage.count) entries",
                                 requirement: "rows * columns = \(rows * columns) entries")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix with i.i.d. N(0, variance) entries drawn from `rng`.
    public static func gaussian(rows: Int, columns: Int, variance: Double, rng: inout Xoshiro256) throws -> Matrix {
        try Require.atLeast(rows, 1, "rows", in: "Matrix.gaussian")
        try Require.atLeast(columns, 1, "columns", in: "Matrix.gaussian")
        let count = try Require.product([rows, columns], "rows · columns", in: "Matrix.gaussian")
        try Require.nonNegative(variance, "variance", in: "Matrix.gaussian")
        var m = try Matrix(rows: rows, columns: columns, storage: [Double](repeating: 0, count: count))
        let sampler = NormalSampler()
        let sd = variance.squareRoot()
        m.storage.withUnsafeMutableBufferPointer { buffer in
            sampler.fill(buffer, using: &rng)
            for i in buffer.indices { buffer[i] *= sd }
        }
        return m
    }

    /// Entry (row, column), 0-based (not bounds-checked beyond the array's own check).
    public subscript(row: Int, column: Int) -> Double { storage[row * columns + column] }

    /// Entry (row, column), 0-based; throws `ParameterError` for an index outside the matrix (where the subscript
    /// traps), e.g. a position counted for another output shape.
    public func entry(_ row: Int, _ column: Int) throws -> Double {
        try Require.that((0..<rows).contains(row) && (0..<columns).contains(column), "index", value: "(\(row), \(column))",
                         requirement: "inside the \(rows) × \(columns) matrix", in: "Matrix.entry")
        return storage[row * columns + column]
    }

    /// self · other through BLAS (dgemm).
    public func multiplied(by other: Matrix) throws -> Matrix {
        guard columns == other.rows else {
            throw ParameterError("Matrix.multiplied", parameter: "other", value: "\(other.rows) x \(other.columns)",
                                 requirement: "\(columns) rows to match \(rows) x \(columns)")
        }
        var result = [Double](repeating: 0, count: rows * other.columns)
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeA: false, transposeB: false, m: rows, n: other.columns, k: columns,
                              alpha: 1, a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                              beta: 0, c: c.baseAddress!, ldc: other.columns)
                }
            }
        }
        return try Matrix(rows: rows, columns: other.columns, storage: result)
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { storage[$0 * columns + j] } }
}
