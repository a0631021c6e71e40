extension Erf {
    /// erf of both lanes of `x`, bit for bit `SIMD2(value(x[0]), value(x[1]))`.
    @inlinable
    public static func values(_ x: SIMD2<Double>) -> SIMD2<Double> {
        values(x, series: series.pointer, taylor: taylor.pointer)
    }

    /// erf of both lanes of `x`, bit for bit `value(x[0])` and `value(x[1])`: when both lie in the Taylor range
    /// 1/16 ≤ |x| < 6 (most activations of the hot loops), the two degree-13 polynomials are evaluated together in
    /// SIMD lanes by the same operations in the same order (Estrin's scheme); otherwise lane by lane.
    @inlinable @inline(__always)
    static func values(_ x: SIMD2<Double>, series: UnsafePointer<Double>, taylor: UnsafePointer<Double>) -> SIMD2<Double> {
        let a0 = abs(x[0]), a1 = abs(x[1])
        guard a0 >= 0.0625, a0 < 6, a1 >= 0.0625, a1 < 6 else {
            return SIMD2(value(x[0], series: series, taylor: taylor), value(x[1], series: series, taylor: taylor))
        }
        let i0 = Int(a0 * 4), i1 = Int(a1 * 4)
        let t = SIMD2(a0, a1) - (SIMD2(Double(i0), Double(i1)) * 0.25 + 0.125)
        let c0 = taylor + i0 * 14, c1 = taylor + i1 * 14
        let t2 = t * t, t4 = t2 * t2, t8 = t4 * t4
        let q0 = (SIMD2(c0[0], c1[0]) + SIMD2(c0[1], c1[1]) * t) + (SIMD2(c0[2], c1[2]) + SIMD2(c0[3], c1[3]) * t) * t2
        let q1 = (SIMD2(c0[4], c1[4]) + SIMD2(c0[5], c1[5]) * t) + (SIMD2(c0[6], c1[6]) + SIMD2(c0[7], c1[7]) * t) * t2
        let q2 = (SIMD2(c0[8], c1[8]) + SIMD2(c0[9], c1[9]) * t) + (SIMD2(c0[10], c1[10]) + SIMD2(c0[11], c1[11]) * t) * t2
        let q3 = SIMD2(c0[12], c1[12]) + SIMD2(c0[13], c1[13]) * t
        let magnitude = (q0 + q1 * t4) + (q2 + q3 * t4) * t8
        return SIMD2(Double(signOf: x[0], magnitudeOf: magnitude[0]), Double(signOf: x[1], magnitudeOf: magnitude[1]))
    }
}
