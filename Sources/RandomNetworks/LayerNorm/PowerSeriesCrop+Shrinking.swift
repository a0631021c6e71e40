import Foundation

extension PowerSeriesCrop {
    /// Simpler crops than this one, simplest first, for shrinking a counterexample (`MinimalCounterexample.shrink`):
    /// the top coefficient dropped, one coefficient set to 0, all coefficients (then each one alone) rounded to an
    /// integer or one decimal, then a and b rounded to one or two decimals. Each variant keeps some c_k > 0 with k ≥ 2 and
    /// a < b; variants equal to this crop are left out.
    public var simplerVariants: [PowerSeriesCrop] {
        var variants: [PowerSeriesCrop] = []
        func add(_ coefficients: [Double], _ a: Double, _ b: Double) {
            guard a < b, coefficients.dropFirst(2).contains(where: { $0 > 0 }),
                  coefficients != self.coefficients || a != self.a || b != self.b else { return }
            variants.append(PowerSeriesCrop(coefficients: coefficients, a: a, b: b))
        }
        func rounded(_ x: Double, _ digits: Int) -> Double {
            let scale = pow(10, Double(digits))
            return (x * scale).rounded() / scale
        }
        if coefficients.count > 3 { add(Array(coefficients.dropLast()), a, b) }
        for k in coefficients.indices.reversed() where coefficients[k] != 0 {
            var zeroed = coefficients
            zeroed[k] = 0
            add(zeroed, a, b)
        }
        for digits in 0...1 {
            add(coefficients.map { rounded($0, digits) }, a, b)
            for k in coefficients.indices {
                var one = coefficients
                one[k] = rounded(one[k], digits)
                add(one, a, b)
            }
        }
        for digits in 1...2 {
            add(coefficients, rounded(a, digits), b)
            add(coefficients, a, rounded(b, digits))
        }
        return variants
    }
}
