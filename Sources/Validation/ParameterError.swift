/// A user-supplied value outside the domain a routine accepts.
///
/// Thrown before any computation starts, so nothing is silently clamped and
/// nothing traps. Shared by every module above `GSL`.
public struct ParameterError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Where the value was rejected, e.g. "GaussianCovariance.closedForm".
    public let context: String
    /// The parameter's name, e.g. "rho".
    public let parameter: String
    /// The rejected value, as text.
    public let value: String
    /// What the parameter must satisfy, e.g. "in [-1, 1]".
    public let requirement: String

    /// An error saying that `parameter` = `value`, rejected in `context`, must satisfy `requirement`.
    public init(_ context: String, parameter: String, value: String, requirement: String) {
        self.context = context
        self.parameter = parameter
        self.value = value
        self.requirement = requirement
    }

    /// One line: "context: parameter = value is invalid; it must be requirement".
    public var description: String {
        "\(context): \(parameter) = \(value) is invalid; it must be \(requirement)"
    }
}

/// Validation helpers that throw `ParameterError`.
public enum Require {
    /// `condition` holds for `parameter` (shown as `value`); else a `ParameterError` stating `requirement`.
    public static func that(_ condition: Bool, _ parameter: String, value: @autoclosure () -> String,
                            requirement: String, in context: @autoclosure () -> String) throws {
        guard condition else { throw ParameterError(context(), parameter: parameter, value: value(), requirement: requirement) }
    }

    /// `value` is finite (not NaN or infinite).
    public static func finite(_ value: Double, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value.isFinite else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: "a finite number")
        }
    }

    /// `value` lies in the closed interval `range`.
    public static func within(_ value: Double, _ range: ClosedRange<Double>, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard range.contains(value) else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)",
                                 requirement: "in [\(range.lowerBound), \(range.upperBound)]")
        }
    }

    /// `value` is finite and strictly positive.
    public static func positive(_ value: Double, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value.isFinite, value > 0 else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: "finite and > 0")
        }
    }

    /// `value` is finite and non-negative.
    public static func nonNegative(_ value: Double, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value.isFinite, value >= 0 else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: "finite and >= 0")
        }
    }

    /// `value` is at least `minimum`.
    public static func atLeast(_ value: Int, _ minimum: Int, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value >= minimum else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: ">= \(minimum)")
        }
    }

    /// `value` is at most `maximum`.
    public static func atMost(_ value: Int, _ maximum: Int, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value <= maximum else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: "<= \(maximum)")
        }
    }

    /// The product of `factors` (sizes already checked non-negative, e.g. the entry count of a buffer),
    /// or a `ParameterError` naming `parameter` when it does not fit in `Int`.
    @discardableResult
    public static func product(_ factors: [Int], _ parameter: String, in context: @autoclosure () -> String) throws -> Int {
        var product = 1
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            guard !overflow else {
                throw ParameterError(context(), parameter: parameter, value: factors.map(String.init).joined(separator: " · "),
                                     requirement: "a product that fits in Int (<= \(Int.max))")
            }
            product = next
        }
        return product
    }

    /// `value` lies strictly between 0 and 1 (a probability used as an error rate).
    public static func openUnit(_ value: Double, _ parameter: String, in context: @autoclosure () -> String) throws {
        guard value.isFinite, value > 0, value < 1 else {
            throw ParameterError(context(), parameter: parameter, value: "\(value)", requirement: "in (0, 1)")
        }
    }
}
