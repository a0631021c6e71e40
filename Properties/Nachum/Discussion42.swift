import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension NachumClaims {
    /// NACHUM-S42-MEANREMOVAL: preprocessing by mean removal sharpens the contraction.
    static let meanRemoval = Claim(
        id: "NACHUM-S42-MEANREMOVAL", paper: Papers.nachum, location: "§4.2, second paragraph",
        statement: """
        In practice, the datasets are preprocessed by operations such as mean removal and normalization. These \
        operations induce a sharper contraction.
        """,
        assumptions: [
            "no dataset is available offline: proxy pictures with large monochromatic patches (unions of 3 random "
                + "rectangles, sides in [n/8, n/2), n = 32, r = 3); mean removal per picture",
            "\"sharper contraction\" read as a larger ρ̄_out − ρ_in (exact, eq. (12)) for the preprocessed pair",
            "normalization (scaling) changes neither ρ_in nor ρ̄_out (homogeneity, NACHUM-EQ12); mean removal makes "
                + "intensities signed, which voids the boundary bound of Theorem 5 / NACHUM-S41-GRAY",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        let n = 32, r = 3
        let gap: @Sendable (Image, Image) throws -> Double = { x, y in
            (try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: r) ?? 0) - (try x.cosine(y) ?? 0)
        }
        let pair: @Sendable (inout Xoshiro256) throws -> (Image, Image) = { rng in
            (try ImageFamilies.randomRectangles(count: 3, size: n, sides: (n / 8)...(n / 2 - 1), rng: &rng).image,
             try ImageFamilies.randomRectangles(count: 3, size: n, sides: (n / 8)...(n / 2 - 1), rng: &rng).image)
        }
        // Mean removal itself: every centred picture has mean 0 (to the rounding of a 1024-pixel sum).
        var rng = ctx.stream("centring").generator()
        var largest = 0.0
        for _ in 0..<100 {
            let (x, _) = try pair(&rng)
            largest = max(largest, abs(try x.centered().sampleMoments.mean))
        }
        ctx.compare("mean removed: largest |mean| of a centred picture over 100 pictures", route: .enumeration, value: largest,
                    reference: 0, referenceRoute: .closedForm, resolution: 1e-12, samples: 100)
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        try ctx.estimateMean("mean removed: mean of (ρ̄_out − ρ_in)(centered) − (ρ̄_out − ρ_in)(raw) (sharper contraction)",
                             region: .atLeast(0), resolution: 2e-2, alpha: alpha, pilotSamples: 300, chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try pair(&rng)
                return try gap(x.centered(), y.centered()) - gap(x, y)
            }
        }
        try ctx.estimateMean("mean removed: mean ρ̄_out − R̂(ρ_in) (centered pictures follow the FNN curve (2))",
                             region: .between(-0.05, 0.05), resolution: 1e-2, alpha: alpha, pilotSamples: 300,
                             chunkSize: 50) { rng, count in
            try RunningMoments.of(count: count) {
                let (x, y) = try pair(&rng)
                let (cx, cy) = (try x.centered(), try y.centered())
                return (try CNNDualFormula.meanSimilarity(.relu, cx, cy, filterSize: r) ?? 0)
                    - (try ReLUDualActivation.value(try cx.cosine(cy) ?? 0))
            }
        }
    }

    /// NACHUM-S42-ORTHO: orthogonal and i.i.d. Gaussian initializations have the same dual activation.
    static let orthogonalInitialization = Claim(
        id: "NACHUM-S42-ORTHO", paper: Papers.nachum, location: "§4.2, second paragraph",
        statement: """
        Saxe et al. (2014) propose to replace the i.i.d. Gaussian initialization with orthogonal initialization that is \
        chosen uniformly over the orthogonal group for linear FNNs. However, the latter would fail to prevent the \
        collapse phenomenon as well. This can be shown by a similar calculation to that of the dual activation of ReLU \
        with i.i.d. Gaussian initialization. In fact, the dual activations of both initializations will coincide in the \
        limit of large input dimensions.
        """,
        assumptions: [
            "orthogonal rows scaled to norm √D (so E(w·x)² = ‖x‖² as for N(0, 1) entries); ReLU",
            "derived here: for a positively homogeneous σ the two coincide at every D ≥ 2, not only in the limit — the "
                + "projection of a uniform vector on span(x, y) is rotation invariant with E t² = 2 in both cases, and "
                + "E[R(w·x)R(w·y)] = E t² · E_θ[R(cos θ)R(cos(θ − φ))] depends on nothing else",
            "so the collapse of deep ReLU FNNs (NACHUM-INTRO-CONTRACT) happens under orthogonal initialization too",
        ],
        kind: .rate, expectation: .holds
    ) { ctx in
        // The angular integral: 4 E_θ[R(cos θ)R(cos(θ − φ))] = R̂(cos φ), θ uniform (QUADPACK, cut at the kinks).
        for rho in [-0.9, 0.0, 0.3, 0.9] {
            let phi = acos(rho)
            let twoPi = 2 * Double.pi
            let kinks = [Double.pi / 2, 3 * Double.pi / 2, phi + Double.pi / 2, phi + 3 * Double.pi / 2]
                .map { $0.truncatingRemainder(dividingBy: twoPi) }.filter { $0 > 1e-12 && $0 < twoPi - 1e-12 }
            let integral = try Integration.qagp({ theta in max(0, cos(theta)) * max(0, cos(theta - phi)) },
                                                points: [0] + Set(kinks).sorted() + [twoPi])
            let value = 4 * integral.value / (2 * Double.pi)
            ctx.compare("ρ = \(rho): 2 E t² E_θ[R(cos θ)R(cos(θ−φ))] by QUADPACK (E t² = 2 for both laws) vs R̂(ρ)",
                        route: .quadrature, value: value, error: 4 * integral.absoluteError / (2 * Double.pi),
                        reference: try ReLUDualActivation.value(rho), referenceRoute: .closedForm, resolution: 1e-10)
        }
        // Monte Carlo with one uniformly distributed row of norm √D, at small D.
        let rho = 0.3
        let target = try ReLUDualActivation.value(rho)
        let dimensions = [2, 3, 16]
        let alpha = try ctx.reserveAlpha(1, splitOver: dimensions.count + 1)
        for d in dimensions {
            try ctx.estimateMean("D = \(d): 2E[R(w·x)R(w·y)], w uniform on the sphere of radius √D, ρ = \(rho), vs R̂(ρ)",
                                 region: .equal(target), resolution: 1e-2, alpha: alpha, pilotSamples: 5000,
                                 chunkSize: 4096) { rng, count in
                try RunningMoments.of(count: count) {
                    let w = try OrthogonalInitialization.rows(1, dimension: d, rng: &rng).storage
                    return 2 * max(0, w[0]) * max(0, rho * w[0] + (1 - rho * rho).squareRoot() * w[1])
                }
            }
        }
        // A full orthogonal layer (D = N = 8): its mean similarity (1) is R̂(ρ).
        try ctx.estimateFunctionOfMeans("D = N = 8 orthogonal layer: mean similarity of R(Wx), R(Wy) vs R̂(ρ)",
                                        function: .cosineOfMeans, region: .equal(target), resolution: 1e-2, alpha: alpha,
                                        pilotSamples: 2000, chunkSize: 1024) { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count {
                let w = try OrthogonalInitialization.rows(8, dimension: 8, rng: &rng)
                var xy = 0.0, xx = 0.0, yy = 0.0
                for row in 0..<8 {
                    let a = max(0, w[row, 0]), b = max(0, rho * w[row, 0] + (1 - rho * rho).squareRoot() * w[row, 1])
                    xy += a * b
                    xx += a * a
                    yy += b * b
                }
                moments.add([xy, xx, yy])
            }
            return moments
        }
    }

    /// NACHUM-S42-ZEROSUM: zero-sum filters prevent the collapse; deep pre-activations become orthogonal.
    static let zeroSumFilters = Claim(
        id: "NACHUM-S42-ZEROSUM", paper: Papers.nachum, location: "§4.2, third paragraph",
        statement: """
        The collapse can be prevented by moving further away from i.i.d. initialization. For example, by drawing the \
        weights of every filter from the Gaussian distribution under the condition that the filter's sum of weights is \
        zero. Curiously, also including batch normalization between the layers prevents such a collapse. In both \
        cases, the opposite phenomenon to a collapse happens, an expansion. In the deeper layers, the dataset \
        pre-activation vectors become orthogonal to one another.
        """,
        assumptions: [
            "checked: zero-sum filters in a deep cyclic ReLU CNN (12 layers of 16 filters 3 × 3, variance 2/(9 d_in), "
                + "pictures of 3 random rectangles, n = 12), against the same network with i.i.d. Gaussian filters",
            "\"orthogonal\" read as E ρ_pre² ≤ 0.1² at depth 12 (root-mean-square cosine ≤ 0.1, so cosines of either "
                + "sign cannot cancel; threshold chosen after seeing E ρ_pre² ≈ 0.0017, RMS 0.04, where a tighter "
                + "0.05² needed about 10⁴ networks); \"collapse\" as E ρ_pre² ≥ 0.5² for Gaussian filters",
            "batch normalization is not checked (its batch statistics are not specified)",
            "derived (infinite-width FNN analogue, not printed): zero-sum rows remove the mean of the ReLU features, "
                + "so the pre-activation correlation maps by g(ρ) = (πR̂(ρ) − 1)/(π − 1), g(0) = 0, g'(0) = π/(2(π − 1)) "
                + "< 1: every ρ < 1 is driven to 0",
        ],
        kind: .qualitative, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("constant images").generator()
        let layer = try CyclicConvolution.zeroSumGaussian(count: 8, filterSize: 3, channels: 2, variance: 1, rng: &rng)
        let constant = try Image(size: 6, channels: 2, pixels: [Double](repeating: 1.7, count: 72))
        let out = try layer(constant).storage
        ctx.compare("max |F * c1| over 8 zero-sum filters (annihilation of constant images)", route: .enumeration,
                    value: out.map(abs).max() ?? .nan, error: 1e-14, reference: 0, referenceRoute: .closedForm,
                    resolution: 1e-12)
        // The mean-field map of the zero-sum FNN drives every ρ < 1 to 0.
        for start in [0.99, 0.5, -0.8] {
            var rho = start
            for _ in 0..<60 { rho = (Double.pi * (try ReLUDualActivation.value(rho)) - 1) / (Double.pi - 1) }
            ctx.bound("g^{∘60}(\(start)) with g(ρ) = (πR̂(ρ) − 1)/(π − 1) (derived mean-field map)", route: .closedForm,
                      value: abs(rho), error: 1e-15, region: .atMost(1e-6), resolution: 1e-9)
        }
        let alpha = try ctx.reserveAlpha(1, splitOver: 2)
        for (filters, region, label) in [(DeepCyclicCNN.Filters.zeroSum, ClaimedRegion.atMost(0.1 * 0.1), "zero-sum"),
                                         (.gaussian, .atLeast(0.5 * 0.5), "i.i.d. Gaussian")] {
            let network = try DeepCyclicCNN(depth: 12, width: 16, filterSize: 3, filters: filters)
            // The zero-sum threshold 0.1² was chosen after seeing E ρ_pre² (the assumptions say so); 0.5² was not.
            try ctx.recordingPostHoc(filters == .zeroSum) {
                try ctx.sequentialMean("\(label) filters: E ρ_pre² at depth 12 (confidence sequence)", range: 0...1,
                                       region: region, resolution: 2e-3, alpha: alpha, chunkSize: 10) { rng, count in
                    try (0..<count).map { _ in
                        let x = try ImageFamilies.randomRectangles(count: 3, size: 12, sides: 2...5, rng: &rng).image
                        let y = try ImageFamilies.randomRectangles(count: 3, size: 12, sides: 2...5, rng: &rng).image
                        let rho = try network.preActivationCosines(x, y, rng: &rng).last ?? .nan
                        return rho * rho
                    }
                }
            }
        }
    }
}
