import ClaimKit
import Foundation
import GSL
import LayerNormPaper
import RandomNetworks
import Randomness
import Testing

/// The layer-norm paper's models against direct implementations on small cases, and every bad-input path.
@Suite("Layer-norm paper models")
struct LayerNormModelsTests {
    static let closedFormActivations: [Activation] = [.identity, .relu, .leakyReLU(slope: 0.3), .leakyReLU(slope: -0.5),
                                                      .erf(scale: 1), .erf(scale: 2.5), .absolute]

    /// Closed-form kernels against nested QUADPACK, and their gap against the direct difference.
    @Test func activationKernelsMatchQuadrature() throws {
        for f in Self.closedFormActivations {
            let closed = try ActivationKernel(f)
            let numeric = try ActivationKernel(f, route: .quadrature)
            #expect(abs(closed.normSquared - numeric.normSquared) < 1e-10, "\(f)")
            #expect(abs(closed.derivativeNormSquared - numeric.derivativeNormSquared) < 1e-10, "\(f)")
            #expect(abs(closed.linearizationResidual - numeric.linearizationResidual) < 1e-10, "\(f)")
            for rho in [-0.9, -0.3, 0.2, 0.7, 0.99] {
                #expect(abs(try closed.covariance(rho) - numeric.covariance(rho)) < 1e-9, "\(f) \(rho)")
                #expect(abs(try closed.derivativeCovariance(rho) - numeric.derivativeCovariance(rho)) < 1e-8, "\(f) \(rho)")
                #expect(abs(try closed.covarianceGap(1 - rho) - (closed.normSquared - closed.covariance(rho))) < 1e-14)
            }
        }
        #expect(throws: ParameterError.self) { try ActivationKernel(.tanh) }
        #expect(throws: ParameterError.self) { try ActivationKernel(.relu).covarianceGap(2.5) }
        #expect(throws: ParameterError.self) { try ActivationKernel(.relu).covariance(1.5) }
    }

    /// Near ε = 0 the gaps keep their relative precision: the ReLU gap against its series
    /// ε/2 − (√2/(3π)) ε^{3/2} + O(ε^{5/2}) (relative truncation 1.5e-11 at ε = 1e-6 by mpmath; below,
    /// the rounding of ε − 1 leaves ≈ 1e-11 on the ε^{3/2} term), the erf gap against (2/π) c ε/√(1 − c²) + O(ε²).
    @Test func covarianceGapsKeepTheirDigitsNearOne() throws {
        for epsilon in [1e-6, 1e-9, 1e-12] {
            let relu = try ActivationKernel(.relu).covarianceGap(epsilon)
            let series = epsilon / 2 - 2.0.squareRoot() / (3 * Double.pi) * pow(epsilon, 1.5)
            #expect(abs(relu / series - 1) < 3e-11)
            let c = 2.0 / 3
            let erf = try ActivationKernel(.erf(scale: 1)).covarianceGap(epsilon)
            let linear = 2 / Double.pi * c * epsilon / (1 - c * c).squareRoot()
            #expect(abs(erf / linear - 1) < 2 * epsilon)
        }
    }

    /// A Hermite polynomial's value against GSL's normalized Hermite polynomials, and its kernel against
    /// a 2-D Gauss–Hermite rule (exact for polynomials).
    @Test func hermitePolynomialIsExact() throws {
        let p = try HermitePolynomial(coefficients: [0.3, 1, -0.5, 0.25, 0.1])
        for x in [-2.0, -0.3, 0, 1.7] {
            let direct = try (0..<5).reduce(0.0) { $0 + p.coefficients[$1] * (try SpecialFunctions.normalizedHermite($1, x).value) }
            #expect(abs(p(x) - direct) < 1e-13)
        }
        let rule = try GaussHermiteRule(points: 20)
        for rho in [-0.8, 0, 0.6] {
            let quadrature = try rule.correlatedExpectation(rho: rho, { p($0) }, { p($0) })
            #expect(abs(try p.covariance(rho) - quadrature) < 1e-12)
            #expect(abs(try p.covarianceGap(1 - rho) - (p.normSquared - p.covariance(rho))) < 1e-14)
        }
        #expect(abs(p.derivativeNormSquared - (1 + 2 * 0.25 + 3 * 0.0625 + 4 * 0.01)) < 1e-15)
        #expect(abs(p.linearizationResidual - (0.25 + 0.0625 + 0.01)) < 1e-15)
        #expect(throws: ParameterError.self) { try HermitePolynomial(coefficients: []) }
        #expect(throws: ParameterError.self) { try HermitePolynomial(coefficients: [.nan]) }
        #expect(throws: ParameterError.self) { try p.covariance(-1.2) }
    }

    /// Closed-form Hermite coefficients against QUADPACK's E[φ h_k].
    @Test func closedFormHermiteCoefficientsMatchQuadrature() throws {
        for f in Self.closedFormActivations {
            for k in 0...7 {
                let closed = try #require(try HermiteExpansion.closedFormCoefficient(f, order: k))
                let integral = try HermiteExpansion.coefficient(f, order: k)
                #expect(abs(closed - integral.value) < 1e-10, "\(f) k = \(k)")
            }
        }
        #expect(try HermiteExpansion.closedFormCoefficient(.tanh, order: 2) == nil)
        #expect(throws: ParameterError.self) { try HermiteExpansion.closedFormCoefficient(.relu, order: -1) }
        #expect(throws: ParameterError.self) { try HermiteExpansion.mehlerPartialSum(.relu, rho: 2, terms: 3) }
    }

    /// The eq. (2.3) map in closed form equals its QUADPACK route; derivatives and complements agree with
    /// differences of values; the residual map is (A.10) and its decomposition is exact.
    @Test func correlationMapsAreConsistent() throws {
        let map = try LayerNormCorrelationMap(.erf(scale: 1), weightVariance: 1.7, biasVariance: 0.2)
        let reference = try LayerNormCorrelationMap(.erf(scale: 1), route: .quadrature, weightVariance: 1.7,
                                                    biasVariance: 0.2)
        let residual = try ResidualCorrelationMap(.relu, residualVariance: 2)
        for rho in [-0.7, 0.1, 0.8] {
            #expect(abs(try map(rho) - reference(rho)) < 1e-10)
            let h = 1e-5
            for m in [map as any CorrelationMap, residual] {
                let difference = (try m(rho + h) - m(rho - h)) / (2 * h)
                #expect(abs(try m.derivative(rho) - difference) < 1e-8, "\(m)")
                #expect(abs(try m.complement(1 - rho) - (1 - m(rho))) < 1e-15)
            }
            let direct = (rho + 2 * (try GaussianCovariance.closedForm(.relu, rho: rho)!)) / (1 + 2 * 0.5)
            #expect(abs(try residual(rho) - direct) < 1e-15)
        }
        #expect(abs(map.slopeAtOne - reference.slopeAtOne) < 1e-15)
        #expect(abs(residual.slopeAtOne - 1) < 1e-15)
        let (p, q, a) = try residual.residualDecomposition(oneMinusRhoTilde: 0.6)
        let kernel = residual.kernel
        for t in [0.0, 0.3, 1.0] {
            let crop = try (residual(0.4 + 0.6 * t) - residual(0.4)) / (1 - residual(0.4))
            let g = (try kernel.covariance(0.4 + 0.6 * t) - kernel.covariance(0.4)) / a
            #expect(abs(crop - (p * t + q * g)) < 1e-14)
        }
        #expect(throws: ParameterError.self) { try LayerNormCorrelationMap(.relu, weightVariance: 0) }
        #expect(throws: ParameterError.self) { try LayerNormCorrelationMap(.relu, biasVariance: -1) }
        #expect(throws: ParameterError.self) { try ResidualCorrelationMap(.relu, residualVariance: -1) }
        #expect(throws: ParameterError.self) { try residual.residualDecomposition(oneMinusRhoTilde: 3) }
    }

    /// Compositions: ρ form against complement form, the slope at one against a difference quotient, ρ_max
    /// against a dense scan, and the crops' identities (A.2).
    @Test func compositionsAgreeWithDirectEvaluation() throws {
        let composition = try CorrelationMapComposition([
            try LayerNormCorrelationMap(.identity, weightVariance: 1, biasVariance: 0.1),
            try LayerNormCorrelationMap(.leakyReLU(slope: -0.5), weightVariance: 2, biasVariance: 0.05),
            try LayerNormCorrelationMap(.erf(scale: 2), weightVariance: 1, biasVariance: 0.3),
            try LayerNormCorrelationMap(.absolute, weightVariance: 1, biasVariance: 0),
        ])
        for rho in [-1.0, -0.4, 0.3, 0.9] {
            let path = try composition.trajectory(from: rho)
            let complements = try composition.complements(startingAt: 1 - rho)
            for (a, b) in zip(path, complements) { #expect(abs(a - (1 - b)) < 1e-14) }
        }
        let smooth = try CorrelationMapComposition([try LayerNormCorrelationMap(.erf(scale: 1), weightVariance: 2, biasVariance: 0.1),
                                                    try LayerNormCorrelationMap(.erf(scale: 0.5))])
        let h = 1e-7
        #expect(abs((try smooth.complements(startingAt: h).last!) / h - smooth.slopeAtOne) < 1e-6)
        #expect(abs(try composition.derivative(at: 1) - composition.slopeAtOne) < 1e-12)
        let minimum = try composition.maximalCorrelation()
        var dense = -Double.infinity
        for l in 1...composition.depth {
            var layerMinimum = Double.infinity
            for i in 0...20_000 {
                layerMinimum = min(layerMinimum, 1 - (try composition.complements(startingAt: Double(i) / 10_000, through: l).last!))
            }
            dense = max(dense, layerMinimum)
        }
        #expect(abs((1 - minimum.complement) - dense) < 1e-8)
        for t in [0.0, 0.25, 0.8, 1.0] {
            let viaCrops = try composition.croppedCompositeComplement(from: 1, to: 3, 1 - t)
            let direct = try composition.complements(startingAt: composition.tildeComplements[1] * (1 - t), from: 1, through: 3).last!
            #expect(abs(composition.tildeComplements[3] * viaCrops - direct) < 1e-15)
            #expect(abs(try composition.cropped(layer: 2, t) - (1 - composition.croppedComplement(layer: 2, 1 - t))) < 1e-14)
        }
        #expect(throws: ParameterError.self) { try CorrelationMapComposition([]) }
        #expect(throws: ParameterError.self) { try composition.croppedComplement(layer: 5, 0.5) }
        #expect(throws: ParameterError.self) { try composition.trajectory(from: 1.5) }
    }

    /// e(id) = 0, e(x²) = (√5 − 1)/2, e(hinge_c) = c/(1 − c), e(x^n) from (1 − t)^n = t, the quadratic closed
    /// form against Brent, and the class checks.
    @Test func excessConvexityHasItsKnownValues() throws {
        #expect(try ExcessConvexity.of { $0 }.value == 0)
        #expect(abs(try ExcessConvexity.of { $0 * $0 }.value - (5.0.squareRoot() - 1) / 2) < 1e-14)
        for c in [0.1, 0.5, 0.9] {
            #expect(abs(try ExcessConvexity.of { max(0, ($0 - c) / (1 - c)) }.value - c / (1 - c)) < 1e-13 * (1 + c / (1 - c)))
        }
        let cubic = try ExcessConvexity.of { $0 * $0 * $0 }
        #expect(abs(pow(1 - cubic.crossing, 3) - cubic.crossing) < 1e-15)
        for q in [0.0, 1e-6, 0.3, 1] {
            let brent = try ExcessConvexity.of { (1 - q) * $0 + q * $0 * $0 }
            #expect(abs(brent.value - (try ExcessConvexity.ofQuadratic(curvature: q))) <= 2 * brent.error + 1e-15)
        }
        #expect(try ExcessConvexity.bound(excess: 1, at: 0.5) == 0.25)
        #expect(try ExcessConvexity.bound(excess: 1, at: 0.9) == 0.8)
        #expect(try ExcessConvexity.classViolation { $0 * $0 } > -1e-15)
        #expect(try ExcessConvexity.classViolation { $0.squareRoot() } < -1e-3)
        #expect(throws: ParameterError.self) { try ExcessConvexity.of { 0.5 * $0 } }
        // √x is concave (g(1/2) > 1/2): the crossing √(1 − t) = t lies beyond 1/2 and e = (√5 − 3)/2 < 0.
        let concave = try ExcessConvexity.of { $0.squareRoot() }
        #expect(abs(concave.crossing - (5.0.squareRoot() - 1) / 2) < 1e-14)
        #expect(abs(concave.value - (5.0.squareRoot() - 3) / 2) < 1e-13)
        #expect(throws: ParameterError.self) { try ExcessConvexity.ofQuadratic(curvature: 1.5) }
        #expect(throws: ParameterError.self) { try ExcessConvexity.bound(excess: -1, at: 0.5) }
        #expect(throws: ParameterError.self) { try ExcessConvexity.classViolation({ $0 }, points: 2) }
    }

    @Test func goldenSectionFindsMinima() throws {
        let found = try GoldenSection.minimize({ ($0 - 0.3) * ($0 - 0.3) }, lower: -1, upper: 2)
        #expect(abs(found.x - 0.3) < 1e-6)
        #expect(try GoldenSection.minimize({ $0 }, lower: -1, upper: 2).x == -1)
        #expect(throws: ParameterError.self) { try GoldenSection.minimize({ $0 }, lower: 1, upper: 0) }
        #expect(throws: ParameterError.self) { try GoldenSection.minimize({ $0 }, lower: 0, upper: 1, tolerance: 0) }
    }

    /// Power iteration against the closed-form largest eigenvalue of a 2 x 2 Gram matrix and a rank-one matrix.
    @Test func operatorNormMatchesClosedForms() throws {
        var rng = Xoshiro256(seed: 11)
        let m = try Matrix.gaussian(rows: 7, columns: 2, variance: 1, rng: &rng)
        let a = (0..<7).reduce(0.0) { $0 + m[$1, 0] * m[$1, 0] }, b = (0..<7).reduce(0.0) { $0 + m[$1, 0] * m[$1, 1] }
        let c = (0..<7).reduce(0.0) { $0 + m[$1, 1] * m[$1, 1] }
        let top = (a + c) / 2 + (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        let estimate = try JacobianNorm.operatorNorm(m)
        #expect(abs(estimate.largestSquaredSingularValue - top) < 1e-9 * top)
        #expect(abs(estimate.operatorNormSquared - 2.0 / 7 * top) < 1e-9 * top)
        let u = [1.0, -2, 0.5], v = [3.0, 1, 0, -1]
        let rankOne = try Matrix(rows: 3, columns: 4, storage: u.flatMap { x in v.map { x * $0 } })
        #expect(abs(try JacobianNorm.operatorNorm(rankOne).largestSquaredSingularValue - 5.25 * 11) < 1e-9)
        #expect(throws: ParameterError.self) { try JacobianNorm.operatorNorm(m, relativeTolerance: 0) }
    }

    /// The tangent propagation against central differences through the same weights (same stream), and
    /// its outputs against `propagate`.
    @Test func layerNormJacobianMatchesFiniteDifferences() throws {
        let layers = try [LayerNormLayer(width: 40, activation: .identity, weightVariance: 1, biasVariance: 0.2),
                          LayerNormLayer(width: 30, activation: .erf(scale: 1), weightVariance: 2, biasVariance: 0.1),
                          LayerNormLayer(width: 20, activation: .tanh, weightVariance: 1.5)]
        let network = try LayerNormMLP(inputWidth: 6, layers: layers)
        let engine = try MonteCarloEngine(threads: 2)
        let x = try Matrix(rows: 6, columns: 1, storage: [0.3, -1.2, 0.8, 1.5, -0.4, 0.9])
        let stream = StreamSeed(root: 3)
        let (output, jacobian) = try network.jacobian(at: x, stream: stream, engine: engine)
        let plain = try network.propagate(x, stream: stream, engine: engine)
        for i in 0..<20 { #expect(abs(output[i, 0] - plain[i, 0]) < 1e-12) }
        // The observer's y^{(l)} is z^{(l)} before the layer norm: z = √N y/‖y‖.
        var last: (Matrix, Matrix)?
        _ = try network.propagate(x, stream: stream, engine: engine) { _, z, y in last = (z, y) }
        let (z, y) = try #require(last)
        let norm = (0..<20).reduce(0.0) { $0 + y[$1, 0] * y[$1, 0] }.squareRoot()
        for i in 0..<20 { #expect(abs(z[i, 0] - 20.0.squareRoot() * y[i, 0] / norm) < 1e-12 && abs(z[i, 0] - plain[i, 0]) < 1e-12) }
        let h = 1e-6
        for j in 0..<6 {
            var plus = x.storage, minus = x.storage
            plus[j] += h; minus[j] -= h
            let zp = try network.propagate(try Matrix(rows: 6, columns: 1, storage: plus), stream: stream, engine: engine)
            let zm = try network.propagate(try Matrix(rows: 6, columns: 1, storage: minus), stream: stream, engine: engine)
            for i in 0..<20 { #expect(abs((zp[i, 0] - zm[i, 0]) / (2 * h) - jacobian[i, j]) < 1e-6) }
        }
        #expect(throws: ParameterError.self) {
            try network.propagate(x, tangents: try Matrix(rows: 5, columns: 1, storage: [1, 2, 3, 4, 5]),
                                  stream: stream, engine: engine)
        }
    }

    /// The exact pair sampler at large width reproduces P(ρ) of one layer (eq. (2.3)) and rejects bad pairs.
    /// The claims' parallel sweep returns bit for bit the values of a sequential loop, in item order, on two threads;
    /// an empty sweep returns nothing.
    @Test func parallelSweepMatchesSequentialLoop() throws {
        let ctx = ClaimContext(claimID: "sweep", seed: 1, budget: .quick, alpha: 1e-3, engine: try MonteCarloEngine(threads: 2))
        let kernel = try ActivationKernel(.erf(scale: 1))
        let rs = (0..<40).map { Double($0) / 40 }
        let sequential = try rs.map { try ConvexFamilies.croppedCovariance(kernel, r: $0).excess().value }
        #expect(try LayerNormClaims.sweep(ctx, rs) { try ConvexFamilies.croppedCovariance(kernel, r: $0).excess().value } == sequential)
        #expect(try LayerNormClaims.sweep(ctx, [Double]()) { $0 }.isEmpty)
    }

    /// The erf of the pair sampler and the layer-norm MLP evaluates Estrin's parts as lane pairs from a centre table; its
    /// bits are those of the scalar evaluation (centre (i + 1/2)/4 recomputed, parts one by one) it replaced, recorded as an
    /// FNV-1a hash of erf over every multiple of 2^−18 in (−8, 8), each with its neighbours one ulp up and down (every
    /// interval boundary and the series/Taylor switch at 1/16 included), plus the exact edge values.
    @Test func erfKeepsTheBitsOfTheScalarEstrinScheme() {
        var points = (0..<(1 << 21)).map { Double($0) * 0x1p-18 }
        points += points.map(\.nextUp) + points.map(\.nextDown)
        points += points.map { -$0 }
        let hash = points.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ Erf.value($1).bitPattern) &* 0x100_0000_01b3 }
        #expect(hash == 0x94b3_7002_107c_a0ad)
        #expect(Erf.value(0) == 0 && Erf.value(-0.0).sign == .minus && Erf.value(-6) == -1)
    }

    /// Erf of a pair, side by side, is the scalar erf of each argument bit for bit: every pairing of Taylor
    /// intervals, series-range and saturated arguments, signs and NaN.
    @Test func erfOfAPairKeepsTheScalarBits() {
        var points = (0..<(1 << 16)).map { Double($0) * 0x1p-13 } + [0x1p-4, (0x1p-4).nextDown, 6, (6.0).nextDown, .nan, .infinity]
        points += points.map { -$0 }
        let partners = points.reversed() + points.dropFirst(7) + points.prefix(7)
        for (x, y) in zip(points + points, partners) {
            let pair = Erf.pairValues(SIMD2(x, y))
            #expect(pair[0].bitPattern == Erf.value(x).bitPattern && pair[1].bitPattern == Erf.value(y).bitPattern,
                    "erf(\(x)), erf(\(y))")
        }
    }

    @Test func pairSamplerFollowsTheMeanFieldMap() throws {
        let network = try LayerNormMLP(inputWidth: 2, layers: [
            try LayerNormLayer(width: 200_000, activation: .identity, weightVariance: 1, biasVariance: 0.5),
            try LayerNormLayer(width: 200_000, activation: .relu, weightVariance: 2),
        ])
        var rng = Xoshiro256(seed: 12)
        let rhos = try network.sampledCorrelations(try LayerNormMLP.inputPair(cosine: 0.2, width: 2), rng: &rng,
                                                   sampler: NormalSampler())
        let first = (0.5 + 0.2) / 1.5
        #expect(abs(rhos[0] - first) < 0.01)
        #expect(abs(rhos[1] - (try LayerNormCorrelationMap(.relu, weightVariance: 2)(first))) < 0.01)
        // Without the layer norm (Poole et al.'s plain MLP), the ReLU layer sees unnormalized preactivations of mean
        // square 1.5; ReLU is homogeneous, so the correlation map is the same.
        let plain = try network.sampledCorrelations(try LayerNormMLP.inputPair(cosine: 0.2, width: 2), rng: &rng,
                                                    sampler: NormalSampler(), layerNorm: false)
        #expect(abs(plain[1] - (try LayerNormCorrelationMap(.relu, weightVariance: 2)(first))) < 0.01)
        #expect(throws: ParameterError.self) {
            try network.sampledCorrelations(try LayerNormMLP.inputPair(cosine: 0.2, width: 3), rng: &rng, sampler: NormalSampler())
        }
        #expect(throws: ParameterError.self) { try LayerNormMLP.inputPair(cosine: 1.2, width: 2) }
    }

    /// σ² = 0 gives the identity; the tangents match central differences; the pair sampler follows (A.10).
    @Test func residualNetworkIsConsistent() throws {
        let identity = try ResidualNetwork(width: 5, blocks: [try ResidualBlock(hiddenWidth: 7, activation: .relu, residualVariance: 0)])
        let x = try Matrix(rows: 5, columns: 1, storage: [1, -1, 0.5, 1.5, -0.2].map { $0 * (5 / 4.54).squareRoot() })
        let stream = StreamSeed(root: 4)
        let same = try identity.propagate(x, stream: stream).output
        for i in 0..<5 { #expect(abs(same[i, 0] - x[i, 0]) < 1e-12) }
        let network = try ResidualNetwork(width: 6, blocks: [
            try ResidualBlock(hiddenWidth: 9, activation: .erf(scale: 1), residualVariance: 1.5),
            try ResidualBlock(hiddenWidth: 8, activation: .tanh, residualVariance: 0.7),
        ])
        let y = try Matrix(rows: 6, columns: 1, storage: [0.3, -1.2, 0.8, 1.5, -0.4, 0.9])
        let (_, jacobian) = try network.jacobian(at: y, stream: stream)
        let h = 1e-6
        for j in 0..<6 {
            var plus = y.storage, minus = y.storage
            plus[j] += h; minus[j] -= h
            let zp = try network.propagate(try Matrix(rows: 6, columns: 1, storage: plus), stream: stream).output
            let zm = try network.propagate(try Matrix(rows: 6, columns: 1, storage: minus), stream: stream).output
            for i in 0..<6 { #expect(abs((zp[i, 0] - zm[i, 0]) / (2 * h) - jacobian[i, j]) < 1e-6) }
        }
        let wide = try ResidualNetwork(width: 200_000, blocks: [try ResidualBlock(hiddenWidth: 200_000, activation: .relu,
                                                                                   residualVariance: 1)])
        var rng = Xoshiro256(seed: 13)
        let record = try #require(try wide.sampledBlockStatistics(inputCosine: 0.3, rng: &rng, sampler: NormalSampler()).first)
        #expect(abs(record.hiddenCosine - 0.3) < 0.01)
        #expect(abs(record.outputCosine - (try ResidualCorrelationMap(.relu, residualVariance: 1)(0.3))) < 0.01)
        // σ² = 0 in the pair sampler: B = 0, so y = z and the block passes the correlation through (no 0/0).
        let still = try #require(try identity.sampledBlockStatistics(inputCosine: 0.3, rng: &rng, sampler: NormalSampler()).first)
        #expect(abs(still.outputCosine - 0.3) < 1e-14 && abs(still.residualInnerProduct - 0.3) < 1e-14)
        // The observer sees Y, y and z of each block; with σ² = 0, y = z = x.
        var stages: [ResidualNetwork.BlockValues] = []
        _ = try identity.propagate(x, stream: stream) { _, values in stages.append(values) }
        #expect(stages.count == 1 && stages[0].hidden.rows == 7)
        for i in 0..<5 { #expect(abs(stages[0].residual[i, 0] - x[i, 0]) < 1e-12 && abs(stages[0].output[i, 0] - x[i, 0]) < 1e-12) }
        #expect(throws: ParameterError.self) { try ResidualNetwork(width: 1, blocks: identity.blocks) }
        #expect(throws: ParameterError.self) { try ResidualBlock(hiddenWidth: 0, activation: .relu, residualVariance: 1) }
        #expect(throws: ParameterError.self) { try ResidualBlock(hiddenWidth: 3, activation: .relu, residualVariance: -1) }
        #expect(throws: ParameterError.self) { try identity.propagate(y, stream: stream) }
        #expect(throws: ParameterError.self) { try identity.sampledBlockStatistics(inputCosine: 2, rng: &rng, sampler: NormalSampler()) }
    }
}

/// The exact rational arithmetic the layer-norm claims enumerate identities with.
@Suite("Exact rationals")
struct ExactRationalTests {
    @Test func arithmeticIsExactAndOverflowThrows() throws {
        let a = try ExactRational(1, 3), b = try ExactRational(1, 6)
        #expect(try a + b == ExactRational(1, 2))
        #expect(try a - b == ExactRational(2, 12))
        #expect(try a * b == ExactRational(1, 18))
        #expect(try a / b == ExactRational(2))
        #expect(try ExactRational(2, -4) == ExactRational(-1, 2))
        #expect(throws: ExactRational.Overflow.self) { try ExactRational(1, 0) }
        #expect(throws: ExactRational.Overflow.self) { try ExactRational(Int64.max) * ExactRational(2) }
    }
}
