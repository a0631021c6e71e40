import Foundation
import GSL
import Testing

/// The GSL bridge: known values, and every failure path turned into a thrown error.
@Suite("GSL bridge")
struct GSLTests {
    @Test func specialFunctionsMatchKnownValues() throws {
        #expect(abs(try SpecialFunctions.erf(1).value - 0.8427007929497149) < 1e-15)
        #expect(abs(try SpecialFunctions.erfc(5).value - 1.5374597944280349e-12) < 1e-26)
        #expect(abs(try SpecialFunctions.gamma(5).value - 24) < 1e-12)
        #expect(abs(try SpecialFunctions.logGamma(0.5).value - 0.5 * log(Double.pi)) < 1e-15)
        #expect(abs(try SpecialFunctions.beta(2, 3).value - 1.0 / 12) < 1e-15)
        #expect(abs(try SpecialFunctions.logFactorial(10).value - log(3_628_800)) < 1e-12)
        // He_3(x) = x^3 - 3x; h_3 = He_3 / sqrt(6).
        #expect(abs(try SpecialFunctions.hermiteProbabilists(3, 2).value - 2) < 1e-14)
        #expect(abs(try SpecialFunctions.normalizedHermite(3, 2).value - 2 / 6.0.squareRoot()) < 1e-14)
    }

    @Test func normalizedHermitePolynomialsAreOrthonormal() throws {
        let rule = try GaussHermiteRule(points: 40)
        for j in 0...6 {
            for k in 0...6 {
                let inner = try rule.expectation { x in
                    try SpecialFunctions.normalizedHermite(j, x).value * SpecialFunctions.normalizedHermite(k, x).value
                }
                #expect(abs(inner - (j == k ? 1 : 0)) < 1e-12, "E[h_\(j) h_\(k)] = \(inner)")
            }
        }
    }

    @Test func specialFunctionDomainErrorsThrowWithGSLReason() {
        #expect {
            try SpecialFunctions.gamma(-2)
        } throws: { error in
            guard let gsl = error as? GSLError else { return false }
            return gsl.status == 1 /* GSL_EDOM */ && !gsl.reason.isEmpty && gsl.function == "gsl_sf_gamma_e"
        }
        #expect(throws: GSLError.self) { try SpecialFunctions.gamma(200) } // overflow
        #expect(throws: ParameterError.self) { try SpecialFunctions.erf(.nan) }
        #expect(throws: ParameterError.self) { try SpecialFunctions.logFactorial(-1) }
        #expect(throws: ParameterError.self) { try SpecialFunctions.hermiteProbabilists(-1, 0) }
        #expect(throws: ParameterError.self) { try SpecialFunctions.logBeta(0, 1) }
    }

    @Test func distributionsMatchKnownValues() throws {
        #expect(abs(Distributions.normalCDF(1.96) - 0.9750021048517795) < 1e-15)
        #expect(abs(Distributions.normalPDF(0) - 1 / (2 * Double.pi).squareRoot()) < 1e-16)
        #expect(abs(try Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(try Distributions.normalUpperQuantile(1e-10) - 6.361340902404056) < 1e-9)
        #expect(abs(try Distributions.studentTUpperQuantile(0.025, dof: 10) - 2.2281388519649385) < 1e-9)
        #expect(abs(try Distributions.chiSquaredQuantile(0.5, dof: 2) - 2 * log(2)) < 1e-12)
        #expect(abs(try Distributions.chiSquaredUpperTail(2 * log(2), dof: 2) - 0.5) < 1e-14)
        #expect(abs(try Distributions.betaCDF(0.5, a: 2, b: 2) - 0.5) < 1e-15)
        #expect(abs(try Distributions.betaQuantile(0.5, a: 3, b: 3) - 0.5) < 1e-12)
        #expect(abs(try Distributions.binomialUpperTail(atLeast: 3, trials: 3, probability: 0.5) - 0.125) < 1e-15)
        #expect(abs(try Distributions.binomialLowerTail(atMost: 0, trials: 3, probability: 0.5) - 0.125) < 1e-15)
    }

    /// GSL's own inverse fails to converge at these sizes; the Brent-based quantile does not.
    @Test func betaQuantileHandlesClopperPearsonSizes() throws {
        let x = try Distributions.betaQuantile(1e-6, a: 1_300_000, b: 2_700_001)
        #expect(abs(try Distributions.betaCDF(x, a: 1_300_000, b: 2_700_001) - 1e-6) < 1e-12)
    }

    /// With the mean exactly on a bisection point of [0, 1] (here 1/4) GSL's incomplete beta does not
    /// converge near the mean; the tail quantiles of Clopper–Pearson intervals must still be found.
    @Test func betaQuantileAvoidsTheCenterOfHugeBetas() throws {
        let (a, b) = (1_000_000.0, 3_000_001.0)
        let lower = try Distributions.betaQuantile(5e-8, a: a, b: b), upper = try Distributions.betaQuantile(1 - 5e-8, a: a, b: b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        #expect(lower < 0.25 - 4 * sd && lower > 0.25 - 7 * sd)
        #expect(upper > 0.25 + 4 * sd && upper < 0.25 + 7 * sd)
        #expect(abs(try Distributions.betaCDF(lower, a: a, b: b) - 5e-8) < 1e-12)
        #expect(throws: (any Error).self) { try Distributions.betaCDF(0.25, a: a, b: b) }
    }

    @Test func distributionArgumentsOutsideTheirDomainThrow() {
        #expect(throws: ParameterError.self) { try Distributions.normalQuantile(0) }
        #expect(throws: ParameterError.self) { try Distributions.normalQuantile(1.5) }
        #expect(throws: ParameterError.self) { try Distributions.normalUpperQuantile(.nan) }
        #expect(throws: ParameterError.self) { try Distributions.studentTUpperQuantile(0.1, dof: 0) }
        #expect(throws: ParameterError.self) { try Distributions.chiSquaredQuantile(0.5, dof: -1) }
        #expect(throws: ParameterError.self) { try Distributions.betaQuantile(2, a: 1, b: 1) }
        #expect(throws: ParameterError.self) { try Distributions.betaCDF(0.5, a: 0, b: 1) }
        #expect(throws: ParameterError.self) { try Distributions.binomialUpperTail(atLeast: 1, trials: 5, probability: 1.5) }
    }

    @Test func quadratureMatchesKnownIntegrals() throws {
        let sqrtSingularity = try Integration.qags({ 1 / $0.squareRoot() }, from: 0, to: 1)
        #expect(abs(sqrtSingularity.value - 2) < 1e-9)
        let decay = try Integration.qagiu({ exp(-$0) }, from: 0)
        #expect(abs(decay.value - 1) < 1e-12 && decay.absoluteError < 1e-9)
        let growth = try Integration.qagil({ exp($0) }, to: 0)
        #expect(abs(growth.value - 1) < 1e-12)
        let gaussian = try Integration.qagi({ exp(-$0 * $0) })
        #expect(abs(gaussian.value - Double.pi.squareRoot()) < 1e-12)
        let kinked = try Integration.qagp({ abs($0 - 0.3) }, points: [0, 0.3, 1])
        #expect(abs(kinked.value - (0.045 + 0.245)) < 1e-14)
        let smooth = try Integration.qag({ sin($0) }, from: 0, to: Double.pi)
        #expect(abs(smooth.value - 2) < 1e-13)
        let secondMoment = try Integration.gaussianExpectation({ $0 * $0 })
        #expect(abs(secondMoment.value - 1) < 1e-12)
        let relu = try Integration.gaussianExpectation({ max(0, $0) }, kinks: [0])
        #expect(abs(relu.value - 1 / (2 * Double.pi).squareRoot()) < 1e-13)
    }

    struct Sentinel: Error, Equatable {}

    @Test func quadratureFailuresThrow() {
        #expect(throws: Sentinel.self) { try Integration.qags({ _ in throw Sentinel() }, from: 0, to: 1) }
        #expect {
            try Integration.qags({ $0 < 0.5 ? 1 : .nan }, from: 0, to: 1)
        } throws: { ($0 as? GSLError)?.reason.contains("nan") == true }
        #expect(throws: GSLError.self) { // does not converge in 3 subintervals
            try Integration.qags({ sin(1 / $0) / $0 }, from: 1e-3, to: 1, tolerance: .init(absolute: 0, relative: 1e-12, limit: 3))
        }
        #expect(throws: ParameterError.self) { try Integration.qags({ $0 }, from: 0, to: .infinity) }
        #expect(throws: ParameterError.self) { try Integration.qagp({ $0 }, points: [0, 1, 0.5]) }
        #expect(throws: ParameterError.self) { try Integration.qag({ $0 }, from: 0, to: 1, tolerance: .init(absolute: 0, relative: 0)) }
        #expect(throws: ParameterError.self) { try Integration.gaussianExpectation({ $0 }, kinks: [.nan]) }
    }

    @Test func gaussHermiteIsExactForPolynomials() throws {
        let rule = try GaussHermiteRule(points: 10)
        #expect(abs(rule.weights.reduce(0, +) - 1) < 1e-14)
        #expect(abs(rule.expectation { pow($0, 4) } - 3) < 1e-12)
        #expect(abs(rule.expectation { pow($0, 18) } - 34_459_425) < 1e-4) // 17!! = 34459425; degree 18 <= 19
        let covariance = try rule.correlatedExpectation(rho: 0.3, { $0 * $0 }, { $0 * $0 })
        #expect(abs(covariance - (1 + 2 * 0.09)) < 1e-12) // E[X²Y²] = 1 + 2ρ²
        #expect(throws: ParameterError.self) { try GaussHermiteRule(points: 0) }
        #expect(throws: ParameterError.self) { try rule.correlatedExpectation(rho: 1.1, { $0 }, { $0 }) }
    }

    @Test func brentFindsBracketedRootsAndRejectsUnbracketedOnes() throws {
        let root = try RootFinding.brent({ cos($0) }, lower: 1, upper: 2)
        #expect(abs(root.value - Double.pi / 2) < 1e-13)
        #expect {
            try RootFinding.brent({ $0 * $0 + 1 }, lower: -1, upper: 1)
        } throws: { error in
            guard let gsl = error as? GSLError else { return false }
            return gsl.reason.contains("straddle")
        }
        #expect(throws: GSLError.self) { try RootFinding.brent({ $0 - 0.123 }, lower: 0, upper: 1, maxIterations: 1) }
        #expect(throws: ParameterError.self) { try RootFinding.brent({ $0 }, lower: 1, upper: 0) }
        #expect(throws: Sentinel.self) { try RootFinding.brent({ _ in throw Sentinel() }, lower: 0, upper: 1) }
    }

    @Test func luSolveSolvesAndRejectsSingularOrMalformedSystems() throws {
        let x = try LinearAlgebra.solve([2, 1, 0, 1, 3, 1, 0, 1, 4], [3, 5, 5])
        for (value, expected) in zip(x, [1.0, 1, 1]) { #expect(abs(value - expected) < 1e-14) }
        #expect {
            try LinearAlgebra.solve([1, 2, 2, 4], [1, 2])
        } throws: { ($0 as? GSLError)?.reason.contains("singular") == true }
        #expect(throws: ParameterError.self) { try LinearAlgebra.solve([1, 2, 3], [1, 2]) }
        #expect(throws: ParameterError.self) { try LinearAlgebra.solve([1, .nan, 0, 1], [1, 2]) }
        #expect(throws: ParameterError.self) { try LinearAlgebra.solve([], []) }
    }

    @Test func weightedLineFitRecoversALine() throws {
        let fit = try WeightedLineFit(x: [1, 2, 3, 4], y: [3, 5, 7, 9], weights: [1, 1, 1, 1])
        #expect(abs(fit.slope - 2) < 1e-14 && abs(fit.intercept - 1) < 1e-13 && fit.chiSquared < 1e-20)
        #expect(throws: ParameterError.self) { try WeightedLineFit(x: [1, 1, 1], y: [1, 2, 3], weights: [1, 1, 1]) }
        #expect(throws: ParameterError.self) { try WeightedLineFit(x: [1, 2, 3], y: [1, 2, 3], weights: [1, 0, 1]) }
        #expect(throws: ParameterError.self) { try WeightedLineFit(x: [1, 2], y: [1, 2], weights: [1, 1]) }
    }

    @Test func gslStreamsAreSeededAndReproducible() throws {
        let a = try GSLRandomStream(seed: 7), b = try GSLRandomStream(seed: 7), c = try GSLRandomStream(seed: 8)
        let first = (0..<5).map { _ in a.uniform() }
        #expect(first == (0..<5).map { _ in b.uniform() })
        #expect(first != (0..<5).map { _ in c.uniform() })
        #expect(first.allSatisfy { (0..<1).contains($0) })
    }
}
