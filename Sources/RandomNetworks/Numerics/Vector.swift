/// Small vector helpers on flattened tensors.
public enum Vector {
    /// <x, y>; the arrays must have equal length (checked by callers).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for i in 0..<min(x.count, y.count) { s += x[i] * y[i] }
        return s
    }

    /// Whether every entry is finite: a branch-free pass (v − v is 0 exactly for finite v, NaN otherwise) for
    /// the validation of parameter vectors in training loops.
    public static func allFinite(_ x: [Double]) -> Bool {
        x.withUnsafeBufferPointer { x in
            var good = SIMDMask<SIMD4<Int64>>(repeating: true), i = 0
            while i + 4 <= x.count {
                let v = UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                good = good .& ((v - v) .== 0)
                i += 4
            }
            return all(good) && x[i...].allSatisfy(\.isFinite)
        }
    }

    /// The number of entries below 0, `x.filter { $0 < 0 }.count`, counted four lanes at a time without a
    /// branch per entry (the signs of random signals defeat branch prediction).
    public static func negativeCount(_ x: [Double]) -> Int {
        x.withUnsafeBufferPointer { x in
            var lanes = SIMD4<Int64>(), i = 0
            while i + 4 <= x.count {
                let v = UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                lanes &+= SIMD4<Int64>().replacing(with: 1, where: v .< 0)
                i += 4
            }
            return Int(lanes.wrappedSum()) + x[i...].filter { $0 < 0 }.count
        }
    }

    /// ||x||.
    public static func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }

    /// The cosine similarity ρ(x, y) = <x, y> / (||x|| ||y||) (Nachum et al. §1), or
    /// nil when x or y is zero (the similarity is then undefined).
    public static func cosine(_ x: [Double], _ y: [Double]) -> Double? {
        let nx = norm(x), ny = norm(y)
        guard nx > 0, ny > 0 else { return nil }
        return dot(x, y) / (nx * ny)
    }
}
