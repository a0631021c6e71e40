import Foundation
import GSL

/// The mean similarity C of Theorem 4.4 of the pooling paper (defined before
/// it, and in App. E eq. (16)): for one kernel W ∈ R^{k×k} with i.i.d. N(0, 1)
/// entries and independent images x, y ∈ R^{d×d} with i.i.d. N(0, 1) pixels,
/// Ar(x) = Ave(r(W * x)) (eq. (8), one channel) and
///
///     C = E[Ar(x) Ar(y)] / (E[Ar(x)²] E[Ar(y)²])^{1/2},  expectation over W, x and y.
///
/// With the cyclic boundary and d ≥ 2k − 1 it is exactly (derived here from
/// App. E's decomposition into overlapping and disjoint patch pairs)
///
///     E[Ar(x) Ar(y)] = E‖W‖²/(2π) = k²/(2π),   C = 1 / (1 + B_k / d²),
///     B_k = Σ_{δ ∈ {−(k−1), …, k−1}²} E_W[(π/k²) ‖W‖² r̂(c_W(δ)/‖W‖²) − 1],
///
/// c_W(δ) = Σ_p W_p W_{p+δ} the (non-cyclic) autocorrelation of the kernel:
/// positions whose patches do not overlap contribute ‖W‖²/(2π) to E[Ar(x)²],
/// overlapping ones ½‖W‖² r̂(c_W(δ)/‖W‖²). B_1 = π − 1.
public enum GaussianImageAveragePooling {
    /// The summand of B_k for one kernel: Σ_δ [(π/k²)‖W‖² r̂(c_W(δ)/‖W‖²) − 1]; E_W of it is B_k.
    public static func overlapExcess(kernel: [Double], kernelSize k: Int) throws -> Double {
        try validate(kernel: kernel, k, "overlapExcess")
        let norm2 = Vector.dot(kernel, kernel)
        guard norm2 > 0 else { return -Double((2 * k - 1) * (2 * k - 1)) }
        var total = 0.0
        for (a, b) in shifts(k) {
            let c = autocorrelation(kernel, k, a, b)
            total += Double.pi / Double(k * k) * norm2 * (try ReLUDualActivation.value(min(1, max(-1, c / norm2)))) - 1
        }
        return total
    }

    /// The same expectation with control variates: since r̂(ρ) = 1/π + ρ/2 + g(ρ)
    /// with g ≥ 0, E‖W‖² = k² and E c_W(δ) = 0 for δ ≠ 0, the summand
    /// (π − 1) + Σ_{δ ≠ 0} (π/k²)‖W‖² g(c_W(δ)/‖W‖²) has mean B_k and a far smaller variance.
    public static func overlapExcessWithControlVariates(kernel: [Double], kernelSize k: Int) throws -> Double {
        try validate(kernel: kernel, k, "overlapExcessWithControlVariates")
        let norm2 = Vector.dot(kernel, kernel)
        var total = Double.pi - 1
        guard norm2 > 0 else { return total }
        for (a, b) in shifts(k) where a != 0 || b != 0 {
            let rho = min(1, max(-1, autocorrelation(kernel, k, a, b) / norm2))
            let g = try ReLUDualActivation.value(rho) - 1 / Double.pi - rho / 2
            total += Double.pi / Double(k * k) * norm2 * g
        }
        return total
    }

    /// C = 1/(1 + B_k/d²) (cyclic convolution, d ≥ 2k − 1).
    public static func meanSimilarity(imageSize d: Int, kernelSize k: Int, overlapExcess b: Double) throws -> Double {
        try requireImageSize(d, k, "meanSimilarity")
        try Require.finite(b, "overlapExcess", in: "GaussianImageAveragePooling.meanSimilarity")
        return 1 / (1 + b / Double(d * d))
    }

    /// E[Ar(x) Ar(y)] = k²/(2π) for the cyclic convolution.
    public static func crossMoment(kernelSize k: Int) throws -> Double {
        try Require.atLeast(k, 1, "kernelSize", in: "GaussianImageAveragePooling.crossMoment")
        return Double(k * k) / (2 * Double.pi)
    }

    /// Λ = E_{u,v} r̂(⟨u, v⟩) for u, v independent uniform on the sphere S^{K−1} (App. E eq. (20)),
    /// by QUADPACK over the density of t = ⟨u, v⟩, ∝ (1 − t²)^{(K−3)/2} on [−1, 1] (K ≥ 2).
    public static func sphereAverageOfDual(dimension K: Int) throws -> IntegralResult {
        try Require.atLeast(K, 2, "dimension", in: "GaussianImageAveragePooling.sphereAverageOfDual")
        let exponent = Double(K - 3) / 2
        let logNormalizer = try SpecialFunctions.logBeta(0.5, Double(K - 1) / 2).value
        return try Integration.qags({ t in
            let w = (1 - t) * (1 + t)
            return try ReLUDualActivation.value(t) * exp(exponent * log(w) - logNormalizer)
        }, from: -1, to: 1)
    }

    /// E χ_K = √2 Γ((K + 1)/2) / Γ(K/2), the mean norm of a standard normal vector of R^K.
    public static func meanChi(dimension K: Int) throws -> Double {
        try Require.atLeast(K, 1, "dimension", in: "GaussianImageAveragePooling.meanChi")
        let half = Double(K) / 2
        return 2.0.squareRoot() * exp(try SpecialFunctions.logGamma(half + 0.5).value
            - SpecialFunctions.logGamma(half).value)
    }

    /// The (2k − 1)² shifts δ = (a, b) with |a|, |b| ≤ k − 1: the patches that overlap a given one.
    static func shifts(_ k: Int) -> [(Int, Int)] {
        (-(k - 1)...(k - 1)).flatMap { a in (-(k - 1)...(k - 1)).map { (a, $0) } }
    }

    /// c_W(a, b) = Σ_{i,j} W_{i,j} W_{i+a, j+b} over the pairs inside the k×k grid.
    static func autocorrelation(_ w: [Double], _ k: Int, _ a: Int, _ b: Int) -> Double {
        var c = 0.0
        for i in max(0, -a)..<min(k, k - a) {
            for j in max(0, -b)..<min(k, k - b) { c += w[i * k + j] * w[(i + a) * k + j + b] }
        }
        return c
    }

    static func validate(kernel: [Double], _ k: Int, _ function: String) throws {
        try Require.atLeast(k, 1, "kernelSize", in: "GaussianImageAveragePooling.\(function)")
        guard kernel.count == k * k else {
            throw ParameterError("GaussianImageAveragePooling.\(function)", parameter: "kernel",
                                 value: "\(kernel.count) entries", requirement: "k² = \(k * k) entries")
        }
    }

    private static func requireImageSize(_ d: Int, _ k: Int, _ function: String) throws {
        try Require.atLeast(k, 1, "kernelSize", in: "GaussianImageAveragePooling.\(function)")
        try Require.atLeast(d, 2 * k - 1, "imageSize", in: "GaussianImageAveragePooling.\(function)")
    }
}
