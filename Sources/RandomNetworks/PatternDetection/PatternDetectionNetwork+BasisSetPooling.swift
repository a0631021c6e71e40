extension PatternDetectionNetwork {
    /// z_i(x) = max(0, max_j w_i · x[j]) (eq. (1) inside the sum) for a batch of standard-basis patterns, from the
    /// set C(x) of the coordinates q of its patterns e_q: z_i(x) = max(0, max_{q ∈ C(x)} W[i, q]), the maximum over a
    /// set instead of n slots (repeated patterns count once). The maxima are built by the subset recursion
    /// M(C) = max(M(C \ {max C}), W[·, max C]), inputs with fewer coordinates first, so a set that is another input's
    /// set plus one coordinate (the support-class representatives of §5 Part 3) costs one k-wide maximum.
    ///
    /// Every value is a finite, non-zero entry of W (`filtersReadExactly`), so the maximum does not depend on the order
    /// of the comparisons: the same numbers, bit for bit, as the slot-by-slot loop of `pool`. Each row is clamped at 0
    /// as it is written and reused clamped: max(0, W[·, q], max(0, M(C))) = max(0, M(C ∪ {q})), the +0 of the clamp
    /// being the only zero (no entry is ±0).
    ///
    /// - Parameters:
    ///   - columns: Wᵀ, d × k row-major (row q holds W[·, q]).
    ///   - basis: the coordinate q of every slot, row-major m × n, each in 0..<d with d ≤ 64.
    ///   - z: m × k, every entry written.
    static func poolBasisSets(columns: UnsafePointer<Double>, basis: [Int], m: Int, n: Int, k: Int,
                              into z: UnsafeMutablePointer<Double>) {
        let sets = (0..<m).map { b in (0..<n).reduce(UInt64(0)) { $0 | 1 << UInt64(basis[b * n + $1]) } }
        var pooledRow: [UInt64: Int] = [:]
        for b in (0..<m).sorted(by: { (sets[$0].nonzeroBitCount, $0) < (sets[$1].nonzeroBitCount, $1) }) {
            let target = z + b * k
            // Remove the largest coordinates until the rest is a set already pooled or a single coordinate, then
            // add them back in increasing order, one maximum each.
            var rest = sets[b], removed: [Int] = []
            while rest.nonzeroBitCount > 1 && pooledRow[rest] == nil {
                let top = 63 - rest.leadingZeroBitCount
                removed.append(top)
                rest &= ~(1 << UInt64(top))
            }
            var source = pooledRow[rest].map { UnsafePointer(z + $0 * k) } ?? columns + rest.trailingZeroBitCount * k
            for q in removed.reversed() {
                let column = columns + q * k
                for i in 0..<k { target[i] = max(0, column[i] > source[i] ? column[i] : source[i]) }
                source = UnsafePointer(target)
            }
            if removed.isEmpty { for i in 0..<k { target[i] = max(0, source[i]) } }
            pooledRow[sets[b]] = b
        }
    }
}
