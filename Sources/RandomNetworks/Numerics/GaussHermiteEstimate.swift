import GSL

/// Gauss–Hermite quadrature with an error estimate.
public enum GaussHermiteEstimate {
    /// A Gauss–Hermite value with an error estimate from a rule with 1.5x the nodes
    /// (100 nodes reach 1e-16 on these smooth integrands; 40 nodes leave 3e-9 on ‖erf‖²).
    public static func estimate(_ compute: (GaussHermiteRule) throws -> Double, points: Int) throws -> IntegralResult {
        let coarse = try compute(GaussHermiteRule(points: points))
        let fine = try compute(GaussHermiteRule(points: points * 3 / 2))
        return IntegralResult(value: coarse, absoluteError: abs(fine - coarse))
    }
}
