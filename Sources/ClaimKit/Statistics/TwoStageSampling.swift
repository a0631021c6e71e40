/// The planned sample size of a Monte Carlo estimate: Stein's two-stage
/// procedure, continued as in Chow–Robbins's fixed-width procedure.
///
/// A pilot of `pilot` draws first gets the chance to decide alone
/// (`pilotDecides`: e.g. its own interval, at a share of the error rate of its
/// own, already lies inside or outside the claimed region; a two-look
/// group-sequential design with a Bonferroni split). Otherwise it plans n from
/// the rule `plan` (e.g. a
/// chi-squared upper bound of the standard deviation turned into the n that
/// makes an interval's half-width at most δ/2); n is at least the pilot's
/// size (so a nearly constant statistic does not get a handful of draws and a
/// huge t quantile) and at most `cap`. Then n fresh draws are made, and the
/// plan is applied to them: when the pilot under-stated the spread (heavy
/// tails make its bound optimistic) and the draws so far ask for more, the
/// shortfall is drawn and merged, up to `maxTopUps` times. The interval is
/// then computed from the main and top-up draws only (a pilot that did not
/// decide alone decides n, not the estimate), so with a (1 − α/4) pilot
/// decision, a (1 − α/4) plan and a (1 − α/2) interval the false-fail rate is
/// at most α.
///
/// `draw(stage, count)` makes `count` draws for a stage, each stage on its own
/// random stream (the stage's `label`), so the result depends only on the
/// seed, never on the thread count.
public enum TwoStageSampling {
    /// A stage of the procedure; its `label` names its random stream.
    public enum Stage: Sendable, Equatable {
        /// The pilot draws that plan n (they never enter the estimate).
        case pilot
        /// The main sample of the planned size n.
        case main
        /// The k-th top-up (from 0).
        case topUp(Int)
    }

    /// The outcome: the merged main and top-up draws, how many they are, and what the pilot planned.
    public struct Outcome<Draws> {
        /// The main draws merged with every top-up.
        public let draws: Draws
        /// How many draws `draws` holds.
        public let count: Int
        /// The main sample's size: the pilot's plan, clamped to [pilot, cap].
        public let mainCount: Int
        /// What the pilot's plan asked for before clamping (0 when the pilot decided).
        public let planned: Int
        /// Whether the pilot decided alone: `draws` are then the pilot's, and no main sample was drawn.
        public let decidedByPilot: Bool

        /// Whether top-ups were drawn after the main sample.
        public var toppedUp: Bool { !decidedByPilot && count > mainCount }
    }

    /// Runs the procedure: pilot (which may decide alone), plan, main draws, re-plans and top-ups.
    /// Throws `ParameterError` for a pilot below 1 or a cap below the pilot, and whatever `draw`, `plan` or
    /// `pilotDecides` throw.
    public static func run<Draws>(
        pilot: Int, cap: Int, maxTopUps: Int = 8,
        draw: (Stage, Int) throws -> Draws, merge: (Draws, Draws) -> Draws, plan: (Draws, Int) throws -> Int,
        pilotDecides: (Draws, Int) throws -> Bool = { _, _ in false }
    ) throws -> Outcome<Draws> {
        try Require.atLeast(pilot, 1, "pilot", in: "TwoStageSampling.run")
        try Require.atLeast(cap, pilot, "cap", in: "TwoStageSampling.run")
        try Require.atLeast(maxTopUps, 0, "maxTopUps", in: "TwoStageSampling.run")
        let pilotDraws = try draw(.pilot, pilot)
        if try pilotDecides(pilotDraws, pilot) {
            return Outcome(draws: pilotDraws, count: pilot, mainCount: 0, planned: 0, decidedByPilot: true)
        }
        let planned = try plan(pilotDraws, pilot)
        let n = min(max(planned, pilot), cap)
        var draws = try draw(.main, n)
        var count = n
        for round in 0..<maxTopUps {
            let replanned = min(try plan(draws, count), cap)
            guard replanned > count else { break }
            draws = merge(draws, try draw(.topUp(round), replanned - count))
            count = replanned
        }
        return Outcome(draws: draws, count: count, mainCount: n, planned: planned, decidedByPilot: false)
    }
}
