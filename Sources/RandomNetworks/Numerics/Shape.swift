import GSL

/// Shape checks shared by the models: mismatched sizes throw `ParameterError`.
enum Shape {
    /// `count` equals `expected`.
    static func requireCount(_ count: Int, _ expected: Int, _ parameter: String, in context: String) throws {
        guard count == expected else {
            throw ParameterError(context, parameter: parameter, value: "\(count) values", requirement: "\(expected) values")
        }
    }

    /// Every entry of `labels` is +1 or −1.
    static func requireLabels(_ labels: [Double], in context: String) throws {
        for y in labels where y != 1 && y != -1 {
            throw ParameterError(context, parameter: "label", value: "\(y)", requirement: "+1 or −1")
        }
    }
}
