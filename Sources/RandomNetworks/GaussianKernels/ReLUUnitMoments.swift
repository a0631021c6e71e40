import GSL

/// E r(Z) and E r(Z)² of one ReLU unit r(z) = max(0, z), Z ~ N(0, scale²): the moments (1/√(2π), 1/2 for scale 1)
/// the pooling paper's proofs use (App. A), in closed form and by QUADPACK.
public enum ReLUUnitMoments {
    /// Var r(Z) = 1/2 − 1/(2π) for Z ~ N(0, 1): n Var A_i for unit-variance pre-activations pooled over n units.
    public static let variance = 0.5 - 1 / (2 * Double.pi)

    /// E r(Z) and E r(Z)² for Z ~ N(0, scale²) by QUADPACK (the quadrature route).
    public static func quadrature(scale: Double = 1) throws -> (mean: IntegralResult, square: IntegralResult) {
        (try Integration.gaussianExpectation({ max(0, scale * $0) }, kinks: [0]),
         try Integration.gaussianExpectation({ $0 > 0 ? scale * scale * $0 * $0 : 0 }, kinks: [0]))
    }
}
