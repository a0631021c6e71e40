import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let featureScales = Claim(
        id: "BG-E.3", paper: Papers.brutzkus, location: "App. E, after eq. (23) (Soudry et al.'s step-size condition)",
        statement: """
        Theorem 3 of Soudry et al. (2018) "requires that η2 < 2β^{−1}σ_max^{−2}(Z) m2, where β is the smoothness parameter \
        of the logistic loss, Z ∈ R^{k×m2} is the matrix which contains z(x_{i+⌈m/2⌉}) in its ith column … In our setting, \
        β = 1 and by Lemma 5.5 σ²_max(Z) ≤ ‖Z‖_F² ≤ 4m2kη1²T1² ≤ m2/(4k). Thus, by our assumption η2 < 8k ≤ \
        2σ_max^{−2}(Z) m2 holds." Also: "‖z(x)‖² ≤ 4kη1²T1² by Lemma 5.5."
        """,
        assumptions: [
            "LW_CNN with Theorem 5.1's hyper-parameters (η1 = 1/(4k(T1 + 1)) gives kη1T1 ≤ 1/4), η2 = 4k < 8k; l = d",
            "σ²_max(Z) = λ_max(ZᵀZ) by power iteration on the m2 × m2 Gram matrix, with its residual as the error",
            "β = 1 is a valid smoothness constant (the logistic loss has ℓ'' ≤ 1/4, so β = 1/4 also works)",
            "‖z(x)‖² checked over the whole support (z depends only on the set of patterns)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let runs = try RepresentationStudy.runs(ctx)
        let note = RepresentationStudy.summary(runs)
        func featureBound(_ run: RepresentationRun) -> Double {
            4 * Double(run.channels) * pow(run.rate * Double(run.setting.steps), 2)
        }
        ctx.bound("max over runs of max_supp ‖z(x)‖² / (4kη1²T1²)", route: .enumeration,
                  value: runs.map { $0.maxFeatureNormSquared / featureBound($0) }.max() ?? .nan, region: .atMost(1),
                  resolution: 1e-12, samples: runs.count, note: note)
        ctx.bound("max over runs of σ²_max(Z) / ‖Z‖_F²", route: .iterativeSolver,
                  value: runs.map { ($0.sigmaMaxSquared + $0.sigmaResidual) / $0.frobeniusSquared }.max() ?? .nan,
                  region: .atMost(1), resolution: 1e-12, samples: runs.count)
        ctx.bound("max over runs of ‖Z‖_F² / (4 m2 kη1²T1²)", route: .enumeration,
                  value: runs.map { $0.frobeniusSquared / (Double($0.secondHalf) * featureBound($0)) }.max() ?? .nan,
                  region: .atMost(1), resolution: 1e-12, samples: runs.count)
        // 4m2kη1²T1² ≤ m2/(4k) and η2 < 8k are the recipe's own constants (16k²η1²T1² = (4kT1/(4k(T1 + 1)))² < 1,
        // η2/(8k) = 1/2): stated, not evidence.
        let recipe = "recipe constants: 16k²η1²T1² ≤ \(runs.map { 16 * pow(Double($0.channels) * $0.rate * Double($0.setting.steps), 2) }.max() ?? .nan), η2/(8k) = \(runs.map { $0.secondLayerRate / (8 * Double($0.channels)) }.max() ?? .nan)"
        ctx.bound("max over runs of 8k / (2σ_max^{−2}(Z) m2) (β = 1)", route: .iterativeSolver,
                  value: runs.map { 8 * Double($0.channels) * ($0.sigmaMaxSquared + $0.sigmaResidual) / (2 * Double($0.secondHalf)) }
                      .max() ?? .nan, region: .atMost(1), resolution: 1e-12, samples: runs.count, note: recipe)
    }

    static let lowNormSolution = Claim(
        id: "BG-E.5", paper: Papers.brutzkus, location: "App. E, last paragraph",
        statement: """
        "By optimality of â and Lemma 5.2 we have ‖â‖² ≤ ‖v*‖² ≤ 2 · 80²d/(kη1²T1²). Furthermore, ‖z(x)‖² ≤ 4kη1²T1² by \
        Lemma 5.5. Therefore, we have ‖â‖²‖z(x)‖² = O(d). Thus, by a standard margin generalization bound … with \
        probability at least 1 − δ: lim_{T2→∞} P(sign(N_CNN[(W^(T1), a^(T2))](x)) ≠ y) = P(sign(N_CNN[(W^(T1), â/‖â‖)](x)) ≠ y) \
        = O(√(d/m))."
        """,
        assumptions: [
            "â = argmin ‖v‖² s.t. y_i v · z(x_i) ≥ 1 on S2 (eq. (25)), by dual coordinate ascent with its rigorous bracket [2·dual objective, ‖w‖²/min margin²]",
            "checked on every run where events (7) and (14) hold; the explicit constant of the chain is 2 · 80² · 4 = 51,200",
            "the margin bound is not evaluated as evidence: with ρB ≈ √(51,200 d) it exceeds 1 for m2 below ~10⁵ d (vacuous at every checkable size)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let (runs, note) = try RepresentationStudy.eventRuns(ctx)
        ctx.bound("min over runs of the margin of v* on S2 (v* is feasible for eq. (25))", route: .enumeration,
                  value: runs.map(\.minTrainingMarginOfVStar).min() ?? .nan, region: .atLeast(1), resolution: 1e-9,
                  samples: runs.count,
                  note: note + "; largest optimality violation of the SVM solver \(runs.map(\.svm.violation).max() ?? .nan) (its ‖â‖² bracket is rigorous regardless)")
        ctx.bound("max over runs of ‖â‖² (upper bracket) / ‖v*‖²", route: .iterativeSolver,
                  value: runs.map { $0.svm.normSquaredUpperBound / $0.vStarNormSquared }.max() ?? .nan, region: .atMost(1),
                  resolution: 1e-9, samples: runs.count)
        ctx.bound("max over runs of ‖â‖² · max_supp ‖z‖² / d ≤ 2 · 80² · 4 = 51,200", route: .iterativeSolver,
                  value: runs.map { $0.svm.normSquaredUpperBound * $0.maxFeatureNormSquared / Double($0.setting.dimension) }
                      .max() ?? .nan, region: .atMost(51_200), resolution: 1e-9, samples: runs.count,
                  note: "exact test errors of sign(z · â): \(runs.map { String(format: "%.3f", $0.svmTestError) }.joined(separator: ", "))")
    }

    static let normalizedMargin = Claim(
        id: "BG-A.1", paper: Papers.brutzkus, location: "App. A",
        statement: """
        "In our case (see the proof of Theorem 5.1), the max margin after normalizing the points to have norm 1, is 1/√d. \
        Thus, under their assumptions, after O(d) iterations we converge to a solution whose margin is a 1/2-multiplicative \
        approximation of the max margin" (Ji & Telgarsky 2019c, Theorem 4.2: margin γ/2 after O(1/γ²) iterations).
        """,
        assumptions: [
            "the max margin of D_z (the features z(x) of the whole support after LW_CNN's first loop, Theorem 5.1's hyper-parameters) with the points scaled to norm ≤ 1: γ = 1/(‖â_D‖ R), â_D the hard-margin SVM on all support classes, R = max ‖z(x)‖",
            "n = d − 1, m = 100, T1 = 10, l = d, o_i = e_i; γ conditioned on events (7) and (14) (runs where they fail are redrawn)",
            "\"is 1/√d\" read as the order of γ in d, tested between d = 4 and d = 8: E[γ](8)/E[γ](4) = √(4/8) = 0.7071; App. E proves only γ ≥ 1/(‖v*‖R) ≥ 1/(160√(2d)), which is all the O(d) iteration count needs (a lower bound on γ)",
            "range: the statement covers every d, the verdict rests on d = 4 … 8 only. At the thorough budget a fixed set of runs at d = 10 and 12 (4 each) extends App. E's lower bound and the figure, without a planned test (at the default seed γ = 0.63–0.66 at d = 4 … 8 and 0.65 at d = 10 and 12: flat, where 1/√d falls by a factor 0.58 from d = 4 to 12). Larger d is out of reach: Theorem 5.1's k > 8d³ channels and D_z's 2^{d−1} support classes give, at d = 16, 32,769 channels × 32,768 classes (8.6 GB of features), and d = 32 or 64 is far beyond; a d = 12 run already costs seconds",
            "the O(d) iteration count itself needs Ji & Telgarsky's step schedule and zero initialization, which the paper does not give: not checked",
        ],
        kind: .rate,
        expectation: .erratum(
            printed: "the normalized max margin of D_z is 1/√d (its order in d, decided between d = 4 and 8)",
            corrected: "the normalized max margin is at least 1/(160√(2d)) (App. E), so O(1/γ²) = O(d) iterations suffice; measured, γ (the whole support's max margin, not the catalog's γ̂ of â on S2) decays more slowly than 1/√d: E[γ](8)/E[γ](4) exceeds √(1/2) by more than the resolution")
    ) { ctx in
        // Decided by a planned ratio of the means at d = 8 and d = 4. (A slope of log E[γ] through fixed runs at
        // d = 4 … 8 was widened for its lack of fit — E[γ] is not a power law in d — by up to ±0.5 and missed its
        // expectation at one seed in 100.)
        let (small, large) = (4, 8)
        let resolution = 0.15
        let printed = try ctx.estimateFunctionOfMeans(
            "E[γ] at d = \(large) over d = \(small) (\"is 1/√d\": √(\(small)/\(large)) = 0.7071)",
            function: .ratioOfMeans, region: .equal((Double(small) / Double(large)).squareRoot()), resolution: resolution,
            alpha: try ctx.reserveAlpha(1, splitOver: 2), label: "margin ratio", pilotSamples: 48, chunkSize: 4,
            note: "each pair: an independent run at each d, redrawn until events (7) and (14) hold"
        ) { rng, count in
            var moments = JointMoments(dimension: 2)
            for _ in 0..<count {
                moments.add([try conditionedMargin(marginSetting(large), rng: &rng), try conditionedMargin(marginSetting(small), rng: &rng)])
            }
            return moments
        }
        // The corrected reading shares the interval (its alpha is counted twice, conservatively).
        let slower = (Double(small) / Double(large)).squareRoot() + ctx.scaled(resolution)
        ctx.record(printed.judged(as: "E[γ] at d = \(large) over d = \(small) (decays more slowly than 1/√d: ≥ √(\(small)/\(large)) + δ)",
                                  subject: .corrected, against: .atLeast(slower)))

        // App. E's lower bound, on every run of a fixed set over d = 4 … 8, and d = 10, 12 at the thorough budget on a
        // stream of their own (which also draws the figure).
        let fixed = try marginRuns(ctx, label: "margin runs", dimensions: [4, 5, 6, 7, 8], seeds: 8)
        let extended = try ctx.budget != .thorough ? [] : marginRuns(ctx, label: "margin runs, d = 10, 12", dimensions: [10, 12], seeds: 4)
        let dimensions = ctx.budget != .thorough ? [4, 5, 6, 7, 8] : [4, 5, 6, 7, 8, 10, 12]
        let runs = (fixed + extended).filter(\.eventsHold)
        let margins = dimensions.map { d in RunningMoments(runs.filter { $0.setting.dimension == d }.map(\.normalizedSupportMargin)) }
        let note = zip(dimensions, margins).map { "d = \($0): γ = \(String(format: "%.4f", $1.mean)) ± \(String(format: "%.4f", $1.standardError)) (\($1.count) runs)" }
            .joined(separator: "; ")
        let bound = 1 / (160 * 2.0.squareRoot())
        ctx.bound("min over runs of γ√d ≥ 1/(160√2) (App. E's lower bound)", subject: .corrected, route: .iterativeSolver,
                  value: runs.map { $0.normalizedSupportMargin * Double($0.setting.dimension).squareRoot() }.min() ?? .nan,
                  region: .atLeast(bound), resolution: 1e-9, samples: runs.count, note: note)
        ctx.bound("min over runs of √d/(‖v*‖ R) ≥ 1/(160√2) (the proof's chain: v* is a margin-1 separator of D_z)",
                  subject: .corrected, route: .enumeration,
                  value: runs.map { Double($0.setting.dimension).squareRoot() / ($0.vStarNormSquared * $0.maxFeatureNormSquared).squareRoot() }
                      .min() ?? .nan, region: .atLeast(bound), resolution: 1e-9, samples: runs.count)
        ctx.attach(Figure(name: "normalized-margin", title: "App. A: D_z's normalized max margin against d",
                          xLabel: "filter dimension d", yLabel: "γ = 1/(‖â_D‖ max ‖z‖)", series: [
                              .init(label: "γ (mean ± SE over runs)", style: .scatter, x: dimensions.map(Double.init),
                                    y: margins.map(\.mean), errors: margins.map(\.standardError)),
                              .init(label: "1/√d (as printed)", style: .line, x: dimensions.map(Double.init),
                                    y: dimensions.map { 1 / Double($0).squareRoot() }),
                          ]))
    }

    /// `seeds` runs of App. A's configuration at each of `dimensions`, on the stream `label`.
    private static func marginRuns(_ ctx: ClaimContext, label: String, dimensions: [Int], seeds: Int) throws -> [RepresentationRun] {
        try BlockMap.map(ctx.engine, count: dimensions.count * seeds, stream: ctx.stream(label)) { index, rng in
            try RepresentationRun.run(marginSetting(dimensions[index / seeds]), rng: &rng)
        }
    }

    /// App. A's configuration at filter dimension d: n = d − 1, m = 100, T1 = 10.
    private static func marginSetting(_ dimension: Int) -> RepresentationSetting {
        RepresentationSetting(dimension: dimension, patternsPerInput: dimension - 1, sampleSize: 100, steps: 10)
    }

    /// D_z's normalized max margin of one run drawn conditionally on events (7) and (14): runs where they fail are
    /// redrawn (at most `attempts` times; the events hold in most runs at these sizes).
    private static func conditionedMargin(_ setting: RepresentationSetting, attempts: Int = 1000,
                                          rng: inout Xoshiro256) throws -> Double {
        guard let margin = try RepresentationRun.conditionedMargin(setting, attempts: attempts, rng: &rng) else {
            throw StatisticsError("BG-A.1: events (7) and (14) failed in \(attempts) runs at \(setting)")
        }
        return margin
    }
}
