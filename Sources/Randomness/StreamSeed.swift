/// Derives independent generator seeds from a path of labels, so every piece
/// of random work has a stream fixed by *what* it is, never by when or on which
/// thread it runs.
///
/// A stream is named by (suite seed, claim ID, purpose label, chunk index);
/// each component is folded into the running key with a SplitMix64 step.
/// Labels are hashed with FNV-1a over their UTF-8 bytes (Swift's `Hasher` is
/// randomly seeded per process and must not be used here).
public struct StreamSeed: Hashable, Sendable, CustomStringConvertible {
    /// The 64-bit seed of this stream's `Xoshiro256` generator.
    public let value: UInt64

    /// The root of all streams of a run.
    public init(root seed: UInt64) {
        value = SplitMix64.mix(seed)
    }

    private init(value: UInt64) { self.value = value }

    /// The sub-stream named `label` (e.g. a claim ID, then "pilot").
    public func child(_ label: String) -> StreamSeed {
        StreamSeed(value: SplitMix64.mix(value ^ StreamSeed.fnv1a(label)))
    }

    /// The sub-stream for chunk `index` of some work.
    public func child(_ index: Int) -> StreamSeed {
        StreamSeed(value: SplitMix64.mix(value &+ SplitMix64.mix(UInt64(bitPattern: Int64(index)) ^ 0x5851_F42D_4C95_7F2D)))
    }

    /// A generator for this stream.
    public func generator() -> Xoshiro256 { Xoshiro256(seed: value) }

    /// The seed in hexadecimal.
    public var description: String { String(value, radix: 16) }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
