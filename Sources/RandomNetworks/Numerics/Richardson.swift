/// Richardson extrapolation: derivatives from central differences, and the limit of a secant slope c(ε)/ε as
/// ε → 0, each with an error estimate from the change between the last two extrapolations.
public enum Richardson {
    /// f'(x) by Richardson extrapolation of central differences, R(h) = (4 D(h/2) − D(h))/3 with an O(h⁴)
    /// error; the value is R(h/2) and the error estimate |R(h) − R(h/2)| plus the rounding of the differences.
    public static func derivative(_ f: (Double) throws -> Double, at x: Double, step h: Double) throws
        -> (value: Double, error: Double) {
        func difference(_ step: Double) throws -> Double { (try f(x + step) - f(x - step)) / (2 * step) }
        let (d1, d2, d4) = (try difference(h), try difference(h / 2), try difference(h / 4))
        let coarse = (4 * d2 - d1) / 3, fine = (4 * d4 - d2) / 3
        let rounding = 8 * Double.ulpOfOne * max(abs(try f(x)), 1) / (h / 4)
        return (fine, abs(fine - coarse) + rounding)
    }

    /// The limit of c(ε)/ε as ε → 0 for a map in complement form c(ε) = 1 − g(1 − ε), i.e. g'(1), extrapolated
    /// (Richardson) in powers of ε for smooth maps, of √ε for maps with a ReLU-type kink
    /// (1 − P(1 − ε) = P'(1)ε − cε^{3/2} + …). The error estimate is the change between the last two extrapolations.
    public static func secantLimit(_ complement: (Double) throws -> Double, kinked: Bool, epsilon: Double) throws -> (value: Double, error: Double) {
        func q(_ e: Double) throws -> Double { (try complement(e)) / e }
        let ratio = kinked ? 4.0 : 2.0 // ε/4 halves √ε; ε/2 halves ε
        let (q0, q1, q2) = (try q(epsilon), try q(epsilon / ratio), try q(epsilon / (ratio * ratio)))
        let (r1, r2) = (2 * q1 - q0, 2 * q2 - q1) // removes the leading term (√ε, or ε)
        let second = (4 * r2 - r1) / 3 // then the next (ε, or ε²)
        return (second, abs(second - r2))
    }
}
