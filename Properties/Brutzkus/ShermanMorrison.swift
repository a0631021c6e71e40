import ClaimKit
import Foundation
import GSL
import RandomNetworks

extension BrutzkusClaims {
    static let shermanMorrison = Claim(
        id: "BG-T4.2-SM", paper: Papers.brutzkus, location: "§4, proof of Theorem 4.2, after eq. (5)",
        statement: """
        "There is a unique solution because the corresponding matrix of the linear system is the difference between an \
        all 1's matrix and the identity matrix. By the Sherman-Morrison formula, this matrix is invertible, where in the \
        formula the outer product rank-1 matrix is the all 1's matrix and the invertible matrix is minus the identity matrix."
        """,
        assumptions: [
            "the matrix is M = J − I of size N = 2^{n−1}, n ≥ 2 (Theorem 4.2's assumption); J = 1 1ᵀ",
            "Sherman–Morrison: A + uvᵀ is invertible iff 1 + vᵀA⁻¹u ≠ 0, and then (A + uvᵀ)⁻¹ = A⁻¹ − A⁻¹uvᵀA⁻¹/(1 + vᵀA⁻¹u); here A = −I, u = v = 1",
            "n = 1 (N = 1, M = [0]) is checked as the case the assumption n ≥ 2 excludes",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for n in 2...10 {
            let size = 1 << (n - 1)
            // 1 + vᵀA⁻¹u with A⁻¹u from GSL's LU solve of (−I) x = 1.
            let minusIdentity = (0..<(size * size)).map { $0 / size == $0 % size ? -1.0 : 0.0 }
            let denominator = 1 + (try LinearAlgebra.solve(minusIdentity, [Double](repeating: 1, count: size))).reduce(0, +)
            ctx.bound("n = \(n), N = \(size): |1 + vᵀA⁻¹u| ≥ 1 (M invertible; A⁻¹u by GSL LU)", route: .enumeration,
                      value: abs(denominator), error: Double(size) * Double.ulpOfOne * abs(denominator),
                      region: .atLeast(1), resolution: 1e-12, note: "1 − N = \(1 - size)")
            // The Sherman–Morrison inverse −I − (−I)J(−I)/(1 − N) = J/(N − 1) − I, multiplied back by hand.
            let inverse = { (i: Int, j: Int) -> Double in 1 / Double(size - 1) - (i == j ? 1 : 0) }
            var residual = 0.0
            for i in 0..<size {
                for j in 0..<size {
                    var product = 0.0
                    for q in 0..<size where q != i { product += inverse(q, j) }
                    residual = max(residual, abs(product - (i == j ? 1 : 0)))
                }
            }
            ctx.compare("n = \(n): max |M · (J/(N−1) − I) − I| (Sherman–Morrison inverse)", route: .enumeration,
                        value: residual, error: Double(size) * Double.ulpOfOne, reference: 0,
                        referenceRoute: .closedForm, resolution: 1e-10, samples: size * size)
            // GSL's LU solve of M x = e_j for two columns of the inverse.
            let matrix = (0..<(size * size)).map { $0 / size == $0 % size ? 0.0 : 1.0 }
            var luGap = 0.0
            for j in Set([0, size - 1]) {
                let column = try LinearAlgebra.solve(matrix, (0..<size).map { $0 == j ? 1.0 : 0.0 })
                for i in 0..<size { luGap = max(luGap, abs(column[i] - inverse(i, j))) }
            }
            ctx.compare("n = \(n): max |M⁻¹ by GSL LU − J/(N−1) + I| on two columns", route: .enumeration,
                        value: luGap, error: Double(size) * Double.ulpOfOne, reference: 0, referenceRoute: .closedForm,
                        resolution: 1e-10, samples: 2 * size)
            // Spectrum: M1 = (N − 1)1 and M(e_1 − e_j) = −(e_1 − e_j), so det M = (−1)^{N−1}(N − 1) ≠ 0.
            var eigenResidual = 0.0
            for i in 0..<size {
                let m1 = (0..<size).reduce(0.0) { $0 + ($1 == i ? 0 : 1) }
                eigenResidual = max(eigenResidual, abs(m1 - Double(size - 1)))
            }
            for j in 1..<size {
                let v = (0..<size).map { $0 == 0 ? 1.0 : ($0 == j ? -1.0 : 0) }
                for i in 0..<size {
                    let mv = (0..<size).reduce(0.0) { $0 + ($1 == i ? 0 : v[$1]) }
                    eigenResidual = max(eigenResidual, abs(mv + v[i]))
                }
            }
            ctx.compare("n = \(n): eigenvectors 1 (λ = N − 1) and e_1 − e_j (λ = −1): max residual", route: .enumeration,
                        value: eigenResidual, reference: 0, referenceRoute: .closedForm, resolution: 1e-12,
                        samples: size * size)
        }
        // The excluded case n = 1: M = [0]; the Sherman–Morrison denominator vanishes and LU reports it singular.
        var singular = 0.0
        do { _ = try LinearAlgebra.solve([0], [1]) } catch { singular = 1 }
        ctx.compare("n = 1 (excluded by n ≥ 2): 1 − N = 0 and GSL LU finds M = [0] singular", route: .enumeration,
                    value: singular, reference: 1, referenceRoute: .closedForm, resolution: 0.5)
    }
}
