

/// xoshiro256++ (Blackman & Vigna, 2019): a fast 64-bit generator with a
/// 2^256 - 1 period, seeded through SplitMix64 as its authors recommend.
///
/// A value type: copying a generator copies its state, so a chunk of Monte
/// Carlo work owns its stream outright and results never depend on which
/// thread ran it. Two generators are equal when their states are: they will return the same numbers.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose 256-bit state is four SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator with the given raw state, for reference test vectors. Throws
    /// `ParameterError` for the all-zero state, the one xoshiro never leaves
    /// (it would return 0 forever and hang any rejection sampler).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws {
        guard state != (0, 0, 0, 0) else {
            throw ParameterError("Xoshiro256", parameter: "state", value: "(0, 0, 0, 0)", requirement: "not all zero")
        }
        (s0, s1, s2, s3) = state
    }

    @inlinable @inline(__always)
    /// The next 64 random bits (the xoshiro256++ output rotl(s0 + s3, 23) + s0), advancing the state.
    public mutating func next() -> UInt64 {
        let result = rotl(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(Int64(bitPattern: next() >> 11)) * 0x1.0p-53
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): a 64-bit mixer used to seed
/// xoshiro and to derive stream seeds from labels.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The 64-bit counter, advanced by the golden-ratio increment 0x9E3779B97F4A7C15 per draw.
    public var state: UInt64

    /// A mixer starting from `state`.
    public init(state: UInt64) { self.state = state }

    /// The next output: the counter advanced, then mixed by two xor-shift-multiply rounds (Stafford's Mix13).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One SplitMix64 step applied to `value`: a bijective 64-bit hash.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var m = SplitMix64(state: value)
        return m.next()
    }
}
