import Randomness

/// The randomized input family on which the bounds of Nachum et al.'s Theorem 3 and eq. (3)
/// are probed: sizes n ∈ [3, 11], filter sides r ∈ [1, n], channels d ∈ {1, 2, 3},
/// and four kinds of pairs — independent Gaussian, near-antipodal
/// (y = −x + 0.1z), independent Bernoulli(1/2) pictures, and sparse Gaussian
/// (30 % non-zero) — plus the exact tight examples of Remark 2.
public enum BoundsFamily {
    /// One input pair of the family with its filter side.
    public struct Pair: Sendable {
        /// The first image.
        public let x: Image
        /// The second image.
        public let y: Image
        /// r, the filter side.
        public let filterSize: Int
        /// Which of the four kinds of pairs.
        public let kind: String

        /// A pair (x, y) with filter side `filterSize`, described by `kind`.
        public init(x: Image, y: Image, filterSize: Int, kind: String) {
            self.x = x
            self.y = y
            self.filterSize = filterSize
            self.kind = kind
        }
    }

    /// `count` pairs drawn from `rng`, the four kinds in turn.
    public static func pairs(count: Int, rng: inout Xoshiro256) throws -> [Pair] {
        var out: [Pair] = []
        for index in 0..<count {
            let n = Int.random(in: 3...11, using: &rng)
            let r = Int.random(in: 1...n, using: &rng)
            let d = Int.random(in: 1...3, using: &rng)
            let x = try Image.gaussian(size: n, channels: d, rng: &rng)
            let z = try Image.gaussian(size: n, channels: d, rng: &rng)
            switch index % 4 {
            case 0:
                out.append(Pair(x: x, y: z, filterSize: r, kind: "independent Gaussian"))
            case 1:
                out.append(Pair(x: x, y: try map(x, z) { -$0 + 0.1 * $1 }, filterSize: r, kind: "near-antipodal"))
            case 2:
                out.append(Pair(x: try map(x, z) { a, _ in a > 0 ? 1 : 0 }, y: try map(x, z) { _, b in b > 0 ? 1 : 0 },
                                filterSize: r, kind: "Bernoulli pictures"))
            default:
                let keepX = try Image(size: n, channels: d, pixels: x.pixels.map { _ in rng.nextUniform() < 0.3 ? 1 : 0 })
                let keepY = try Image(size: n, channels: d, pixels: z.pixels.map { _ in rng.nextUniform() < 0.3 ? 1 : 0 })
                out.append(Pair(x: try map(x, keepX, *), y: try map(z, keepY, *), filterSize: r, kind: "sparse Gaussian"))
            }
        }
        return out
    }

    /// Remark 2's r = 1 examples at ρ (entries as pixels of a 2 × 2 picture, d = 1): the upper bound,
    /// the lower bound 0 and the lower bound ⟨x, y⟩, each attained.
    public static func remark2(_ rho: Double) throws -> [(label: String, x: Image, y: Image, expected: Double)] {
        let p = ((1 + rho) / 2).squareRoot(), q = ((1 - rho) / 2).squareRoot()
        let a = (1 - rho).squareRoot(), b = rho.squareRoot()
        return [
            ("(i) upper bound (1+ρ)/2", try NachumInputs.pixels([p, q], size: 2), try NachumInputs.pixels([p, -q], size: 2),
             (1 + rho) / 2),
            ("(ii) lower bound 0", try NachumInputs.pixels([a, b, 0], size: 2), try NachumInputs.pixels([0, -b, a], size: 2), 0),
            ("(iii) lower bound ⟨x,y⟩ = ρ", try NachumInputs.pixels([a, b, 0], size: 2),
             try NachumInputs.pixels([0, b, a], size: 2), rho),
        ]
    }

    private static func map(_ x: Image, _ y: Image, _ f: (Double, Double) -> Double) throws -> Image {
        try Image(size: x.size, channels: x.channels, pixels: zip(x.pixels, y.pixels).map(f))
    }
}

extension BoundsFamily {
    /// The slacks of Theorem 3 over a family, normalized by ‖x‖‖y‖: (E − max(⟨x,y⟩, 0))/(‖x‖‖y‖) and
    /// (‖x‖‖y‖(1+ρ)/2 − E)/(‖x‖‖y‖), with E = E⟨R(F*x), R(F*y)⟩ from eq. (8) at `nu(r)`; the points
    /// (ρ_in, E/(‖x‖‖y‖)) for a figure; pairs with a zero image are skipped.
    public struct Slacks: Sendable {
        /// min over the pairs of (E − max(⟨x,y⟩, 0))/(‖x‖‖y‖) (the lower bound's slack).
        public internal(set) var lower = Double.infinity
        /// min over the pairs of (‖x‖‖y‖(1+ρ)/2 − E)/(‖x‖‖y‖) (the upper bound's slack).
        public internal(set) var upper = Double.infinity
        /// min (E/(‖x‖‖y‖) − ρ_in) over the pairs (non-expansion when ≥ 0).
        public internal(set) var expansion = Double.infinity
        /// (ρ_in, E/(‖x‖‖y‖)) for each pair used.
        public internal(set) var points: [(Double, Double)] = []
        /// The pairs used (those without a zero image).
        public internal(set) var count = 0
    }

    /// The slacks over `pairs` with the filter standard deviation `nu(r)`.
    public static func slacks(_ pairs: [Pair], nu: (Int) -> Double) throws -> Slacks {
        var s = Slacks()
        for pair in pairs {
            let nx = pair.x.norm, ny = pair.y.norm
            guard nx > 0, ny > 0 else { continue }
            let e = try CNNDualFormula.expectedInnerProduct(.relu, pair.x, pair.y, filterSize: pair.filterSize,
                                                            nu: nu(pair.filterSize))
            let inner = try pair.x.dot(pair.y)
            s.lower = min(s.lower, (e - max(inner, 0)) / (nx * ny))
            s.upper = min(s.upper, ((nx * ny + inner) / 2 - e) / (nx * ny))
            s.expansion = min(s.expansion, (e - inner) / (nx * ny))
            s.points.append((inner / (nx * ny), e / (nx * ny)))
            s.count += 1
        }
        return s
    }
}
