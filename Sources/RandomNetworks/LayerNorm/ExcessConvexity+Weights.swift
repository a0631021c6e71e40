extension ExcessConvexity {
    /// The identities of (A.15) (the weights of the composition property, the layer-norm paper's App. A.3) at
    /// (t_1, t_2), in exact rational arithmetic: whether all four hold, and the weights w_1, w_2.
    public static func weightIdentities(_ t1: ExactRational, _ t2: ExactRational, one: ExactRational, two: ExactRational,
                                        four: ExactRational) throws -> (hold: Bool, w1: ExactRational, w2: ExactRational) {
        let s = try (t1 + t2) - (two * t1 * t2)
        let d = try (one - t1 - t2) * s
        let w1 = try (one - two * t1) * t2 * (one - t2) / d
        let w2 = try t1 * (one - t1) * (one - two * t2) / d
        let target = try t1 * t2 / s
        let argument = try w1 * t1 + w2 * t1 * t2 / (one - t1)
        let value = try w1 * t1 * t2 / (one - t2) + w2 * t2
        let excess = try one / target - two
        let sum = try one / t1 + one / t2 - four
        return (try w1 + w2 == one && argument == target && value == target && excess == sum, w1, w2)
    }
}
