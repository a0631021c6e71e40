import GSL

/// The distinct patterns of a noiseless batch as rows of their own, and for every slot the row of its pattern.
///
/// The activations w_i · x[j] of eq. (1) then need one GEMM row per pattern instead of one per slot: l rows
/// instead of m·n. A row of X Wᵀ is the same, bit for bit, whatever the other rows of X: OpenBLAS computes each
/// entry of C in one pass of its micro-kernel over the d products, in an order that does not depend on M or on the
/// row's place (BrutzkusModelsTests checks this against the full product).
struct DistinctPatternRows {
    /// One row per distinct pattern (r × d), in order of first appearance.
    let rows: Matrix
    /// For each slot of the batch (row of `PatternBatch.rows`), its row in `rows`.
    let rowOfSlot: [Int]

    /// nil unless the batch carries pattern indices (noiseless inputs), some pattern repeats, and every slot's row
    /// equals, bit for bit, the first row with its index (a batch built from inconsistent indices takes the full GEMM).
    init?(_ batch: PatternBatch) {
        guard let indices = batch.patternIndices, let largest = indices.max(), largest < indices.count,
              indices.allSatisfy({ $0 >= 0 }) else { return nil }
        let d = batch.dimension, x = batch.rows.storage
        var rowOfPattern = [Int](repeating: -1, count: largest + 1), firstSlot: [Int] = []
        var rowOfSlot = [Int](repeating: 0, count: indices.count)
        for (slot, pattern) in indices.enumerated() {
            let row = rowOfPattern[pattern]
            if row >= 0 {
                let first = firstSlot[row] * d
                for c in 0..<d where x[slot * d + c].bitPattern != x[first + c].bitPattern { return nil }
                rowOfSlot[slot] = row
            } else {
                rowOfPattern[pattern] = firstSlot.count
                rowOfSlot[slot] = firstSlot.count
                firstSlot.append(slot)
            }
        }
        guard firstSlot.count < indices.count else { return nil }
        var storage: [Double] = []
        storage.reserveCapacity(firstSlot.count * d)
        for slot in firstSlot { storage += x[(slot * d)..<(slot * d + d)] }
        guard let rows = try? Matrix(rows: firstSlot.count, columns: d, storage: storage) else { return nil }
        self.rows = rows
        self.rowOfSlot = rowOfSlot
    }
}
