/// The three cosine similarities the pooling paper compares for an input pair
/// (x, y) (§2–§3, Table 2): of the ReLU-activated features F(x), F(y)
/// (eqs. (1), (7)), of the average pooling features A_x, A_y (eqs. (2)–(3), (8))
/// and of the max pooling features M_x, M_y (eqs. (4)–(5), (9)).
public struct PoolingCosines: Sendable, Equatable {
    /// ρ(F(x), F(y)).
    public var relu: Double
    /// ρ(A_x, A_y).
    public var average: Double
    /// ρ(M_x, M_y).
    public var maximum: Double

    /// The three cosines of one pair.
    public init(relu: Double, average: Double, maximum: Double) {
        self.relu = relu
        self.average = average
        self.maximum = maximum
    }
}

/// Running sums Σ a_i b_i, Σ a_i², Σ b_i² for one cosine ⟨a, b⟩/(‖a‖‖b‖).
public struct CosineSums: Sendable, Equatable {
    /// Σ a_i b_i.
    public var xy = 0.0
    /// Σ a_i².
    public var xx = 0.0
    /// Σ b_i².
    public var yy = 0.0

    /// Empty sums.
    public init() {}

    /// Adds one coordinate pair (a_i, b_i).
    @inlinable
    public mutating func add(_ a: Double, _ b: Double) {
        xy += a * b
        xx += a * a
        yy += b * b
    }

    /// The cosine, or nil when a vector is zero (the similarity is undefined).
    public var cosine: Double? {
        guard xx > 0, yy > 0 else { return nil }
        return xy / (xx * yy).squareRoot()
    }
}
