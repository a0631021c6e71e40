/// Count, mean and sum of squared deviations of a sample, updated one value at
/// a time (Welford) and merged pairwise (Chan, Golub & LeVeque, 1979).
///
/// Merging in a fixed order gives bit-identical results however the sample
/// was split across threads.
public struct RunningMoments: Sendable, Equatable {
    /// The number of values.
    public var count: Int { storedCount }
    /// The sample mean (0 when empty).
    public var mean: Double { storedMean }
    /// Σ (x_i - mean)^2.
    public var sumOfSquaredDeviations: Double { storedSquares }

    @usableFromInline var storedCount = 0
    @usableFromInline var storedMean = 0.0
    @usableFromInline var storedSquares = 0.0

    /// Empty moments.
    public init() {}

    /// The moments of `values`.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    /// Adds one value (Welford's update of the mean and the sum of squared deviations).
    @inlinable
    public mutating func add(_ x: Double) {
        let n = storedCount + 1
        let delta = x - storedMean
        let newMean = storedMean + delta / Double(n)
        storedSquares += delta * (x - newMean)
        storedMean = newMean
        storedCount = n
    }

    /// The moments of the union of both samples.
    public func merged(with other: RunningMoments) -> RunningMoments {
        guard other.count > 0 else { return self }
        guard count > 0 else { return other }
        let n = count + other.count
        let delta = other.mean - mean
        var result = RunningMoments()
        result.storedCount = n
        result.storedMean = mean + delta * Double(other.count) / Double(n)
        result.storedSquares = sumOfSquaredDeviations + other.sumOfSquaredDeviations
            + delta * delta * Double(count) * Double(other.count) / Double(n)
        return result
    }

    /// The unbiased sample variance (0 for fewer than two values).
    public var variance: Double { count > 1 ? sumOfSquaredDeviations / Double(count - 1) : 0 }
    /// The sample standard deviation, √variance.
    public var standardDeviation: Double { variance.squareRoot() }
    /// The estimated standard error of the mean.
    public var standardError: Double { count > 0 ? (variance / Double(count)).squareRoot() : .infinity }
}

extension RunningMoments {
    /// The moments of `count` values produced in order by `value`, summed in two
    /// passes over a buffer (exact mean first, then squared deviations).
    @inlinable
    public static func of(count: Int, _ value: () throws -> Double) rethrows -> RunningMoments {
        try filled(count) { buffer in
            for i in buffer.indices { buffer[i] = try value() }
        }
    }

    /// The moments of `count` values that `fill` writes into a buffer, in two passes.
    @inlinable
    public static func filled(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows
        -> RunningMoments {
        guard count > 0 else { return RunningMoments() }
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        defer { buffer.deallocate() }
        try fill(buffer)
        var sum = 0.0
        for v in buffer { sum += v }
        let mean = sum / Double(count)
        var squares = 0.0
        for v in buffer {
            let d = v - mean
            squares += d * d
        }
        var moments = RunningMoments()
        moments.storedCount = count
        moments.storedMean = mean
        moments.storedSquares = squares
        return moments
    }

    /// Merges chunk results in their order.
    public static func merging(_ parts: [RunningMoments]) -> RunningMoments {
        parts.reduce(RunningMoments()) { $0.merged(with: $1) }
    }
}
