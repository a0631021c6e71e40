import ClaimKit
import Foundation
import GSL

/// Angles with the labels the assertions show.
struct LabelledAngle: Sendable {
    let value: Double
    let label: String

    init(_ value: Double, _ label: String) {
        self.value = value
        self.label = label
    }

    /// Interior angles from next to 0 to next to π, where the closed forms and the
    /// quadrature are most fragile (J_1, J_2 vanish like (π − θ)³ and (π − θ)⁵ at π).
    static let grid: [LabelledAngle] = [
        .init(1e-3, "1e-3"), .init(0.05, "0.05"), .init(Double.pi / 6, "π/6"), .init(Double.pi / 4, "π/4"),
        .init(Double.pi / 3, "π/3"), .init(Double.pi / 2, "π/2"), .init(2 * Double.pi / 3, "2π/3"),
        .init(3 * Double.pi / 4, "3π/4"), .init(5 * Double.pi / 6, "5π/6"), .init(Double.pi - 0.05, "π − 0.05"),
        .init(Double.pi - 1e-3, "π − 1e-3"),
    ]

    /// Angles where the derivative formula's negative powers of sin θ stay moderate.
    static let interior: [LabelledAngle] = grid.filter { $0.value >= Double.pi / 6 - 1e-12 && $0.value <= 5 * Double.pi / 6 + 1e-12 }
}

extension ArcCosineKernelClaims {
    /// CS-JN-QUAD: the printed closed forms of J_0, J_1, J_2 against the integral representation (1) by QUADPACK.
    static let closedFormsByQuadrature = Claim(
        id: "CS-JN-QUAD", paper: paper, location: "§2, eq. (1), the closed form of k_n and the printed J_0, J_1, J_2",
        statement: """
        k_n(x, y) = 2 ∫ dw (e^{−‖w‖²/2} / (2π)^{d/2}) Θ(w·x) Θ(w·y) (w·x)ⁿ (w·y)ⁿ (eq. (1)) has the closed form \
        k_n(x, y) = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ), θ = cos⁻¹(x·y / (‖x‖ ‖y‖)), with J_0(θ) = π − θ, \
        J_1(θ) = sin θ + (π − θ) cos θ and J_2(θ) = 3 sin θ cos θ + (π − θ)(1 + 2 cos² θ).
        """,
        assumptions: [
            "x, y ∈ ℝ^d nonzero, d ≥ 2; Θ the Heaviside step (its value at 0 is immaterial: a null set)",
            "the d-dimensional Gaussian integral reduces exactly to the plane of x and y: (w·x̂, w·ŷ) is a standard normal pair of correlation cos θ whatever d is",
            "by homogeneity of (1) in ‖x‖ and ‖y‖ it suffices to take unit x, y: then π × (1) must equal J_n(θ)",
            "θ on a grid from 1e-3 to π − 1e-3 (the end points themselves are CS-SPECIAL)",
            "resolution 1e-9 relative to max(1, |J_n(θ)|)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        var quadrature: [[Double]] = Array(repeating: [], count: 3)
        for n in ArcCosineKernel.printedDegrees {
            for theta in LabelledAngle.grid {
                let integral = try IntegralRepresentation.unitKernel(n, angle: theta.value)
                quadrature[n].append(Double.pi * integral.value)
                let closed = try ArcCosineKernel.angularPart(n, theta.value)
                ctx.compare("J_\(n)(\(theta.label)): π × eq. (1) by nested QUADPACK vs the printed closed form",
                            route: .quadrature, value: Double.pi * integral.value, error: Double.pi * integral.absoluteError,
                            reference: closed, referenceRoute: .closedForm,
                            referenceError: ArcCosineKernel.angularPartRoundingError(n, theta.value),
                            resolution: 1e-9 * max(1, abs(closed)))
            }
        }
        let curve = (0...120).map { Double($0) * Double.pi / 120 }
        ctx.attach(Figure(
            name: "angular-dependence", title: "J_n(θ): printed closed forms (lines) and π × eq. (1) by QUADPACK (markers)",
            xLabel: "θ", yLabel: "J_n(θ)",
            series: try ArcCosineKernel.printedDegrees.flatMap { n in [
                Figure.Series(label: "J_\(n) closed form", style: .line, x: curve,
                              y: try curve.map { try ArcCosineKernel.angularPart(n, $0) }),
                Figure.Series(label: "J_\(n) by QUADPACK", style: .scatter, x: LabelledAngle.grid.map(\.value), y: quadrature[n]),
            ] }))
    }

    /// CS-JN-DERIV: the general formula for J_n by differentiation, symbolically.
    static let derivativeFormula = Claim(
        id: "CS-JN-DERIV", paper: paper, location: "§2, the general formula for J_n (derivative form)",
        statement: """
        J_n(θ) = (−1)ⁿ (sin θ)^{2n+1} ((1/sin θ) ∂/∂θ)ⁿ ((π − θ)/sin θ) for all n = 0, 1, 2, ...; \
        for n = 0, 1, 2 it gives the printed J_0, J_1, J_2.
        """,
        assumptions: [
            "the formula is evaluated by exact symbolic differentiation (integer coefficients of (π − θ)^a sin^b θ cos^c θ), then numerically with a rounding bound",
            "θ ∈ [π/6, 5π/6], where the negative powers of sin θ keep the rounding bound small; resolution 1e-9 relative to max(1, |J_n|)",
            "J_n for n ≥ 3 is what the integral representation, eq. (1), gives: π × eq. (1) at unit x, y, by QUADPACK (checked for n = 3)",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for n in 0...3 {
            let formula = try DerivativeFormula(degree: n)
            for theta in LabelledAngle.interior {
                let symbolic = formula.value(at: theta.value)
                let resolution = 1e-9 * max(1, abs(symbolic.value))
                if n <= 2 {
                    ctx.compare("J_\(n)(\(theta.label)): derivative formula vs the printed closed form", route: .closedForm,
                                value: symbolic.value, error: symbolic.error,
                                reference: try ArcCosineKernel.angularPart(n, theta.value), referenceRoute: .closedForm,
                                referenceError: ArcCosineKernel.angularPartRoundingError(n, theta.value), resolution: resolution)
                } else {
                    let integral = try IntegralRepresentation.unitKernel(n, angle: theta.value)
                    ctx.compare("J_3(\(theta.label)): derivative formula vs π × eq. (1) by nested QUADPACK", route: .closedForm,
                                value: symbolic.value, error: symbolic.error, reference: Double.pi * integral.value,
                                referenceRoute: .quadrature, referenceError: Double.pi * integral.absoluteError,
                                resolution: resolution, note: theta.label == "π/2" ? "J_3(θ) = \(formula.description)" : nil)
                }
            }
        }
    }

    /// CS-SPECIAL: the closed form of k_n at θ = 0 and θ = π.
    static let specialValues = Claim(
        id: "CS-SPECIAL", paper: paper, location: "§2, the closed form of k_n with the printed J_n, at θ = 0 and θ = π",
        statement: """
        k_n(x, y) = (1/π) ‖x‖ⁿ ‖y‖ⁿ J_n(θ); at θ = 0 the closed forms give J_0(0) = J_1(0) = π and J_2(0) = 3π, \
        so k_n(x, x) = (2n − 1)!! ‖x‖^{2n} (k_0(x, x) = 1, k_1(x, x) = ‖x‖²), and at θ = π, J_n(π) = 0: k_n(x, −x) = 0.
        """,
        assumptions: [
            "a consequence of the printed formulas rather than a sentence of the paper: J_n(0) = π (2n − 1)!! is the Gaussian moment 2π E[Θ(Z) Z^{2n}]",
            "(2n − 1)!! = 2ⁿ Γ(n + 1/2)/√π evaluated with GSL's gamma function and its error estimate",
            "k_n(x, −x) = 2 E[Θ(w·x) Θ(−w·x) ...] = 0 because the two steps never fire together",
        ],
        kind: .identity, expectation: .holds
    ) { ctx in
        for n in ArcCosineKernel.printedDegrees {
            let closed = try ArcCosineKernel.angularPart(n, 0)
            let closedError = ArcCosineKernel.angularPartRoundingError(n, 0)
            let diagonal = try IntegralRepresentation.diagonal(n)
            ctx.compare("J_\(n)(0): π × eq. (1) at y = x, by QUADPACK, vs the closed form", route: .quadrature,
                        value: Double.pi * diagonal.value, error: Double.pi * diagonal.absoluteError,
                        reference: closed, referenceRoute: .closedForm, referenceError: closedError, resolution: 1e-10)
            let gamma = try SpecialFunctions.gamma(Double(n) + 0.5)
            let scale = pow(2, Double(n)) * Double.pi.squareRoot() // π · 2ⁿ/√π
            ctx.compare("J_\(n)(0) = π (2n − 1)!! = √π 2ⁿ Γ(n + 1/2) (GSL gamma) vs the closed form", route: .closedForm,
                        value: scale * gamma.value, error: scale * gamma.error, reference: closed, referenceRoute: .closedForm,
                        referenceError: closedError, resolution: 1e-10)
            ctx.compare("J_\(n)(π) = 0: the closed form at θ = π", route: .closedForm,
                        value: try ArcCosineKernel.angularPart(n, Double.pi),
                        error: ArcCosineKernel.angularPartRoundingError(n, Double.pi),
                        reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
            let antipodal = try Integration.gaussianExpectation({ z in
                ArcCosineKernel.activation(n, z) * ArcCosineKernel.activation(n, -z)
            }, kinks: [0])
            ctx.compare("k_\(n)(x, −x) = 2 E[g_\(n)(Z) g_\(n)(−Z)] by QUADPACK = 0", route: .quadrature,
                        value: 2 * antipodal.value, error: 2 * antipodal.absoluteError,
                        reference: 0, referenceRoute: .closedForm, resolution: 1e-12)
        }
    }
}
