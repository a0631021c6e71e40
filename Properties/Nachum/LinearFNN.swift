import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-INTRO-LINFNN: a random linear layer of variance 1/N preserves inner products and norms in expectation.
    static let linearFNN = Claim(
        id: "NACHUM-INTRO-LINFNN", paper: Papers.nachum, location: "§1, eq. (1) and the text around it",
        statement: """
        Consider one layer of a fully connected neural network with an identity activation (linear FNN) that is \
        initialized by i.i.d. Gaussian weights with mean zero and variance 1/N, where N is the number of neurons in that \
        layer. This random linear FNN induces an isometric embedding of the dataset, namely, the similarity ρ_in between \
        any two inputs is preserved together with their norm: ρ_out ≈ ρ̄_out = ρ_in, with ρ̄_out of (1).
        """,
        assumptions: [
            "exact part: E[WᵀW] = I, so E⟨Wx, Wy⟩ = ⟨x, y⟩, E‖Wx‖² = ‖x‖² and ρ̄_out = ρ_in; checked by Monte Carlo "
                + "through the full matrix product (D = 50, N = 20, ‖x‖ = 1.3, ‖y‖ = 0.7, ρ_in = 0.4)",
            "ρ_out ≈ ρ̄_out is the Johnson–Lindenstrauss statement, NACHUM-INTRO-JL",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let d = 50, width = 20
        var rng = ctx.stream("inputs").generator()
        let sampler = NormalSampler()
        let e1 = (0..<d).map { _ in sampler.next(using: &rng) }
        var e2 = (0..<d).map { _ in sampler.next(using: &rng) }
        let projection = Vector.dot(e1, e2) / Vector.dot(e1, e1)
        e2 = zip(e2, e1).map { $0 - projection * $1 }
        let (u, w) = (e1.map { $0 / Vector.norm(e1) }, e2.map { $0 / Vector.norm(e2) })
        let x = u.map { 1.3 * $0 }, y = zip(u, w).map { 0.7 * (0.4 * $0 + 0.84.squareRoot() * $1) }
        var storage = [Double](repeating: 0, count: 2 * d)
        for i in 0..<d { storage[2 * i] = x[i]; storage[2 * i + 1] = y[i] }
        let batch = try Matrix(rows: d, columns: 2, storage: storage)
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        let gram: @Sendable (inout Xoshiro256) throws -> [Double] = { rng in
            let out = try FullyConnectedLayer.gaussian(inputs: d, outputs: width, variance: 1 / Double(width),
                                                       activation: .identity, rng: &rng)(batch)
            let (a, b) = (out.column(0), out.column(1))
            return [Vector.dot(a, b), Vector.dot(a, a), Vector.dot(b, b)]
        }
        let targets = [Vector.dot(x, y), Vector.dot(x, x), Vector.dot(y, y)]
        for (index, name) in ["E⟨Wx, Wy⟩ vs ⟨x, y⟩", "E‖Wx‖² vs ‖x‖²", "E‖Wy‖² vs ‖y‖²"].enumerated() {
            try ctx.estimateMean("\(name) (Monte Carlo through the layer)", region: .equal(targets[index]),
                                 resolution: 1e-2 * targets[1], alpha: alpha, pilotSamples: 2000, chunkSize: 1024) { rng, count in
                try RunningMoments.of(count: count) { try gram(&rng)[index] }
            }
        }
        try ctx.estimateFunctionOfMeans("ρ̄_out (eq. (1)) vs ρ_in = 0.4", function: .cosineOfMeans, region: .equal(0.4),
                                        resolution: 1e-2, alpha: alpha, pilotSamples: 2000, chunkSize: 1024) { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count { moments.add(try gram(&rng)) }
            return moments
        }
    }

    /// NACHUM-INTRO-JL: the Johnson–Lindenstrauss concentration of ρ_out for a random linear layer.
    static let johnsonLindenstrauss = Claim(
        id: "NACHUM-INTRO-JL", paper: Papers.nachum, location: "§1, the display after eq. (1)",
        statement: """
        A random linear map of dimension N preserves the distance between any two points up to an ε > 0 \
        contraction/expansion with probability at least 1 − δ for all N > c log(1/δ)/ε² for an absolute constant c. In \
        the context of randomly initialized linear FNNs, P(|ρ_out − ρ_in| < ε) ≥ 1 − δ for N > c log(1/δ)/ε².
        """,
        assumptions: [
            "c is not specified; checked: the exact law at ρ_in = 0 — Wx, Wy are independent N(0, ‖·‖²/N I_N), so "
                + "(ρ_out + 1)/2 ~ Beta((N−1)/2, (N−1)/2) — against Monte Carlo; the statement with c = 2 on a grid "
                + "of (ε, δ) by the exact law; and c = 2 at ρ_in ∈ {0.5, 0.9} by Monte Carlo",
            "ρ_out sampled exactly in distribution from N i.i.d. bivariate normal rows (rotation invariance)",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let epsilon = 0.1
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        for width in [10, 50, 200] {
            let exact = try ExactTails.linearLayerCosine(width: width, epsilon: epsilon)
            try ctx.estimateProportion("ρ_in = 0, N = \(width): P(|ρ_out| ≥ 0.1) by Monte Carlo vs the Beta law \(exact)",
                                       region: .equal(exact), resolution: 1e-2, alpha: alpha, pilotTrials: 2000,
                                       chunkSize: 4096, trials: failures(rho: 0, width: width, epsilon: epsilon))
        }
        // c = 2 on a grid: at N = ⌊2 ln(1/δ)/ε²⌋ + 1 the exact failure probability is at most δ.
        var worst = 0.0, points = 0
        var curve: [(Double, Double)] = []
        for e in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] {
            for k in 1...12 {
                let delta = pow(10, -Double(k))
                let width = Int(2 * log(1 / delta) / (e * e)) + 1
                let failure = try ExactTails.linearLayerCosine(width: width, epsilon: e)
                worst = max(worst, failure / delta)
                points += 1
                if e == 0.1 { curve.append((log10(delta), log10(max(failure, 1e-300)))) }
            }
        }
        ctx.bound("max over ε ∈ [0.02, 0.9], δ ∈ [1e-12, 0.1] of P(|ρ_out| ≥ ε)/δ at N = ⌊2 ln(1/δ)/ε²⌋ + 1 (exact Beta law)",
                  route: .closedForm, value: worst, error: 1e-10, region: .atMost(1), resolution: 1e-6, samples: points)
        for rho in [0.5, 0.9] {
            let delta = 0.01
            let width = Int(2 * log(1 / delta) / (epsilon * epsilon)) + 1
            try ctx.estimateProportion("ρ_in = \(rho), ε = 0.1, δ = 0.01, N = \(width) (c = 2): P(|ρ_out − ρ_in| ≥ ε)",
                                       region: .atMost(delta), resolution: 5e-3, alpha: alpha, pilotTrials: 1000,
                                       chunkSize: 1024, trials: failures(rho: rho, width: width, epsilon: epsilon))
        }
        ctx.attach(Figure(name: "jl-failure", title: "Linear FNN, ρ_in = 0, ε = 0.1: exact failure probability at N(c = 2)",
                          xLabel: "log10 δ", yLabel: "log10 P(|ρ_out| ≥ ε)", series: [
                              .init(label: "exact (Beta law)", style: .scatter, x: curve.map(\.0), y: curve.map(\.1)),
                              .init(label: "P = δ", style: .line, x: [-12, -1], y: [-12, -1]),
                          ]))
    }

    /// Trials counting |ρ_out − ρ_in| ≥ ε for a linear layer of width N on inputs of cosine ρ.
    private static func failures(rho: Double, width: Int, epsilon: Double) -> @Sendable (inout Xoshiro256, Int) throws -> Int {
        let sampler = NormalSampler()
        return { rng, count in
            var hits = 0
            for _ in 0..<count {
                let cosine = try FullyConnectedLayer.sampledOutputCosine(activation: .identity, inputCosine: rho,
                                                                         width: width, rng: &rng, sampler: sampler) ?? rho
                if abs(cosine - rho) >= epsilon { hits += 1 }
            }
            return hits
        }
    }
}
