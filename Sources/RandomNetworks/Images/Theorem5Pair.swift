import Randomness

/// The exact quantities of Nachum et al.'s Theorem 5 for one pair of black-and-white images and radius r:
/// filters of side 2r+1 and variance 2/(2r+1)², centered windows (App. G).
public struct Theorem5Pair: Sendable {
    /// A.
    public let a: BinaryImage
    /// B.
    public let b: BinaryImage
    /// r.
    public let radius: Int
    /// |∂_r(A, B)|.
    public let boundary: SharedBoundary
    /// t_ij = σ̂([A]^{r̄}_ij, [B]^{r̄}_ij, √2/(2r+1)) at every pixel, eq. (29) corrected.
    public let terms: [Double]
    /// E⟨R(F*A), R(F*B)⟩ (eq. (16)), the sum of the terms.
    public let expected: Double
    /// E‖R(F*A) − R(F*B)‖² = Σ_ij (σ̂([A]_ij, [A]_ij) + σ̂([B]_ij, [B]_ij) − 2 t_ij) over the centered windows
    /// (eq. (8) for each of the three inner products; (9), E‖R(F*A)‖² = |A|, is not assumed).
    public let expectedSquaredDistance: Double
    /// ⟨A, B⟩ = |A ∩ B|.
    public let dot: Double
    /// ‖A − B‖² = |A Δ B|.
    public let squaredDistance: Double

    /// The quantities for A = `a`, B = `b` at radius `r`.
    public init(_ a: BinaryImage, _ b: BinaryImage, radius r: Int) throws {
        try self.init(a, b, radius: r) {
            (try Self.expectedSquaredNorm(a, radius: r), try Self.expectedSquaredNorm(b, radius: r))
        }
    }

    /// The quantities for A = `a`, B = `b` at radius `r`, with E‖R(F*A)‖² and E‖R(F*B)‖² from
    /// `expectedSquaredNorms` (`expectedSquaredNorm`, which a loop over many pairs of the same pictures computes
    /// once per picture), asked for after the checks of the boundary and the windows.
    init(_ a: BinaryImage, _ b: BinaryImage, radius r: Int,
         expectedSquaredNorms: () throws -> (Double, Double)) throws {
        self.a = a
        self.b = b
        radius = r
        let (x, y) = (a.image, b.image)
        boundary = try SharedBoundary(x, y, radius: r)
        let windows = try PatchOperator.centered(radius: r)
        terms = try CNNDualFormula.homogeneousTerms(.relu, geometry: windows.geometry(x, y), nu: Self.nu(r))
        expected = terms.reduce(0, +)
        let squaredNorms = try expectedSquaredNorms()
        expectedSquaredDistance = squaredNorms.0 + squaredNorms.1 - 2 * expected
        dot = Double(try a.dot(b))
        squaredDistance = Double(try a.squaredDistance(b))
    }

    /// E‖R(F*A)‖² = Σ_ij σ̂([A]_ij, [A]_ij, √2/(2r+1)) over the centered windows (eq. (8) with y = x).
    static func expectedSquaredNorm(_ a: BinaryImage, radius r: Int) throws -> Double {
        let image = a.image
        return try CNNDualFormula.homogeneousTerms(.relu, geometry: PatchOperator.centered(radius: r).geometry(image, image),
                                                   nu: nu(r)).reduce(0, +)
    }

    /// √2/(2r+1): the filter standard deviation of Theorem 5 (variance 2/(2r+1)²), eq. (4)'s ReLU normalization.
    public static func nu(_ r: Int) -> Double { NachumInputs.reluNu(filterSize: 2 * r + 1) }

    /// The largest |t_ij − A_ij B_ij| over the pixels off the boundary (0 by the proof of Theorem 5).
    public var largestOffBoundaryDeviation: Double {
        var worst = 0.0
        for p in terms.indices where !boundary.members[p] {
            worst = max(worst, abs(terms[p] - (a.pixels[p] && b.pixels[p] ? 1 : 0)))
        }
        return worst
    }
}

extension Theorem5Pair {
    /// Pairs of pictures for the boundary checks: Bernoulli noise, rectangles and ellipses in turn.
    public static func boundaryTestPair(_ index: Int, n: Int, rng: inout Xoshiro256) throws -> (BinaryImage, BinaryImage) {
        switch index % 3 {
        case 0:
            let p = rng.nextUniform(), q = rng.nextUniform()
            return (try BinaryImage(size: n, pixels: (0..<(n * n)).map { _ in rng.nextUniform() < p }),
                    try BinaryImage(size: n, pixels: (0..<(n * n)).map { _ in rng.nextUniform() < q }))
        case 1:
            return (try ImageFamilies.randomRectangles(count: 2, size: n, sides: 1...max(1, n - 1), rng: &rng),
                    try ImageFamilies.randomRectangles(count: 2, size: n, sides: 1...max(1, n - 1), rng: &rng))
        default:
            let axes = 1.0...(Double(n) / 2)
            return (try ImageFamilies.randomEllipse(size: n, semiAxes: axes, rng: &rng),
                    try ImageFamilies.randomEllipse(size: n, semiAxes: axes, rng: &rng))
        }
    }

    /// The pairs probing Theorem 5: `randomCount` random pairs at n ∈ [5, 19] (`boundaryTestPair` in turn, with a
    /// random radius), all 512 × 512 pairs of 3 × 3 pictures at r = 1 when `exhaustive`, and G3 at r = 1 and 2.
    public static func probePairs(randomCount: Int, exhaustive: Bool, rng: inout Xoshiro256) throws -> [Theorem5Pair] {
        var pairs: [Theorem5Pair] = []
        for index in 0..<randomCount {
            let n = Int.random(in: 5...19, using: &rng)
            let (a, b) = try boundaryTestPair(index, n: n, rng: &rng)
            pairs.append(try Theorem5Pair(a, b, radius: Int.random(in: 1...((n - 1) / 2), using: &rng)))
        }
        if exhaustive {
            let pictures = try (0..<UInt64(512)).map { try BinaryImage(size: 3, mask: $0) }
            let squaredNorms = try pictures.map { try expectedSquaredNorm($0, radius: 1) }
            for a in pictures.indices {
                for b in pictures.indices {
                    pairs.append(try Theorem5Pair(pictures[a], pictures[b], radius: 1) { (squaredNorms[a], squaredNorms[b]) })
                }
            }
        }
        let (g3a, g3b) = try NachumInputs.g3()
        pairs += [try Theorem5Pair(g3a, g3b, radius: 1), try Theorem5Pair(g3a, g3b, radius: 2)]
        return pairs
    }
}
