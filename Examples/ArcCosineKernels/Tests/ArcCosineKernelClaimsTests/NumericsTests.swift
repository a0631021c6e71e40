import ClaimKit
import ArcCosineKernelClaims
import Foundation
import Testing

/// Deterministic checks of the helpers the claims rely on.
@Suite struct NumericsTests {
    @Test func jacobiEigenvaluesOfKnownMatrices() throws {
        let two = try SymmetricEigenvalues([2, 1, 1, 2], size: 2)
        #expect(abs(two.values[0] - 1) < 1e-14 && abs(two.values[1] - 3) < 1e-14)
        // The second-difference matrix: eigenvalues 2 − 2 cos(kπ/(n+1)).
        let n = 8
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            matrix[i * n + i] = 2
            if i > 0 { matrix[i * n + i - 1] = -1; matrix[(i - 1) * n + i] = -1 }
        }
        let eigen = try SymmetricEigenvalues(matrix, size: n)
        let exact = (1...n).map { 2 - 2 * cos(Double($0) * Double.pi / Double(n + 1)) }.sorted()
        for (a, b) in zip(eigen.values, exact) { #expect(abs(a - b) <= eigen.error) }
        let indefinite = try SymmetricEigenvalues([1, 2, 2, 1], size: 2)
        #expect(indefinite.minimum < -0.99)
        #expect(throws: ParameterError.self) { try SymmetricEigenvalues([1, 2, 3, 1], size: 2) }
    }

    @Test func derivativeFormulaGivesTheLowDegreesSymbolically() throws {
        // n = 0: (π − θ); n = 1: sin θ + (π − θ) cos θ, term for term.
        #expect(try DerivativeFormula(degree: 0).terms == [DerivativeFormula.Term(a: 1, b: 0, c: 0): 1])
        #expect(try DerivativeFormula(degree: 1).terms == [DerivativeFormula.Term(a: 0, b: 1, c: 0): 1,
                                                           DerivativeFormula.Term(a: 1, b: 0, c: 1): 1])
        for theta in stride(from: 0.3, through: 2.8, by: 0.25) {
            let j2 = try DerivativeFormula(degree: 2).value(at: theta)
            #expect(abs(j2.value - (try ArcCosineKernel.angularPart(2, theta))) < 1e-12)
        }
    }

    @Test func angleIsStableAndKernelIsHomogeneous() throws {
        let x = [1.0, 0, 0], y = [cos(1e-9), sin(1e-9), 0]
        #expect(abs(try ArcCosineKernel.angle(x, y) - 1e-9) < 1e-22)
        let (u, v) = try inputPair(dimension: 5, norms: (2, 3), angle: 1)
        #expect(abs(ArcCosineKernel.norm(u) - 2) < 1e-14 && abs(ArcCosineKernel.norm(v) - 3) < 1e-14)
        #expect(abs(try ArcCosineKernel.angle(u, v) - 1) < 1e-14)
        for n in 0...2 {
            let k = try ArcCosineKernel.kernel(n, u, v)
            let scaled = try ArcCosineKernel.kernel(n, u.map { 3 * $0 }, v)
            #expect(abs(scaled - pow(3, Double(n)) * k) < 1e-12 * max(1, abs(k)))
        }
    }

    @Test func angleMapMatchesTheGramRecursion() throws {
        for n in 0...2 {
            for theta in [0.1, 1.0, 2.0, 3.0] {
                let gram = try MultilayerGram(norms: (1.3, 0.6), angle: theta).next(n)
                #expect(abs(try ArcCosineKernel.angleMap(n, theta) - gram.angle) < 1e-12)
            }
        }
    }
}
