import CGSL

/// Carries a Swift closure through GSL's `gsl_function` (a C function pointer
/// plus a `void *` parameter). The first error the closure throws, or the
/// first non-finite value it returns, is kept and rethrown after GSL returns.
final class ScalarFunction {
    private let body: (Double) throws -> Double
    private let routine: String
    private(set) var failure: Error?

    private init(_ body: @escaping (Double) throws -> Double, routine: String) {
        self.body = body
        self.routine = routine
    }

    fileprivate func evaluate(_ x: Double) -> Double {
        if failure != nil { return 0 }
        do {
            let y = try body(x)
            guard y.isFinite else {
                failure = GSLError(status: GSL_EBADFUNC, reason: "function value is \(y) at x = \(x)", function: routine)
                return 0
            }
            return y
        } catch {
            failure = error
            return 0
        }
    }

    /// Calls `use` with a `gsl_function` that evaluates `body`; rethrows what
    /// `body` threw (or a non-finite value) in preference to GSL's own error.
    static func with<R>(
        _ body: (Double) throws -> Double, routine: String,
        _ use: (inout gsl_function) throws -> R
    ) throws -> R {
        try withoutActuallyEscaping(body) { escapable in
            let box = ScalarFunction(escapable, routine: routine)
            let unmanaged = Unmanaged.passRetained(box)
            defer { unmanaged.release() }
            var function = gsl_function(
                function: { x, params in
                    Unmanaged<ScalarFunction>.fromOpaque(params!).takeUnretainedValue().evaluate(x)
                },
                params: unmanaged.toOpaque())
            let result: R
            do {
                result = try use(&function)
            } catch {
                if let failure = box.failure { throw failure }
                throw error
            }
            if let failure = box.failure { throw failure }
            return result
        }
    }
}
