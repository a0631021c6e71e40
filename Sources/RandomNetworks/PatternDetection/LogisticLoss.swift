import Foundation
import GSL

/// The binary cross-entropy (logistic) loss of Brutzkus & Globerson, eq. (2),
/// and the sign convention of their footnote 2.
public enum LogisticLoss {
    /// ℓ(s) = log(1 + e^{−s}) (eq. (2)), evaluated without overflow or
    /// cancellation for any finite s.
    @inlinable
    public static func value(_ s: Double) -> Double { valueAndDerivative(s).value }

    /// ℓ'(s) = −1/(1 + e^{s}) ∈ (−1, 0) (App. C, after eq. (15)).
    @inlinable
    public static func derivative(_ s: Double) -> Double { valueAndDerivative(s).derivative }

    /// (ℓ(s), ℓ'(s)) from one exponential, e^{−s} for s > 0 and e^{s} otherwise (`value` and `derivative` read
    /// their half of it).
    @inlinable
    public static func valueAndDerivative(_ s: Double) -> (value: Double, derivative: Double) {
        if s > 0 {
            let e = Foundation.exp(-s)
            return (Foundation.log1p(e), -e / (1 + e))
        }
        let e = Foundation.exp(s)
        return (-s + Foundation.log1p(e), -1 / (1 + e))
    }

    /// The predicted label sign(s) with sign(0) = −1 (footnote 2).
    @inlinable
    public static func label(_ s: Double) -> Double { s > 0 ? 1 : -1 }

    /// The number of outputs whose predicted label (footnote 2) differs from
    /// their label ±1.
    public static func errorCount(outputs: [Double], labels: [Double]) throws -> Int {
        try Shape.requireCount(labels.count, outputs.count, "labels", in: "LogisticLoss.errorCount")
        return zip(outputs, labels).reduce(0) { $0 + (label($1.0) == $1.1 ? 0 : 1) }
    }

    /// The empirical loss L[A] = (1/|A|) Σ ℓ(y N(x)) of eq. (2) for outputs N(x) and labels y.
    public static func mean(outputs: [Double], labels: [Double]) throws -> Double {
        try Shape.requireCount(labels.count, outputs.count, "labels", in: "LogisticLoss.mean")
        guard !outputs.isEmpty else { return 0 }
        return zip(outputs, labels).reduce(0) { $0 + value($1.0 * $1.1) } / Double(outputs.count)
    }
}
