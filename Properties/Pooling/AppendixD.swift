import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-PD-LIP: Ar(w * x) is Lipschitz in the kernel.
    static let kernelLipschitz = Claim(
        id: "POOL-PD-LIP", paper: Papers.pooling, location: "App. D, first display",
        statement: """
        For any w, v ∈ R^{k×k}, |Ar(w * x) − Ar(v * x)| = (1/d²)|Σ_{i,j} r(w * x)_{ij} − r(v * x)_{ij}| \
        ≤ (1/d²) Σ_{i,j} |((w − v) * x)_{ij}| (i) = (1/d²) Σ_{i∈D} ⟨α_i, w − v⟩ ≤ (Σ_{i∈D} ‖α_i‖/d²)‖w − v‖ (ii); \
        (i) since r is 1-Lipschitz, (ii) by Cauchy–Schwarz.
        """,
        assumptions: [
            "the middle line lacks an absolute value: (1/d²) Σ_i |⟨α_i, w − v⟩| is meant; 1/d² is 1/|D| (the number of output positions)",
            "enumeration: 1500 random pairs w, v ~ N(0, I_9) per image (Gaussian, constant, ±1 block; d = 10, k = 3) and boundary rule (cyclic, zero-padded, valid), with α_i the patches that rule reads",
            "tight case: constant image, cyclic, v = w − t·1 with Σw, Σv > 0: both inequalities are equalities",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("kernels").generator()
        let sampler = NormalSampler()
        let images = try ImageFamilies.appendixD(size: 10, rng: &rng)
        var firstSlack = Double.infinity, secondSlack = Double.infinity
        var trials = 0
        for boundary in ConvolutionBoundary.allCases {
            let geometry = try PatchGeometry(kernelSize: 3, boundary: boundary)
            for (_, image) in images {
                let patches = try geometry.patches(of: image)
                let lipschitz = SingleKernelAveragePooling.lipschitzConstant(patches)
                for _ in 0..<1500 {
                    let w = (0..<9).map { _ in sampler.next(using: &rng) }, v = (0..<9).map { _ in sampler.next(using: &rng) }
                    let difference = zip(w, v).map { $0 - $1 }
                    let change = abs(SingleKernelAveragePooling.value(patches, w) - SingleKernelAveragePooling.value(patches, v))
                    let middle = (0..<patches.rows).map { p in
                        abs((0..<9).map { patches[p, $0] * difference[$0] }.reduce(0, +))
                    }.reduce(0, +) / Double(patches.rows)
                    firstSlack = min(firstSlack, middle - change)
                    secondSlack = min(secondSlack, lipschitz * Vector.norm(difference) - middle)
                    trials += 1
                }
            }
        }
        ctx.bound("min over trials of (1/|D|)Σ|⟨α_i, w − v⟩| − |Ar(w*x) − Ar(v*x)| (step (i))", route: .enumeration,
                  value: firstSlack, error: 1e-14, region: .atLeast(0), resolution: 1e-12, samples: trials)
        ctx.bound("min over trials of L‖w − v‖ − (1/|D|)Σ|⟨α_i, w − v⟩| (step (ii))", route: .enumeration,
                  value: secondSlack, error: 1e-14, region: .atLeast(0), resolution: 1e-12, samples: trials)
        // Equality: constant image, cyclic, w − v = t·1 with both sums positive.
        let patches = try PatchGeometry(kernelSize: 3, boundary: .cyclic).patches(of: images[1].image)
        let w = [0.9, 0.4, 0.1, 0.7, 0.3, 0.2, 0.6, 0.5, 0.8], v = w.map { $0 - 0.05 }
        let change = abs(SingleKernelAveragePooling.value(patches, w) - SingleKernelAveragePooling.value(patches, v))
        ctx.compare("tight case: |Ar(w*x) − Ar(v*x)| = L‖w − v‖ (constant image, w − v = 0.05·1)", route: .enumeration,
                    value: change, error: 1e-14, reference: SingleKernelAveragePooling.lipschitzConstant(patches) * Vector.norm(zip(w, v).map { $0 - $1 }),
                    referenceRoute: .closedForm, resolution: 1e-12, note: "error: rounding of two averages of 100 terms")
    }

    /// POOL-PD-POINCARE: the variance of the CNN average pooling feature over the kernel, Var ≤ L² by Gaussian
    /// Poincaré with the Lipschitz constant L of POOL-PD-LIP (the text extraction of App. D lost the square).
    static let poincareVariance = Claim(
        id: "POOL-PD-POINCARE", paper: Papers.pooling, location: "App. D, last paragraph",
        statement: """
        By Gaussian Poincaré's Inequality, Var(Ar(w * x)) ≤ (Σ_{i∈D} ‖α_i‖/d²)[²], which has the same order of \
        magnitude of E[(Ar(w * x))²]. … the estimation of variance is tight without extra assumptions on the \
        distribution of data.
        """,
        assumptions: [
            "[²]: the square is read as intended: the text extraction of the paper prints \\left(\\frac{Σ‖α_i‖}{d²}\\right) with no exponent; the parentheses around a lone fraction only make sense for a lost superscript ², Gaussian Poincaré with the Lipschitz constant L = Σ_{i∈D}‖α_i‖/d² of the step just above (POOL-PD-LIP) gives exactly Var ≤ L², and the comparison with E[(Ar)²] is between quantities of degree 2 in x. The PDF was not available to confirm; without the square the bound would not be scale-invariant (at x = 2·1, L = 6 and Var = 36(1/2 − 1/(2π)) = 12.27 > 6), so that reading is an extraction artifact, not the paper's claim",
            "w ~ N(0, I_{k²}), x fixed; E Ar = L/√(2π) exactly (E r(⟨α, w⟩) = ‖α‖/√(2π)), so (Ar − L/√(2π))² is unbiased for the variance; and L²/(2π) ≤ E[Ar²] ≤ L²/2 (Jensen; r̂ ≤ 1), the 'same order'",
            "cyclic, k = 3, d = 16; images: Gaussian, the constant 1 (where Var/L² = 1/2 − 1/(2π): tight up to that constant, the 'tight' of the statement), a ±1 block image",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("images").generator()
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let sampler = NormalSampler()
        let alpha = try ctx.reserveAlpha(1, splitOver: 5)
        let variance: @Sendable (Matrix, Double) -> @Sendable (inout Xoshiro256, Int) -> RunningMoments = { patches, mean in
            { rng, count in
                RunningMoments.of(count: count) {
                    let w = (0..<9).map { _ in sampler.next(using: &rng) }
                    return pow(SingleKernelAveragePooling.value(patches, w) - mean, 2)
                }
            }
        }
        for (name, image) in try ImageFamilies.appendixD(size: 16, rng: &rng) {
            let patches = try geometry.patches(of: image)
            let l = SingleKernelAveragePooling.lipschitzConstant(patches)
            let mean = l / (2 * Double.pi).squareRoot()
            let sample = variance(patches, mean)
            if name == "constant 1" {
                try ctx.estimateMean("Var_W Ar / L² = 1/2 − 1/(2π) for the constant image (Monte Carlo)",
                                     region: .equal(ReLUUnitMoments.variance * l * l), resolution: 0.05 * l * l, alpha: alpha, sample: sample)
            } else {
                try ctx.estimateMean("Var_W Ar ≤ L², \(name) image (Monte Carlo)", region: .atMost(l * l),
                                     resolution: (name == "Gaussian" ? 0.002 : 0.01) * l * l, alpha: alpha,
                                     sample: sample)
            }
            if name == "Gaussian" {
                try ctx.estimateMean("E Ar = L/√(2π), Gaussian image (Monte Carlo)", region: .equal(mean),
                                     resolution: 0.01 * l, alpha: alpha) { rng, count in
                    RunningMoments.of(count: count) { SingleKernelAveragePooling.value(patches, (0..<9).map { _ in sampler.next(using: &rng) }) }
                }
                try ctx.estimateMean("L²/(2π) ≤ E[Ar²] ≤ L²/2, Gaussian image (Monte Carlo)",
                                     region: .between(l * l / (2 * Double.pi), l * l / 2), resolution: 0.01 * l * l,
                                     alpha: alpha) { rng, count in
                    RunningMoments.of(count: count) { pow(SingleKernelAveragePooling.value(patches, (0..<9).map { _ in sampler.next(using: &rng) }), 2) }
                }
            }
        }
    }

    /// POOL-PD-IID: the channels of the CNN's average pooling feature are i.i.d.
    static let channelsIID = Claim(
        id: "POOL-PD-IID", paper: Papers.pooling, location: "App. D, first sentence of the proof",
        statement: "Note that Ar(W^s * x)'s are i.i.d random variables (s = 1, …, m).",
        assumptions: [
            "x fixed, the kernels W^s i.i.d. N(0, I_{k²}); checked on the model (`CenteredConvolution` with m = 2, cyclic, k = 3) for a Gaussian 8×8 image",
            "identically distributed: E Ar(W¹ * x) = E Ar(W² * x) = L/√(2π); independent: Cov = 0",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("image").generator()
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let image = try Image.gaussian(size: 8, channels: 1, rng: &rng)
        let l = SingleKernelAveragePooling.lipschitzConstant(try geometry.patches(of: image))
        let mean = l / (2 * Double.pi).squareRoot()
        let alpha = try ctx.reserveAlpha(1, splitOver: 3)
        let pooled: @Sendable (inout Xoshiro256) throws -> [Double] = { rng in
            try CenteredConvolution.gaussian(count: 2, geometry: geometry, variance: 1, rng: &rng).pooledFeatures(image).average
        }
        for channel in 0..<2 {
            try ctx.estimateMean("E Ar(W^\(channel + 1) * x) = L/√(2π)", region: .equal(mean), resolution: 0.02 * l,
                                 alpha: alpha, pilotSamples: 5000) { rng, count in
                try RunningMoments.of(count: count) { try pooled(&rng)[channel] }
            }
        }
        try ctx.estimateMean("Cov(Ar(W¹ * x), Ar(W² * x)) = 0", region: .equal(0), resolution: 0.002 * l * l, alpha: alpha,
                             pilotSamples: 5000) { rng, count in
            try RunningMoments.of(count: count) {
                let features = try pooled(&rng)
                return (features[0] - mean) * (features[1] - mean)
            }
        }
    }
}
