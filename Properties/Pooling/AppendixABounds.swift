import ClaimKit
import Foundation
import GSL
import RandomNetworks
import Randomness

extension PoolingClaims {
    /// POOL-PA-COSBOUND: the cosine lower bounds at the start of App. A.
    static let cosineBound = Claim(
        id: "POOL-PA-COSBOUND", paper: Papers.pooling, location: "App. A, first display",
        statement: """
        ρ(g(x), g(y)) = ½(‖g(x)‖/‖g(y)‖ + ‖g(y)‖/‖g(x)‖) − ½‖g(x) − g(y)‖²/(‖g(x)‖‖g(y)‖) \
        ≥ 1 − ½‖g(x) − g(y)‖²/(‖g(x)‖‖g(y)‖) ≥ 1 − ½(‖g(y)‖/ε − 1)^{−2} when ‖g(x) − g(y)‖ ≤ ε.
        """,
        assumptions: [
            "g(x), g(y) ≠ 0 arbitrary vectors; the second bound needs ε < ‖g(y)‖ (else (‖g(y)‖/ε − 1)^{−2} is meaningless)",
            "the OCR'd chain has garbled middle lines (a '≤', '= 1 + ‖g(x)‖ + ‖g(y)‖', a denominator ‖g(x) − g(y)‖²); the first and last inequalities are checked",
            "enumeration over 20 000 deterministic random pairs (dimensions 1–9, scales 10^{−3}–10^{3}), plus the tight cases ‖g(x)‖ = ‖g(y)‖ (equality in the first bound) and ε = ‖g(x) − g(y)‖",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        var rng = ctx.stream("pairs").generator()
        let sampler = NormalSampler()
        let count = ctx.scope(quick: 20_000, full: 200_000)
        var identityGap = 0.0, firstSlack = Double.infinity, secondSlack = Double.infinity, equalNormSlack = 0.0
        for trial in 0..<count {
            let dimension = 1 + trial % 9
            let scale = pow(10, 6 * rng.nextUniform() - 3)
            let x = (0..<dimension).map { _ in sampler.next(using: &rng) }
            var y = (0..<dimension).map { _ in scale * sampler.next(using: &rng) }
            if trial % 4 == 0 { // equal norms: the first bound is an equality
                let factor = Vector.norm(x) / Vector.norm(y)
                y = y.map { $0 * factor }
            }
            let a = Vector.norm(x), b = Vector.norm(y)
            let difference = Vector.norm(zip(x, y).map { $0 - $1 })
            let rho = Vector.dot(x, y) / (a * b)
            let rewritten = 0.5 * (a / b + b / a) - 0.5 * difference * difference / (a * b)
            identityGap = max(identityGap, abs(rho - rewritten) / (a / b + b / a))
            let first = 1 - 0.5 * difference * difference / (a * b)
            firstSlack = min(firstSlack, rho - first)
            if trial % 4 == 0 { equalNormSlack = max(equalNormSlack, abs(rho - first)) }
            if difference < b {
                let second = 1 - 0.5 / ((b / difference - 1) * (b / difference - 1))
                secondSlack = min(secondSlack, first - second)
            }
        }
        let rounding = 1e-12
        ctx.bound("max |ρ − [½(a/b + b/a) − ½‖g(x)−g(y)‖²/(ab)]| / (a/b + b/a) (the rewriting)", route: .enumeration,
                  value: identityGap, error: rounding, region: .equal(0), resolution: 1e-10, samples: count,
                  note: "relative to the size of the rewritten terms, which reach 10^6 when the norms differ by 10^3")
        ctx.bound("min ρ − (1 − ½‖g(x)−g(y)‖²/(ab)) (first bound)", route: .enumeration, value: firstSlack,
                  error: rounding, region: .atLeast(0), resolution: 1e-10, samples: count)
        ctx.bound("max |ρ − (1 − ½‖g(x)−g(y)‖²/(ab))| at equal norms (the first bound is tight)", route: .enumeration,
                  value: equalNormSlack, error: rounding, region: .equal(0), resolution: 1e-10, samples: count / 4)
        ctx.bound("min (1 − ½‖g(x)−g(y)‖²/(ab)) − (1 − ½(‖g(y)‖/ε − 1)^{−2}), ε = ‖g(x)−g(y)‖ < ‖g(y)‖", route: .enumeration,
                  value: secondSlack, error: rounding, region: .atLeast(0), resolution: 1e-10, samples: count)
    }

    /// POOL-PA-PSI2: the sub-Gaussian norm chain of App. A.
    static let psi2Chain = Claim(
        id: "POOL-PA-PSI2", paper: Papers.pooling, location: "App. A, ψ2 display and the line after it",
        statement: """
        ‖A(F(x))_i − A(F(y))_i‖_ψ2 ≤ 2‖A(F(x))_i − E[A(F(x))_i]‖_ψ2 ≤ 2√(C/n)‖x_i‖_ψ2 ≤ 3√(C/n), using \
        ‖Σ X_j‖²_ψ2 ≤ C Σ‖X_j‖²_ψ2 for independent mean-zero sub-Gaussian X_j; hence \
        ‖(A(F(x))_i − A(F(y))_i)²‖_ψ1 = ‖A(F(x))_i − A(F(y))_i‖²_ψ2 ≤ 9C/n.
        """,
        assumptions: [
            "x_i is not defined; it is read as the centred ReLU unit r(w·x) − 1/√(2π), the summand the sum rule is applied to (unit-variance pre-activations)",
            "C is Vershynin's unspecified absolute constant: the constant-free steps are checked — ‖x_i‖_ψ2 ≤ 3/2 and the first inequality at n = 1, ρ = −1, where A_i(x) − A_i(y) = w·x = Z; ‖X²‖_ψ1 = ‖X‖²_ψ2 holds by the substitution t = s² in the definitions",
            "ψ norms by QUADPACK (E exp(·) over Z ~ N(0, 1)) and Brent's method",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        // ‖r(Z) − c‖_ψ2 = √2 exactly (c = 1/√(2π)): for t < √2 the exponent (1/t² − 1/2)z² grows and the
        // moment is infinite; at t = √2 it is 1.5 e^{c²/2} < 2.
        let mu = 1 / (2 * Double.pi).squareRoot()
        let atRootTwo = try OrliczNorm.psi2Moment({ max(0, $0) - mu }, kinks: [0], at: 2.0.squareRoot())
        ctx.compare("E exp((r(Z) − 1/√(2π))²/2) by QUADPACK vs 1.5 e^{1/(4π)}", route: .quadrature,
                    value: atRootTwo.value, error: atRootTwo.absoluteError, reference: 1.5 * exp(1 / (4 * Double.pi)),
                    referenceRoute: .closedForm, resolution: 1e-9)
        ctx.bound("E exp((r(Z) − 1/√(2π))²/2) ≤ 2, so ‖x_i‖_ψ2 = √2", route: .quadrature, value: atRootTwo.value,
                  error: atRootTwo.absoluteError, region: .atMost(2), resolution: 1e-9)
        ctx.bound("2‖x_i‖_ψ2 = 2√2 ≤ 3", route: .closedForm, value: 2 * 2.0.squareRoot(), region: .atMost(3),
                  resolution: 1e-13, note: "were x_i the pre-activation Z, 2‖Z‖_ψ2 = 2√(8/3) = 3.266 > 3")
        let gaussian = try OrliczNorm.psi2({ $0 }, bracket: 1.45...3.0)
        ctx.compare("‖Z‖_ψ2 by QUADPACK + Brent vs √(8/3) (E exp(Z²/t²) = (1 − 2/t²)^{−1/2})", route: .rootFinding,
                    value: gaussian.value, error: gaussian.upper - gaussian.lower, reference: (8.0 / 3).squareRoot(),
                    referenceRoute: .closedForm, resolution: 1e-8)
        // n = 1, ρ = −1: A_i(x) − A_i(y) = r(Z) − r(−Z) = Z.
        ctx.bound("‖A_i(x) − A_i(y)‖_ψ2 − 2‖A_i(x) − E A_i(x)‖_ψ2 ≤ 0 at n = 1, ρ = −1 (‖Z‖_ψ2 − 2√2)",
                  route: .rootFinding, value: gaussian.value - 2 * 2.0.squareRoot(),
                  error: gaussian.upper - gaussian.lower, region: .atMost(0), resolution: 1e-9)
    }
}
