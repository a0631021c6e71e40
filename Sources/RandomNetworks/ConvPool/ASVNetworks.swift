/// The Conv+Pool networks of the ASV paper's end-to-end checks (catalog §3.5): a fast set
/// (16×16×3 input, 32 channels) and the reference set (32×32×3, 64 channels).
/// Every hidden layer is a 3×3 convolution with padding 1 and ReLU; the last is
/// a fully connected identity layer onto 10 classes (z^(L) = u^(L), §3.1).
public enum ASVNetworks {
    /// FAST_MAX / FAST_AVG: two Conv+Pool layers with 2×2 pooling (T = 4), a Conv layer, FC.
    /// FAST_NOPOOL (`pool` nil): three Conv layers at 16×16, FC. `side` changes the input size.
    public static func fast(_ pool: PoolingKind?, side: Int = 16) throws -> ConvPoolStack {
        try stack(input: FeatureMapShape(width: side, height: side, channels: 3), channels: 32,
                  pooled: pool.map { [$0, $0, nil] } ?? [nil, nil, nil])
    }

    /// BIG_MAX / BIG_AVG: three Conv+Pool layers with T = 4, a Conv layer, FC (32 → 16 → 8 → 4).
    /// BIG_NOPOOL (`pool` nil): four Conv layers at 32×32, FC.
    public static func big(_ pool: PoolingKind?) throws -> ConvPoolStack {
        try stack(input: FeatureMapShape(width: 32, height: 32, channels: 3), channels: 64,
                  pooled: pool.map { [$0, $0, $0, nil] } ?? [nil, nil, nil, nil])
    }

    /// STRIDE2_MAX: a stride-2 Conv+Pool layer (32 → 16 → 8), a Conv+Pool layer (8 → 4), a Conv layer, FC.
    public static func strideTwoMax() throws -> ConvPoolStack {
        let input = try FeatureMapShape(width: 32, height: 32, channels: 3)
        let first = try ConvPoolLayer.square(input: input, outputChannels: 64, kernel: 3, padding: 1, stride: 2,
                                             pool: (.max, 2))
        let second = try ConvPoolLayer.square(input: first.output, outputChannels: 64, kernel: 3, padding: 1,
                                              pool: (.max, 2))
        let third = try ConvPoolLayer.square(input: second.output, outputChannels: 64, kernel: 3, padding: 1)
        return try ConvPoolStack(layers: [first, second, third,
                                          ConvPoolLayer.fullyConnected(input: third.output, outputs: 10)])
    }

    /// The six end-to-end architectures (catalog §3.5) by name: FAST_MAX, FAST_AVG, FAST_NOPOOL, BIG_MAX,
    /// BIG_AVG, STRIDE2_MAX.
    public static func named() throws -> [(String, ConvPoolStack)] {
        [("FAST_MAX", try fast(.max)), ("FAST_AVG", try fast(.average)),
         ("FAST_NOPOOL", try fast(nil)), ("BIG_MAX", try big(.max)),
         ("BIG_AVG", try big(.average)), ("STRIDE2_MAX", try strideTwoMax())]
    }

    /// The number of leading Conv+Pool layers of `stack` that pool (2 for FAST_*, 3 for BIG_*, 0 without pooling).
    public static func pooledLayers(_ stack: ConvPoolStack) -> Int {
        stack.layers.prefix { $0.poolSize > 1 }.count
    }

    private static func stack(input: FeatureMapShape, channels: Int, pooled: [PoolingKind?]) throws -> ConvPoolStack {
        var layers: [ConvPoolLayer] = []
        var shape = input
        for kind in pooled {
            let layer = try ConvPoolLayer.square(input: shape, outputChannels: channels, kernel: 3, padding: 1,
                                                 pool: kind.map { ($0, 2) })
            layers.append(layer)
            shape = layer.output
        }
        layers.append(try ConvPoolLayer.fullyConnected(input: shape, outputs: 10))
        return try ConvPoolStack(layers: layers)
    }
}
