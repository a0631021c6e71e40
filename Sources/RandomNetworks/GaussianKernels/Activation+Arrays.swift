/// Activations applied to whole signal vectors (the ASV paper's v = f(u), eq. (4), and Δu = Δv ⊙ f'(u),
/// eq. (8)): the same values as mapping the scalar functions entry by entry, with the activation's case chosen
/// once per vector instead of once per entry (ReLU and the identity, the hot cases, have their own loops).
extension Activation {
    /// σ(x_i) for every entry: `xs.map { self($0) }`.
    public func values(_ xs: [Double]) -> [Double] {
        switch self {
        case .identity: xs
        case .relu: Self.entrywise(xs.count) { i in max(0, xs[i]) }
        default: xs.map { self($0) }
        }
    }

    /// Δv_i σ'(u_i) for every entry (eq. (8)): `zip(upstream, pre).map { $0 * derivative($1) }` (as long as
    /// the shorter vector).
    public func backpropagate(_ upstream: [Double], at pre: [Double]) -> [Double] {
        let count = min(upstream.count, pre.count)
        switch self {
        case .identity: return Self.entrywise(count) { i in upstream[i] * 1 }
        case .relu: return Self.entrywise(count) { i in upstream[i] * (pre[i] > 0 ? 1 : 0) }
        default: return zip(upstream, pre).map { $0 * derivative($1) }
        }
    }

    /// [value(0), …, value(count − 1)] written in place, without the appends of `map`.
    @inline(__always)
    private static func entrywise(_ count: Int, _ value: (Int) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = value(i) }
            initialized = count
        }
    }
}
