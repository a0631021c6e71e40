import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let secondLayerConvergence = Claim(
        id: "BG-E.4", paper: Papers.brutzkus, location: "App. E, eqs. (24)–(25) (Soudry et al. 2018, Theorem 3)",
        statement: """
        "by this theorem we are guaranteed that: lim_{t→∞} a^(t)/‖a^(t)‖ = â/‖â‖ (24) where â = argmin_{v ∈ R^k} ‖v‖² s.t. \
        ∀i y_i v · z(x_i) ≥ 1 (25). Specifically, gradient descent converges to zero training loss, i.e., \
        lim_{T2→∞} L2((W_{T1}, a_{T2})) = 0."
        """,
        assumptions: [
            "LW_CNN with Theorem 5.1's hyper-parameters, d = 4, n = 3, m = 40, T1 = 10; η2 = 0.99 · 8k (the edge of η2 < 8k) and 4k",
            "the limits are checked through what Soudry et al.'s theorem makes finite: L2 decreases at every step (η2 below 2/smoothness), the training error reaches 0, L2(t) ~ 1/t (the log-log slope over the last decade), the normalized margin never exceeds the max margin, and a(t) = â log t + ρ(t) with ρ bounded, so the increment of a(t) per unit of log t approaches â decade after decade; cos(a(t), â) itself need not increase monotonically (it dips in some runs) and is only reported",
            "T2 = 10⁵ steps at the quick budget, 10⁶ otherwise; â from the hard-margin SVM on z(S2)",
            "the run is the one stated: its first step a(1) − a(0) must equal −η2 ∂L2/∂a(a(0)) with η2 = fraction · 8k (k = 8d³ + 1 channels) and the gradient of eq. (2) taken directly in R^k, while the trainer steps through the Gram matrix of z(S2)",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        let setting = RepresentationSetting(dimension: 4, patternsPerInput: 3, sampleSize: 40, steps: 10)
        let steps = ctx.scope(quick: 100_000, full: 1_000_000)
        var series: [Figure.Series] = []
        for fraction in [0.99, 0.5] {
            var rng = ctx.stream("run").generator()
            let run = try SecondLayerTrajectory.run(setting: setting, fraction: fraction, secondLayerSteps: steps, rng: &rng)
            let label = "\(setting), η2 = \(fraction) · 8k"
            let points = run.checkpoints
            ctx.bound("\(label): max over t < \(steps) of (L2(t+1) − L2(t))/L2(t) ≤ 0", route: .enumeration,
                      value: run.largestRelativeIncrease, error: 1e-14, region: .atMost(0), samples: steps,
                      note: points.map { "t = \($0.step): L2 = \(String(format: "%.4g", $0.loss)), cos = \(String(format: "%.4f", $0.cosine)), margin ratio = \(String(format: "%.4f", $0.marginRatio))" }.joined(separator: "; "))
            guard let last = points.last, points.count >= 3 else { throw StatisticsError("too few checkpoints") }
            let before = points[points.count - 2]
            // Algorithm 1's first step a^(1) = a^(0) − η2 ∂L2/∂a(a^(0)) with Theorem 5.1's η2 = fraction · 8k: the trainer's
            // iterate (through the Gram matrix of z(S2)) against the gradient of eq. (2) taken directly in R^k.
            guard let start = points.first?.weights, let step1 = points.first(where: { $0.step == 1 })?.weights else {
                throw StatisticsError("no checkpoint at t = 1")
            }
            let gradient = run.initialGradient
            let eta2 = fraction * 8 * Double(start.count)
            let taken = zip(step1, start).map { $0 - $1 }
            ctx.compare("\(label): ‖a(1) − a(0) + η2 ∂L2/∂a(a(0))‖/‖η2 ∂L2/∂a(a(0))‖ = 0, η2 = \(fraction) · 8k (Algorithm 1, Theorem 5.1)",
                        route: .enumeration, value: Vector.norm(zip(taken, gradient).map { $0 + eta2 * $1 }) / (eta2 * Vector.norm(gradient)),
                        error: Double(setting.sampleSize) * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm, resolution: 1e-9,
                        note: "step taken −Δa · ∇/‖∇‖² = \(-Vector.dot(taken, gradient) / Vector.dot(gradient, gradient) / (8 * Double(start.count))) · 8k")
            ctx.bound("\(label): training errors on S2 at t = \(last.step)", route: .enumeration,
                      value: Double(last.trainingErrors), region: .atMost(0), samples: last.weights.count)
            let slope = log(last.loss / before.loss) / log(Double(last.step) / Double(before.step))
            ctx.bound("\(label): slope of log L2 against log t over t = \(before.step)…\(last.step) (L2 ~ 1/t)",
                      route: .enumeration, value: slope, region: .between(-1.1, -0.9), samples: 2,
                      note: "claimed interval: the 1/t law up to its O(1/log t) corrections")
            // a(t) = â log t + ρ(t), ρ bounded: the increment of a per unit of log t over a decade tends to â.
            let aHatNorm = Vector.norm(run.maxMargin)
            let decades = points.filter { $0.step >= 100 }
            let deviations = zip(decades.dropFirst(), decades).map { later, earlier in
                Vector.norm(zip(zip(later.weights, earlier.weights), run.maxMargin).map { pair, target in
                    (pair.0 - pair.1) / log(Double(later.step) / Double(earlier.step)) - target
                }) / aHatNorm
            }
            ctx.bound("\(label): max change of ‖Δa/Δlog t − â‖/‖â‖ between successive decades from t = 100 (≤ 0: a(t)/log t → â)",
                      route: .enumeration, value: zip(deviations.dropFirst(), deviations).map { $0 - $1 }.max() ?? .nan,
                      region: .atMost(0), samples: deviations.count,
                      note: "deviations per decade: \(deviations.map { String(format: "%.4f", $0) }.joined(separator: ", "))")
            let logged = points.filter { $0.step >= 1 }
            series.append(.init(label: "log10 L2, η2 = \(fraction) · 8k", style: .line, x: logged.map { log10(Double($0.step)) },
                                y: logged.map { log10($0.loss) }))
            series.append(.init(label: "log10(1 − cos(a, â)), η2 = \(fraction) · 8k", style: .line,
                                x: logged.map { log10(Double($0.step)) }, y: logged.map { log10(1 - $0.cosine) }))
            ctx.bound("\(label): max over decades of the normalized margin of a(t) / max margin (≤ 1)", route: .enumeration,
                      value: points.map(\.marginRatio).max() ?? .nan, error: 1e-12, region: .atMost(1),
                      samples: points.count)
        }
        ctx.attach(Figure(name: "second-layer", title: "LW_CNN layer 2: L2 → 0 like 1/t, a(t)/‖a(t)‖ → â/‖â‖ (d = 4, m = 40)",
                          xLabel: "log10 t", yLabel: "log10 of the quantity", series: series))
    }
}
