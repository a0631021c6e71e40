import GSL

/// The composition f_L = P_L ∘ … ∘ P_1 of per-layer correlation maps
/// (layer-norm paper, proof of Theorem 1, App. A.1, and of Theorem 2, A.2):
/// infinite-width ρ_L as a function of ρ_0, the points ρ̃_l = f_l(0), the
/// maximal correlation ρ_max, and the cropped maps P̃_l of (A.2).
///
/// Everything near ρ = 1 is computed in complement form, ε = 1 − ρ: each map's
/// `complement` gives 1 − P(1 − ε) without cancellation, so 1 − ρ_l keeps its
/// relative precision even at depths of 10⁶ (where 1 − ρ_l ≈ 4·10⁻¹¹ for ReLU).
public struct CorrelationMapComposition: Sendable {
    /// P_1 … P_L, the per-layer maps in order (index l − 1).
    public let maps: [any CorrelationMap]
    /// 1 − ρ̃_l for l = 0 … L (ρ̃_0 = 0, ρ̃_l = f_l(0)).
    public let tildeComplements: [Double]

    /// The composition of `maps`, computing ρ̃_l for every layer. Throws `ParameterError` for no map, and what
    /// the maps' `complement` throws.
    public init(_ maps: [any CorrelationMap]) throws {
        try Require.atLeast(maps.count, 1, "number of layers", in: "CorrelationMapComposition")
        self.maps = maps
        var complements = [1.0]
        for map in maps { complements.append(try map.complement(complements.last!)) }
        tildeComplements = complements
    }

    /// L.
    public var depth: Int { maps.count }

    /// 1 − P_l ∘ … ∘ P_{k+1}(1 − ε) for l = k … `last` (default L), iterated in complement form: the
    /// layers k+1 … last applied to ρ_k = 1 − ε (k = 0: f_l(1 − ε)).
    public func complements(startingAt epsilon: Double, from k: Int = 0, through last: Int? = nil) throws -> [Double] {
        let context = "CorrelationMapComposition.complements"
        try Require.within(epsilon, 0...2, "epsilon", in: context)
        let end = last ?? depth
        try Self.requireLayer(end, in: 0...depth, context)
        try Self.requireLayer(k, in: 0...end, context)
        var values = [epsilon]
        for map in maps[k..<end] { values.append(try map.complement(values.last!)) }
        return values
    }

    /// ρ_0, ρ_1 = P_1(ρ_0), …, ρ_L.
    public func trajectory(from rho: Double) throws -> [Double] {
        try Require.within(rho, -1...1, "rho", in: "CorrelationMapComposition.trajectory")
        var values = [rho]
        for map in maps { values.append(try map(values.last!)) }
        return values
    }

    /// f_L(ρ) = P_L ∘ … ∘ P_1(ρ).
    public func callAsFunction(_ rho: Double) throws -> Double { try trajectory(from: rho).last! }

    /// (f_L)'(1) = ∏_l P_l'(1), because every P_l(1) = 1 (Remark 4: the infinite-width Jacobian).
    public var slopeAtOne: Double { maps.reduce(1) { $0 * $1.slopeAtOne } }

    /// (f_L)'(ρ) = ∏_l P_l'(ρ_{l−1}) (chain rule).
    public func derivative(at rho: Double) throws -> Double {
        let path = try trajectory(from: rho)
        var product = 1.0
        for (map, input) in zip(maps, path) { product *= try map.derivative(input) }
        return product
    }

    /// 1 − ρ̃_max = min_{1≤l≤L} (1 − ρ̃_l).
    public var tildeMaxComplement: Double { tildeComplements.dropFirst().min()! }

    // MARK: Crops (A.2)

    /// 1 − P̃_l(1 − s) for the crop P̃_l(t) = (P_l(ρ̃_{l−1} + (1 − ρ̃_{l−1})t) − ρ̃_l)/(1 − ρ̃_l) of layer
    /// `layer` (1-based): (1 − P_l(1 − (1 − ρ̃_{l−1}) s))/(1 − ρ̃_l).
    public func croppedComplement(layer l: Int, _ s: Double) throws -> Double {
        try Self.requireLayer(l, in: 1...depth, "CorrelationMapComposition.croppedComplement")
        try Require.within(s, 0...1, "s", in: "CorrelationMapComposition.croppedComplement")
        return try maps[l - 1].complement(tildeComplements[l - 1] * s) / tildeComplements[l]
    }

    /// P̃_l(t) from its definition in ρ form: (P_l(ρ̃_{l−1} + (1 − ρ̃_{l−1})t) − ρ̃_l)/(1 − ρ̃_l).
    public func cropped(layer l: Int, _ t: Double) throws -> Double {
        try Self.requireLayer(l, in: 1...depth, "CorrelationMapComposition.cropped")
        try Require.within(t, 0...1, "t", in: "CorrelationMapComposition.cropped")
        let start = 1 - tildeComplements[l - 1]
        return (try maps[l - 1](start + tildeComplements[l - 1] * t) - (1 - tildeComplements[l])) / tildeComplements[l]
    }

    /// 1 − (P̃_l ∘ … ∘ P̃_{k+1})(1 − s), the composition of the crops of layers k+1 … l, in complement form.
    public func croppedCompositeComplement(from k: Int = 0, to l: Int? = nil, _ s: Double) throws -> Double {
        let last = l ?? depth
        try Self.requireLayer(last, in: 0...depth, "CorrelationMapComposition.croppedCompositeComplement")
        try Self.requireLayer(k, in: 0...last, "CorrelationMapComposition.croppedCompositeComplement")
        var value = s
        for layer in stride(from: k + 1, through: last, by: 1) { value = try croppedComplement(layer: layer, value) }
        return value
    }

    // MARK: Maximal correlation

    /// The smallest output correlation of layer l over all input pairs: min over ρ_0 ∈ [−1, 1] of f_l(ρ_0).
    public struct LayerMinimum: Sendable, Equatable {
        /// The layer l (1-based).
        public let layer: Int
        /// The minimizing input correlation ρ_0.
        public let input: Double
        /// 1 − min f_l.
        public let complement: Double
    }

    /// ρ_max = max_{1≤l≤L} min_{ρ_0∈[−1,1]} f_l(ρ_0) (Theorem 1; the minimum over input pairs on the sphere
    /// is one over ρ_0 ∈ [−1, 1]), returned as the minimizing layer with 1 − ρ_max. Every layer is scanned on
    /// a grid of `gridPoints` inputs (all layers in one pass); grid minima are refined by golden section
    /// inside their grid cell, in order of promise, until no unrefined layer can beat the best refined one
    /// (refinement only lowers a layer's minimum).
    public func maximalCorrelation(gridPoints: Int = 201, tolerance: Double = 1e-12) throws -> LayerMinimum {
        let minima = try gridMinima(gridPoints: gridPoints)
        var best: LayerMinimum?
        for candidate in minima.sorted(by: { $0.complement < $1.complement }) {
            if let best, candidate.complement >= best.complement { break }
            let refined = try refine(candidate, gridPoints: gridPoints, tolerance: tolerance)
            if best == nil || refined.complement < best!.complement { best = refined }
        }
        return best!
    }

    private func gridMinima(gridPoints: Int) throws -> [LayerMinimum] {
        try Require.atLeast(gridPoints, 3, "gridPoints", in: "CorrelationMapComposition.maximalCorrelation")
        var worst = [(input: Double, complement: Double)](repeating: (1, -1), count: depth)
        for i in 0..<gridPoints {
            let epsilon = 2 * Double(i) / Double(gridPoints - 1)
            let path = try complements(startingAt: epsilon)
            for l in 1...depth where path[l] > worst[l - 1].complement { worst[l - 1] = (1 - epsilon, path[l]) }
        }
        return worst.enumerated().map { LayerMinimum(layer: $0.offset + 1, input: $0.element.input, complement: $0.element.complement) }
    }

    private func refine(_ minimum: LayerMinimum, gridPoints: Int, tolerance: Double) throws -> LayerMinimum {
        let step = 2 / Double(gridPoints - 1)
        let epsilon = 1 - minimum.input
        let found = try GoldenSection.minimize({ e in -(try complements(startingAt: e, through: minimum.layer).last!) },
                                               lower: max(0, epsilon - step), upper: min(2, epsilon + step),
                                               tolerance: tolerance)
        guard -found.value > minimum.complement else { return minimum }
        return LayerMinimum(layer: minimum.layer, input: 1 - found.x, complement: -found.value)
    }

    private static func requireLayer(_ layer: Int, in range: ClosedRange<Int>, _ context: String) throws {
        guard range.contains(layer) else {
            throw ParameterError(context, parameter: "layer", value: "\(layer)",
                                 requirement: "in \(range.lowerBound)...\(range.upperBound)")
        }
    }
}
