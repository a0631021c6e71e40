/// The interval of a deterministic computation: value ± the error it carries.
///
/// The half-width is `safetyFactor` times the sum of the error estimates of
/// both sides (QUADPACK's or a special function's estimate), plus a rounding
/// allowance of `roundingUlps` units in the last place of the larger
/// magnitude. GSL's estimates are estimates, not bounds; the safety factor
/// (10 by default) is what makes a false refutation practically impossible.
public struct NumericalTolerance: Sendable, Equatable {
    /// The default multiplier of the error estimates: 10.
    public static let defaultSafetyFactor = 10.0
    /// The default rounding allowance: 64 units in the last place.
    public static let defaultRoundingUlps = 64.0

    /// How many times the error estimates the half-width allows.
    public let safetyFactor: Double
    /// The rounding allowance, in units in the last place (ε = 2⁻⁵²) of the larger magnitude.
    public let roundingUlps: Double

    /// A tolerance of `safetyFactor` × (error estimates) + `roundingUlps` ulps.
    public init(safetyFactor: Double = defaultSafetyFactor, roundingUlps: Double = defaultRoundingUlps) {
        self.safetyFactor = safetyFactor
        self.roundingUlps = roundingUlps
    }

    /// The half-width for comparing `value` (error `error`) with `reference`
    /// (error `referenceError`).
    public func halfWidth(value: Double, error: Double, reference: Double, referenceError: Double) -> Double {
        let magnitude = Swift.max(abs(value), reference.isFinite ? abs(reference) : 0)
        return safetyFactor * (error + referenceError) + roundingUlps * magnitude * Double.ulpOfOne
    }
}
