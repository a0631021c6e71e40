/// A statistical procedure that cannot produce an interval from its input.
public struct StatisticsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong, naming the procedure.
    public let message: String

    /// An error carrying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
