import ClaimKit
import FivePapers
import Foundation

/// Each claim's run at the quick budget and the registry tests' seed, made once per test process and shared by
/// every test that reads it (the registry's verdict and baseline checks, the power tests' unmoved runs).
enum QuickRuns {
    /// The run of claim `id`, made by the first caller; later callers wait for it and read the same result.
    static func result(_ id: String) throws -> ClaimResult {
        guard let cell = cells[id] else { throw UnknownClaim(id: id) }
        return cell.value
    }

    struct UnknownClaim: Error, CustomStringConvertible {
        let id: String
        var description: String { "no registered claim '\(id)'" }
    }

    private static let cells: [String: Cell] = Dictionary(uniqueKeysWithValues: Suite.registry.claims.map { claim in
        (claim.id, Cell { RegistryTests.runner.run(claim) })
    })

    /// A value computed on first read, under a lock, then kept.
    private final class Cell: @unchecked Sendable {
        private let lock = NSLock()
        private let make: @Sendable () -> ClaimResult
        private var made: ClaimResult?

        init(_ make: @escaping @Sendable () -> ClaimResult) { self.make = make }

        var value: ClaimResult {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let result = make()
            made = result
            return result
        }
    }
}
