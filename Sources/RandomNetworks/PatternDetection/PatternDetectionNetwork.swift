import BLAS
import GSL
import Randomness

/// The convolution + ReLU + max-pooling network of Brutzkus & Globerson,
/// eq. (1): N_CNN[θ](x) = Σ_i a_i max_j σ(w_i · x[j]), θ = (W, a), with k
/// channels w_i ∈ R^d (the rows of W ∈ R^{k×d}; the paper's "R^{k×n}" is a
/// typo) applied to the n non-overlapping patterns of x, σ = ReLU, no biases.
public struct PatternDetectionNetwork: Sendable, Equatable {
    /// W, k × d: row i is the filter w_i.
    public var filters: Matrix
    /// a ∈ R^k, the weights of the fully connected output layer.
    public var outputWeights: [Double]

    /// θ = (W, a) of eq. (1); throws unless a has one weight per filter and every entry is finite.
    public init(filters: Matrix, outputWeights: [Double]) throws {
        try Shape.requireCount(outputWeights.count, filters.rows, "outputWeights", in: "PatternDetectionNetwork")
        if !Vector.allFinite(filters.storage) { for v in filters.storage { try Require.finite(v, "filter entry", in: "PatternDetectionNetwork") } }
        if !Vector.allFinite(outputWeights) { for v in outputWeights { try Require.finite(v, "output weight", in: "PatternDetectionNetwork") } }
        self.filters = filters
        self.outputWeights = outputWeights
    }

    /// PyTorch's default initialization of bias-free layers, the unspecified "standard training" start of §7:
    /// W ~ U(±1/√d), a ~ U(±1/√k), entrywise independent.
    public static func uniformInitialization(channels k: Int, dimension d: Int, rng: inout Xoshiro256) throws
        -> PatternDetectionNetwork {
        try Require.atLeast(k, 1, "channels", in: "PatternDetectionNetwork.uniformInitialization")
        try Require.atLeast(d, 1, "dimension", in: "PatternDetectionNetwork.uniformInitialization")
        try Require.product([k, d], "channels · dimension", in: "PatternDetectionNetwork.uniformInitialization")
        let first = 1 / Double(d).squareRoot(), second = 1 / Double(k).squareRoot()
        let w = (0..<(k * d)).map { _ in first * (2 * rng.nextUniform() - 1) }
        let a = (0..<k).map { _ in second * (2 * rng.nextUniform() - 1) }
        return try PatternDetectionNetwork(filters: Matrix(rows: k, columns: d, storage: w), outputWeights: a)
    }

    /// k, the number of channels.
    public var channels: Int { filters.rows }
    /// d, the filter dimension.
    public var dimension: Int { filters.columns }

    /// The activations w_i · x[j] of every slot: an (m·n) × k matrix whose row
    /// b·n + j holds the k channels at pattern x_b[j], by one GEMM.
    public func preActivations(_ batch: PatternBatch) throws -> Matrix {
        try requireDimension(batch, "preActivations")
        let rows = batch.rows.rows, k = channels
        let out = [Double](unsafeUninitializedCapacity: rows * k) { buffer, initialized in
            gemmActivations(batch.rows, into: buffer.baseAddress!)
            initialized = rows * k
        }
        return try Matrix(rows: rows, columns: k, storage: out)
    }

    /// The GEMM X Wᵀ of pattern rows X (r × d: a batch's (m·n) rows, or its distinct patterns) into `c` (r × k,
    /// every entry written: beta = 0).
    private func gemmActivations(_ rows: Matrix, into c: UnsafeMutablePointer<Double>) {
        rows.storage.withUnsafeBufferPointer { x in
            filters.storage.withUnsafeBufferPointer { w in
                BLAS.gemm(transposeB: true, m: rows.rows, n: channels, k: dimension, a: x.baseAddress!,
                          lda: dimension, b: w.baseAddress!, ldb: dimension, c: c, ldc: channels)
            }
        }
    }

    /// For a batch whose every row is a standard basis vector e_q (exactly one entry 1, the others ±0: the inputs
    /// of D with o_i = e_i), the index q of each row; nil otherwise.
    private func basisIndices(_ batch: PatternBatch) -> [Int]? {
        let d = dimension, rows = batch.rows.rows
        var indices = [Int](repeating: 0, count: rows)
        let found: Bool = batch.rows.storage.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                var position = -1
                for c in 0..<d {
                    let v = x[r * d + c]
                    if v == 1 && position < 0 {
                        position = c
                    } else if v != 0 {
                        return false
                    }
                }
                guard position >= 0 else { return false }
                indices[r] = position
            }
            return true
        }
        return found ? indices : nil
    }

    /// Whether every filter entry is non-zero and finite. Then for a pattern e_q, w_i · e_q = W[i, q] exactly,
    /// whatever order a GEMM sums the products in (every other product is a zero of a finite, non-zero filter
    /// entry), so the activations can be read from W instead of multiplied.
    private func filtersReadExactly() -> Bool {
        filters.storage.withUnsafeBufferPointer { w in
            // Non-zero and finite (v − v is 0 exactly for finite v, NaN otherwise), four entries at a time.
            var good = SIMDMask<SIMD4<Int64>>(repeating: true), i = 0
            while i + 4 <= w.count {
                let v = UnsafeRawPointer(w.baseAddress! + i).loadUnaligned(as: SIMD4<Double>.self)
                good = good .& (v .!= 0) .& ((v - v) .== 0)
                i += 4
            }
            return all(good) && w[i...].allSatisfy { $0 != 0 && $0.isFinite }
        }
    }

    /// Wᵀ, d × k (row q = W[·, q]).
    private func transposedFilters() -> [Double] {
        let d = dimension, k = channels
        return [Double](unsafeUninitializedCapacity: d * k) { transposed, initialized in
            filters.storage.withUnsafeBufferPointer { w in
                // One sequential pass over W, row by row, each entry to its row of Wᵀ (d sequential write streams).
                let source = w.baseAddress!, target = transposed.baseAddress!
                for i in 0..<k {
                    for c in 0..<d { target[c &* k &+ i] = source[i &* d &+ c] }
                }
            }
            initialized = d * k
        }
    }

    /// The pooled features z_i(x) = max_j σ(w_i · x[j]) (eq. (1) inside the sum;
    /// §5 Part 3) and the maximizing slots j_i(x) = argmax_j w_i · x[j] (§3,
    /// smallest j on ties), both m × k.
    public func pooled(_ batch: PatternBatch) throws -> PooledFeatures {
        let (features, slots, _) = try pool(batch, slots: true)
        return PooledFeatures(features: try Matrix(rows: batch.count, columns: channels, storage: features), slots: slots!)
    }

    /// The pooled features z(x) alone (m × k), the same numbers as `pooled(_:).features`.
    public func pooledFeatures(_ batch: PatternBatch) throws -> Matrix {
        try Matrix(rows: batch.count, columns: channels, storage: pool(batch, slots: false).features)
    }

    /// z (m × k, row-major), when `wantSlots` the slots j_i(x), and the rows' `basisIndices` when the rows are basis
    /// vectors and the filters usable.
    private func pool(_ batch: PatternBatch, slots wantSlots: Bool) throws
        -> (features: [Double], slots: [Int]?, basis: [Int]?) {
        try requireDimension(batch, "preActivations")
        let m = batch.count, n = batch.patternsPerInput, k = channels, d = dimension
        let basis = basisIndices(batch).flatMap { filtersReadExactly() ? $0 : nil }
        if let basis, !wantSlots, d <= 64 {
            var features = [Double](unsafeUninitializedCapacity: m * k) { _, initialized in initialized = m * k }
            let transposed = transposedFilters()
            transposed.withUnsafeBufferPointer { columns in
                features.withUnsafeMutableBufferPointer { z in
                    Self.poolBasisSets(columns: columns.baseAddress!, basis: basis, m: m, n: n, k: k, into: z.baseAddress!)
                }
            }
            return (features, nil, basis)
        }
        // The activation of slot s in channel i is table[offsets[s] + i · stride]: for standard-basis patterns e_q the
        // entry W[i, q] (offset q, stride d; the same number as the product exactly, see `filtersReadExactly`), else
        // a row of the (m·n) × k GEMM (stride 1). `sharedRows`: slots of one pattern have the same offset.
        let table: [Double], offsets: [Int], stride: Int, sharedRows: Bool
        if let basis {
            (table, offsets, stride, sharedRows) = (filters.storage, basis, d, true)
        } else if let distinct = DistinctPatternRows(batch) {
            // Noiseless inputs repeat a few patterns: the GEMM of the distinct ones, each slot reading its pattern's row.
            table = [Double](unsafeUninitializedCapacity: distinct.rows.rows * k) { buffer, initialized in
                gemmActivations(distinct.rows, into: buffer.baseAddress!)
                initialized = distinct.rows.rows * k
            }
            (offsets, stride, sharedRows) = (distinct.rowOfSlot.map { $0 * k }, 1, true)
        } else {
            let rows = batch.rows.rows
            table = [Double](unsafeUninitializedCapacity: rows * k) { buffer, initialized in
                gemmActivations(batch.rows, into: buffer.baseAddress!)
                initialized = rows * k
            }
            (offsets, stride, sharedRows) = ((0..<rows).map { $0 * k }, 1, false)
        }
        // Every entry is written below (input by input, channel by channel).
        var features = [Double](unsafeUninitializedCapacity: m * k) { _, initialized in initialized = m * k }
        var slots = [Int](unsafeUninitializedCapacity: wantSlots ? m * k : 0) { _, initialized in
            initialized = wantSlots ? m * k : 0
        }
        table.withUnsafeBufferPointer { act in
            features.withUnsafeMutableBufferPointer { z in
                slots.withUnsafeMutableBufferPointer { s in
                    let inputs = SlotTable(activations: act.baseAddress!, offsets: offsets, slotsPerInput: n,
                                           sharedRows: sharedRows)
                    let slotOutput = wantSlots ? s.baseAddress! : nil
                    if stride == 1 {
                        inputs.pool(m: m, k: k, features: z.baseAddress!, slots: slotOutput, layout: ContiguousChannels())
                    } else {
                        inputs.pool(m: m, k: k, features: z.baseAddress!, slots: slotOutput, layout: StridedChannels(stride: stride))
                    }
                }
            }
        }
        return (features, wantSlots ? slots : nil, basis)
    }

    /// N_CNN[θ](x) for every input of the batch (eq. (1)).
    public func outputs(_ batch: PatternBatch) throws -> [Double] {
        try outputs(features: pooledFeatures(batch))
    }

    /// N(x) = a · z(x) from the pooled features z (one row per input, m × k).
    public func outputs(features: Matrix) throws -> [Double] {
        try Shape.requireCount(features.columns, channels, "features.columns", in: "PatternDetectionNetwork.outputs")
        let k = channels, rows = features.rows
        return outputWeights.withUnsafeBufferPointer { a in
            features.storage.withUnsafeBufferPointer { z in
                [Double](unsafeUninitializedCapacity: rows) { out, initialized in
                    // Each N(x) is the sum in channel order.
                    Matrix.rowDots(rows: rows, columns: k, matrix: z.baseAddress!, vector: a.baseAddress!, into: out.baseAddress!)
                    initialized = rows
                }
            }
        }
    }

    /// p_i(x) for input `index` of the batch (§3): x[j_i(x)] when
    /// w_i · x[j_i(x)] > 0, else the zero vector; the k × d matrix of rows p_i(x).
    /// Eq. (3): z_i(x) = w_i · p_i(x).
    public func patternVectors(_ batch: PatternBatch, input index: Int) throws -> Matrix {
        try Require.within(Double(index), 0...Double(batch.count - 1), "input", in: "PatternDetectionNetwork.patternVectors")
        let pool = try pooled(batch)
        let d = dimension, n = batch.patternsPerInput
        var rows = [Double](repeating: 0, count: channels * d)
        for i in 0..<channels where pool.features[index, i] > 0 {
            let source = (index * n + pool.slots[index * channels + i]) * d
            for c in 0..<d { rows[i * d + c] = batch.rows.storage[source + c] }
        }
        return try Matrix(rows: channels, columns: d, storage: rows)
    }

    /// The empirical loss L[A](θ) of eq. (2) with ℓ the logistic loss, and its
    /// exact gradient (where the argmax is unique or the tied patterns are equal;
    /// σ'(0) = 0): ∂L/∂w_i = (1/|A|) Σ ℓ'(y N(x)) y a_i p_i(x) (the row update of
    /// eq. (15)), ∂L/∂a_i = (1/|A|) Σ ℓ'(y N(x)) y z_i(x).
    public func lossAndGradient(_ sample: LabeledPatterns) throws -> NetworkGradient {
        let k = channels, d = dimension
        // Every entry is written by `lossAndGradient(_:filterGradient:outputGradient:)`.
        var filterGradient = [Double](unsafeUninitializedCapacity: k * d) { _, initialized in initialized = k * d }
        var outputGradient = [Double](unsafeUninitializedCapacity: k) { _, initialized in initialized = k }
        let loss = try filterGradient.withUnsafeMutableBufferPointer { fw in
            try outputGradient.withUnsafeMutableBufferPointer { fa in
                try lossAndGradient(sample, filterGradient: fw.baseAddress!, outputGradient: fa.baseAddress!)
            }
        }
        return NetworkGradient(loss: loss, filters: try Matrix(rows: k, columns: d, storage: filterGradient),
                               outputWeights: outputGradient)
    }

    /// L[A](θ) of `lossAndGradient(_:)`, its gradient written into caller-owned storage: every entry of ∂L/∂W
    /// (k × d, row-major) at `fw` and of ∂L/∂a at `fa`.
    func lossAndGradient(_ sample: LabeledPatterns, filterGradient fw: UnsafeMutablePointer<Double>,
                         outputGradient fa: UnsafeMutablePointer<Double>) throws -> Double {
        let batch = sample.inputs
        let pool = try self.pool(batch, slots: true)
        let m = batch.count, n = batch.patternsPerInput, k = channels, d = dimension
        let out = try outputs(features: Matrix(rows: m, columns: k, storage: pool.features))
        var loss = 0.0
        var coefficients: [Double] = []
        coefficients.reserveCapacity(m)
        for b in 0..<m {
            let y = sample.labels[b]
            let (value, derivative) = LogisticLoss.valueAndDerivative(y * out[b])
            loss += value
            coefficients.append(derivative * y / Double(m))
        }
        let slots = pool.slots!
        // For basis-vector patterns p_i(x) = e_q, so the row update adds g a_i to entry q alone: the products with
        // the other coordinates are ±0 and adding them changes nothing (an accumulator starting at +0 never becomes
        // −0), provided g a_i is finite. For the same reason ∂L/∂a_i may add g z_i(x) over every channel (z_i = 0
        // adds ±0) when g is finite. The sums are the general loop's, term for term.
        let finite = Vector.allFinite(coefficients) && Vector.allFinite(outputWeights)
        pool.features.withUnsafeBufferPointer { zBuffer in
            batch.rows.storage.withUnsafeBufferPointer { xBuffer in
                slots.withUnsafeBufferPointer { slots in
                    outputWeights.withUnsafeBufferPointer { a in
                        let z = zBuffer.baseAddress!, x = xBuffer.baseAddress!
                        if d == 10 || d == 20, pool.basis == nil || !finite {
                            // Row by row, each entry stored once.
                            if d == 10 {
                                Self.accumulateRows(SIMD8<Double>.self, SIMD2<Double>.self, m: m, n: n, k: k, z: z, x: x,
                                                    slots: slots.baseAddress!, a: a.baseAddress!, coefficients: coefficients,
                                                    filterGradient: fw, outputGradient: fa)
                            } else {
                                Self.accumulateRows(SIMD16<Double>.self, SIMD4<Double>.self, m: m, n: n, k: k, z: z, x: x,
                                                    slots: slots.baseAddress!, a: a.baseAddress!, coefficients: coefficients,
                                                    filterGradient: fw, outputGradient: fa)
                            }
                            return
                        }
                        // Input by input, adding into zeros.
                        fw.update(repeating: 0, count: k * d)
                        fa.update(repeating: 0, count: k)
                        if let basis = pool.basis, finite {
                            basis.withUnsafeBufferPointer { basis in
                                Self.accumulateBasisRows(m: m, n: n, k: k, d: d, z: z, slots: slots.baseAddress!,
                                                         basis: basis.baseAddress!, a: a.baseAddress!,
                                                         coefficients: coefficients, filterGradient: fw, outputGradient: fa)
                            }
                            return
                        }
                        for b in 0..<m {
                            let g = coefficients[b]
                            for i in 0..<k where z[b * k + i] > 0 {
                                fa[i] += g * z[b * k + i]
                                let scale = g * a[i]
                                let source = x + (b * n + slots[b * k + i]) * d
                                let target = fw + i * d
                                for c in 0..<d { target[c] += scale * source[c] }
                            }
                        }
                    }
                }
            }
        }
        return loss / Double(m)
    }

    /// The gradient loop of `lossAndGradient` for basis-vector patterns (p_i(x) = e_q, q = `basis` of the slot j_i(x)),
    /// four channels at a time (SIMD lanes) with the inputs b = 0 … m − 1 in order within each block: every entry of
    /// ∂L/∂W and ∂L/∂a gets the same terms in the same order as input by input, while the block's rows stay in
    /// registers and L1 cache. A channel with z_i = 0 adds +0 (branch-free) to the entry of its slot.
    private static func accumulateBasisRows(
        m: Int, n: Int, k: Int, d: Int, z: UnsafePointer<Double>, slots: UnsafePointer<Int>, basis: UnsafePointer<Int>,
        a: UnsafePointer<Double>, coefficients: [Double], filterGradient fw: UnsafeMutablePointer<Double>,
        outputGradient fa: UnsafeMutablePointer<Double>
    ) {
        typealias Lanes = SIMD4<Double>
        coefficients.withUnsafeBufferPointer { g in
            var first = 0
            while first + 4 <= k {
                let weights = UnsafeRawPointer(a + first).loadUnaligned(as: Lanes.self)
                var output = Lanes()
                for b in 0..<m {
                    let scale = Lanes(repeating: g[b]), offset = b &* k &+ first
                    let features = UnsafeRawPointer(z + offset).loadUnaligned(as: Lanes.self)
                    output += scale * features
                    let products = scale * weights, columns = basis + b &* n, slot = slots + offset
                    for lane in 0..<4 {
                        // g a_i where z_i > 0, else +0 (its bits masked off: no branch on the sign of z_i).
                        let keep = UInt64(0) &- UInt64(features[lane] > 0 ? 1 : 0)
                        fw[(first &+ lane) &* d &+ columns[slot[lane]]] += Double(bitPattern: products[lane].bitPattern & keep)
                    }
                }
                UnsafeMutableRawPointer(fa + first).storeBytes(of: output, as: Lanes.self)
                first += 4
            }
            for i in first..<k {
                for b in 0..<m {
                    let scale = g[b], feature = z[b &* k &+ i]
                    fa[i] += scale * feature
                    fw[i &* d &+ basis[b &* n &+ slots[b &* k &+ i]]] += feature > 0 ? scale * a[i] : 0
                }
            }
        }
    }

    /// The general gradient loop of `lossAndGradient` channel by channel, for d = Low.scalarCount +
    /// High.scalarCount: row i of ∂L/∂W and ∂L/∂a_i stay in registers while the inputs b = 0 … m − 1 are added in
    /// order, so every entry is the same sum, term for term and in the same order, as in the loop over inputs.
    private static func accumulateRows<Low: SIMD, High: SIMD>(
        _: Low.Type, _: High.Type, m: Int, n: Int, k: Int, z: UnsafePointer<Double>, x: UnsafePointer<Double>,
        slots: UnsafePointer<Int>, a: UnsafePointer<Double>, coefficients: [Double],
        filterGradient: UnsafeMutablePointer<Double>, outputGradient: UnsafeMutablePointer<Double>
    ) where Low.Scalar == Double, High.Scalar == Double {
        let d = Low.scalarCount + High.scalarCount, split = Low.scalarCount
        coefficients.withUnsafeBufferPointer { coefficients in
            let g = coefficients.baseAddress!
            for i in 0..<k {
                var low = Low(), high = High(), output = 0.0
                let weight = a[i]
                for b in 0..<m where z[b * k + i] > 0 {
                    output += g[b] * z[b * k + i]
                    let scale = g[b] * weight
                    let source = UnsafeRawPointer(x + (b * n + slots[b * k + i]) * d)
                    low += Low(repeating: scale) * source.loadUnaligned(as: Low.self)
                    high += High(repeating: scale) * source.loadUnaligned(fromByteOffset: split * 8, as: High.self)
                }
                outputGradient[i] = output
                let target = UnsafeMutableRawPointer(filterGradient + i * d)
                target.storeBytes(of: low, as: Low.self)
                target.storeBytes(of: high, toByteOffset: split * 8, as: High.self)
            }
        }
    }

    private func requireDimension(_ batch: PatternBatch, _ function: String) throws {
        guard batch.dimension == dimension else {
            throw ParameterError("PatternDetectionNetwork.\(function)", parameter: "batch", value: "patterns of dimension \(batch.dimension)",
                                 requirement: "patterns of the filter dimension d = \(dimension)")
        }
    }
}

/// Max-pooled features of a batch: z_i(x) (m × k) and the slots j_i(x).
public struct PooledFeatures: Sendable, Equatable {
    /// z_i(x_b) at row b, column i.
    public let features: Matrix
    /// j_i(x_b) (0-based) at b · k + i.
    public let slots: [Int]
}

/// L[A](θ) and its gradient with respect to W and a.
public struct NetworkGradient: Sendable, Equatable {
    /// L[A](θ), the logistic loss (eq. (2)).
    public let loss: Double
    /// ∂L/∂W, k × d.
    public let filters: Matrix
    /// ∂L/∂a.
    public let outputWeights: [Double]
}
