import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-T1-EQ7: the expected output inner product of one random filter is a sum of dual activations.
    static let theorem1General = Claim(
        id: "NACHUM-T1-EQ7", paper: Papers.nachum, location: "§3, Theorem 1, eq. (7); proof App. A, (18a)–(18b)",
        statement: """
        Let x, y ∈ R^{n×n×d} be inputs to a convolution filter F ∈ R^{r×r×d} with r ≤ n and activation function σ \
        such that the entries of F are i.i.d. Gaussian with variance ν². Then \
        E[⟨σ(F * x), σ(F * y)⟩] = Σ_{i,j ∈ Z_n} σ̂([x]^r_ij, [y]^r_ij, ν).
        """,
        assumptions: [
            "cyclic convolution (4); zero-mean filter entries; ν is the standard deviation",
            "σ measurable with E σ(νX)² < ∞ (checked: tanh and erf, which are not homogeneous)",
            "quick budget: a random 4 × 4 × 2 input pair; standard and thorough: the catalog's input G1 (n = 8, d = 1)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let (x, y) = try theorem1Input(ctx)
        let r = 3, nu = 0.7
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for sigma in [Activation.tanh, .erf(scale: 1)] {
            let sum = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, x, y, filterSize: r, nu: nu)
            if case let .erf(beta) = sigma {
                let patches = try PatchOperator(size: r)
                var closed = 0.0
                for i in 0..<x.size {
                    for j in 0..<x.size {
                        closed += try DualActivation.erfClosedForm(
                            scale: beta, x: patches.patch(of: x, row: i, column: j),
                            y: patches.patch(of: y, row: i, column: j), nu: nu)
                    }
                }
                ctx.compare("Σ σ̂([x]_ij,[y]_ij,ν) for erf: nested QUADPACK vs Williams' closed form", route: .quadrature,
                            value: sum.value, error: sum.absoluteError, reference: closed, referenceRoute: .closedForm,
                            resolution: 1e-9 * max(1, abs(closed)))
            }
            try ctx.estimateMean(
                "E⟨σ(F*x),σ(F*y)⟩ for \(sigma), ν = \(nu): Monte Carlo over filters vs Σ σ̂ by QUADPACK",
                region: .equal(sum.value), resolution: 2e-2 * max(1, abs(sum.value)), alpha: alpha,
                pilotSamples: 400, chunkSize: 256,
                sample: FilterMonteCarlo.innerProduct(x, y, activation: sigma, filterSize: r, nu: nu))
        }

        // (18a): for every filter, the sum over output positions is the sum over patches, with flip(F).
        var rng = ctx.stream("(18a) filters").generator()
        for trial in 0..<3 {
            let layer = try CyclicConvolution.gaussian(count: 1, filterSize: r, channels: x.channels, variance: nu * nu,
                                                       rng: &rng)
            let byConvolution = try layer.activatedInnerProducts([(x, y)], activation: .tanh)[0].xy
            let flipped = try PatchOperator.flipped(Array(layer.filters.storage), size: r, channels: x.channels)
            let patches = try PatchOperator(size: r)
            var terms: [Double] = []
            for i in 0..<x.size {
                for j in 0..<x.size {
                    terms.append(tanh(Vector.dot(flipped, try patches.patch(of: x, row: i, column: j)))
                                 * tanh(Vector.dot(flipped, try patches.patch(of: y, row: i, column: j))))
                }
            }
            let byPatches = terms.reduce(0, +)
            ctx.compare("(18a), filter \(trial + 1): Σ_uv σ((F*x)_uv)σ((F*y)_uv) = Σ_ij σ(⟨flip F,[x]_ij⟩)σ(⟨flip F,[y]_ij⟩)",
                        route: .enumeration, value: byConvolution, error: NachumInputs.roundingError(terms),
                        reference: byPatches, referenceRoute: .enumeration,
                        resolution: 1e-9 * max(1, terms.reduce(0) { $0 + abs($1) }))
        }
    }

    /// NACHUM-T1-EQ8: the homogeneous form of Theorem 1.
    static let theorem1Homogeneous = Claim(
        id: "NACHUM-T1-EQ8", paper: Papers.nachum, location: "§3, Theorem 1, eq. (8); proof App. A, (19a)–(19d)",
        statement: """
        In particular, for a homogeneous activation function, E[⟨σ(F * x), σ(F * y)⟩] = \
        ν² ν_σ² Σ_{i,j ∈ Z_n} ‖[x]^r_ij‖ ‖[y]^r_ij‖ σ̂(ρ_ij), where ρ_ij = ⟨[x]^r_ij, [y]^r_ij⟩/(‖[x]^r_ij‖ ‖[y]^r_ij‖).
        """,
        assumptions: [
            "homogeneous: σ(cx) = cσ(x) for c ≥ 0 (checked: ReLU, |x|, leaky ReLU with slope 0.1, identity)",
            "a position where a patch is zero contributes 0 (ρ_ij is undefined there)",
            "cyclic convolution; filter entries i.i.d. N(0, ν²)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        let activations: [Activation] = [.relu, .absolute, .leakyReLU(slope: 0.1), .identity]
        // (8) against (7) evaluated by nested QUADPACK at every patch (the step (19b)–(19d)).
        var rng = ctx.stream("inputs").generator()
        let small = ctx.budget == .quick
            ? (try Image.gaussian(size: 3, channels: 2, rng: &rng), try Image.gaussian(size: 3, channels: 2, rng: &rng))
            : try NachumInputs.g2()
        let smallFilter = 2
        for sigma in activations {
            let closed = try CNNDualFormula.expectedInnerProduct(sigma, small.0, small.1, filterSize: smallFilter, nu: 0.7)
            let integral = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, small.0, small.1,
                                                                               filterSize: smallFilter, nu: 0.7)
            ctx.compare("\(sigma), \(small.0.size)×\(small.0.size)×\(small.0.channels), r = 2: (8) vs Σ σ̂ of (5) by QUADPACK",
                        route: .closedForm, value: closed, reference: integral.value, referenceRoute: .quadrature,
                        referenceError: integral.absoluteError, resolution: 1e-9 * max(1, abs(closed)))
        }
        // (8) against Monte Carlo over filters: G1 (d = 1, r = 3) and G2 (d = 3, r = 2).
        let alpha = try ctx.reserveAlpha(1, splitOver: 2 * activations.count)
        for (label, (x, y), r) in [("G1", try NachumInputs.g1(), 3), ("G2", try NachumInputs.g2(), 2)] {
            for sigma in activations {
                let nu = sigma == .relu ? NachumInputs.reluNu(filterSize: r) : 0.7
                let closed = try CNNDualFormula.expectedInnerProduct(sigma, x, y, filterSize: r, nu: nu)
                let note = sigma == .relu
                    ? "ν² = 2/r²: ρ̄_out = \(try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? .nan), ρ_in = \(try x.cosine(y) ?? .nan)"
                    : nil
                try ctx.estimateMean(
                    "\(label), \(sigma), ν = \(nu): Monte Carlo over filters vs (8) = \(closed)", region: .equal(closed),
                    resolution: 2e-2 * max(1, abs(closed)), alpha: alpha, pilotSamples: 400, chunkSize: 256, note: note,
                    sample: FilterMonteCarlo.innerProduct(x, y, activation: sigma, filterSize: r, nu: nu))
            }
        }
    }

    /// NACHUM-T1-EQ9: the expected output norm, and the norm-preserving initialization.
    static let theorem1Norm = Claim(
        id: "NACHUM-T1-EQ9", paper: Papers.nachum, location: "§3, Theorem 1, eq. (9) and the sentence after it",
        statement: """
        E[σ(F * x)²] = ν² ν_σ² r² ‖x‖² (for a homogeneous activation). In particular, due to (9), for homogeneous \
        activations we can choose ν = 1/(ν_σ r) and get E[σ(F * x)²] = ‖x‖². That is, the norms are preserved in \
        expectation for every input x.
        """,
        assumptions: [
            "E[σ(F * x)²] read as E‖σ(F * x)‖² (the squared norm of the output)",
            "cyclic convolution: the proof uses Σ_{i,j ∈ Z_n} ‖[x]^r_ij‖² = r²‖x‖² (every pixel lies in r² patches)",
            "ReLU: ν_R² = 1/2, so ν² = 2/r² for every channel count d",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        // The patch identity behind (9), by box sums and by extracting every patch.
        var rng = ctx.stream("images").generator()
        var worst = 0.0
        var cases = 0
        var largestSum = 0
        for n in [3, 5, 8] {
            for d in [1, 2, 3] {
                let x = try Image.gaussian(size: n, channels: d, rng: &rng)
                for r in 1...n {
                    let geometry = try PatchOperator(size: r).geometry(x, x)
                    let patches = try PatchOperator(size: r)
                    var extracted = 0.0
                    for i in 0..<n {
                        for j in 0..<n { extracted += Vector.dot(try patches.patch(of: x, row: i, column: j),
                                                                 try patches.patch(of: x, row: i, column: j)) }
                    }
                    let target = Double(r * r) * x.norm * x.norm
                    worst = max(worst, abs(geometry.xx.reduce(0, +) / target - 1), abs(extracted / target - 1))
                    cases += 1
                    largestSum = max(largestSum, n * n * r * r * d)
                }
            }
        }
        ctx.compare("max relative deviation of Σ_ij ‖[x]^r_ij‖² from r²‖x‖² (box sums and extracted patches)",
                    route: .enumeration, value: worst, error: Double(largestSum) * Double.ulpOfOne,
                    reference: 0, referenceRoute: .closedForm, resolution: 1e-10, samples: cases,
                    note: "error: the rounding of a sum of n²r²d non-negative terms")

        let x = try Image.gaussian(size: 8, channels: 2, rng: &rng)
        let settings: [(Activation, Double, Int)] = [(.relu, 0.7, 3), (.absolute, 0.5, 3), (.leakyReLU(slope: 0.1), 0.4, 2)]
        let alpha = try ctx.reserveAlpha(1, splitOver: settings.count + 2)
        for (sigma, nu, r) in settings {
            let closed = try CNNDualFormula.expectedSquaredNorm(sigma, x, filterSize: r, nu: nu)
            try ctx.estimateMean("E‖σ(F*x)‖² for \(sigma), ν = \(nu), r = \(r): Monte Carlo vs ν²ν_σ²r²‖x‖²",
                                 region: .equal(closed), resolution: 1e-2 * closed, alpha: alpha, pilotSamples: 2000,
                                 chunkSize: 256,
                                 sample: FilterMonteCarlo.innerProduct(x, x, activation: sigma, filterSize: r, nu: nu))
        }
        // ν = 1/(ν_R r) = √2/r preserves the norm, whatever the channel count.
        for d in [1, 3] {
            let image = try Image.gaussian(size: 8, channels: d, rng: &rng)
            let unit = try image.scaled(by: 1 / image.norm)
            try ctx.estimateMean("E‖R(F*x)‖² for ν = √2/r, r = 3, d = \(d), ‖x‖ = 1", region: .equal(1), resolution: 1e-2,
                                 alpha: alpha, pilotSamples: 400, chunkSize: 256,
                                 sample: FilterMonteCarlo.innerProduct(unit, unit, activation: .relu, filterSize: 3,
                                                                       nu: NachumInputs.reluNu(filterSize: 3)))
        }
    }

    /// The input of the eq. (7) checks: G1 except at the quick budget, where nested quadrature over
    /// its 64 patches would dominate the run.
    private static func theorem1Input(_ ctx: ClaimContext) throws -> (Image, Image) {
        guard ctx.budget == .quick else { return try NachumInputs.g1() }
        var rng = ctx.stream("quick input").generator()
        return (try Image.gaussian(size: 4, channels: 2, variance: 0.5, rng: &rng),
                try Image.gaussian(size: 4, channels: 2, variance: 0.5, rng: &rng))
    }
}
