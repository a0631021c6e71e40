import Foundation

/// The rounding carried by an orbit ε_{l+1} = 1 − P(1 − ε_l) of a critical layer-norm map iterated in complement
/// form (§2.2, LN-PHASE-CRIT), as a bound in the manner of NACHUM-INTRO-CONTRACT's 20·L·ε:
///
/// - one step rounds ε_{l+1} by at most η_l = 20ε relative (a few operations; the same allowance per step as
///   NACHUM-INTRO-CONTRACT), plus, for the kinked maps (ReLU, LReLU_a), the rounding of the argument ε_l − 1 of
///   R̂ to the double grid below 1 (spacing 2⁻⁵³, so ε_l is off by up to 2⁻⁵⁴), which the kink term
///   ε_l − ε_{l+1} ∝ ε_l^{3/2} amplifies 3/2-fold: (ε_l − ε_{l+1})/ε_{l+1} · (3/2) · 2⁻⁵⁴/ε_l relative;
/// - a relative error of ε_l passes to ε_{l+1} with the elasticity ε g'(ε)/g(ε) ≤ 1 of g(ε) = 1 − P(1 − ε)
///   (g(ε) = ε − h(ε) with h(ε)/ε non-decreasing, as for the leading terms ε^{3/2} and ε²), so the accumulated
///   relative error of ε_l is at most Σ_{j<l} η_j.
struct CriticalOrbitRounding {
    /// The orbit ε_0, ε_1, … (`CorrelationMapComposition.tildeComplements`).
    let complements: [Double]
    /// Whether the map has a ReLU-type kink (its complement evaluates R̂ at ε − 1).
    let kinked: Bool

    /// The rule, for the assertions' notes.
    static let summary = "per step 20ε, and for kinked maps the argument ε − 1 rounded to 2⁻⁵⁴ and amplified 3/2 by the kink term; summed along the orbit"

    /// η_l: the relative rounding of ε_{l+1} computed from the stored ε_l.
    func stepError(at l: Int) -> Double {
        let operations = 20 * Double.ulpOfOne
        guard kinked else { return operations }
        let (current, next) = (complements[l], complements[l + 1])
        return operations + (current - next) / next * 1.5 * 0x1p-54 / current
    }

    /// The relative error of ε_l accumulated over the steps before it: Σ_{j<l} η_j.
    func accumulated(through l: Int) -> Double {
        (0..<l).reduce(0) { $0 + stepError(at: $1) }
    }

    /// The error of the local exponent l(1 − ε_{l+1}/ε_l): the step's own rounding and the division's, times l, and
    /// the exponent moved by the accumulated error of ε_l (the exponent ∝ ε_l^{1/2} or ε_l, elasticity ≤ 1).
    func localExponentError(at l: Int) -> Double {
        let exponent = Double(l) * (1 - complements[l + 1] / complements[l])
        return Double(l) * (stepError(at: l) + Double.ulpOfOne) + abs(exponent) * accumulated(through: l)
    }
}
