import CGSL

/// Bracketing root finding with GSL's Brent–Dekker solver.
public enum RootFinding {
    /// A root with the final bracket and the number of iterations used.
    public struct Root: Sendable, Equatable {
        /// The root estimate (GSL's `gsl_root_fsolver_root`).
        public let value: Double
        /// The lower end of the final bracket.
        public let lower: Double
        /// The upper end of the final bracket.
        public let upper: Double
        /// The Brent iterations used.
        public let iterations: Int
    }

    /// A root of `f` in [lower, upper], where f(lower) and f(upper) have opposite
    /// signs (or one is zero). Stops when the bracket satisfies GSL's
    /// `gsl_root_test_interval(lo, hi, absolute, relative)`.
    /// Throws `GSLError` (EINVAL) when the endpoints do not straddle a root and
    /// (EMAXITER) when `maxIterations` do not suffice.
    public static func brent(_ f: (Double) throws -> Double, lower: Double, upper: Double,
                             absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-14,
                             maxIterations: Int = 500) throws -> Root {
        let context = "RootFinding.brent"
        try Require.finite(lower, "lower", in: context)
        try Require.finite(upper, "upper", in: context)
        guard lower < upper else {
            throw ParameterError(context, parameter: "bracket", value: "[\(lower), \(upper)]", requirement: "lower < upper")
        }
        try Require.nonNegative(absoluteTolerance, "absoluteTolerance", in: context)
        try Require.nonNegative(relativeTolerance, "relativeTolerance", in: context)
        try Require.atLeast(maxIterations, 1, "maxIterations", in: context)
        let solver = try GSLCall.pointer("gsl_root_fsolver_alloc") { gsl_root_fsolver_alloc(cgsl_root_brent()) }
        defer { gsl_root_fsolver_free(solver) }
        return try ScalarFunction.with(f, routine: "gsl_root_fsolver_brent") { function in
            try GSLCall.status("gsl_root_fsolver_set") { gsl_root_fsolver_set(solver, &function, lower, upper) }
            for iteration in 1...maxIterations {
                try GSLCall.status("gsl_root_fsolver_iterate") { gsl_root_fsolver_iterate(solver) }
                let lo = gsl_root_fsolver_x_lower(solver)
                let hi = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == GSL_SUCCESS {
                    return Root(value: gsl_root_fsolver_root(solver), lower: lo, upper: hi, iterations: iteration)
                }
            }
            throw GSLError(status: GSL_EMAXITER, reason: "no convergence in \(maxIterations) iterations",
                           function: "gsl_root_fsolver_brent")
        }
    }
}
