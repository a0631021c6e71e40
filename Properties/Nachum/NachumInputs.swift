import RandomNetworks

extension NachumInputs {
    /// Rounding allowance for a sum of `terms`: 4 ulp per term of the total magnitude.
    static func roundingError(_ terms: [Double]) -> Double {
        4 * Double(terms.count) * Double.ulpOfOne * terms.reduce(0) { $0 + abs($1) }
    }
}
