import Randomness

extension ShatteredSet {
    /// Labelings of a shattered set of size N = 2^{n−1} (Theorem 4.2's B):
    /// all of them when `exhaustive`, else `count` uniformly random ones plus all +1, all −1 and alternating.
    public static func labelings(size: Int, exhaustive: Bool, count: Int, rng: inout Xoshiro256) -> [[Double]] {
        if exhaustive {
            return (0..<(1 << size)).map { code in (0..<size).map { (code >> $0) & 1 == 1 ? 1.0 : -1.0 } }
        }
        let fixed: [[Double]] = [[Double](repeating: 1, count: size), [Double](repeating: -1, count: size),
                                 (0..<size).map { $0 % 2 == 0 ? 1 : -1 }]
        return fixed + (0..<count).map { _ in (0..<size).map { _ in rng.next() >> 63 == 1 ? 1.0 : -1.0 } }
    }
}
