/// Moves the claimed reference of chosen assertions by a relative amount
/// before their verdict is decided: the claimed region is translated by
/// `relative × reference`, so an identity `x = c` becomes `x = c (1 + relative)`.
///
/// It measures power (a wrong formula, off by a known amount, must be
/// refuted), so it exists for tests only: `package` access keeps it out of the
/// library's public API, and the command line cannot set it. The sampling is
/// untouched (the region is moved when the assertion is recorded), except that
/// a sequential estimate stops on the unmoved region.
package struct ReferencePerturbation: Sendable, Equatable {
    /// Relative shift per assertion key.
    package let shifts: [String: Double]

    package init(shifts: [String: Double]) { self.shifts = shifts }

    /// `assertion` judged against its moved region, or unchanged when it is not chosen. An expected verdict
    /// already attached (a recorded result judged again) is kept, so the result equals what a run with this
    /// perturbation records.
    package func apply(to assertion: Assertion) -> Assertion {
        guard let relative = shifts[assertion.key] else { return assertion }
        let shift = relative * assertion.reference
        let moved = ClaimedRegion(lower: assertion.claimedLower + shift, upper: assertion.claimedUpper + shift)
        let judged = assertion.judged(as: assertion.key, description: assertion.name, subject: assertion.subject, against: moved,
                                      note: "reference moved by \(relative) of itself (perturbation test)")
        return assertion.expected.map { judged.expecting($0, reason: assertion.expectedReason) } ?? judged
    }
}
