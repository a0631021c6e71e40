import CGSL

/// The value of an integral with QUADPACK's estimate of its absolute error.
public struct IntegralResult: Sendable, Equatable {
    /// QUADPACK's estimate of the integral.
    public var value: Double
    /// QUADPACK's estimate of |value − true integral| (an estimate, not a bound).
    public var absoluteError: Double

    /// An integral `value` with its estimated `absoluteError`.
    public init(value: Double, absoluteError: Double) {
        self.value = value
        self.absoluteError = absoluteError
    }

    /// The sum of two integrals; errors add.
    public static func + (lhs: IntegralResult, rhs: IntegralResult) -> IntegralResult {
        IntegralResult(value: lhs.value + rhs.value, absoluteError: lhs.absoluteError + rhs.absoluteError)
    }
}

/// Accuracy requested from an adaptive integrator.
public struct QuadratureTolerance: Sendable, Hashable {
    /// The absolute error requested (epsabs); 0 asks for the relative one alone.
    public var absolute: Double
    /// The relative error requested (epsrel); the integrator stops when either is met.
    public var relative: Double
    /// Maximum number of subintervals QUADPACK may use.
    public var limit: Int

    /// A tolerance of `absolute` or `relative` error with at most `limit` subintervals. Validated when an
    /// integrator uses it: it throws `ParameterError` unless absolute > 0 or relative ≥ 50 ε, and limit ≥ 1.
    public init(absolute: Double = 1e-14, relative: Double = 1e-11, limit: Int = 2000) {
        self.absolute = absolute
        self.relative = relative
        self.limit = limit
    }

    /// A tolerance 100 times tighter in relative and 10 times in absolute
    /// terms, for the inner integral of a nested quadrature (its errors become
    /// noise in the outer integrand; much tighter runs into roundoff).
    public var tighter: QuadratureTolerance {
        QuadratureTolerance(absolute: absolute / 10, relative: relative / 100, limit: limit)
    }

    func validate(_ context: String) throws {
        try Require.nonNegative(absolute, "absolute tolerance", in: context)
        try Require.nonNegative(relative, "relative tolerance", in: context)
        guard absolute > 0 || relative >= 50 * Double.ulpOfOne else {
            throw ParameterError(context, parameter: "tolerance", value: "abs \(absolute), rel \(relative)",
                                 requirement: "absolute > 0 or relative >= 50 * machine epsilon (QUADPACK's limit)")
        }
        try Require.atLeast(limit, 1, "limit", in: context)
    }
}

/// QUADPACK integrators (GSL's `gsl_integration_qag*`) taking Swift closures.
/// A closure may throw; the error is rethrown once GSL returns. A non-finite
/// integrand value is an error, never silently integrated.
///
/// GSL_EROUND ("roundoff error prevents tolerance from being achieved") is not
/// thrown: QUADPACK still returns its best value with the error it actually
/// achieved, and every comparison downstream uses that error. This happens
/// when a requested relative tolerance meets an integral that is nearly zero.
/// Every other failure (EMAXITER, ESING, EDIVERGE, ...) throws.
public enum Integration {
    private static func adaptive(
        _ routine: String, _ f: (Double) throws -> Double, tolerance: QuadratureTolerance,
        _ call: (UnsafeMutablePointer<gsl_function>, UnsafeMutablePointer<gsl_integration_workspace>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Int32
    ) throws -> IntegralResult {
        try tolerance.validate("Integration.\(routine)")
        let workspace = try GSLCall.pointer("gsl_integration_workspace_alloc") {
            gsl_integration_workspace_alloc(tolerance.limit)
        }
        defer { gsl_integration_workspace_free(workspace) }
        return try ScalarFunction.with(f, routine: "gsl_integration_\(routine)") { function in
            var value = 0.0
            var error = 0.0
            try GSLCall.status("gsl_integration_\(routine)", tolerating: [GSL_EROUND]) {
                call(&function, workspace, &value, &error)
            }
            guard error.isFinite else {
                throw GSLError(status: GSL_EROUND, reason: "no finite error estimate", function: "gsl_integration_\(routine)")
            }
            return IntegralResult(value: value, absoluteError: error)
        }
    }

    /// ∫_a^b f(x) dx on a finite interval, robust to integrable endpoint singularities (QAGS).
    public static func qags(_ f: (Double) throws -> Double, from a: Double, to b: Double,
                            tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try Require.finite(a, "a", in: "Integration.qags")
        try Require.finite(b, "b", in: "Integration.qags")
        return try adaptive("qags", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qags(fn, a, b, tolerance.absolute, tolerance.relative, tolerance.limit,
                                 ws, value, err)
        }
    }

    /// ∫_a^b f(x) dx on a finite interval by adaptive 61-point Gauss–Kronrod
    /// bisection without extrapolation (QAG): the robust choice for smooth integrands.
    public static func qag(_ f: (Double) throws -> Double, from a: Double, to b: Double,
                           tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try Require.finite(a, "a", in: "Integration.qag")
        try Require.finite(b, "b", in: "Integration.qag")
        return try adaptive("qag", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qag(fn, a, b, tolerance.absolute, tolerance.relative, tolerance.limit,
                                Int32(GSL_INTEG_GAUSS61), ws, value, err)
        }
    }

    /// ∫ f over [points.first, points.last] with known interior singularities or
    /// kinks at the inner points (QAGP). `points` must be increasing.
    public static func qagp(_ f: (Double) throws -> Double, points: [Double],
                            tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        guard points.count >= 2 else {
            throw ParameterError("Integration.qagp", parameter: "points", value: "\(points)", requirement: "at least two points")
        }
        for p in points { try Require.finite(p, "points", in: "Integration.qagp") }
        guard zip(points, points.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ParameterError("Integration.qagp", parameter: "points", value: "\(points)", requirement: "strictly increasing")
        }
        var pts = points
        return try adaptive("qagp", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qagp(fn, &pts, pts.count, tolerance.absolute, tolerance.relative, tolerance.limit,
                                 ws, value, err)
        }
    }

    /// ∫_a^∞ f(x) dx (QAGIU).
    public static func qagiu(_ f: (Double) throws -> Double, from a: Double,
                             tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try Require.finite(a, "a", in: "Integration.qagiu")
        return try adaptive("qagiu", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qagiu(fn, a, tolerance.absolute, tolerance.relative,
                                  tolerance.limit, ws, value, err)
        }
    }

    /// ∫_-∞^b f(x) dx (QAGIL).
    public static func qagil(_ f: (Double) throws -> Double, to b: Double,
                             tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try Require.finite(b, "b", in: "Integration.qagil")
        return try adaptive("qagil", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qagil(fn, b, tolerance.absolute, tolerance.relative,
                                  tolerance.limit, ws, value, err)
        }
    }

    /// ∫_-∞^∞ f(x) dx (QAGI).
    public static func qagi(_ f: (Double) throws -> Double,
                            tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        try adaptive("qagi", f, tolerance: tolerance) { fn, ws, value, err in
            gsl_integration_qagi(fn, tolerance.absolute, tolerance.relative,
                                 tolerance.limit, ws, value, err)
        }
    }

    /// Where the standard normal density underflows: φ(±38.6) < 1e-323.
    public static let gaussianCutoff = 40.0

    /// E[g(X)] for X ~ N(0, 1) by QAG (61-point Gauss–Kronrod) on the pieces
    /// of [-40, 40] cut at 0 and at the `kinks` of g that fall inside (where g
    /// is not smooth), so QUADPACK never straddles one; the pieces' errors add.
    /// The mass left out beyond ±40 is ∫_{|x|>40} g φ: below 1e-170 for any
    /// |g(x)| ≤ C e^{x²/4} (then g φ ≤ C e^{−400}), so negligible for the
    /// activations and polynomials of the papers; a g growing nearly like
    /// e^{x²/2} is not covered (its tails are not). Kinks outside are dropped: g is smooth
    /// on the interval then. (Semi-infinite QAGIU/QAGIL pieces were tried first
    /// and can miss the bulk of the mass when a kink lies far out.)
    public static func gaussianExpectation(_ g: (Double) throws -> Double, kinks: [Double] = [],
                                           tolerance: QuadratureTolerance = .init()) throws -> IntegralResult {
        for k in kinks { try Require.finite(k, "kinks", in: "Integration.gaussianExpectation") }
        let cutoff = gaussianCutoff
        let inner = Set(kinks.filter { abs($0) < cutoff } + [0])
        let points = [-cutoff] + inner.sorted() + [cutoff]
        let integrand: (Double) throws -> Double = { x in
            let density = Distributions.normalPDF(x)
            return density == 0 ? 0 : try g(x) * density
        }
        var total = IntegralResult(value: 0, absoluteError: 0)
        for (a, b) in zip(points, points.dropFirst()) {
            total = total + (try qag(integrand, from: a, to: b, tolerance: tolerance))
        }
        return total
    }
}
