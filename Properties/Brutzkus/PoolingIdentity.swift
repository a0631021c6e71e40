import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension BrutzkusClaims {
    static let poolingIdentity = Claim(
        id: "BG-E3", paper: Papers.brutzkus, location: "§3, eq. (3) (after the definition of j_i^(t) and p_i^(t))",
        statement: """
        j_i^(t)(x) = argmax_{1≤j≤n} w_i^(t) · x[j]; if w_i^(t) · x[j_i^(t)(x)] > 0, p_i^(t)(x) = x[j_i^(t)(x)], otherwise \
        p_i^(t)(x) = 0. "Notice that the following equality holds: max_i {σ(w_i^(t) · x[j])} = w_i^(t) · p_i^(t)(x)" (3).
        """,
        assumptions: [
            "σ = ReLU; ties in the argmax go to the smallest j (the paper leaves ties open; they only occur for repeated patterns or on a null set)",
            "as printed, the maximum runs over the channel index i, leaving j free; it is read at the slot the channel selects, j = j_i(x)",
            "W random (k = 50, d = 6, Gaussian rows, some rows negated so that every activation is ≤ 0), inputs from D with repeated spurious patterns and from the noisy variant",
        ],
        kind: .identity,
        expectation: .erratum(printed: "max_i {σ(w_i · x[j])} = w_i · p_i(x)",
                              corrected: "max_j {σ(w_i · x[j])} = w_i · p_i(x) (the maximum over the slots j, eq. (1))")
    ) { ctx in
        var rng = ctx.stream("network and inputs").generator()
        let k = 50, d = 6
        var network = try PatternDetectionNetwork(filters: Matrix.gaussian(rows: k, columns: d, variance: 1, rng: &rng),
                                                  outputWeights: [Double](repeating: 1, count: k))
        // Rows 0..<10 with non-positive entries: every activation on a pattern with non-negative coordinates is ≤ 0.
        for i in 0..<10 { for c in 0..<d { network.filters.storage[i * d + c] = -abs(network.filters.storage[i * d + c]) } }
        let cases: [(String, PatternDistribution)] = [
            ("D (d = l = 6, n = 5, o_i = e_i)", try .standardBasis(dimension: d, patternCount: d, patternsPerInput: 5)),
            ("noisy D (d = l = 6, n = 4, Haar O, ‖v‖ ≤ 1)",
             try .haarRandom(dimension: d, patternCount: d, patternsPerInput: 4, noiseRadius: 1, rng: &rng)),
        ]
        for (label, distribution) in cases {
            let sample = try distribution.sample(count: 40, rng: &rng)
            let n = distribution.patternsPerInput
            let pooled = try network.pooled(sample.inputs).features
            let activations = try network.preActivations(sample.inputs)
            var printedGap = 0.0, definitionGap = 0.0, patternGap = 0.0, scale = 0.0
            for b in 0..<sample.count {
                let p = try network.patternVectors(sample.inputs, input: b)
                for i in 0..<k {
                    // The definition written out: max over the slots of σ(w_i · x[j]), dot products by hand.
                    let direct = (0..<n).map { j in
                        max(0, (0..<d).reduce(0.0) { $0 + network.filters[i, $1] * sample.inputs.rows[b * n + j, $1] })
                    }.max() ?? 0
                    let viaPattern = (0..<d).reduce(0.0) { $0 + network.filters[i, $1] * p[i, $1] }
                    // As printed: the maximum over the channels at the slot j = j_i(x) that channel i selects.
                    let slot = (0..<n).max { activations[b * n + $0, i] < activations[b * n + $1, i] } ?? 0
                    let overChannels = (0..<k).map { max(0, activations[b * n + slot, $0]) }.max() ?? 0
                    printedGap = max(printedGap, abs(overChannels - viaPattern))
                    definitionGap = max(definitionGap, abs(direct - viaPattern))
                    patternGap = max(patternGap, abs(pooled[b, i] - viaPattern))
                    scale = max(scale, abs(direct))
                }
            }
            let rounding = Double(d) * Double.ulpOfOne * scale
            ctx.compare("\(label): max over (x, i) of |max_i σ(w_i·x[j_i]) − w_i·p_i(x)| (printed form)", route: .enumeration,
                        value: printedGap, reference: 0, referenceRoute: .closedForm, resolution: 1e-9,
                        samples: sample.count * k)
            ctx.compare("\(label): max |max_j σ(w_i·x[j]) − w_i·p_i(x)|, definition written out", subject: .corrected,
                        route: .enumeration, value: definitionGap, error: rounding, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-9, samples: sample.count * k)
            ctx.compare("\(label): max |z_i(x) (GEMM + pooling, eq. (1)) − w_i·p_i(x)|", subject: .corrected,
                        route: .enumeration, value: patternGap, error: rounding, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-9, samples: sample.count * k)
        }
    }
}
