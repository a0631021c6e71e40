import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    /// Records claims 1–3 of Lemma 5.3 / Corollary 5.4 for the lucky channels of `runs`.
    static func assertLuckyTrajectories(_ ctx: ClaimContext, _ runs: [FirstLayerRun], subject: Subject, pattern: String,
                                        trajectory: (FirstLayerRun) -> LuckyTrajectory) {
        let note = FirstLayerStudy.summary(runs)
        let all = runs.map(trajectory)
        let checks = runs.reduce(0) { $0 + ($1.setting.steps + 1) * $1.channels }
        ctx.bound("min over runs, t ≥ 1, i ∈ L of \(pattern) · w_i^(t)/(tη1) ≥ 1/9 (claim 1)", subject: subject,
                  route: .enumeration, value: all.map(\.minGrowth).min() ?? .nan, region: .atLeast(1.0 / 9),
                  resolution: 1e-12, samples: checks, note: note)
        ctx.bound("min over runs, steps, i ∈ L of the increment of \(pattern) · w_i/η1 ≥ 1/9 (induction step, eq. (20))",
                  subject: subject, route: .enumeration, value: all.map(\.minIncrement).min() ?? .nan,
                  region: .atLeast(1.0 / 9), resolution: 1e-12, samples: checks)
        ctx.bound("max over runs, t, i ∈ L, o_j ≠ \(pattern) of o_j · w_i^(t)/r ≤ 1 (claim 2)", subject: subject,
                  route: .enumeration, value: all.map(\.maxOther).max() ?? .nan, region: .atMost(1), resolution: 1e-12,
                  samples: checks)
        ctx.compare("(t, i ∈ L, x ∈ S1 of the class) with p_i^(t)(x) ≠ \(pattern) (claim 3)", subject: subject,
                    route: .enumeration, value: Double(all.reduce(0) { $0 + $1.patternViolations }), reference: 0,
                    referenceRoute: .closedForm, resolution: 0.5, samples: all.reduce(0) { $0 + $1.patternChecks })
        ctx.compare("(t, i ∈ L) with i leaving W_t (the channel keeps detecting \(pattern))", subject: subject,
                    route: .enumeration, value: Double(all.reduce(0) { $0 + $1.membershipLosses }), reference: 0,
                    referenceRoute: .closedForm, resolution: 0.5, samples: checks)
    }

    static let positiveDynamics = Claim(
        id: "BG-L5.3", paper: Papers.brutzkus, location: "§5, Lemma 5.3; App. C, Lemma C.3 and its proof (eqs. (14)–(23))",
        statement: """
        Lemma 5.3. For all 0 ≤ t ≤ T1 and all i ∈ W0+ ∩ A+ the following holds: 1. o_1 · w_i^(t) ≥ tη1/9 (printed \
        "tη1/0", an extraction slip: Lemma C.3 and Corollary 5.4 read /9). 2. For all j ≠ 1, it holds that o_j · w_i^(t) ≤ r. \
        Furthermore, for all x+ ∈ S1+, p_i^(t)(x+) = o_1.
        """,
        assumptions: [
            "LW_CNN's first loop with Theorem 5.1's hyper-parameters (k = 8d³ + 1, η1 = 1/(4k(T1 + 1)), r = η1/200), l = d",
            "as printed the lemma is unconditional (no probability qualifier): it is tested on a training set whose S1 has no positive example",
            "corrected: it holds on event (14), |S1+|, |S1−| ≥ m1/3 (Lemma C.3's conditioning; its probability is BG-LC.3); checked on every run of the grid where (14) holds, at every step",
            "tightness probe: |S1+| = ⌈m1/3⌉, the smallest S1+ event (14) allows",
        ],
        kind: .inequality,
        expectation: .erratum(printed: "claims 1–3 hold for every training set S",
                              corrected: "claims 1–3 hold whenever |S1+|, |S1−| ≥ m1/3 (event (14)), i.e. with probability ≥ 1 − 4e^{−m/36}")
    ) { ctx in
        var rng = ctx.stream("counterexample").generator()
        let setting = FirstLayerSetting(dimension: 4, patternsPerInput: 3, sampleSize: 40, steps: 20)
        let noPositives = try FirstLayerRun.run(setting, rng: &rng, trainingSet: FirstLayerRun.trainingSet(
            dimension: 4, patternsPerInput: 3, size: 40, firstHalfPositives: 0, rng: &rng))
        ctx.bound("\(setting), S1 without positive examples: min over t ≥ 1, i ∈ W0+∩A+ of o_1 · w_i^(t)/(tη1) ≥ 1/9",
                  route: .enumeration, value: noPositives.positive.minGrowth, region: .atLeast(1.0 / 9), resolution: 1e-12,
                  samples: 21 * noPositives.luckyPositive, note: "|W0+ ∩ A+| = \(noPositives.luckyPositive)")

        let runs = try FirstLayerStudy.gridRuns(ctx)
        assertLuckyTrajectories(ctx, runs.filter(\.event14), subject: .corrected, pattern: "o_1", trajectory: \.positive)
        let boundary = FirstLayerSetting(dimension: 4, patternsPerInput: 3, sampleSize: 60, steps: 20)
        let tight = try FirstLayerRun.run(boundary, rng: &rng, trainingSet: FirstLayerRun.trainingSet(
            dimension: 4, patternsPerInput: 3, size: 60, firstHalfPositives: 10, rng: &rng))
        ctx.bound("\(boundary), |S1+| = m1/3 = 10 (edge of event (14)): min o_1 · w_i^(t)/(tη1) ≥ 1/9", subject: .corrected,
                  route: .enumeration, value: tight.positive.minGrowth, region: .atLeast(1.0 / 9), resolution: 1e-12,
                  samples: 21 * tight.luckyPositive,
                  note: "realized ≈ (|S1+|/m1)·|ℓ'| ≈ (1/3)(1/2): the 1/9 of the proof uses |ℓ'| ≥ 1/3")
    }

    static let negativeDynamics = Claim(
        id: "BG-C5.4", paper: Papers.brutzkus, location: "§5, Corollary 5.4",
        statement: """
        Corollary 5.4. With probability at least 1 − 4e^{−d} − 4e^{−m/36}, for all 0 ≤ t ≤ T1 and all i ∈ W0− ∩ A− the \
        following holds: 1. o_2 · w_i^(t) ≥ tη1/9. 2. For all j ≠ 2, it holds that o_j · w_i^(t) ≤ r. Furthermore, for all \
        x− ∈ S1−, p_i^(t)(x−) = o_2.
        """,
        assumptions: [
            "LW_CNN's first loop with Theorem 5.1's hyper-parameters, l = d; probability over S and the initialization",
            "deterministic part: on every run of the grid where event (14) holds, at every step",
            "probability: the fraction of runs (d = 3, n = 3, m = 100, T1 = 10) where claims 1–3 hold, against 1 − 4e^{−d} − 4e^{−m/36} = 0.552 (the bound is vacuous for m ≲ 50); the 4e^{−d} term is not needed by the argument",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let runs = try FirstLayerStudy.gridRuns(ctx)
        assertLuckyTrajectories(ctx, runs.filter(\.event14), subject: .asPrinted, pattern: "o_2", trajectory: \.negative)
        try assertLemmaProbability(ctx, trajectory: \.negative, bound: { d, m in 1 - 4 * exp(-d) - 4 * exp(-m / 36) },
                                   name: "P(claims 1–3 hold for W0− ∩ A−) ≥ 1 − 4e^{−d} − 4e^{−m/36}")
    }

    /// The fraction of runs (d = 3, n = 3, m = 100, T1 = 10) where the claims hold, by a confidence sequence over runs.
    static func assertLemmaProbability(_ ctx: ClaimContext, subject: Subject = .asPrinted,
                                       trajectory: @escaping @Sendable (FirstLayerRun) -> LuckyTrajectory,
                                       bound: (Double, Double) -> Double, name: String, alphaFraction: Double = 1) throws {
        let setting = FirstLayerSetting(dimension: 3, patternsPerInput: 3, sampleSize: 100, steps: 10)
        try CountedProportion.record(
            ctx, "\(setting): \(name)", subject: subject, region: .atLeast(bound(3, 100)), resolution: 0.02,
            alpha: try ctx.reserveAlpha(alphaFraction), maxRuns: 2048) { rng in
            try trajectory(FirstLayerRun.run(setting, rng: &rng)).lemmaHolds
        }
    }
}
