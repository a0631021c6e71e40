/// A statistical procedure that cannot produce an interval from its input.
public struct StatisticsError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
