import GSL

/// The pooling function g_ℓ of a Conv+Pool layer (the ASV paper, (A.35)–(A.36)).
public enum PoolingKind: String, Sendable, Hashable, CaseIterable {
    /// g(x) = max_i x_i (A.35).
    case max
    /// g(x) = (1/T) Σ_i x_i (A.36).
    case average
}

/// Non-overlapping t_w × t_h pooling of a w × h × d map (the ASV paper, eq. (5),
/// (A.28)–(A.41)): window t(ℓ, t) of output unit (i, j, k) holds the inputs
/// (t_w i + ξ_1, t_h j + ξ_2, k) (A.31), 0-based. The windows must partition the
/// map — Table 1 and (A.38) need it, the floor of (A.30) would otherwise drop
/// rows — so t_w | w and t_h | h are required. A 1 × 1 window is no pooling (T = 1).
///
/// Max pooling routes the gradient to the first maximum of its window (ties
/// have probability zero for continuous pre-activations; after a ReLU they
/// meet a zero derivative).
public struct WindowPooling: Sendable, Equatable {
    /// The map pooled, w × h × d.
    public let input: FeatureMapShape
    /// t_w, the window's width (divides w).
    public let windowWidth: Int
    /// t_h, the window's height (divides h).
    public let windowHeight: Int
    /// Max or average pooling.
    public let kind: PoolingKind
    /// The pooled map w/t_w × h/t_h × d (A.30).
    public let output: FeatureMapShape

    /// Pooling of `input` by t_w × t_h windows. Throws `ParameterError` for a window side below 1 or one that
    /// does not divide the map's side.
    public init(input: FeatureMapShape, windowWidth: Int, windowHeight: Int, kind: PoolingKind) throws {
        let context = "WindowPooling"
        try Require.atLeast(windowWidth, 1, "windowWidth", in: context)
        try Require.atLeast(windowHeight, 1, "windowHeight", in: context)
        guard input.width % windowWidth == 0, input.height % windowHeight == 0 else {
            throw ParameterError(context, parameter: "window", value: "\(windowWidth)×\(windowHeight) on \(input)",
                                 requirement: "dividing the map exactly (Table 1: the windows partition [M'_ℓ])")
        }
        self.init(dividing: input, windowWidth: windowWidth, windowHeight: windowHeight, kind: kind)
    }

    private init(dividing input: FeatureMapShape, windowWidth: Int, windowHeight: Int, kind: PoolingKind) {
        self.input = input
        self.windowWidth = windowWidth
        self.windowHeight = windowHeight
        self.kind = kind
        output = input.pooled(by: windowWidth, windowHeight)
    }

    /// No pooling: g_ℓ the identity, T_ℓ = 1 (§5, before (19)).
    public static func none(_ input: FeatureMapShape) -> WindowPooling {
        WindowPooling(dividing: input, windowWidth: 1, windowHeight: 1, kind: .max)
    }

    /// T_ℓ = t_w t_h (A.31).
    public var windowSize: Int { windowWidth * windowHeight }

    /// t(ℓ, t) (A.31), (A.34): the inputs pooled into output unit t, increasing.
    public func window(of t: Int) throws -> [Int] {
        let (i, j, k) = try output.coordinates(of: t)
        var members: [Int] = []
        for x2 in 0..<windowHeight {
            for x1 in 0..<windowWidth {
                members.append(input.unchecked(windowWidth * i + x1, windowHeight * j + x2, k))
            }
        }
        return members
    }

    /// d(ℓ, t) (A.38)–(A.39): the output unit whose window holds input unit t.
    public func destination(of t: Int) throws -> Int {
        let (i, j, k) = try input.coordinates(of: t)
        return output.unchecked(i / windowWidth, j / windowHeight, k)
    }

    /// z = g(v_{t(ℓ,i)}) for every output unit (A.37), and for max pooling the
    /// input index of each window's first maximum (empty for average pooling).
    public func forward(_ v: [Double]) throws -> (z: [Double], winners: [Int]) {
        try input.validate(v, "v", in: "WindowPooling.forward")
        var z = [Double](repeating: 0, count: output.count)
        var winners = kind == .max ? [Int](repeating: 0, count: output.count) : []
        v.withUnsafeBufferPointer { v in
            z.withUnsafeMutableBufferPointer { z in
                winners.withUnsafeMutableBufferPointer { winners in forward(v, z: z, winners: winners) }
            }
        }
        return (z, winners)
    }

    /// `forward(_:)` on buffers the caller sized: `input.count` entries of v, `output.count` of z and, for max
    /// pooling, of winners (not touched for average pooling).
    func forward(_ v: UnsafeBufferPointer<Double>, z: UnsafeMutableBufferPointer<Double>,
                 winners: UnsafeMutableBufferPointer<Int>) {
        let scale = 1 / Double(windowSize)
        for k in 0..<output.channels {
            for j in 0..<output.height {
                for i in 0..<output.width {
                    let t = output.unchecked(i, j, k)
                    let first = input.unchecked(windowWidth * i, windowHeight * j, k)
                    // The window's members in the order of `window(of:)`: first + x1 + w x2.
                    switch kind {
                    case .max:
                        // The first maximum: a later member wins only if strictly larger.
                        var best = v[first], winner = first
                        for x2 in 0..<windowHeight {
                            for x1 in 0..<windowWidth where x1 + x2 > 0 {
                                let member = first + x1 + input.width * x2
                                let better = v[member] > best
                                best = better ? v[member] : best
                                winner = better ? member : winner
                            }
                        }
                        z[t] = best
                        winners[t] = winner
                    case .average:
                        var sum = 0.0
                        for x2 in 0..<windowHeight {
                            for x1 in 0..<windowWidth { sum += v[first + x1 + input.width * x2] }
                        }
                        z[t] = sum * scale
                    }
                }
            }
        }
    }

    /// Δv from Δz (A.40)–(A.41): Δv_i = Δz_{d(ℓ,i)} ∂g/∂v_i, with ∂g/∂v_i = 1 for
    /// the window's recorded maximum (0 for the others) or 1/T for average pooling.
    public func backward(_ deltaZ: [Double], winners: [Int]) throws -> [Double] {
        try output.validate(deltaZ, "deltaZ", in: "WindowPooling.backward")
        if kind == .max {
            guard winners.count == output.count, winners.allSatisfy({ (0..<input.count).contains($0) }) else {
                throw ParameterError("WindowPooling.backward", parameter: "winners", value: "\(winners.count) entries",
                                     requirement: "one input index per output unit, from forward(_:)")
            }
        }
        return [Double](unsafeUninitializedCapacity: input.count) { deltaV, count in
            deltaZ.withUnsafeBufferPointer { deltaZ in
                winners.withUnsafeBufferPointer { winners in backward(deltaZ, winners: winners, into: deltaV) }
            }
            count = input.count
        }
    }

    /// `backward(_:winners:)` on buffers the caller sized and checked: `output.count` entries of Δz and, for max
    /// pooling, of winners (input indices), `input.count` of Δv, every one of which is written.
    func backward(_ deltaZ: UnsafeBufferPointer<Double>, winners: UnsafeBufferPointer<Int>,
                  into deltaV: UnsafeMutableBufferPointer<Double>) {
        switch kind {
        case .max:
            deltaV.update(repeating: 0)
            for t in 0..<output.count { deltaV[winners[t]] += deltaZ[t] }
        case .average:
            let scale = 1 / Double(windowSize)
            for k in 0..<input.channels {
                for j in 0..<input.height {
                    for i in 0..<input.width {
                        deltaV[input.unchecked(i, j, k)] = scale * deltaZ[output.unchecked(i / windowWidth, j / windowHeight, k)]
                    }
                }
            }
        }
    }
}
