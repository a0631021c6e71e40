import Foundation
import GSL

/// The nested quadratures of `GaussianCovariance` already computed in this process, by activation, kernel (𝔆[f] or
/// 𝔆[f']), ρ (its bits) and tolerance. Claims sweep the same kernels over the same correlations (the layer-norm
/// paper's tanh compositions, about a millisecond each, are asked for three times per value on average across its
/// claims), so each value is computed once. QUADPACK is deterministic, so a remembered result is bit for bit the one
/// a new computation would return; failures are not remembered. Safe to use from any thread (two threads asking for
/// a new value at once may both compute it). At most `capacity` values are kept; beyond that, new values are
/// computed and not stored.
final class CovarianceQuadratureMemo: @unchecked Sendable {
    /// Which kernel of the activation a value belongs to.
    enum Kernel: Hashable { case value, derivative }

    private struct Key: Hashable {
        let activation: Activation
        let kernel: Kernel
        let rho: UInt64
        let tolerance: QuadratureTolerance
    }

    /// The process's memo.
    static let shared = CovarianceQuadratureMemo(capacity: 1 << 16)

    private let capacity: Int
    private let lock = NSLock()
    private var results: [Key: IntegralResult] = [:]

    init(capacity: Int) { self.capacity = capacity }

    /// The result `compute` returns for (`activation`, `kernel`, `rho`, `tolerance`), computed at most once while
    /// the memo has room.
    func value(_ activation: Activation, _ kernel: Kernel, rho: Double, tolerance: QuadratureTolerance,
               compute: () throws -> IntegralResult) rethrows -> IntegralResult {
        let key = Key(activation: activation, kernel: kernel, rho: rho.bitPattern, tolerance: tolerance)
        if let known = lock.withLock({ results[key] }) { return known }
        let result = try compute()
        lock.withLock { if results.count < capacity { results[key] = result } }
        return result
    }
}
