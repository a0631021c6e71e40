import ClaimKit
import Foundation

/// The claims of a run that are running now and how many have finished, for a status line while claims run side
/// by side (`Runner.run(_:claimsAtOnce:events:)`). Safe to update from the threads that run the claims.
package final class RunningClaims: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private let expectedSeconds: [Double]
    private var running: [(index: Int, id: String, start: ContinuousClock.Instant)] = []
    private var finished = 0

    /// `total` claims; `expectedSeconds[i]`, when given, is how long claim i is expected to take (shown as time left).
    package init(total: Int, expectedSeconds: [Double] = []) {
        self.total = total
        self.expectedSeconds = expectedSeconds
    }

    /// The number of claims in the run.
    let total: Int

    /// Takes note of a claim starting or finishing.
    package func record(_ event: RunEvent) {
        lock.withLock {
            switch event {
            case .started(let index, let claim):
                running.append((index, claim.id, ContinuousClock.now))
            case .finished(let index, _):
                running.removeAll { $0.index == index }
                finished += 1
            }
        }
    }

    /// "d/n claims done".
    var counts: String { lock.withLock { "\(finished)/\(total) claims done" } }

    /// "[d/n claims done] elapsed, about … left": what is left estimated from the claims finished so far.
    var summary: String {
        lock.withLock {
            let elapsed = ContinuousClock.now - start
            let left = finished > 0 ? ", about \(Progress.format(elapsed / finished * (total - finished))) left" : ""
            return "[\(finished)/\(total) claims done] \(Progress.format(elapsed)) elapsed\(left)"
        }
    }

    /// "ID: time in this claim[, about … left]" for each running claim, oldest first.
    var current: String {
        lock.withLock {
            running.map { claim in
                let inClaim = (ContinuousClock.now - claim.start).seconds
                let left = claim.index < expectedSeconds.count
                    ? ", about \(Progress.format(seconds: max(0, expectedSeconds[claim.index] - inClaim))) left" : ""
                return "\(claim.id): \(Progress.format(seconds: inClaim)) in this claim\(left)"
            }.joined(separator: " · ")
        }
    }
}
