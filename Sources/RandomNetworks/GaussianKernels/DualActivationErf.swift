import Foundation
import GSL

extension DualActivation {
    /// σ̂(x, y, ν) of Definition 1 (eq. (5)) for σ = erf(β·) in closed form (Williams 1997):
    ///
    ///     E[erf(βνX) erf(βνY)] = (2/π) arcsin( 2β²ν²⟨x,y⟩ / √((1 + 2β²ν²‖x‖²)(1 + 2β²ν²‖y‖²)) ),
    ///
    /// the non-homogeneous activation with an exact dual for unequal norms (at unit norms and ν = 1
    /// it is `GaussianCovariance.closedForm(.erf(scale: β), rho:)`).
    public static func erfClosedForm(scale beta: Double, x: [Double], y: [Double], nu: Double) throws -> Double {
        let context = "DualActivation.erfClosedForm"
        try Require.positive(beta, "scale", in: context)
        try Require.positive(nu, "nu", in: context)
        guard x.count == y.count, !x.isEmpty else {
            throw ParameterError(context, parameter: "x, y", value: "sizes \(x.count), \(y.count)",
                                 requirement: "non-empty and of equal size")
        }
        let c = 2 * beta * beta * nu * nu
        let argument = c * Vector.dot(x, y) / ((1 + c * Vector.dot(x, x)) * (1 + c * Vector.dot(y, y))).squareRoot()
        return 2 / Double.pi * asin(min(1, max(-1, argument)))
    }
}
