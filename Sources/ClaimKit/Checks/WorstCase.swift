
/// The extreme cases of a deterministic property test over many inputs, for one-sided claims
/// (value ≥ bound or value ≤ bound, each value with its numerical error).
///
/// Over all cases, the claim is refuted if some case's interval misses the region and confirmed if every
/// case's interval lies in it (widened by the resolution). So two cases decide: the one whose interval
/// reaches least into the region (closest to refutation) and the one whose interval reaches furthest out
/// of it (hardest to confirm). Both are recorded (one assertion when they coincide), with their labels.
public struct WorstCase {
    /// The side of the one-sided claim: every value is at least (`atLeast`) or at most (`atMost`) `bound`.
    public enum Side { case atLeast, atMost }

    /// Whether the values are claimed at least or at most `bound`.
    public let side: Side
    /// The claimed bound.
    public let bound: Double
    /// The number of cases added (recorded as the assertions' sample count).
    public private(set) var count = 0
    private var closest: (value: Double, error: Double, label: String)?
    private var hardest: (value: Double, error: Double, label: String)?
    private let factor = NumericalTolerance.defaultSafetyFactor

    /// An empty tally for the claim "every value ≥ `bound`" (`.atLeast`) or "every value ≤ `bound`" (`.atMost`).
    public init(_ side: Side, _ bound: Double = 0) {
        self.side = side
        self.bound = bound
    }

    /// Adds a case with its value, its error estimate and a label saying which input it is.
    public mutating func add(_ value: Double, error: Double = 0, _ label: @autoclosure () -> String = "") {
        count += 1
        let sign = side == .atLeast ? 1.0 : -1.0
        let reach = sign * (value + sign * factor * error) // how far the interval reaches into the region
        let exposure = sign * (value - sign * factor * error) // how far its other end lies inside
        if closest.map({ reach < sign * ($0.value + sign * factor * $0.error) }) ?? true { closest = (value, error, label()) }
        if hardest.map({ exposure < sign * ($0.value - sign * factor * $0.error) }) ?? true { hardest = (value, error, label()) }
    }

    /// Records the deciding case(s) as bound assertions. Which input a case is goes into the note, not the name:
    /// it can change with the seed, and runs are matched by assertion name (`claims diff`, `claims calibrate`).
    public func record(_ ctx: ClaimContext, _ name: String, subject: Subject = .asPrinted, route: Route, resolution: Double,
                note: String? = nil) {
        guard let closest, let hardest else { return }
        let region: ClaimedRegion = side == .atLeast ? .atLeast(bound) : .atMost(bound)
        func noting(_ role: String, _ label: String) -> String? {
            let parts = [label.isEmpty ? nil : "\(role): \(label)", note].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: "; ")
        }
        ctx.bound("\(name) [closest to violation]", subject: subject, route: route,
                  value: closest.value, error: closest.error, region: region, resolution: resolution, samples: count,
                  note: noting("closest to violation", closest.label))
        if hardest.label != closest.label || hardest.value != closest.value {
            ctx.bound("\(name) [least certain case]", subject: subject, route: route, value: hardest.value,
                      error: hardest.error, region: region, resolution: resolution, samples: count,
                      note: noting("least certain case", hardest.label))
        }
    }
}
