import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

@Suite("Random network models")
struct RandomNetworksTests {
    @Test func activationsAndDerivatives() throws {
        #expect(Activation.relu(-2) == 0 && Activation.relu(3) == 3)
        #expect(Activation.leakyReLU(slope: 0.1)(-2) == -0.2 && Activation.leakyReLU(slope: 0.1).derivative(-1) == 0.1)
        #expect(abs(Activation.erf(scale: 2)(0.5) - erf(1)) < 1e-16)
        #expect(abs(Activation.erf(scale: 1).derivative(0) - 2 / Double.pi.squareRoot()) < 1e-16)
        #expect(Activation.relu.isPositivelyHomogeneous && !Activation.tanh.isPositivelyHomogeneous)
        #expect(throws: ParameterError.self) { try Activation.erf(scale: 0).validated() }
        #expect(throws: ParameterError.self) { try Activation.leakyReLU(slope: .nan).validated() }
    }

    @Test func reluDualActivationHasItsKnownValues() throws {
        #expect(abs(try ReLUDualActivation.value(0) - 1 / Double.pi) < 1e-16)
        #expect(try ReLUDualActivation.value(1) == 1 && ReLUDualActivation.value(-1) == 0)
        #expect(abs(try ReLUDualActivation.value(0.5) - 0.6089977810442293) < 1e-15)
        #expect(abs(try ReLUDualActivation.derivative(0) - 0.5) < 1e-16)
        // Near -1 the value keeps relative accuracy: R̂(-1 + ε) = (2√2/(3π)) ε^{3/2} (1 + O(ε)).
        let rho = -1 + 1e-10
        let epsilon = 1 + rho // exact (Sterbenz), unlike the decimal 1e-10
        let leading = 2 * 2.0.squareRoot() / (3 * Double.pi) * pow(epsilon, 1.5)
        #expect(abs(try ReLUDualActivation.value(rho) / leading - 1) < 1e-9)
        // The identity R̂(ρ) − R̂(−ρ) = ρ ties the two ends together.
        for rho in [0.1, 0.5, 0.9, 0.999999] {
            #expect(abs(try ReLUDualActivation.value(rho) - ReLUDualActivation.value(-rho) - rho) < 1e-15)
        }
    }

    @Test func correlationsOutsideTheUnitIntervalAreRejected() {
        for bad in [1.0000001, -1.5, .nan, .infinity] {
            #expect(throws: ParameterError.self) { try ReLUDualActivation.value(bad) }
            #expect(throws: ParameterError.self) { try GaussianCovariance.closedForm(.relu, rho: bad) }
            #expect(throws: ParameterError.self) { try GaussianCovariance.quadrature(.erf(scale: 1), rho: bad) }
            #expect(throws: ParameterError.self) { try GaussianCovariance.reluOneDimensional(rho: bad) }
        }
    }

    /// Closed forms against nested quadrature for the activations the claims do not already cover.
    @Test(arguments: [-0.8, 0.0, 0.4, 0.95])
    func closedFormCovariancesMatchQuadrature(rho: Double) throws {
        for f in [Activation.absolute, .identity, .erf(scale: 2.5)] {
            let closed = try #require(try GaussianCovariance.closedForm(f, rho: rho))
            let numeric = try GaussianCovariance.quadrature(f, rho: rho)
            #expect(abs(numeric.value - closed) < 1e-9, "\(f) at \(rho)")
            let derivative = try #require(try GaussianCovariance.derivativeClosedForm(f, rho: rho))
            #expect(abs(try GaussianCovariance.derivativeQuadrature(f, rho: rho).value - derivative) < 1e-9, "\(f)' at \(rho)")
        }
        let rule = try GaussHermiteRule(points: 100)
        let tanhGH = try GaussianCovariance.gaussHermite(.tanh, rho: rho, rule: rule)
        #expect(abs(tanhGH - (try GaussianCovariance.quadrature(.tanh, rho: rho).value)) < 1e-9)
        #expect(try GaussianCovariance.closedForm(.tanh, rho: rho) == nil)
    }

    /// The per-process memo of nested quadratures returns exactly what a fresh computation returns, for both kernels,
    /// on the first request and on later ones (ρ = −0 and +0 each against its own computation).
    @Test func rememberedQuadraturesAreTheComputedOnes() throws {
        let f = Activation.tanh, tolerance = QuadratureTolerance(absolute: 1e-12, relative: 1e-9)
        for rho in [0.3125, -0.0, 0.0] {
            let value = try GaussianCovariance.quadrature(f.callAsFunction, kinks: f.kinks, f.callAsFunction, kinks: f.kinks,
                                                          rho: rho, tolerance: tolerance)
            let derivative = try GaussianCovariance.quadrature(f.derivative, kinks: f.kinks, f.derivative, kinks: f.kinks, rho: rho,
                                                               tolerance: tolerance)
            for _ in 0..<2 {
                #expect(try GaussianCovariance.quadrature(f, rho: rho, tolerance: tolerance) == value, "ρ = \(rho)")
                #expect(try GaussianCovariance.derivativeQuadrature(f, rho: rho, tolerance: tolerance) == derivative, "ρ = \(rho)")
            }
        }
    }

    @Test func hermiteCoefficientsAgreeByBothRoutes() throws {
        for k in 1...4 {
            let direct = try HermiteExpansion.coefficient(.tanh, order: k).value
            let byParts = try HermiteExpansion.coefficientByParts(.tanh, order: k).value
            #expect(abs(direct - byParts) < 1e-10, "order \(k)")
        }
        #expect(throws: ParameterError.self) { try HermiteExpansion.coefficient(.relu, order: -1) }
        #expect(throws: ParameterError.self) { try HermiteExpansion.coefficientByParts(.relu, order: 0) }
        #expect(try HermiteExpansion.closedFormLinearization(.tanh) == nil)
    }

    @Test func layerNormMapFixesOneAndReportsItsSlope() throws {
        let map = try LayerNormCorrelationMap(.relu, weightVariance: 2, biasVariance: 0.1)
        #expect(abs(try map(1) - 1) < 1e-15)
        #expect(abs(map.slopeAtOne - 2 * 0.5 / (0.1 + 2 * 0.5)) < 1e-15)
        #expect(abs(try map.withBiasVariance(0).slopeAtOne - 1) < 1e-15)
        #expect(throws: ParameterError.self) { try LayerNormCorrelationMap(.tanh, route: .closedForm) }
        #expect(throws: ParameterError.self) { try LayerNormCorrelationMap(.relu, weightVariance: -1) }
        #expect(throws: ParameterError.self) { try map.withBiasVariance(-0.1) }
    }

    @Test func dualActivationOfDefinitionOneRejectsBadInputs() throws {
        #expect(try DualActivation.expectation(.relu, x: [0, 0], y: [1, 2], nu: 1).value == 0)
        #expect(try DualActivation.homogeneousForm(.relu, x: [0, 0], y: [1, 2], nu: 1) == 0)
        #expect(throws: ParameterError.self) { try DualActivation.expectation(.relu, x: [1], y: [1, 2], nu: 1) }
        #expect(throws: ParameterError.self) { try DualActivation.expectation(.relu, x: [], y: [], nu: 1) }
        #expect(throws: ParameterError.self) { try DualActivation.expectation(.relu, x: [1], y: [1], nu: 0) }
        #expect(throws: ParameterError.self) { try DualActivation.expectation(.relu, x: [.nan], y: [1], nu: 1) }
        #expect(throws: ParameterError.self) { try DualActivation.homogeneousForm(.tanh, x: [1], y: [1], nu: 1) }
        #expect(abs(try DualActivation.normalized(.absolute, rho: 1) - 1) < 1e-15)
    }

    @Test func denseLayersMultiplyThroughBLASAndValidateShapes() throws {
        var rng = Xoshiro256(seed: 3)
        let layer = try FullyConnectedLayer.gaussian(inputs: 3, outputs: 4, variance: 1, activation: .identity, rng: &rng)
        let input = try Matrix(rows: 3, columns: 1, storage: [1, 0, 0])
        #expect(try layer(input).storage == layer.weights.column(0))
        #expect(throws: ParameterError.self) { try layer(Matrix(rows: 2, columns: 1, storage: [1, 2])) }
        #expect(throws: ParameterError.self) { try Matrix(rows: 0, columns: 1, storage: []) }
        #expect(throws: ParameterError.self) { try Matrix(rows: 2, columns: 2, storage: [1]) }
        #expect(throws: ParameterError.self) {
            try FullyConnectedLayer.gaussian(inputs: 3, outputs: 0, variance: 1, activation: .relu, rng: &rng)
        }
        #expect(throws: ParameterError.self) {
            try FullyConnectedLayer.gaussian(inputs: 3, outputs: 2, variance: -1, activation: .relu, rng: &rng)
        }
        let sampler = NormalSampler()
        #expect(throws: ParameterError.self) {
            try FullyConnectedLayer.sampledOutputCosine(activation: .tanh, inputCosine: 0, width: 4, rng: &rng, sampler: sampler)
        }
        #expect(throws: ParameterError.self) {
            try FullyConnectedLayer.sampledOutputCosine(activation: .relu, inputCosine: 2, width: 4, rng: &rng, sampler: sampler)
        }
        #expect(throws: ParameterError.self) {
            try FullyConnectedLayer.sampledOutputCosine(activation: .relu, inputCosine: 0, width: 0, rng: &rng, sampler: sampler)
        }
        #expect(Vector.cosine([0, 0], [1, 1]) == nil && Vector.cosine([1, 0], [1, 0]) == 1)
    }
}
