import ClaimKit
import Foundation
import RandomNetworks

extension BrutzkusClaims {
    static let normGrowth = Claim(
        id: "BG-LC.1", paper: Papers.brutzkus, location: "App. C, Lemma C.1 and its proof",
        statement: """
        Lemma C.1. For all 0 ≤ t ≤ T1 and all 1 ≤ i ≤ k, ‖w_i^(t)‖ ≤ η1(t + 1). Proof: "for all 1 ≤ i ≤ k, \
        ‖∂L1/∂w_i (W, a^(0))‖ ≤ 1 … since … ‖x[j]‖ = 1. Therefore, for all 0 ≤ t ≤ T1 and 1 ≤ i ≤ k, \
        ‖w_i^(t)‖ ≤ r + η1 t ≤ η1(t + 1)."
        """,
        assumptions: [
            "LW_CNN's first loop (Algorithm 1) with Theorem 5.1's hyper-parameters: k = 8d³ + 1, η1 = 1/(4k(T1 + 1)), r = η1/200 ≤ η1, a_i^(0) = ±1",
            "checked at every step t = 0 … T1 of every run, l = d, o_i = e_i and a Haar-random variant",
            "the lemma needs neither η1 small nor event (14): a control run with η1 × 50 is checked too",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let runs = try FirstLayerStudy.gridRuns(ctx)
        let note = FirstLayerStudy.summary(runs)
        let steps = runs.reduce(0) { $0 + $1.setting.steps + 1 }
        ctx.bound("max over runs, t, i of ‖w_i^(t)‖/(r + η1 t) (= 1 at t = 0: tight)", route: .enumeration,
                  value: runs.map(\.maxNormRatio).max() ?? .nan, region: .atMost(1), resolution: 1e-12, samples: steps, note: note)
        ctx.bound("max over runs, t, i of ‖w_i^(t)‖/(η1(t + 1))", route: .enumeration,
                  value: runs.map(\.maxNormOverNextStep).max() ?? .nan, region: .atMost(1), resolution: 1e-12, samples: steps)
        ctx.bound("max over runs, t, i of ‖∂L1/∂w_i(W^(t), a^(0))‖", route: .enumeration,
                  value: runs.map(\.maxGradientNorm).max() ?? .nan, region: .atMost(1), resolution: 1e-12, samples: steps)
        let control = try FirstLayerStudy.largeRateControl(ctx)
        ctx.bound("\(control.setting): max ‖w_i^(t)‖/(r + η1 t) (C.1 does not need η1 small)", route: .enumeration,
                  value: control.maxNormRatio, region: .atMost(1), resolution: 1e-12, samples: 21)
    }

    static let outputBound = Claim(
        id: "BG-LC.2", paper: Papers.brutzkus, location: "App. C, Lemma C.2 and its proof",
        statement: """
        Lemma C.2. For all x ∈ S1 and 0 ≤ t ≤ T1, |N_CNN[(W^(t), a^(0))](x)| ≤ 1/2. Proof: by Lemma C.1, \
        |N| ≤ k max_i ‖w_i^(t)‖ max_j ‖x[j]‖ ≤ kη1(t + 1) ≤ 1/2, "where the last inequality follows by the assumption on η1".
        """,
        assumptions: [
            "LW_CNN's first loop with Theorem 5.1's hyper-parameters (η1 = 1/(4k(T1 + 1)), so kη1(t + 1) ≤ 1/4: the proof gives 1/4, the lemma states 1/2)",
            "checked at every step of every run on every x ∈ S1",
            "outside the hypothesis, η1 × 50 (d = 4, n = 3, m = 40, T1 = 20), the bound breaks: reported in a note (it cannot bear on the lemma)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let runs = try FirstLayerStudy.gridRuns(ctx)
        let checks = runs.reduce(0) { $0 + ($1.setting.steps + 1) * $1.firstHalf }
        // Outside the hypothesis (η1 × 50) the bound breaks: reported, not evidence about the lemma.
        let control = try FirstLayerStudy.largeRateControl(ctx)
        ctx.bound("max over runs, t and x ∈ S1 of |N[(W^(t), a^(0))](x)| ≤ 1/2", route: .enumeration,
                  value: runs.map(\.maxOutput).max() ?? .nan, region: .atMost(0.5), resolution: 1e-12, samples: checks,
                  note: FirstLayerStudy.summary(runs)
                      + "; control outside the hypothesis, \(control.setting): max |N| = \(control.maxOutput) over \((control.setting.steps + 1) * control.firstHalf) checks")
        ctx.bound("max over runs, t and x ∈ S1 of |N|/(kη1(t + 1)) ≤ 1 (the proof's bound, ≤ 1/4)", route: .enumeration,
                  value: runs.map(\.maxOutputOverProofBound).max() ?? .nan, region: .atMost(1), resolution: 1e-12,
                  samples: checks)
    }

    static let activationBound = Claim(
        id: "BG-L5.5", paper: Papers.brutzkus, location: "§5, Lemma 5.5; App. D",
        statement: """
        Lemma 5.5. For all 1 ≤ t ≤ T1, 1 ≤ i ≤ k, 1 ≤ j ≤ d and x sampled from D, it holds that x[j] · w_i^(t) ≤ 2η1 t. \
        (App. D: by Lemma C.1, ‖w_i^(t)‖ ≤ η1(t + 1), therefore x[j] · w_i^(t) ≤ 2η1 t.)
        """,
        assumptions: [
            "x[j] is the j-th pattern of x, so j runs over 1 … n (the printed 1 ≤ j ≤ d is an index slip); every x[j] of supp D is one of o_1 … o_l, so the check runs over all patterns o_q, which covers every x in the support",
            "LW_CNN's first loop with Theorem 5.1's hyper-parameters, every step t ≥ 1 of every run",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let runs = try FirstLayerStudy.gridRuns(ctx)
        ctx.bound("max over runs, 1 ≤ t ≤ T1, i and patterns o_q of o_q · w_i^(t)/(2η1 t)", route: .enumeration,
                  value: runs.map(\.maxActivationRatio).max() ?? .nan, region: .atMost(1), resolution: 1e-12,
                  samples: runs.reduce(0) { $0 + $1.setting.steps * $1.channels * $1.setting.dimension },
                  note: FirstLayerStudy.summary(runs) + "; the bound is ‖w‖ ≤ η1(t + 1) ≤ 2η1 t, loose by the ratio shown")
    }
}
