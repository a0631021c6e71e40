import GSL
import Randomness

/// The pooling operators of the pooling paper's FCN, eqs. (2)–(5): the mn
/// hidden units of F(x) = r(Wx) (eq. (1)) are split into m consecutive blocks
/// of n and each block is averaged (A) or maximized (M):
///
///     A(h)_i = Ave{h_j : j ∈ P_i},   M(h)_i = max{h_j : j ∈ P_i},   i = 1, …, m,
///
/// with P_i = {(i − 1)n + 1, …, in} (1-based). The paper prints
/// P_i = {in + 1, …, (i + 1)n} for i ∈ [m], which is off by one block;
/// `printedBlock` returns that reading for the claim that checks it.
public struct PartitionedPooling: Sendable, Equatable {
    /// m, the number of pools (the pooled feature's dimension).
    public let groups: Int
    /// n, the pooling kernel size.
    public let poolSize: Int

    /// Pooling of mn units into m pools of n. Throws `ParameterError` for m or n below 1 or an mn that
    /// overflows `Int`.
    public init(groups: Int, poolSize: Int) throws {
        try Require.atLeast(groups, 1, "groups", in: "PartitionedPooling")
        try Require.atLeast(poolSize, 1, "poolSize", in: "PartitionedPooling")
        try Require.product([groups, poolSize], "groups · poolSize", in: "PartitionedPooling")
        self.groups = groups
        self.poolSize = poolSize
    }

    /// d_out = mn.
    public var width: Int { groups * poolSize }

    /// P_i = {(i − 1)n + 1, …, in} for i ∈ [m] (1-based indices, the intended partition).
    public func block(_ i: Int) throws -> ClosedRange<Int> {
        try Require.within(Double(i), 1...Double(groups), "i", in: "PartitionedPooling.block")
        return ((i - 1) * poolSize + 1)...(i * poolSize)
    }

    /// P_i = {in + 1, …, (i + 1)n} as printed in §2 (1-based), for i ∈ [m].
    public func printedBlock(_ i: Int) throws -> ClosedRange<Int> {
        try Require.within(Double(i), 1...Double(groups), "i", in: "PartitionedPooling.printedBlock")
        return (i * poolSize + 1)...((i + 1) * poolSize)
    }

    private func validate(_ features: [Double], _ context: String) throws {
        guard features.count == width else {
            throw ParameterError(context, parameter: "features", value: "\(features.count) values",
                                 requirement: "mn = \(width) values")
        }
    }

    /// A(h) ∈ R^m, eqs. (2)–(3).
    public func average(_ features: [Double]) throws -> [Double] {
        try validate(features, "PartitionedPooling.average")
        return (0..<groups).map { i in
            features[(i * poolSize)..<((i + 1) * poolSize)].reduce(0, +) / Double(poolSize)
        }
    }

    /// M(h) ∈ R^m, eqs. (4)–(5).
    public func maximum(_ features: [Double]) throws -> [Double] {
        try validate(features, "PartitionedPooling.maximum")
        return (0..<groups).map { i in features[(i * poolSize)..<((i + 1) * poolSize)].max()! }
    }

    /// One draw of the pooled ReLU features of the FCN of eq. (1) with i.i.d.
    /// N(0, 1) weights (Theorems 4.1, 4.2) for unit inputs of cosine ρ, sampled
    /// without forming W: the rows give i.i.d. pairs (w·x, w·y) ~ N(0, [[1, ρ], [ρ, 1]])
    /// (rotation invariance), exact in distribution. Other norms and weight
    /// variances rescale A and M and leave every cosine unchanged
    /// (positive homogeneity). O(mn) per draw.
    public func sample(inputCosine rho: Double, rng: inout Xoshiro256, sampler: NormalSampler) throws
        -> PooledFeaturePair {
        try Require.within(rho, -1...1, "inputCosine", in: "PartitionedPooling.sample")
        let s = ((1 - rho) * (1 + rho)).squareRoot()
        var pair = PooledFeaturePair(groups: groups)
        let n = Double(poolSize)
        for i in 0..<groups {
            var sumX = 0.0, sumY = 0.0, maxX = 0.0, maxY = 0.0
            for _ in 0..<poolSize {
                let u = sampler.next(using: &rng)
                let a = max(0, u), b = max(0, rho * u + s * sampler.next(using: &rng))
                pair.relu.add(a, b)
                sumX += a
                sumY += b
                maxX = max(maxX, a)
                maxY = max(maxY, b)
            }
            pair.averageX[i] = sumX / n
            pair.averageY[i] = sumY / n
            pair.maximumX[i] = maxX
            pair.maximumY[i] = maxY
        }
        return pair
    }
}

/// The pooled features A_x, A_y, M_x, M_y of one input pair (with the sums of
/// the ReLU features' cosine), as `PartitionedPooling.sample` draws them.
public struct PooledFeaturePair: Sendable, Equatable {
    /// A_x, the m average-pooled features of x.
    public var averageX: [Double]
    /// A_y, the m average-pooled features of y.
    public var averageY: [Double]
    /// M_x, the m max-pooled features of x.
    public var maximumX: [Double]
    /// M_y, the m max-pooled features of y.
    public var maximumY: [Double]
    /// Σ F(x)_j F(y)_j, ‖F(x)‖², ‖F(y)‖².
    public var relu = CosineSums()

    init(groups: Int) {
        averageX = [Double](repeating: 0, count: groups)
        averageY = averageX
        maximumX = averageX
        maximumY = averageX
    }

    /// ρ(F(x), F(y)), ρ(A_x, A_y), ρ(M_x, M_y); nil when a vector is zero.
    public var cosines: PoolingCosines? {
        guard let r = relu.cosine, let a = Vector.cosine(averageX, averageY),
              let m = Vector.cosine(maximumX, maximumY) else { return nil }
        return PoolingCosines(relu: r, average: a, maximum: m)
    }
}
