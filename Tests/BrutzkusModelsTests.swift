import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

/// The models of Brutzkus & Globerson against direct implementations on small
/// cases, finite differences for every gradient, and every bad-input path.
@Suite("Pattern distribution, ConvPool network, LW_CNN, SVM, FCN, Adam")
struct BrutzkusModelsTests {
    // MARK: Distribution D

    @Test func samplesHaveOneDiscriminativePatternAndNormN() throws {
        var rng = Xoshiro256(seed: 11)
        let d = try PatternDistribution.haarRandom(dimension: 7, patternCount: 5, patternsPerInput: 4, rng: &rng)
        let s = try d.sample(count: 300, rng: &rng)
        let indices = try #require(s.inputs.patternIndices)
        for b in 0..<s.count {
            let slots = indices[(b * 4)..<((b + 1) * 4)]
            let discriminative = slots.filter { $0 < 2 }
            #expect(discriminative == [s.labels[b] > 0 ? 0 : 1])
            #expect(slots.allSatisfy { $0 < 5 })
            let x = try s.inputs.flattened
            let norm = (0..<x.columns).reduce(0.0) { $0 + pow(x[b, $1], 2) }
            #expect(abs(norm - 4) < 1e-12)
            #expect(abs(Vector.dot(Array(x.storage[(b * 28)..<((b + 1) * 28)]), d.separator) - s.labels[b]) < 1e-12)
        }
        #expect(Set(s.labels) == [1, -1])
    }

    @Test func noisyInputsStayWithinTheBallAroundTheirPatterns() throws {
        var rng = Xoshiro256(seed: 12)
        let d = try PatternDistribution.standardBasis(dimension: 5, patternCount: 4, patternsPerInput: 3, noiseRadius: 0.5)
        let s = try d.sample(count: 200, rng: &rng)
        #expect(s.inputs.patternIndices == nil)
        var largest = 0.0
        for row in 0..<s.inputs.rows.rows {
            let x = (0..<5).map { s.inputs.rows[row, $0] }
            // The nearest pattern is within 0.5; distances to the others are at least √2 − 0.5.
            let distances = (0..<4).map { q in Vector.norm((0..<5).map { x[$0] - d.patterns[q, $0] }) }
            largest = max(largest, distances.min() ?? .infinity)
        }
        #expect(largest <= 0.5 && largest > 0.3)
    }

    @Test func supportClassesAreTheDeduplicatedSupport() throws {
        for (l, n) in [(4, 3), (5, 4), (6, 2), (3, 3), (4, 1)] {
            let d = try PatternDistribution.standardBasis(dimension: l + 1, patternCount: l, patternsPerInput: n)
            let classes = try d.supportClasses()
            #expect(abs(classes.map(\.probability).reduce(0, +) - 1) < 1e-14)
            // Direct route: every point of the support, each of probability 1/(2 n (l−2)^{n−1}), grouped by (y, U).
            let points = try d.supportPoints()
            let indices = try #require(points.inputs.patternIndices)
            #expect(points.count == 2 * n * Int(pow(Double(l - 2), Double(n - 1))))
            var mass: [String: Double] = [:]
            for b in 0..<points.count {
                let set = Set(indices[(b * n)..<((b + 1) * n)].filter { $0 >= 2 }).sorted()
                mass["\(points.labels[b]) \(set)", default: 0] += 1 / Double(points.count)
            }
            #expect(mass.count == classes.count)
            for c in classes { #expect(abs((mass["\(c.label) \(c.spurious)"] ?? 0) - c.probability) < 1e-14) }
            let representatives = try d.representatives(of: classes)
            #expect(representatives.labels == classes.map(\.label))
        }
    }

    @Test func distributionRejectsBadParameters() throws {
        var rng = Xoshiro256(seed: 13)
        #expect(throws: ParameterError.self) { try PatternDistribution.standardBasis(dimension: 4, patternCount: 2, patternsPerInput: 2) }
        #expect(throws: ParameterError.self) { try PatternDistribution.standardBasis(dimension: 4, patternCount: 5, patternsPerInput: 2) }
        #expect(throws: ParameterError.self) { try PatternDistribution.standardBasis(dimension: 4, patternCount: 3, patternsPerInput: 0) }
        #expect(throws: ParameterError.self) {
            try PatternDistribution.standardBasis(dimension: 4, patternCount: 3, patternsPerInput: 2, noiseRadius: -1)
        }
        #expect(throws: ParameterError.self) {
            try PatternDistribution(patterns: Matrix(rows: 3, columns: 3, storage: [1, 0, 0, 1, 0, 0, 0, 0, 1]), patternsPerInput: 2)
        }
        #expect(throws: ParameterError.self) { try PatternDistribution.haarRandom(dimension: 3, patternCount: 4, patternsPerInput: 2, rng: &rng) }
        let d = try PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 2)
        #expect(throws: ParameterError.self) { try d.sample(count: 0, rng: &rng) }
        #expect(throws: ParameterError.self) { try d.inputs(patternIndices: [0, 4]) }
        #expect(throws: ParameterError.self) { try d.inputs(patternIndices: [0]) }
        #expect(throws: ParameterError.self) { try d.exactError(outputs: [1], classes: d.supportClasses()) }
        let s = try d.sample(count: 3, rng: &rng)
        #expect(throws: ParameterError.self) { try LabeledPatterns(inputs: s.inputs, labels: [1, 0, 1]) }
        #expect(throws: ParameterError.self) { try LabeledPatterns(inputs: s.inputs, labels: [1, 1]) }
        #expect(throws: ParameterError.self) { try s.subset(2..<5) }
        #expect(throws: ParameterError.self) { try s.subset(0..<1).halves() }
        #expect(throws: ParameterError.self) { try PatternBatch(rows: Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6]), patternsPerInput: 2) }
    }

    @Test func flattenedInputsConcatenateTheirPatterns() throws {
        var rng = Xoshiro256(seed: 15)
        let d = try PatternDistribution.haarRandom(dimension: 4, patternCount: 4, patternsPerInput: 3, rng: &rng)
        let s = try d.sample(count: 5, rng: &rng)
        let flat = try s.inputs.flattened
        let indices = try #require(s.inputs.patternIndices)
        for b in 0..<5 { for j in 0..<3 { for c in 0..<4 {
            #expect(flat[b, j * 4 + c] == d.patterns[indices[b * 3 + j], c])
        } } }
        let (first, second) = try s.halves()
        #expect(first.count == 3 && second.count == 2 && second.labels == Array(s.labels[3...]))
    }

    @Test func haarMatrixIsOrthogonal() throws {
        var rng = Xoshiro256(seed: 14)
        let q = try Matrix.haarOrthogonal(size: 9, rng: &rng)
        let product = try q.gram()
        for i in 0..<9 { for j in 0..<9 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-13) } }
        #expect(throws: ParameterError.self) { try Matrix.haarOrthogonal(size: 0, rng: &rng) }
    }

    // MARK: ConvPool network (eq. (1)) and its gradients

    static func randomNetwork(channels k: Int, dimension d: Int, rng: inout Xoshiro256) throws -> PatternDetectionNetwork {
        try PatternDetectionNetwork(filters: Matrix.gaussian(rows: k, columns: d, variance: 1, rng: &rng),
                                    outputWeights: (0..<k).map { _ in 2 * rng.nextUniform() - 1 })
    }

    @Test func networkMatchesEquationOneWrittenOut() throws {
        var rng = Xoshiro256(seed: 21)
        let d = try PatternDistribution.haarRandom(dimension: 6, patternCount: 6, patternsPerInput: 4, noiseRadius: 0.3, rng: &rng)
        let s = try d.sample(count: 25, rng: &rng)
        let net = try Self.randomNetwork(channels: 9, dimension: 6, rng: &rng)
        let out = try net.outputs(s.inputs)
        for b in 0..<25 {
            var direct = 0.0
            for i in 0..<9 {
                var best = 0.0
                for j in 0..<4 {
                    let pre = (0..<6).reduce(0.0) { $0 + net.filters[i, $1] * s.inputs.rows[b * 4 + j, $1] }
                    best = max(best, max(0, pre))
                }
                direct += net.outputWeights[i] * best
            }
            #expect(abs(out[b] - direct) < 1e-12)
            // Eq. (3): z_i = w_i · p_i(x).
            let p = try net.patternVectors(s.inputs, input: b)
            let z = try net.pooled(s.inputs).features
            for i in 0..<9 {
                #expect(abs(z[b, i] - (0..<6).reduce(0.0) { $0 + net.filters[i, $1] * p[i, $1] }) < 1e-12)
            }
        }
    }

    @Test func tiesGoToTheSmallestSlotAndNonPositiveChannelsHaveZeroPattern() throws {
        let d = try PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 3)
        let batch = try d.inputs(patternIndices: [2, 0, 2])
        let net = try PatternDetectionNetwork(filters: Matrix(rows: 2, columns: 4, storage: [0, 0, 1, 0, -1, -1, -1, -1]),
                                              outputWeights: [1, 1])
        let pool = try net.pooled(batch)
        #expect(pool.slots == [0, 0] && pool.features.storage == [1, 0])
        let p = try net.patternVectors(batch, input: 0)
        #expect(p.storage == [0, 0, 1, 0, 0, 0, 0, 0])
    }

    /// The standard-basis fast paths (activations read from W, repeated patterns skipped, the subset recursion of
    /// `pooledFeatures`, the channel-blocked gradient) against eq. (1) and the input-by-input gradient loop written
    /// out, bit for bit: k = 7 (a partial block of four channels), n = 1 and n = 5, repeated patterns, inputs with
    /// equal pattern sets, the support-class representatives, and a zero filter entry (the GEMM path).
    @Test func basisFastPathsMatchTheWrittenOutLoopsBitForBit() throws {
        var rng = Xoshiro256(seed: 23)
        for (n, zeroEntry) in [(5, false), (1, false), (5, true)] {
            let distribution = try PatternDistribution.standardBasis(dimension: 6, patternCount: 6, patternsPerInput: n)
            var net = try Self.randomNetwork(channels: 7, dimension: 6, rng: &rng)
            if zeroEntry { net.filters.storage[3] = 0 }
            let drawn = try distribution.sample(count: 9, rng: &rng)
            let repeated = try drawn.inputs.subset(0..<2).patternIndices! + drawn.inputs.patternIndices!
            let sample = try LabeledPatterns(inputs: distribution.inputs(patternIndices: repeated),
                                             labels: Array(drawn.labels[0..<2]) + drawn.labels)
            let representatives = try distribution.representatives(of: distribution.supportClasses())
            for batch in [sample.inputs, representatives.inputs] {
                let m = batch.count, k = net.channels
                var z = [Double](repeating: 0, count: m * k), slots = [Int](repeating: 0, count: m * k)
                for b in 0..<m {
                    for i in 0..<k {
                        var best = -Double.infinity
                        for j in 0..<n {
                            let q = batch.patternIndices![b * n + j]
                            if net.filters[i, q] > best { (best, slots[b * k + i]) = (net.filters[i, q], j) }
                        }
                        z[b * k + i] = max(0, best)
                    }
                }
                #expect(try net.pooledFeatures(batch).storage == z)
                let pooled = try net.pooled(batch)
                #expect(pooled.features.storage == z && pooled.slots == slots)
            }
            let m = sample.count, k = net.channels, d = net.dimension
            let z = try net.pooled(sample.inputs)
            let out = try net.outputs(features: z.features)
            var loss = 0.0, filterGradient = [Double](repeating: 0, count: k * d), outputGradient = [Double](repeating: 0, count: k)
            for b in 0..<m {
                let y = sample.labels[b]
                loss += LogisticLoss.value(y * out[b])
                let g = LogisticLoss.derivative(y * out[b]) * y / Double(m)
                for i in 0..<k where z.features[b, i] > 0 {
                    outputGradient[i] += g * z.features[b, i]
                    filterGradient[i * d + sample.inputs.patternIndices![b * n + z.slots[b * k + i]]] += g * net.outputWeights[i]
                }
            }
            let gradient = try net.lossAndGradient(sample)
            #expect(gradient.loss == loss / Double(m))
            #expect(gradient.filters.storage == filterGradient && gradient.outputWeights == outputGradient)
        }
    }

    /// Standard-basis patterns of dimension d > 64 (beyond the bit sets of `poolBasisSets`) pool from the columns of
    /// W (`SlotTable` at stride d): the features and slots of eq. (1) written out, bit for bit, for k = 9 (two blocks of four
    /// channels and one left over), an input repeating a pattern, and two coordinates whose filter entries tie at the maximum (the smaller slot wins).
    @Test func wideBasisPatternsPoolFromTheRowsOfW() throws {
        var rng = Xoshiro256(seed: 31)
        let d = 66, n = 4, k = 9
        let distribution = try PatternDistribution.standardBasis(dimension: d, patternCount: d, patternsPerInput: n)
        var net = try Self.randomNetwork(channels: k, dimension: d, rng: &rng)
        (net.filters.storage[4 * d + 3], net.filters.storage[4 * d + 65]) = (10, 10)
        let indices = [3, 65, 3, 0, 1, 65, 3, 2] + (0..<(5 * n)).map { _ in Int(rng.next() % UInt64(d)) }
        let batch = try distribution.inputs(patternIndices: indices)
        let m = batch.count
        var z = [Double](repeating: 0, count: m * k), slots = [Int](repeating: 0, count: m * k)
        for b in 0..<m {
            for i in 0..<k {
                var best = -Double.infinity
                for j in 0..<n where net.filters[i, indices[b * n + j]] > best {
                    (best, slots[b * k + i]) = (net.filters[i, indices[b * n + j]], j)
                }
                z[b * k + i] = max(0, best)
            }
        }
        #expect(try net.pooledFeatures(batch).storage == z)
        let pooled = try net.pooled(batch)
        #expect(pooled.features.storage == z && pooled.slots == slots)
        #expect(slots[4] == 0 && slots[k + 4] == 1)
    }

    /// Noiseless inputs multiply only their distinct patterns by W (`DistinctPatternRows`): pooled features, slots,
    /// loss and gradients are those of the product over every slot, bit for bit, at batch sizes that put a pattern's
    /// row at every place of OpenBLAS's blocks; a batch whose indices do not match its rows takes the full product.
    @Test func distinctPatternProductsMatchTheProductOverEverySlot() throws {
        var rng = Xoshiro256(seed: 29)
        let distribution = try PatternDistribution.haarRandom(dimension: 10, patternCount: 10, patternsPerInput: 6, rng: &rng)
        let net = try PatternDetectionNetwork.uniformInitialization(channels: 37, dimension: 10, rng: &rng)
        for m in [1, 3, 17, 64, 211] {
            let sample = try distribution.sample(count: m, rng: &rng)
            let everySlot = try LabeledPatterns(inputs: PatternBatch(rows: sample.inputs.rows, patternsPerInput: 6), labels: sample.labels)
            #expect(try net.pooled(sample.inputs) == net.pooled(everySlot.inputs), "m = \(m)")
            #expect(try net.lossAndGradient(sample) == net.lossAndGradient(everySlot), "m = \(m)")
        }
        let sample = try distribution.sample(count: 5, rng: &rng)
        var indices = try #require(sample.inputs.patternIndices)
        indices.swapAt(0, indices.firstIndex { $0 != indices[0] }!)
        let mislabeled = try PatternBatch(rows: sample.inputs.rows, patternsPerInput: 6, patternIndices: indices)
        #expect(try net.pooled(mislabeled) == net.pooled(PatternBatch(rows: sample.inputs.rows, patternsPerInput: 6)))
    }

    @Test func convPoolGradientMatchesFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 22)
        let d = try PatternDistribution.haarRandom(dimension: 5, patternCount: 5, patternsPerInput: 3, noiseRadius: 0.4, rng: &rng)
        let s = try d.sample(count: 12, rng: &rng)
        let net = try Self.randomNetwork(channels: 6, dimension: 5, rng: &rng)
        let analytic = try net.logisticLossAndGradient(s.inputs, labels: s.labels)
        #expect(abs(analytic.loss - (try LogisticLoss.mean(outputs: net.outputs(s.inputs), labels: s.labels))) < 1e-14)
        try Self.expectFiniteDifferences(net, inputs: s.inputs, labels: s.labels, gradient: analytic.gradient)
    }

    /// Central differences (h = 1e-6) against the analytic gradient, to 1e-7 (the inputs are in general position,
    /// so no argmax or ReLU kink lies within h of any parameter).
    static func expectFiniteDifferences<M: LogisticClassifier>(_ model: M, inputs: M.Inputs, labels: [Double],
                                                               gradient: [Double]) throws {
        let theta = model.parameters
        #expect(gradient.count == theta.count)
        let h = 1e-6
        for index in theta.indices {
            var plus = model, minus = model
            var up = theta, down = theta
            up[index] += h
            down[index] -= h
            try plus.setParameters(up)
            try minus.setParameters(down)
            let difference = (try plus.logisticLossAndGradient(inputs, labels: labels).loss
                - minus.logisticLossAndGradient(inputs, labels: labels).loss) / (2 * h)
            #expect(abs(difference - gradient[index]) < 1e-7, "parameter \(index)")
        }
    }

    @Test func uniformInitializationsStayInTheirRanges() throws {
        var rng = Xoshiro256(seed: 24)
        let net = try PatternDetectionNetwork.uniformInitialization(channels: 16, dimension: 9, rng: &rng)
        #expect(net.filters.storage.allSatisfy { abs($0) <= 1.0 / 3 } && net.outputWeights.allSatisfy { abs($0) <= 0.25 })
        let mlp = try LeakyReLUNetwork.uniformInitialization(inputs: 25, width: 4, slope: 0.01, rng: &rng)
        #expect(mlp.hidden.storage.allSatisfy { abs($0) <= 0.2 } && mlp.outputWeights.allSatisfy { abs($0) <= 0.5 })
        #expect(throws: ParameterError.self) { try PatternDetectionNetwork.uniformInitialization(channels: 0, dimension: 2, rng: &rng) }
    }

    @Test func networkRejectsBadShapes() throws {
        var rng = Xoshiro256(seed: 23)
        #expect(throws: ParameterError.self) {
            try PatternDetectionNetwork(filters: Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6]), outputWeights: [1])
        }
        #expect(throws: ParameterError.self) {
            try PatternDetectionNetwork(filters: Matrix(rows: 1, columns: 1, storage: [.nan]), outputWeights: [1])
        }
        var net = try Self.randomNetwork(channels: 3, dimension: 4, rng: &rng)
        let d = try PatternDistribution.standardBasis(dimension: 5, patternCount: 4, patternsPerInput: 2)
        let s = try d.sample(count: 4, rng: &rng)
        #expect(throws: ParameterError.self) { try net.outputs(s.inputs) }
        #expect(throws: ParameterError.self) { try d.projections(of: net) }
        #expect(throws: ParameterError.self) { try net.setParameters([1, 2]) }
        let good = try PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 2).sample(count: 4, rng: &rng)
        #expect(throws: ParameterError.self) { try net.patternVectors(good.inputs, input: 4) }
        #expect(throws: ParameterError.self) { try good.inputs.subset(3..<3) }
    }

    // MARK: Lucky channels (eq. (6))

    @Test func luckyChannelsFollowEquationSix() throws {
        let d = try PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 2)
        let filters: [Double] = [
            0.5, 0.9, 0.1, 0,    // o_2 is ignored for W^+: o_1 wins → W^+; among O∖{1}: o_2 wins → W^−
            0.2, -1, 0.3, 0,     // o_3 beats o_1: not W^+; o_2 negative: not W^−
            -0.1, 0.4, -0.2, -0.3, // W^− only
        ]
        let net = try PatternDetectionNetwork(filters: Matrix(rows: 3, columns: 4, storage: filters), outputWeights: [1, 1, -1])
        let lucky = try d.luckyChannels(of: net, initialSigns: [1, 1, -1])
        #expect(lucky.positiveDetectors == [0] && lucky.negativeDetectors == [0, 2])
        #expect(lucky.positive == [0] && lucky.negative == [2])
        #expect(throws: ParameterError.self) { try d.luckyChannels(of: net, initialSigns: [1]) }
    }

    // MARK: LW_CNN (Algorithm 1)

    @Test func theoremRecipeAndInitialization() throws {
        let trainer = try LayerwiseTrainer.theorem51(dimension: 4, firstLayerSteps: 50, secondLayerSteps: 10)
        #expect(trainer.channels == 513 && trainer.secondLayerRate == 4 * 513)
        #expect(abs(trainer.firstLayerRate - 1 / (4.0 * 513 * 51)) < 1e-20 && trainer.initialRadius == trainer.firstLayerRate / 200)
        var rng = Xoshiro256(seed: 31)
        let net = try trainer.initialize(dimension: 4, rng: &rng)
        for i in 0..<513 {
            let norm = Vector.norm((0..<4).map { net.filters[i, $0] })
            #expect(abs(norm / trainer.initialRadius - 1) < 1e-14)
        }
        #expect(Set(net.outputWeights) == [1, -1])
        #expect(throws: ParameterError.self) { try LayerwiseTrainer.theorem51(dimension: 4, firstLayerSteps: 0, secondLayerSteps: 1) }
        #expect(throws: ParameterError.self) {
            try LayerwiseTrainer.theorem51(dimension: 4, firstLayerSteps: 1, secondLayerSteps: 1, secondLayerFraction: 1)
        }
        #expect(throws: ParameterError.self) {
            try LayerwiseTrainer(channels: 0, firstLayerSteps: 1, firstLayerRate: 1, secondLayerSteps: 1, secondLayerRate: 1, initialRadius: 1)
        }
        #expect(throws: ParameterError.self) {
            try LayerwiseTrainer(channels: 2, firstLayerSteps: 1, firstLayerRate: -1, secondLayerSteps: 1, secondLayerRate: 1, initialRadius: 1)
        }
        #expect(throws: ParameterError.self) { try trainer.trainFirstLayer(BrutzkusModelsTests.randomNetwork(channels: 3, dimension: 4, rng: &rng),
                                                                           on: PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 2).sample(count: 4, rng: &rng)) }
    }

    /// Both loops against the plain updates of Algorithm 1 (gradients from the network, the second layer in primal form).
    @Test func layerwiseTrainerMatchesAlgorithmOneWrittenOut() throws {
        var rng = Xoshiro256(seed: 32)
        let d = try PatternDistribution.standardBasis(dimension: 3, patternCount: 3, patternsPerInput: 3)
        let trainer = try LayerwiseTrainer(channels: 7, firstLayerSteps: 6, firstLayerRate: 0.3, secondLayerSteps: 40,
                                           secondLayerRate: 2, initialRadius: 0.2)
        let start = try trainer.initialize(dimension: 3, rng: &rng)
        let s = try d.sample(count: 11, rng: &rng)
        let (s1, s2) = try s.halves()
        #expect(s1.count == 6 && s2.count == 5)
        var direct = start
        for _ in 0..<6 {
            let g = try direct.lossAndGradient(s1)
            for i in direct.filters.storage.indices { direct.filters.storage[i] -= 0.3 * g.filters.storage[i] }
        }
        var steps = 0
        let first = try trainer.trainFirstLayer(start, on: s1) { t, net, _ in
            steps += 1
            #expect(net.outputWeights == start.outputWeights && t < 7)
        }
        #expect(steps == 7)
        for i in direct.filters.storage.indices { #expect(abs(first.filters.storage[i] - direct.filters.storage[i]) < 1e-15) }
        var primal = first
        var losses: [Double] = []
        for _ in 0..<40 {
            let g = try primal.lossAndGradient(s2)
            losses.append(g.loss)
            for i in primal.outputWeights.indices { primal.outputWeights[i] -= 2 * g.outputWeights[i] }
        }
        var observed: [Double] = []
        let atStep17 = try Self.primalWeights(first, s2, steps: 17)
        let second = try trainer.trainSecondLayer(first, on: s2) { state in
            observed.append(state.loss)
            if state.step == 17 {
                for (a, b) in zip(state.outputWeights, atStep17) { #expect(abs(a - b) < 1e-12) }
            }
        }
        #expect(second.filters == first.filters)
        for i in 0..<7 { #expect(abs(second.outputWeights[i] - primal.outputWeights[i]) < 1e-12) }
        for t in 0..<40 { #expect(abs(observed[t] - losses[t]) < 1e-13) }
        #expect(observed.count == 41)
    }

    static func primalWeights(_ net: PatternDetectionNetwork, _ s: LabeledPatterns, steps: Int) throws -> [Double] {
        var current = net
        for _ in 0..<steps {
            let g = try current.lossAndGradient(s)
            for i in current.outputWeights.indices { current.outputWeights[i] -= 2 * g.outputWeights[i] }
        }
        return current.outputWeights
    }

    // MARK: Linear SVM (eq. (9), (25))

    @Test func svmFindsTheKnownMaxMarginSeparator() throws {
        // Points (2, 0) (+1), (0, 2) (+1), (−1, −1) (−1): the constraints are 2w1 ≥ 1, 2w2 ≥ 1, w1 + w2 ≥ 1,
        // so ŵ = (1/2, 1/2) and ‖ŵ‖² = 1/2.
        let x = try Matrix(rows: 3, columns: 2, storage: [2, 0, 0, 2, -1, -1])
        let svm = try HardMarginSVM.fit(features: x, labels: [1, 1, -1])
        #expect(svm.converged)
        #expect(abs(svm.normSquared - 0.5) < 1e-12)
        #expect(svm.normSquaredLowerBound <= 0.5 + 1e-12 && svm.normSquaredUpperBound >= 0.5 - 1e-12)
        #expect(svm.normSquaredUpperBound - svm.normSquaredLowerBound < 1e-10)
        let w = try svm.weights(features: x, labels: [1, 1, -1])
        #expect(abs(w[0] - 0.5) < 1e-12 && abs(w[1] - 0.5) < 1e-12)
        // Not separable through the origin: x and −x with the same label. The soft margin stays bounded.
        let clash = try Matrix(rows: 2, columns: 2, storage: [1, 1, -1, -1])
        let soft = try HardMarginSVM.fit(features: clash, labels: [1, 1], box: 10, maxSweeps: 1000)
        #expect(soft.dual.allSatisfy { $0 <= 10 } && soft.normSquaredUpperBound == .infinity)
        let hard = try HardMarginSVM.fit(features: clash, labels: [1, 1], maxSweeps: 50)
        #expect(!hard.converged)
        #expect(throws: ParameterError.self) { try HardMarginSVM.fit(features: x, labels: [1, 1]) }
        #expect(throws: ParameterError.self) { try HardMarginSVM.fit(features: x, labels: [1, 0, 1]) }
        #expect(throws: ParameterError.self) { try HardMarginSVM.fit(features: x, labels: [1, 1, -1], box: 0) }
        #expect(throws: ParameterError.self) {
            try HardMarginSVM.fit(features: Matrix(rows: 2, columns: 1, storage: [0, 1]), labels: [1, -1])
        }
    }

    /// Nearly collinear non-negative features (a shared large component, as z(x) in App. E): the solver's ‖ŵ‖²
    /// against the exact optimum found by trying every support set F (solve Q_FF α = 1, keep the feasible α ≥ 0
    /// with all margins ≥ 1 and the largest Σα, which equals ‖ŵ‖² at the optimum).
    @Test func svmMatchesExhaustiveSupportSetsOnCollinearFeatures() throws {
        var rng = Xoshiro256(seed: 43)
        let n = 8, p = 5
        let labels = (0..<n).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        var features = [Double](repeating: 0, count: n * p)
        for b in 0..<n {
            for c in 0..<p { features[b * p + c] = 10 + 0.1 * rng.nextUniform() }
            features[b * p + (labels[b] > 0 ? 0 : 1)] += 0.3 + 0.2 * rng.nextUniform()
        }
        let x = try Matrix(rows: n, columns: p, storage: features)
        let svm = try HardMarginSVM.fit(features: x, labels: labels)
        #expect(svm.converged && svm.violation < 1e-9)
        let gram = try x.gram()
        var best = 0.0
        for mask in 1..<(1 << n) {
            let support = (0..<n).filter { mask & (1 << $0) != 0 }
            guard support.count <= p else { continue }
            let system = support.flatMap { i in support.map { gram[i, $0] * labels[i] * labels[$0] } }
            guard let alpha = try? LinearAlgebra.solve(system, [Double](repeating: 1, count: support.count)),
                  alpha.allSatisfy({ $0 > 0 }) else { continue }
            let margins = (0..<n).map { i in zip(support, alpha).reduce(0.0) { $0 + $1.1 * gram[i, $1.0] * labels[i] * labels[$1.0] } }
            if margins.allSatisfy({ $0 >= 1 - 1e-9 }) { best = max(best, alpha.reduce(0, +)) }
        }
        #expect(best > 0)
        #expect(abs(svm.normSquared - best) < 1e-8 * best)
        #expect(svm.normSquaredLowerBound <= best * (1 + 1e-9) && svm.normSquaredUpperBound >= best * (1 - 1e-9))
    }

    @Test func powerIterationFindsTheLargestEigenvalue() throws {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1.
        let r = try PowerIteration.largestEigenvalue(of: Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 2]))
        #expect(abs(r.value - 3) < 1e-12 && r.residual < 1e-11)
        #expect(throws: ParameterError.self) { try PowerIteration.largestEigenvalue(of: Matrix(rows: 1, columns: 2, storage: [1, 2])) }
    }

    // MARK: Fully connected leaky-ReLU network (eq. (8)) and Adam

    @Test func leakyReLUNetworkMatchesEquationEightAndFiniteDifferences() throws {
        var rng = Xoshiro256(seed: 41)
        let net = try LeakyReLUNetwork.uniformInitialization(inputs: 8, width: 5, slope: 0.1, rng: &rng)
        let x = try Matrix.gaussian(rows: 9, columns: 8, variance: 1, rng: &rng)
        let labels = (0..<9).map { $0 % 3 == 0 ? 1.0 : -1.0 }
        let out = try net.outputs(x)
        for b in 0..<9 {
            let direct = (0..<5).reduce(0.0) { s, i in
                let u = (0..<8).reduce(0.0) { $0 + net.hidden[i, $1] * x[b, $1] }
                return s + net.outputWeights[i] * max(0.1 * u, u)
            }
            #expect(abs(out[b] - direct) < 1e-13)
        }
        let analytic = try net.logisticLossAndGradient(x, labels: labels)
        try Self.expectFiniteDifferences(net, inputs: x, labels: labels, gradient: analytic.gradient)
        #expect(throws: ParameterError.self) { try LeakyReLUNetwork(hidden: x, outputWeights: [1], slope: 0.1) }
        #expect(throws: ParameterError.self) {
            try LeakyReLUNetwork(hidden: Matrix(rows: 1, columns: 1, storage: [1]), outputWeights: [1], slope: 1)
        }
        #expect(throws: ParameterError.self) { try net.outputs(Matrix(rows: 1, columns: 3, storage: [1, 2, 3])) }
        #expect(throws: ParameterError.self) { try net.logisticLossAndGradient(x, labels: [1]) }
        #expect(throws: ParameterError.self) { try LeakyReLUNetwork.uniformInitialization(inputs: 0, width: 2, slope: 0, rng: &rng) }
    }

    @Test func adamTakesLearningRateSizedFirstStepsAndRespectsFrozenParameters() throws {
        var rng = Xoshiro256(seed: 42)
        let d = try PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 3)
        let s = try d.sample(count: 20, rng: &rng)
        let start = try BrutzkusModelsTests.randomNetwork(channels: 5, dimension: 4, rng: &rng)
        var one = start
        try FullBatchAdam(learningRate: 0.01, steps: 1).train(&one, inputs: s.inputs, labels: s.labels)
        let g = try start.logisticLossAndGradient(s.inputs, labels: s.labels).gradient
        for (i, (after, before)) in zip(one.parameters, start.parameters).enumerated() {
            // First step: m̂ = g, v̂ = g², so the change is −lr g/(|g| + ε).
            #expect(abs((after - before) + 0.01 * g[i] / (abs(g[i]) + 1e-8)) < 1e-15)
        }
        var frozen = start
        let losses = try FullBatchAdam(learningRate: 0.05, steps: 200).train(&frozen, inputs: s.inputs, labels: s.labels, trainable: 20..<25)
        #expect(Array(frozen.parameters[0..<20]) == Array(start.parameters[0..<20]))
        #expect(losses.count == 200 && losses.last! < losses.first!)
        #expect(throws: ParameterError.self) { try FullBatchAdam(learningRate: 0, steps: 1) }
        #expect(throws: ParameterError.self) { try FullBatchAdam(learningRate: 1, steps: -1) }
        #expect(throws: ParameterError.self) {
            try FullBatchAdam(learningRate: 0.1, steps: 1).train(&frozen, inputs: s.inputs, labels: s.labels, trainable: 20..<40)
        }
    }

    @Test func logisticLossIsStableAndConsistent() throws {
        #expect(LogisticLoss.value(-1000) == 1000 && LogisticLoss.value(1000) == 0)
        #expect(LogisticLoss.derivative(0) == -0.5 && LogisticLoss.derivative(-1000) == -1 && LogisticLoss.derivative(1000) == -0)
        for s in [-5.0, -0.3, 0.2, 4.0] {
            let h = 1e-6
            #expect(abs((LogisticLoss.value(s + h) - LogisticLoss.value(s - h)) / (2 * h) - LogisticLoss.derivative(s)) < 1e-9)
        }
        #expect(LogisticLoss.label(0) == -1 && LogisticLoss.label(1e-300) == 1)
        #expect(try LogisticLoss.errorCount(outputs: [0, 1, -2], labels: [-1, -1, -1]) == 1)
        #expect(throws: ParameterError.self) { try LogisticLoss.errorCount(outputs: [0], labels: []) }
    }

    /// ℓ and ℓ' from one exponential are eq. (2)'s log(1 + e^{−s}) and −1/(1 + e^{s}) in their overflow-free forms,
    /// bit for bit, on both sides of s = 0, at ±0, subnormals and where the exponential underflows.
    @Test func lossAndDerivativeFromOneExponentialMatchTheClosedForms() {
        var rng = Xoshiro256(seed: 41)
        let edges = [0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300, -1e-300, 745.2, -745.2, 1000, -1000, .greatestFiniteMagnitude]
        for s in edges + (0..<200).map({ _ in 60 * (rng.nextUniform() - 0.5) }) {
            let value = s > 0 ? log1p(exp(-s)) : -s + log1p(exp(s))
            let derivative = s > 0 ? -exp(-s) / (1 + exp(-s)) : -1 / (1 + exp(s))
            let both = LogisticLoss.valueAndDerivative(s)
            #expect(both.value.bitPattern == value.bitPattern && both.derivative.bitPattern == derivative.bitPattern, "s = \(s)")
        }
    }

    // MARK: Theorem 4.2's shattered set

    @Test func shatteredSetRealizesEveryLabelingForSmallN() throws {
        for n in 2...4 {
            let d = try PatternDistribution.standardBasis(dimension: 2 * n, patternCount: 2 * n, patternsPerInput: n)
            for choice in ShatteredSet.LastSlot.allCases {
                let set = try ShatteredSet(distribution: d, lastSlot: choice)
                let points = try set.points()
                for code in 0..<(1 << set.size) {
                    let labels = (0..<set.size).map { (code >> $0) & 1 == 1 ? 1.0 : -1.0 }
                    let alpha = try set.coefficients(labels: labels)
                    let lu = try set.coefficientsByLU(labels: labels)
                    for i in alpha.indices { #expect(abs(alpha[i] - lu[i]) < 1e-12) }
                    let out = try set.network(coefficients: alpha).outputs(points)
                    for i in out.indices { #expect(abs(out[i] - labels[i]) < 1e-12) }
                }
            }
        }
        let wrong = try PatternDistribution.standardBasis(dimension: 6, patternCount: 5, patternsPerInput: 3)
        #expect(throws: ParameterError.self) { try ShatteredSet(distribution: wrong) }
        let one = try PatternDistribution.standardBasis(dimension: 3, patternCount: 3, patternsPerInput: 1)
        #expect(throws: ParameterError.self) { try ShatteredSet(distribution: one) }
        let set = try ShatteredSet(distribution: PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 2))
        #expect(throws: ParameterError.self) { try set.coefficients(labels: [1]) }
        #expect(throws: ParameterError.self) { try set.network(coefficients: [1, 2, 3]) }
    }
}
