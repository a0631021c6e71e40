/// Count, means and co-moments Σ (x_i - mean)(x_i - mean)ᵀ of a sample of
/// vectors, updated one vector at a time and merged pairwise (Chan et al.),
/// for statistics that are functions of several means (ratios, cosines).
public struct JointMoments: Sendable, Equatable {
    /// The number of vectors added.
    public private(set) var count = 0
    /// The componentwise sample means.
    public private(set) var means: [Double]
    /// Row-major k x k.
    public private(set) var comoments: [Double]

    /// The vectors' length k.
    public var dimension: Int { means.count }
    /// Set when a vector of the wrong length was added; `merging` then throws.
    public private(set) var isMalformed = false

    /// Empty moments of vectors of length `dimension`.
    public init(dimension: Int) {
        means = [Double](repeating: 0, count: dimension)
        comoments = [Double](repeating: 0, count: dimension * dimension)
    }

    /// Adds one vector of length `dimension` (any other length marks the
    /// moments malformed, so that merging them throws).
    public mutating func add(_ x: [Double]) {
        guard x.count == dimension else {
            isMalformed = true
            return
        }
        let n = Double(count + 1)
        let k = dimension
        var delta = [Double](repeating: 0, count: k)
        for i in 0..<k {
            delta[i] = x[i] - means[i]
            means[i] += delta[i] / n
        }
        for i in 0..<k {
            for j in 0..<k { comoments[i * k + j] += delta[i] * (x[j] - means[j]) }
        }
        count += 1
    }

    /// The moments of both samples together (Chan et al.'s pairwise update of means and co-moments);
    /// malformed when either part is, or when the dimensions differ.
    public func merged(with other: JointMoments) -> JointMoments {
        guard !isMalformed, !other.isMalformed, other.dimension == dimension else {
            var bad = self
            bad.isMalformed = true
            return bad
        }
        guard other.count > 0 else { return self }
        guard count > 0 else { return other }
        let k = dimension
        let n1 = Double(count), n2 = Double(other.count), n = n1 + n2
        var result = JointMoments(dimension: k)
        result.count = count + other.count
        let delta = (0..<k).map { other.means[$0] - means[$0] }
        for i in 0..<k { result.means[i] = means[i] + delta[i] * n2 / n }
        for i in 0..<k {
            for j in 0..<k {
                result.comoments[i * k + j] = comoments[i * k + j] + other.comoments[i * k + j]
                    + delta[i] * delta[j] * n1 * n2 / n
            }
        }
        return result
    }

    /// The unbiased sample covariance of components i and j.
    public func covariance(_ i: Int, _ j: Int) -> Double {
        count > 1 ? comoments[i * dimension + j] / Double(count - 1) : 0
    }

    /// Merges chunk results in their order; throws when a part has another
    /// dimension or had a vector of the wrong length added.
    public static func merging(_ parts: [JointMoments], dimension: Int) throws -> JointMoments {
        let merged = parts.reduce(JointMoments(dimension: dimension)) { $0.merged(with: $1) }
        guard !merged.isMalformed else {
            throw StatisticsError("JointMoments: a sample returned vectors or moments of another dimension than \(dimension)")
        }
        return merged
    }
}

/// A smooth function g of the means of a random vector, with its gradient:
/// g(E X) is estimated by g(mean) with the delta-method variance
/// ∇gᵀ Σ ∇g / n (e.g. the mean similarity E⟨X,Y⟩ / √(E‖X‖² E‖Y‖²)).
public struct FunctionOfMeans: Sendable {
    /// The length k of the random vector whose means g takes.
    public let dimension: Int
    /// g(m) for a vector m of k means.
    public let value: @Sendable ([Double]) -> Double
    /// ∇g(m), k partial derivatives.
    public let gradient: @Sendable ([Double]) -> [Double]

    /// A function g of `dimension` means with its `gradient` (k components; a gradient of another length makes
    /// `standardDeviation` NaN).
    public init(dimension: Int, value: @escaping @Sendable ([Double]) -> Double,
                gradient: @escaping @Sendable ([Double]) -> [Double]) {
        self.dimension = dimension
        self.value = value
        self.gradient = gradient
    }

    /// a / sqrt(b c) of the means (a, b, c): the mean similarity of Nachum et al. eq. (1).
    public static let cosineOfMeans = FunctionOfMeans(
        dimension: 3,
        value: { m in m[0] / (m[1] * m[2]).squareRoot() },
        gradient: { m in
            let root = (m[1] * m[2]).squareRoot()
            let g = m[0] / root
            return [1 / root, -0.5 * g / m[1], -0.5 * g / m[2]]
        })

    /// a / b of the means (a, b): how much a mean shrinks or grows between two settings drawn side by side.
    public static let ratioOfMeans = FunctionOfMeans(
        dimension: 2,
        value: { m in m[0] / m[1] },
        gradient: { m in [1 / m[1], -m[0] / (m[1] * m[1])] })

    /// The delta-method standard deviation of one draw, sqrt(∇gᵀ Σ ∇g), at the
    /// sample means (NaN when the gradient or the moments have another dimension).
    public func standardDeviation(_ moments: JointMoments) -> Double {
        let g = gradient(moments.means)
        guard g.count == dimension, moments.dimension == dimension else { return .nan }
        var variance = 0.0
        for i in 0..<dimension {
            for j in 0..<dimension { variance += g[i] * g[j] * moments.covariance(i, j) }
        }
        return max(0, variance).squareRoot()
    }
}
