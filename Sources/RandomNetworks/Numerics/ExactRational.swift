/// Exact rational arithmetic on Int64 fractions (overflow throws), for enumerating algebraic identities
/// of the proofs at rational points without rounding (e.g. the weights of (A.15) in the layer-norm paper's App. A.3).
public struct ExactRational: Equatable, Sendable, CustomStringConvertible {
    /// The numerator, in lowest terms, carrying the sign.
    public let numerator: Int64
    /// The denominator, in lowest terms, positive.
    public let denominator: Int64

    /// A zero denominator, or an Int64 overflow in an operation.
    public struct Overflow: Error {}

    /// numerator/denominator in lowest terms; throws `Overflow` for a zero denominator.
    public init(_ numerator: Int64, _ denominator: Int64 = 1) throws {
        guard denominator != 0 else { throw Overflow() }
        let g = Self.gcd(abs(numerator), abs(denominator))
        let sign: Int64 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(g, 1)
        self.denominator = sign * denominator / max(g, 1)
    }

    /// The exact sum (throws `Overflow`).
    public static func + (a: Self, b: Self) throws -> Self {
        try Self(try add(try multiply(a.numerator, b.denominator), try multiply(b.numerator, a.denominator)),
                 try multiply(a.denominator, b.denominator))
    }

    /// The exact difference (throws `Overflow`).
    public static func - (a: Self, b: Self) throws -> Self { try a + Self(-b.numerator, b.denominator) }

    /// The exact product (throws `Overflow`).
    public static func * (a: Self, b: Self) throws -> Self {
        try Self(try multiply(a.numerator, b.numerator), try multiply(a.denominator, b.denominator))
    }

    /// The exact quotient (throws `Overflow`, also for division by zero).
    public static func / (a: Self, b: Self) throws -> Self {
        try Self(try multiply(a.numerator, b.denominator), try multiply(a.denominator, b.numerator))
    }

    /// The nearest Double to numerator/denominator (one rounding of each part, then of the quotient).
    public var doubleValue: Double { Double(numerator) / Double(denominator) }
    /// "numerator/denominator".
    public var description: String { "\(numerator)/\(denominator)" }

    private static func multiply(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw Overflow() }
        return value
    }

    private static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow { throw Overflow() }
        return value
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
}
