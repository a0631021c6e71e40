import BLAS

extension CyclicConvolution {
    /// The ReLU sums (Σ_f ⟨σ(F_f*x), σ(F_f*y)⟩, Σ_f ‖σ(F_f*x)‖², Σ_f ‖σ(F_f*y)‖²) of eq. (12) from the pair's
    /// patches with a nonzero entry only: one GEMM over those rows, then the terms position by position in the
    /// order of the full computation. An all-zero patch gives outputs ±0 for every filter, whose terms p·q, p², q²
    /// are ±0 while the other factor is finite; adding ±0 leaves sums that start at +0 and never turn −0 unchanged,
    /// so the result is the full GEMM's bit for bit. Nil when xx or yy is not finite (an infinite output times a
    /// skipped 0 would have made xy NaN): the caller then takes the full GEMM.
    func reluInnerProductsOnActiveRows(_ pair: PatchedImagePair) -> (xy: Double, xx: Double, yy: Double)? {
        let rows = pair.activeCount
        guard rows > 0 else { return (0, 0, 0) }
        let output = UnsafeMutablePointer<Double>.allocate(capacity: rows * count)
        defer { output.deallocate() }
        pair.activeRows.withUnsafeBufferPointer { patches in
            filters.storage.withUnsafeBufferPointer { f in
                BLAS.gemm(transposeB: true, m: rows, n: count, k: patchLength, a: patches.baseAddress!, lda: patchLength,
                          b: f.baseAddress!, ldb: patchLength, c: output, ldc: count)
            }
        }
        var xy = 0.0, xx = 0.0, yy = 0.0
        for position in 0..<pair.positions {
            switch (pair.xActiveRow[position], pair.yActiveRow[position]) {
            case let (rx, ry) where rx >= 0 && ry >= 0:
                Self.addReLUProducts(output + rx * count, output + ry * count, count: count, xy: &xy, xx: &xx, yy: &yy)
            case let (rx, _) where rx >= 0:
                Self.addReLUSquares(output + rx * count, count: count, to: &xx)
            case let (_, ry) where ry >= 0:
                Self.addReLUSquares(output + ry * count, count: count, to: &yy)
            default:
                continue
            }
        }
        return xx.isFinite && yy.isFinite ? (xy, xx, yy) : nil
    }
}
