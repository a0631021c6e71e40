import ClaimKit
import GSL
import RandomNetworks
import Randomness

/// Routes to the ReLU dual activation R̂ shared by the claims of Nachum et al.
/// and the pooling paper that state it.
public enum ReLUDualRoutes {
    /// R̂(ρ) in closed form (stable angle) against 2 E[R(X)R(Y)] by the exact
    /// one-dimensional QUADPACK reduction, at every ρ of `grid`, to relative
    /// resolution 1e-9.
    public static func assertQuadratureAgreement(_ ctx: ClaimContext, grid: [Double], subject: Subject = .asPrinted) throws {
        for rho in grid {
            let closed = try ReLUDualActivation.value(rho)
            let integral = try GaussianCovariance.reluOneDimensional(rho: rho)
            ctx.compare("R̂(\(rho)): 2E[R(X)R(Y)] by QUADPACK vs closed form", subject: subject, route: .quadrature,
                        value: 2 * integral.value, error: 2 * integral.absoluteError,
                        reference: closed, referenceRoute: .closedForm, resolution: 1e-9 * abs(closed))
        }
    }

    /// The contraction R̂(ρ) > ρ for ρ < 1 and R̂(1) = 1. Since ReLU(y) - ReLU(-y) = y,
    /// R̂(ρ) - ρ = 2E[R(X)R(-Y)] = R̂(-ρ): the gap is the expectation of a
    /// non-negative variable, computed here by QUADPACK (to relative accuracy
    /// even where it is 1e-19) and required strictly positive; at ρ = 1 it must be 0.
    public static func assertContraction(_ ctx: ClaimContext, grid: [Double], subject: Subject = .asPrinted) throws {
        for rho in grid {
            let gap = try GaussianCovariance.reluOneDimensional(rho: -rho)
            let region: ClaimedRegion = rho < 1 ? .atLeast(Double.leastNonzeroMagnitude) : .equal(0)
            ctx.bound(rho < 1 ? "R̂(\(rho)) - \(rho) > 0 (gap 2E[R(X)R(-Y)] by QUADPACK)" : "R̂(1) - 1 = 0",
                      subject: subject, route: .quadrature, value: 2 * gap.value, error: 2 * gap.absoluteError,
                      region: region)
        }
    }

    /// Monte Carlo of 2E[R(X)R(Y)] over standard normal pairs of correlation ρ,
    /// against the closed form, at each ρ of `rhos` (alpha split equally).
    public static func assertMonteCarlo(_ ctx: ClaimContext, rhos: [Double], alphaFraction: Double, resolution: Double,
                                 subject: Subject = .asPrinted) throws {
        let alpha = try ctx.reserveAlpha(alphaFraction, splitOver: rhos.count)
        for rho in rhos {
            let reference = try ReLUDualActivation.value(rho)
            try ctx.estimateMean("2E[R(X)R(Y)] at ρ = \(rho), Monte Carlo pairs", subject: subject,
                                 region: .equal(reference), resolution: resolution, alpha: alpha,
                                 sample: CorrelatedPairs.productSampler(.relu, rho: rho, scale: 2))
        }
    }
}

extension ReLUDualRoutes {
    /// Two inputs of dimension `dimension` (≥ 2), norms `norms` and cosine ρ ∈ [−1, 1], as the columns of a batch.
    public static func inputPair(dimension: Int, norms: (Double, Double), cosine rho: Double) throws -> Matrix {
        let context = "ReLUDualRoutes.inputPair"
        try Require.atLeast(dimension, 2, "dimension", in: context)
        try Require.positive(norms.0, "norms.0", in: context)
        try Require.positive(norms.1, "norms.1", in: context)
        try Require.within(rho, -1...1, "cosine", in: context)
        var storage = [Double](repeating: 0, count: 2 * dimension)
        storage[0] = norms.0
        storage[1] = norms.1 * rho
        storage[3] = norms.1 * ((1 - rho) * (1 + rho)).squareRoot()
        return try Matrix(rows: dimension, columns: 2, storage: storage)
    }

    /// Monte Carlo of the mean similarity ρ̄_out = E⟨R(Wx), R(Wy)⟩ / √(E‖R(Wx)‖² E‖R(Wy)‖²) (Nachum et al.
    /// eq. (1)) of a random dense ReLU layer (BLAS forward pass) with i.i.d. N(0, `variance`) weights, for inputs
    /// of norms `norms` and cosine ρ: all three means are estimated (delta method), compared with R̂(ρ).
    @discardableResult
    public static func assertDenseLayerMeanSimilarity(
        _ ctx: ClaimContext, rho: Double, inputs: Int, width: Int, variance: Double, norms: (Double, Double),
        alpha: Double, subject: Subject = .asPrinted
    ) throws -> Assertion {
        let batch = try inputPair(dimension: inputs, norms: norms, cosine: rho)
        return try ctx.estimateFunctionOfMeans(
            "ρ̄_out at ρ = \(rho): dense ReLU layer D = \(inputs), N = \(width), s² = \(variance), ‖x‖ = \(norms.0), ‖y‖ = \(norms.1)",
            subject: subject, function: .cosineOfMeans, region: .equal(try ReLUDualActivation.value(rho)), resolution: 1e-2,
            alpha: alpha, pilotSamples: 4096, chunkSize: 1024
        ) { rng, count in
            var moments = JointMoments(dimension: 3)
            for _ in 0..<count {
                let layer = try FullyConnectedLayer.gaussian(inputs: inputs, outputs: width, variance: variance,
                                                             activation: .relu, rng: &rng)
                let out = try layer(batch)
                let first = out.column(0), second = out.column(1)
                moments.add([Vector.dot(first, second), Vector.dot(first, first), Vector.dot(second, second)])
            }
            return moments
        }
    }
}

/// Monte Carlo over standard normal pairs (X, Y) with correlation ρ.
public enum CorrelatedPairs {
    /// A chunk sampler returning the moments of `scale · f(X) f(Y)`.
    public static func productSampler(_ f: Activation, rho: Double, scale: Double = 1)
        -> @Sendable (inout Xoshiro256, Int) throws -> RunningMoments {
        let sampler = NormalSampler()
        return { rng, count in
            try RunningMoments.filled(count) { buffer in
                try CorrelatedGaussianPairs.fillProducts(buffer, activation: f, rho: rho, scale: scale, rng: &rng,
                                                         sampler: sampler)
            }
        }
    }
}
