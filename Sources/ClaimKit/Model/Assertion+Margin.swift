/// What an assertion's confirmation rests on: the margin it claims against its minimal detectable deviation,
/// and whether it was confirmed only because of its resolution δ.
extension Assertion {
    /// The margin the assertion claims: for an identity (a point region) its resolution δ; otherwise the
    /// distance from the estimate to the nearest finite boundary of the claimed region, negative when the
    /// estimate lies outside it; +∞ for the whole line.
    public var margin: Double {
        let region = region
        if region.lower == region.upper { return delta }
        return min(estimate - region.lower, region.upper - estimate)
    }

    /// Confirmed only through δ: the claimed region is not a point, and the interval leaves the region proper
    /// but stays inside the region widened by δ, so the check could not have told the estimate from one a
    /// little beyond the boundary. (An identity is always confirmed within δ of its point: its margin is δ.)
    public var confirmedWithinDeltaOnly: Bool {
        verdict == .confirmed && claimedLower < claimedUpper && (lower < claimedLower || upper > claimedUpper)
    }
}
