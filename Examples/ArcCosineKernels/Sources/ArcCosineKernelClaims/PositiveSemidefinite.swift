import ClaimKit
import Foundation

/// A kernel of the family, named for the assertions: degree n, depth ℓ (ℓ = 1 is k_n itself).
struct KernelChoice: Sendable {
    let degree: Int
    let layers: Int

    var name: String { layers == 1 ? "k_\(degree)" : "k_\(degree)^(\(layers))" }

    /// k(x, y) and a bound on its rounding error. The input angle is the stable one of `ArcCosineKernel.angle`;
    /// a deeper kernel follows the recursion of §2 through the angle map θ ↦ θ′, cos θ′ = J_n(θ)/J_n(0)
    /// (`ArcCosineKernel.angleMap`, which never takes the arc cosine of a number near 1), and its diagonal
    /// k^(ℓ)(x, x) needs no angle. An angle-map step is off by O(ε/sin θ′) where J_n′(θ′) = O(sin θ′) for n ≥ 1
    /// (and by O(ε θ′) for n = 0), so each layer costs a few ulps of the scale: 1e-13 of √(k(x, x) k(y, y))
    /// (about 450 ulps) bounds the total for the three layers used.
    func value(_ x: [Double], _ y: [Double], diagonal: Bool) throws -> (value: Double, error: Double) {
        var theta = diagonal ? 0 : try ArcCosineKernel.angle(x, y)
        var xx = ThresholdNetwork.dot(x, x), yy = ThresholdNetwork.dot(y, y)
        for _ in 1..<layers {
            theta = try ArcCosineKernel.angleMap(degree, theta)
            let a = ArcCosineKernel.doubleFactorial(oddBelow: degree)
            xx = a * pow(xx, Double(degree))
            yy = a * pow(yy, Double(degree))
        }
        let scale = pow(xx * yy, Double(degree) / 2) / Double.pi
        let value = scale * (try ArcCosineKernel.angularPart(degree, theta))
        let error = layers == 1 ? scale * (ArcCosineKernel.angularPartRoundingError(degree, theta) + 48 * Double.ulpOfOne * Double.pi)
            : 1e-13 * ArcCosineKernel.doubleFactorial(oddBelow: degree) * scale * Double.pi
        return (value, error)
    }
}

extension ArcCosineKernelClaims {
    /// CS-PSD: the arc-cosine kernels and their compositions are positive semi-definite.
    static let positiveSemidefinite = Claim(
        id: "CS-PSD", paper: paper, location: "abstract; §2, on the integral representation",
        statement: """
        The arc-cosine kernels are positive-definite kernel functions (abstract); the integral representation, eq. (1), \
        makes it straightforward to show that they are positive-semidefinite; the multilayer kernels, inner products \
        of composed feature maps Φ(Φ(...Φ(x))), are kernels as well.
        """,
        assumptions: [
            "checked as: every Gram matrix [k(x_i, x_j)] has smallest eigenvalue ≥ 0 (scaled by its largest diagonal entry)",
            "kernels k_0, k_1, k_2 and the compositions k_0^(3), k_1^(3); 10 points in ℝ³ (more points than dimensions)",
            "200 random point sets per kernel (Gaussian directions, norms uniform in [0.5, 2]) plus structured sets: points on a great circle, positive and negative multiples of one vector, and near-duplicates 1e-6 apart",
            "eigenvalues by cyclic Jacobi rotations; error = rotation rounding bound + off-diagonal residual + the entries' rounding errors (Weyl: ‖E‖_F)",
        ],
        kind: .inequality, expectation: .holds
    ) { ctx in
        let kernels = [KernelChoice(degree: 0, layers: 1), KernelChoice(degree: 1, layers: 1), KernelChoice(degree: 2, layers: 1),
                       KernelChoice(degree: 0, layers: 3), KernelChoice(degree: 1, layers: 3)]
        for kernel in kernels {
            var worst = WorstCase(.atLeast, 0)
            for (label, points) in try pointSets(ctx) {
                let n = points.count
                var matrix = [Double](repeating: 0, count: n * n)
                var entryErrors = 0.0
                for i in 0..<n {
                    for j in 0...i {
                        let entry = try kernel.value(points[i], points[j], diagonal: i == j)
                        matrix[i * n + j] = entry.value
                        matrix[j * n + i] = entry.value
                        entryErrors += (i == j ? 1 : 2) * entry.error * entry.error
                    }
                }
                let largest = (0..<n).map { matrix[$0 * n + $0] }.max() ?? 1
                let normalized = matrix.map { $0 / largest }
                let eigen = try SymmetricEigenvalues(normalized, size: n)
                worst.add(eigen.minimum, error: eigen.error + entryErrors.squareRoot() / largest + 4 * Double.ulpOfOne, label)
            }
            worst.record(ctx, "λ_min of the Gram matrix of \(kernel.name) / largest diagonal entry ≥ 0", route: .iterativeSolver,
                         resolution: 1e-10, note: "\(worst.count) point sets")
        }
    }

    /// The point sets of CS-PSD, drawn from the claim's own stream.
    static func pointSets(_ ctx: ClaimContext) throws -> [(String, [[Double]])] {
        var rng = ctx.stream("point sets").generator()
        let sampler = NormalSampler()
        func direction() -> [Double] {
            let v = (0..<3).map { _ in sampler.next(using: &rng) }
            let norm = ArcCosineKernel.norm(v)
            return v.map { $0 / norm }
        }
        var sets: [(String, [[Double]])] = []
        for k in 0..<200 {
            sets.append(("random set \(k)", (0..<10).map { _ in
                let r = 0.5 + 1.5 * rng.nextUniform()
                return direction().map { r * $0 }
            }))
        }
        sets.append(("10 points on a great circle", (0..<10).map { i in
            let phi = 2 * Double.pi * Double(i) / 10
            return [cos(phi), sin(phi), 0]
        }))
        let v = direction()
        sets.append(("multiples ±1, ±2, ..., ±5 of one vector", [1.0, 2, 3, 4, 5, -1, -2, -3, -4, -5].map { a in v.map { a * $0 } }))
        let base = (0..<5).map { _ in direction() }
        sets.append(("5 points and their copies 1e-6 apart", base + base.map { p in zip(p, direction()).map { $0 + 1e-6 * $1 } }))
        return sets
    }
}
