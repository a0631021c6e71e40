import CGSL
import CGSLErrors
import COpenBLAS

/// An error reported by GSL: the status code GSL returned and the reason it gave.
///
/// GSL's default error handler aborts the process. The first call into this
/// module replaces it by a handler that records the reason on the calling
/// thread, so every failure becomes a thrown `GSLError` instead.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// GSL's status code (`GSL_EDOM`, `GSL_EMAXITER`, ...).
    public let status: Int
    /// The reason GSL gave, e.g. "endpoints do not straddle y=0".
    public let reason: String
    /// The GSL routine that failed.
    public let function: String

    /// An error for GSL routine `function` that returned `status` with `reason`.
    public init(status: Int, reason: String, function: String) {
        self.status = status
        self.reason = reason
        self.function = function
    }

    /// "function failed (GSL status N, GSL's name for N): reason".
    public var description: String {
        let name = String(cString: gsl_strerror(Int32(truncatingIfNeeded: status)))
        return "\(function) failed (GSL status \(status), \(name)): \(reason)"
    }
}

/// Installs the recording handler exactly once, before the first GSL call.
///
/// It also makes OpenBLAS single-threaded: the executables link OpenBLAS
/// before GSL's reference CBLAS, so GSL's own cblas_* calls (the LU solve's
/// triangular solves, ...) resolve to OpenBLAS, and they run inside our
/// worker threads, whose fixed blocks are the only parallelism.
private let recordingHandlerInstalled: Bool = {
    cgsl_install_recording_handler()
    openblas_set_num_threads(1)
    return true
}()

/// The single gateway through which this module calls GSL: every call that can fail goes through these functions,
/// which clear and read the calling thread's error record (CGSLErrors).
enum GSLCall {
    /// Runs a GSL routine that returns a status code; throws on any non-zero
    /// status, with the reason the handler recorded for it. The decision rests
    /// on the returned code only: a nested call (an integrand that integrates)
    /// may leave a tolerated error in the record.
    static func status(_ function: String, _ body: () -> Int32) throws {
        try status(function, tolerating: [], body)
    }

    /// Like `status`, but returns instead of throwing when the status is in
    /// `tolerated` (e.g. GSL_EROUND from an integrator that still returns its
    /// best estimate and an honest error estimate).
    @discardableResult
    static func status(_ function: String, tolerating tolerated: Set<Int>, _ body: () -> Int32) throws -> Int {
        _ = recordingHandlerInstalled
        cgsl_clear_error()
        let code = Int(body())
        if code == GSL_SUCCESS || tolerated.contains(code) { return code }
        let record = cgsl_last_error().pointee
        throw error(function, fallbackStatus: code, record: Int(record.status) == code ? record : cgsl_error_record())
    }

    /// Runs a GSL routine that returns a value and signals errors only through
    /// the handler (the `gsl_cdf_*` family); throws when the handler fired or
    /// the value is NaN.
    static func value(_ function: String, _ body: () -> Double) throws -> Double {
        _ = recordingHandlerInstalled
        cgsl_clear_error()
        let result = body()
        let record = cgsl_last_error().pointee
        if record.status != 0 {
            throw error(function, fallbackStatus: Int(record.status), record: record)
        }
        if result.isNaN {
            throw GSLError(status: GSL_EDOM, reason: "result is NaN", function: function)
        }
        return result
    }

    /// Runs a GSL routine that returns a pointer (allocators); throws when it is null.
    static func pointer<T>(_ function: String, _ body: () -> T?) throws -> T {
        _ = recordingHandlerInstalled
        cgsl_clear_error()
        let result = body()
        let record = cgsl_last_error().pointee
        guard let result, record.status == 0 else {
            throw error(function, fallbackStatus: record.status == 0 ? GSL_ENOMEM : Int(record.status), record: record)
        }
        return result
    }

    private static func error(_ function: String, fallbackStatus: Int, record: cgsl_error_record) -> GSLError {
        let reason = withUnsafeBytes(of: record.reason) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let status = record.status != 0 ? Int(record.status) : fallbackStatus
        return GSLError(
            status: status,
            reason: reason.isEmpty ? String(cString: gsl_strerror(Int32(truncatingIfNeeded: status))) : reason,
            function: function)
    }
}
