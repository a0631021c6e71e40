import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T5-COR: near-isometry of pictures with a small shared boundary.
    static let theorem5Corollary = Claim(
        id: "NACHUM-T5-COR", paper: Papers.nachum, location: "§3.4, the display after Theorem 5",
        statement: """
        Theorem 5 and corollary 1 imply |ρ_out − ρ_in| ≤ ∂_r(A, B)/(‖A‖ ‖B‖) + ε with high probability for a large \
        enough number of filters N. This shows that a set of images consisting of "large patches", meaning that \
        ∂_r(A, B)/(‖A‖ ‖B‖) is small, is embedded almost-isometrically by a random ReLU convolutional layer.
        """,
        assumptions: [
            "deterministic part: |ρ̄_out − ρ_in| ≤ |∂_r|/(‖A‖‖B‖), since ρ̄_out = E⟨·,·⟩/(‖A‖‖B‖) by (9) (cyclic)",
            "probabilistic part checked where the bound is tight: G3 upsampled ×4 (n = 80, r = 1, "
                + "|∂|/(‖A‖‖B‖) = 0.128, |ρ̄_out − ρ_in| = 0.0045), ε = 0.01, N = 16 filters of variance 2/(2r+1)² "
                + "(a pilot in numpy put the 99 % quantile of |ρ_out − ρ_in| near 0.07 at N = 16 and 0.22 at N = 8, "
                + "above the allowance 0.138, so N = 16 is about the least \"large enough\" N); \"high probability\": "
                + "at least 1 − δ, δ = 0.01",
        ],
        kind: .probabilityBound, expectation: .holds
    ) { ctx in
        let pairs = try theorem5Pairs(ctx)
        var slack = Double.infinity
        for pair in pairs {
            let norms = (Double(pair.a.count) * Double(pair.b.count)).squareRoot()
            guard norms > 0 else { continue }
            let gap = abs(pair.expected / norms - pair.dot / norms)
            slack = min(slack, Double(pair.boundary.count) / norms - gap)
        }
        ctx.bound("min over \(pairs.count) pairs of |∂_r|/(‖A‖‖B‖) − |ρ̄_out − ρ_in|", route: .closedForm, value: slack,
                  error: 1e-12, region: .atLeast(0), resolution: 1e-10, samples: pairs.count)

        let (g3a, g3b) = try NachumInputs.g3()
        let a = try g3a.upsampled(by: 4), b = try g3b.upsampled(by: 4)
        let pair = try Theorem5Pair(a, b, radius: 1)
        let norms = (Double(a.count) * Double(b.count)).squareRoot()
        let allowed = Double(pair.boundary.count) / norms + 0.01
        let rhoIn = pair.dot / norms
        let patches = try PatchedImagePair(a.image, b.image, filterSize: 3)
        try ctx.estimateProportion(
            "G3 upsampled ×4, r = 1, N = 16: P(|ρ_out − ρ_in| ≤ |∂|/(‖A‖‖B‖) + 0.01 = \(allowed))",
            region: .atLeast(0.99), resolution: 0.02, alpha: try ctx.reserveAlpha(1), pilotTrials: 200, chunkSize: 16,
            note: "ρ_in = \(pair.dot / norms), ρ̄_out − ρ_in = \((pair.expected - pair.dot) / norms)"
        ) { rng, count in
            var hits = 0
            for _ in 0..<count {
                let rhoOut = try FilterMonteCarlo.outputCosine(patches, activation: .relu, nu: Theorem5Pair.nu(1),
                                                               filters: 16, rng: &rng)
                if let rhoOut, abs(rhoOut - rhoIn) <= allowed { hits += 1 }
            }
            return hits
        }
    }

    /// NACHUM-T5-RES: raising the resolution makes every pair of pictures nearly isometric.
    static let theorem5Resolution = Claim(
        id: "NACHUM-T5-RES", paper: Papers.nachum, location: "§3.4, last paragraph",
        statement: """
        Moreover, any set of images may be embedded almost-isometrically this way. To see how, fix r while increasing \
        artificially (digitally) the resolution of the images. The latter would yield ∂_r(A, B)/(‖A‖ ‖B‖) → 0 as the \
        resolution tends to infinity.
        """,
        assumptions: [
            "raising the resolution by s: every pixel becomes an s × s block (nearest-neighbour upsampling)",
            "checked on two random 8 × 8 Bernoulli(1/2) pictures and on G3, r = 1",
            "derived (not printed): for s ≥ 2 the boundary grows linearly in s while ‖A‖‖B‖ grows like s², so the "
                + "ratio and |ρ̄_out − ρ_in| decay like 1/s",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("pictures").generator()
        let a0 = try BinaryImage(size: 8, pixels: (0..<64).map { _ in rng.nextUniform() < 0.5 })
        let b0 = try BinaryImage(size: 8, pixels: (0..<64).map { _ in rng.nextUniform() < 0.5 })
        let (g3a, g3b) = try NachumInputs.g3()
        let factors = ctx.scope(quick: [2, 3, 4, 8, 16], full: [2, 3, 4, 8, 16, 32])
        for (label, base) in [("Bernoulli 8×8", (a0, b0)), ("G3", (g3a, g3b))] {
            var counts: [Int] = [], ratios: [Double] = [], gaps: [Double] = [], rhoIns: [Double] = []
            for s in factors {
                let pair = try Theorem5Pair(try base.0.upsampled(by: s), try base.1.upsampled(by: s), radius: 1)
                let norms = (Double(pair.a.count) * Double(pair.b.count)).squareRoot()
                counts.append(pair.boundary.count)
                ratios.append(Double(pair.boundary.count) / norms)
                gaps.append(abs(pair.expected - pair.dot) / norms)
                rhoIns.append(pair.dot / norms)
            }
            ctx.compare("\(label): max change of ρ_in under upsampling (ρ_in is invariant)", route: .enumeration,
                        value: (rhoIns.max() ?? 0) - (rhoIns.min() ?? 0), error: 1e-15, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-12)
            // For s ≥ 2 the numerators |∂_1| and |E⟨F(A),F(B)⟩ − ⟨A,B⟩| are affine in s, c₁ s + c₀ (their second
            // differences over s = 2, 3, 4 and 4, 8, 16 vanish), while ‖A‖‖B‖ = s² ‖A₁‖‖B₁‖: with c₁ > 0 each ratio is
            // exactly (c₁ + c₀/s)/(s ‖A₁‖‖B₁‖), a 1/s decay. (Local slopes between s = 4, 8, 16 are −1 − c₀/(c₁ s + c₀):
            // a band around −1 there depends on the random picture's c₀/c₁, and failed for one picture in 100.)
            let normsAt1 = (Double(base.0.count) * Double(base.1.count)).squareRoot()
            let numerators = [("|∂_1|", counts.map(Double.init), 0.0), ("|ρ̄_out − ρ_in| ‖A‖‖B‖", zip(gaps, factors).map { gap, s in
                gap * normsAt1 * Double(s * s)
            }, 1e-9)]
            for (name, values, error) in numerators {
                let affine = abs(values[0] - 2 * values[1] + values[2]) + abs(values[4] - 3 * values[3] + 2 * values[2])
                ctx.compare("\(label): second differences of \(name) over s = 2, 3, 4 and 4, 8, 16 (affine in s)",
                            route: .enumeration, value: affine, error: error, reference: 0, referenceRoute: .closedForm,
                            resolution: error == 0 ? 0.5 : 1e-6,
                            note: "\(name) = \(values.map { String(format: "%.6g", $0) }.joined(separator: ", ")) at s = \(factors.map(String.init).joined(separator: ", "))")
                let slope = (values[4] - values[3]) / Double(factors[4] - factors[3])
                ctx.bound("\(label): c₁ of \(name) = c₁ s + c₀ (> 0: the ratio to ‖A‖‖B‖ decays like 1/s)", route: .enumeration,
                          value: slope, error: error, region: .atLeast(0), resolution: 0,
                          note: "c₀ = \(String(format: "%.6g", values[3] - slope * Double(factors[3])))")
            }
            ctx.attach(Figure(
                name: label == "G3" ? "resolution-g3" : "resolution-bernoulli",
                title: "\(label) upsampled by s (r = 1): shared boundary and near-isometry",
                xLabel: "log s", yLabel: "log value", series: [
                    .init(label: "|∂_1|/(‖A‖‖B‖)", style: .scatter, x: factors.map { log(Double($0)) }, y: ratios.map { log($0) }),
                    .init(label: "|ρ̄_out − ρ_in|", style: .scatter, x: factors.map { log(Double($0)) }, y: gaps.map { log($0) }),
                    .init(label: "slope −1", style: .line, x: factors.map { log(Double($0)) },
                          y: factors.map { log(ratios[0]) - log(Double($0) / Double(factors[0])) }),
                ]))
        }
    }
}
