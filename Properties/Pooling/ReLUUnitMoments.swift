import GSL

extension PoolingClaims {
    /// E r(Z) and E r(Z)² of one ReLU unit, Z ~ N(0, scale²), by QUADPACK: the quadrature route to the
    /// moments (1/√(2π), 1/2 for scale 1) the pooling paper's proofs use.
    enum ReLUUnitMoments {
        static func quadrature(scale: Double = 1) throws -> (mean: IntegralResult, square: IntegralResult) {
            (try Integration.gaussianExpectation({ max(0, scale * $0) }, kinks: [0]),
             try Integration.gaussianExpectation({ $0 > 0 ? scale * scale * $0 * $0 : 0 }, kinks: [0]))
        }
    }
}
