extension PatternDetectionNetwork {
    /// z_i(x) = max(0, max_j w_i · x[j]) (eq. (1) inside the sum) for a batch of standard-basis patterns, from the
    /// set C(x) of the coordinates q of its patterns e_q: z_i(x) = max(0, max_{q ∈ C(x)} W[i, q]), the maximum over a
    /// set instead of n slots (repeated patterns count once). The maxima are built by the subset recursion
    /// M(C) = max(M(C \ {max C}), W[·, max C]), inputs with fewer coordinates first, so a set that is another input's
    /// set plus one coordinate (the support-class representatives of §5 Part 3) costs one k-wide maximum.
    ///
    /// Every value is a finite, non-zero entry of W (`filtersReadExactly`), so the maximum does not depend on the order
    /// of the comparisons: the same numbers, bit for bit, as the slot-by-slot loop of `pool`.
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
                for i in 0..<k { target[i] = column[i] > source[i] ? column[i] : source[i] }
                source = UnsafePointer(target)
            }
            if removed.isEmpty { target.update(from: source, count: k) }
            pooledRow[sets[b]] = b
        }
        for i in 0..<(m * k) { z[i] = max(0, z[i]) }
    }

    /// z_i(x) = max(0, max_j W[i, q_j]) and j_i(x) = argmax_j W[i, q_j] (smallest j on ties) for a batch of
    /// standard-basis patterns x[j] = e_{q_j} (eq. (1) inside the sum; §3), read from the rows of W: the activation
    /// w_i · e_q is W[i, q] exactly (`filtersReadExactly`). Slot by slot as in `pool`: best = slot 0, later slots
    /// replace it when strictly larger; a slot repeating an earlier pattern is never strictly larger, so it is skipped.
    ///
    /// - Parameters:
    ///   - filters: W, k × d row-major.
    ///   - basis: the coordinate q of every slot, row-major m × n, each in 0..<d.
    ///   - features, slots: m × k, every entry written.
    static func poolBasisRows(filters w: UnsafePointer<Double>, basis: [Int], m: Int, n: Int, k: Int, d: Int,
                              features z: UnsafeMutablePointer<Double>, slots: UnsafeMutablePointer<Int>) {
        // The distinct coordinates of an input in slot order, and the first slot of each.
        var coordinates = [Int](repeating: 0, count: n), firstSlots = [Int](repeating: 0, count: n)
        basis.withUnsafeBufferPointer { basis in
            coordinates.withUnsafeMutableBufferPointer { coordinates in
                firstSlots.withUnsafeMutableBufferPointer { firstSlots in
                    let q = coordinates.baseAddress!, first = firstSlots.baseAddress!
                    for b in 0..<m {
                        var count = 0
                        for j in 0..<n {
                            let coordinate = basis[b &* n &+ j]
                            var repeated = false
                            for u in 0..<count where q[u] == coordinate { repeated = true }
                            if !repeated {
                                q[count] = coordinate
                                first[count] = j
                                count += 1
                            }
                        }
                        let target = z + b &* k, targetSlots = slots + b &* k
                        // Four channels at a time (SIMD lanes gathered from four rows of W, each lane the same
                        // sequential comparisons), without a data-dependent branch.
                        var i = 0
                        while i + 4 <= k {
                            let rows = (w + i &* d, w + (i &+ 1) &* d, w + (i &+ 2) &* d, w + (i &+ 3) &* d)
                            func lanes(_ c: Int) -> SIMD4<Double> { SIMD4(rows.0[c], rows.1[c], rows.2[c], rows.3[c]) }
                            var best = lanes(q[0]), slot = SIMD4<Int64>(repeating: Int64(first[0]))
                            for u in 1..<count {
                                let value = lanes(q[u]), larger = value .> best
                                best.replace(with: value, where: larger)
                                slot.replace(with: Int64(first[u]), where: larger)
                            }
                            for lane in 0..<4 {
                                target[i &+ lane] = max(0, best[lane])
                                targetSlots[i &+ lane] = Int(slot[lane])
                            }
                            i += 4
                        }
                        while i < k {
                            let row = w + i &* d
                            var best = row[q[0]], slot = first[0]
                            for u in 1..<count {
                                let value = row[q[u]], larger = value > best
                                best = larger ? value : best
                                slot = larger ? first[u] : slot
                            }
                            target[i] = max(0, best)
                            targetSlots[i] = slot
                            i += 1
                        }
                    }
                }
            }
        }
    }
}
