import ClaimKit
import Foundation
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-R2: the bounds of Theorem 3 are attained.
    static let remark2 = Claim(
        id: "NACHUM-R2", paper: Papers.nachum, location: "§3.2, Remark 2",
        statement: """
        All bounds in theorem 3 are tight. For simplicity, we present examples where the unit vectors x, y are \
        1-dimensional and r = 1. Similar examples can be drawn for input in high dimension and r > 1. The upper bound \
        is realized for x = (√((1+ρ)/2), √((1−ρ)/2)), y = (√((1+ρ)/2), −√((1−ρ)/2)). Similarly, x = (√(1−ρ), √ρ, 0), \
        y = (0, −√ρ, √(1−ρ)) satisfy ⟨x, y⟩ = −ρ and E[σ(F * x)σ(F * y)] = 0 for r = 1 and 0 ≤ ρ ≤ 1. Finally, we can \
        take x = (√(1−ρ), √ρ, 0) and y = (0, √ρ, √(1−ρ)) to obtain ⟨x, y⟩ = E[σ(F * x)σ(F * y)] = ρ.
        """,
        assumptions: [
            "\"1-dimensional\" read as single-channel (d = 1): the entries are pixels, here of a 2 × 2 picture padded "
                + "with zeros; filter variance 2/r² = 2 as in Theorem 3",
            "read as channels of one pixel (n = 1, d = 2 or 3) the examples fail: then E = ‖x‖‖y‖R̂(ρ) (see the notes)",
            "the r > 1 example is constructed here: n = 12, r = 3, two spikes farther apart than r",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let alpha = try ctx.reserveAlpha(1, splitOver: 4)
        for rho in [0.0, 0.3, 0.7, 1.0] {
            for example in try BoundsFamily.remark2(rho) {
                let e = try CNNDualFormula.expectedInnerProduct(.relu, example.x, example.y, filterSize: 1,
                                                                nu: 2.0.squareRoot())
                let channels = try channelReading(example.x, example.y)
                ctx.compare("ρ = \(rho), \(example.label): E⟨R(F*x),R(F*y)⟩ by (8) vs \(example.expected)",
                            route: .closedForm, value: e, error: 1e-15, reference: example.expected,
                            referenceRoute: .closedForm, resolution: 1e-13,
                            note: "entries read as channels of one pixel instead: E = \(channels)")
                if rho == 0.3 {
                    try ctx.estimateMean("ρ = 0.3, \(example.label): Monte Carlo over filters", region: .equal(example.expected),
                                         resolution: 1e-2, alpha: alpha, pilotSamples: 400, chunkSize: 256,
                                         sample: FilterMonteCarlo.innerProduct(example.x, example.y, activation: .relu,
                                                                               filterSize: 1, nu: 2.0.squareRoot()))
                }
            }
        }
        // r > 1: spikes at (1, 1) and (7, 7) of a 12 × 12 picture, no patch of side 3 holds both.
        let rho = 0.3
        let a = ((1 + rho) / 2).squareRoot(), b = ((1 - rho) / 2).squareRoot()
        var x = try Image(size: 12, channels: 1, pixels: [Double](repeating: 0, count: 144)), y = x
        x.pixels[1 * 12 + 1] = a; x.pixels[7 * 12 + 7] = b
        y.pixels[1 * 12 + 1] = a; y.pixels[7 * 12 + 7] = -b
        let e = try CNNDualFormula.expectedInnerProduct(.relu, x, y, filterSize: 3, nu: NachumInputs.reluNu(filterSize: 3))
        ctx.compare("r = 3, n = 12, distant spikes: E⟨R(F*x),R(F*y)⟩ = (1+ρ)/2 at ρ = 0.3", route: .closedForm, value: e,
                    error: 1e-15, reference: (1 + rho) / 2, referenceRoute: .closedForm, resolution: 1e-13)
        try ctx.estimateMean("r = 3 spikes: Monte Carlo over filters", region: .equal((1 + rho) / 2), resolution: 1e-2,
                             alpha: alpha, pilotSamples: 400, chunkSize: 256,
                             sample: FilterMonteCarlo.innerProduct(x, y, activation: .relu, filterSize: 3,
                                                                   nu: NachumInputs.reluNu(filterSize: 3)))
    }

    /// E for the entries of x, y read as the channels of a single pixel (n = 1, r = 1, ν² = 2).
    private static func channelReading(_ x: Image, _ y: Image) throws -> Double {
        let cx = try Image(size: 1, channels: x.pixels.count, pixels: x.pixels)
        let cy = try Image(size: 1, channels: y.pixels.count, pixels: y.pixels)
        return try CNNDualFormula.expectedInnerProduct(.relu, cx, cy, filterSize: 1, nu: 2.0.squareRoot())
    }

    /// NACHUM-R3: when the lower bound ⟨x, y⟩ of Theorem 3 is attained.
    static let remark3 = Claim(
        id: "NACHUM-R3", paper: Papers.nachum, location: "§3.2, Remark 3",
        statement: """
        Although the lower bound is tight, in most typical scenarios it will be strict, so, in expectation, the \
        convolutional layers will contract the dataset after application of enough layers. To see why, observe (22c); \
        equality is achieved iff ρ_ij = 1 ∨ [x]^r_ij = 0 ∨ [y]^r_ij = 0. For real data sets this will never hold over \
        all (i, j). This can be observed in figures 1b, 1c, and 1d where the linear fit has a slope 0.97.
        """,
        assumptions: [
            "equality means E⟨R(F*x), R(F*y)⟩ = ⟨x, y⟩ (ν² = 2/r²), and the condition must hold at every (i, j)",
            "the step that decides equality is (24b), a ≤ R̂(a) with equality iff a = 1, not (22c) (a step of the "
                + "proof of Theorem 2): a wrong cross-reference",
            "the slope 0.97 of Fig. 1b–d needs the datasets (see NACHUM-FIG1); not checked here",
            "checked by enumeration: integer images (entries in {−1, 0, 1, 2}), where the condition ρ_ij = 1 is decided "
                + "exactly (⟨a,b⟩ > 0 and ⟨a,b⟩² = ‖a‖²‖b‖² in integers)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("integer images").generator()
        let trials = ctx.scope(quick: 3000, full: 20_000)
        var mismatches = 0, equalities = 0, smallestStrictGap = Double.infinity
        for trial in 0..<trials {
            let n = 4, r = trial % 2 == 0 ? 2 : 3
            // Sparse integer pictures; every third pair makes y a positive multiple of x on part of the image.
            let x = try Image(size: n, channels: 1, pixels: (0..<(n * n)).map { _ in
                rng.nextUniform() < 0.6 ? 0 : Double(Int.random(in: -1...2, using: &rng)) })
            let y = try Image(size: n, channels: 1, pixels: x.pixels.map { v in
                trial % 3 == 0 ? 2 * v : (rng.nextUniform() < 0.6 ? 0 : Double(Int.random(in: -1...2, using: &rng))) })
            let e = try CNNDualFormula.expectedInnerProduct(.relu, x, y, filterSize: r, nu: NachumInputs.reluNu(filterSize: r))
            let gap = e - (try x.dot(y))
            let numericallyEqual = abs(gap) <= 1e-12 * max(1, abs(e))
            if try conditionHolds(x, y, filterSize: r) != numericallyEqual { mismatches += 1 }
            if numericallyEqual { equalities += 1 } else { smallestStrictGap = min(smallestStrictGap, gap) }
        }
        ctx.compare("pairs where E = ⟨x,y⟩ disagrees with the condition of Remark 3",
                    route: .enumeration, value: Double(mismatches), reference: 0, referenceRoute: .enumeration,
                    resolution: 0.5, samples: trials, note: "\(equalities) of \(trials) pairs with equality")
        ctx.bound("smallest E − ⟨x,y⟩ among the pairs without equality (strict inequality, resolved above rounding)",
                  route: .enumeration, value: smallestStrictGap, region: .atLeast(1e-9), samples: trials - equalities)
        // "Typical" inputs: Gaussian pairs never attain the lower bound.
        var smallest = Double.infinity
        for _ in 0..<200 {
            let x = try Image.gaussian(size: 8, channels: 3, rng: &rng), y = try Image.gaussian(size: 8, channels: 3, rng: &rng)
            let e = try CNNDualFormula.expectedInnerProduct(.relu, x, y, filterSize: 3, nu: NachumInputs.reluNu(filterSize: 3))
            smallest = min(smallest, (e - (try x.dot(y))) / (x.norm * y.norm))
        }
        ctx.bound("min over 200 Gaussian pairs (8×8×3, r = 3) of (E − ⟨x,y⟩)/(‖x‖‖y‖)", route: .closedForm,
                  value: smallest, error: 1e-13, region: .atLeast(Double.leastNonzeroMagnitude), samples: 200)
    }

    /// Remark 3's condition in exact integer arithmetic: at every position ρ_ij = 1 or a patch is zero.
    static func conditionHolds(_ x: Image, _ y: Image, filterSize r: Int) throws -> Bool {
        let patches = try PatchOperator(size: r)
        for i in 0..<x.size {
            for j in 0..<x.size {
                let a = try patches.patch(of: x, row: i, column: j).map { Int($0) }
                let b = try patches.patch(of: y, row: i, column: j).map { Int($0) }
                let ab = zip(a, b).map(*).reduce(0, +), aa = a.map { $0 * $0 }.reduce(0, +), bb = b.map { $0 * $0 }.reduce(0, +)
                if aa == 0 || bb == 0 { continue }
                if !(ab > 0 && ab * ab == aa * bb) { return false }
            }
        }
        return true
    }
}
