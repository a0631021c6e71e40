extension PatternDetectionNetwork {
    /// The activations of a batch's slots for the max-pooling of eq. (1): slot j of input b reads its k channel
    /// values from `activations + offsets[b · n + j]`, channel i at a stride the caller's loads know (a row of a
    /// GEMM's result, or a column of W for standard-basis patterns).
    struct SlotTable {
        let activations: UnsafePointer<Double>
        let offsets: [Int]
        let slotsPerInput: Int
        /// Whether slots of one pattern share an offset; a repeated offset is then skipped.
        let sharedRows: Bool

        /// z_i(x) = max(0, max_j a_ij) for every input of the m (eq. (1) inside the sum) and, when `slots` is given,
        /// j_i(x), the smallest j attaining the maximum (§3): channel by channel, best = slot 0, then slots
        /// j = 1 … n − 1 in order replace it when strictly larger. A slot repeating an earlier one (a pattern that
        /// occurs twice) is never strictly larger than it, so skipping it changes neither the maximum nor the slot.
        /// `layout` reads the channels of a slot (four at a time, each lane the same sequential comparisons).
        func pool<Layout: ChannelLayout>(m: Int, k: Int, features: UnsafeMutablePointer<Double>,
                                         slots: UnsafeMutablePointer<Int>?, layout: Layout) {
            let n = slotsPerInput
            // The distinct slots of an input in slot order, and the index j of each.
            var rows = [UnsafePointer<Double>](repeating: activations, count: n), rowSlots = [Int64](repeating: 0, count: n)
            for b in 0..<m {
                let z = features + b * k
                var count = 0
                for j in 0..<n {
                    let row = activations + offsets[b * n + j]
                    var repeated = false
                    if sharedRows { for u in 0..<count where rows[u] == row { repeated = true } }
                    if !repeated {
                        rows[count] = row
                        rowSlots[count] = Int64(j)
                        count += 1
                    }
                }
                var i = 0
                if let slots {
                    let s = slots + b * k
                    while i + 4 <= k {
                        var best = layout.lanes(rows[0], i), slot = SIMD4<Int64>(repeating: 0)
                        for u in 1..<count {
                            let candidate = layout.lanes(rows[u], i), larger = candidate .> best
                            best.replace(with: candidate, where: larger)
                            slot.replace(with: rowSlots[u], where: larger)
                        }
                        for lane in 0..<4 {
                            z[i + lane] = best[lane]
                            s[i + lane] = Int(slot[lane])
                        }
                        i += 4
                    }
                    while i < k {
                        var best = layout.value(rows[0], i), slot: Int64 = 0
                        for u in 1..<count where layout.value(rows[u], i) > best {
                            best = layout.value(rows[u], i)
                            slot = rowSlots[u]
                        }
                        z[i] = best
                        s[i] = Int(slot)
                        i += 1
                    }
                } else {
                    while i + 4 <= k {
                        var best = layout.lanes(rows[0], i)
                        for u in 1..<count {
                            let candidate = layout.lanes(rows[u], i)
                            best.replace(with: candidate, where: candidate .> best)
                        }
                        for lane in 0..<4 { z[i + lane] = best[lane] }
                        i += 4
                    }
                    while i < k {
                        var best = layout.value(rows[0], i)
                        for u in 1..<count where layout.value(rows[u], i) > best { best = layout.value(rows[u], i) }
                        z[i] = best
                        i += 1
                    }
                }
                for i in 0..<k { z[i] = max(0, z[i]) }
            }
        }
    }
}

/// Where channel i of a slot lies from the slot's pointer p.
protocol ChannelLayout {
    /// Channels i … i + 3.
    func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double>
    /// Channel i.
    func value(_ p: UnsafePointer<Double>, _ i: Int) -> Double
}

/// Channel i at p[i]: a row of a GEMM's result.
struct ContiguousChannels: ChannelLayout {
    @inline(__always) func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }
    @inline(__always) func value(_ p: UnsafePointer<Double>, _ i: Int) -> Double { p[i] }
}

/// Channel i at p[i · stride]: a column of the row-major W (stride d).
struct StridedChannels: ChannelLayout {
    let stride: Int
    @inline(__always) func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        let first = p + i &* stride
        return SIMD4(first[0], first[stride], first[2 &* stride], first[3 &* stride])
    }
    @inline(__always) func value(_ p: UnsafePointer<Double>, _ i: Int) -> Double { p[i &* stride] }
}
