import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

@Suite("Pooling paper models")
struct PoolingModelsTests {
    /// Eq. (6) written out: Σ_{i,j} W_{ij} x_{u−i, v−j, ch} with the boundary rule spelled out.
    static func naiveConvolution(_ w: [Double], k: Int, _ x: Image, u: Int, v: Int, boundary: ConvolutionBoundary) -> Double {
        let d = x.size, h = (k - 1) / 2, c = x.channels
        var total = 0.0
        for i in -h...h {
            for j in -h...h {
                var r = u - i, s = v - j
                if boundary == .valid { r += h; s += h }
                if boundary == .cyclic { r = ((r % d) + d) % d; s = ((s % d) + d) % d }
                guard r >= 0, r < d, s >= 0, s < d else { continue }
                for ch in 0..<c { total += w[((i + h) * k + (j + h)) * c + ch] * x.pixels[(r * d + s) * c + ch] }
            }
        }
        return total
    }

    @Test(arguments: ConvolutionBoundary.allCases)
    func centeredConvolutionMatchesEquation6(boundary: ConvolutionBoundary) throws {
        var rng = Xoshiro256(seed: 11)
        for (k, channels) in [(1, 1), (3, 2), (5, 1)] {
            let geometry = try PatchGeometry(kernelSize: k, channels: channels, boundary: boundary)
            let layer = try CenteredConvolution.gaussian(count: 3, geometry: geometry, variance: 1, rng: &rng)
            let image = try Image.gaussian(size: 7, channels: channels, rng: &rng)
            let out = try layer(image)
            let side = try geometry.outputSide(imageSize: 7)
            #expect(out.rows == side * side && side == (boundary == .valid ? 8 - k : 7))
            for f in 0..<3 {
                let w = Array(layer.kernels.storage[(f * geometry.patchLength)..<((f + 1) * geometry.patchLength)])
                for u in 0..<side {
                    for v in 0..<side {
                        let direct = Self.naiveConvolution(w, k: k, image, u: u, v: v, boundary: boundary)
                        #expect(abs(out[u * side + v, f] - direct) < 1e-12)
                    }
                }
            }
            // The reusable gather writes the same patches.
            let gather = try geometry.gather(imageSize: 7)
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: gather.positions * geometry.patchLength)
            defer { buffer.deallocate() }
            try gather.writePatches(of: image, into: buffer)
            let patches = try geometry.patches(of: image)
            #expect(patches.storage == Array(UnsafeBufferPointer(start: buffer, count: patches.storage.count)))
        }
    }

    /// CenteredConvolution with the cyclic rule is eq. (6) centred: position (u, v) equals Nachum et al.'s
    /// cyclic convolution eq. (4) (`CyclicConvolution`, same filter array) at ((u + h) mod d, (v + h) mod d).
    @Test func cyclicCenteredConvolutionIsAShiftOfCyclicConvolution() throws {
        var rng = Xoshiro256(seed: 21)
        for (k, channels) in [(1, 1), (3, 2), (5, 1)] {
            let geometry = try PatchGeometry(kernelSize: k, channels: channels, boundary: .cyclic)
            let centered = try CenteredConvolution.gaussian(count: 4, geometry: geometry, variance: 1, rng: &rng)
            let cyclic = try CyclicConvolution(filters: centered.kernels, filterSize: k, channels: channels)
            let d = 7, h = (k - 1) / 2
            let image = try Image.gaussian(size: d, channels: channels, rng: &rng)
            let a = try centered(image), b = try cyclic(image)
            for u in 0..<d {
                for v in 0..<d {
                    for f in 0..<4 {
                        #expect(abs(a[u * d + v, f] - b[((u + h) % d) * d + (v + h) % d, f]) < 1e-12)
                    }
                }
            }
        }
    }

    /// The pooling paper's exact kernel average of the ReLU CNN (`ConvolutionKernelMoments`, centred cyclic patches)
    /// and Nachum et al.'s eq. (12) evaluator (`CNNDualFormula`, cyclic patches of eq. (4)) sum the same position-wise
    /// terms ½‖α‖‖β‖ r̂: their mean similarities agree.
    @Test func kernelMomentsAgreeWithTheCNNDualFormula() throws {
        var rng = Xoshiro256(seed: 22)
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        for d in [5, 8] {
            let x = try Image.gaussian(size: d, channels: 1, rng: &rng), y = try Image.gaussian(size: d, channels: 1, rng: &rng)
            let pooling = try ConvolutionKernelMoments.featureMeanSimilarity(x, y, geometry: geometry)
            let nachum = try #require(try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: 3))
            #expect(abs(pooling - nachum) < 1e-12)
        }
    }

    @Test func globalPoolingAndCosinesMatchTheirDefinitions() throws {
        var rng = Xoshiro256(seed: 12)
        let layer = try CenteredConvolution.gaussian(count: 5, geometry: PatchGeometry(kernelSize: 3, boundary: .zeroPadded),
                                                     variance: 1, rng: &rng)
        let x = try Image.gaussian(size: 6, channels: 1, rng: &rng), y = try Image.gaussian(size: 6, channels: 1, rng: &rng)
        let zx = try layer(x), zy = try layer(y)
        let relu = { (m: Matrix) in m.storage.map { max(0, $0) } }
        let pooled = GlobalPooling.features(zx)
        for c in 0..<5 {
            let column = zx.column(c).map { max(0, $0) }
            #expect(abs(pooled.average[c] - column.reduce(0, +) / 36) < 1e-14 && pooled.maximum[c] == column.max()!)
        }
        let cosines = try #require(try layer.pooledCosines(x, y))
        let px = GlobalPooling.features(zx), py = GlobalPooling.features(zy)
        #expect(abs(cosines.relu - Vector.cosine(relu(zx), relu(zy))!) < 1e-12)
        #expect(abs(cosines.average - Vector.cosine(px.average, py.average)!) < 1e-12)
        #expect(abs(cosines.maximum - Vector.cosine(px.maximum, py.maximum)!) < 1e-12)
        // All features zero (x = 0): the cosines are undefined.
        #expect(try layer.pooledCosines(Image(size: 6, channels: 1, pixels: [Double](repeating: 0, count: 36)), y) == nil)
    }

    /// Ave_p r(⟨α_p, w⟩) four patches at a time gives the bits of one patch at a time (each inner product summed
    /// over t in order, the ReLU'd values added in increasing p), for row counts below, at and between multiples
    /// of four, with negative, zero and positive inner products (the patch of zeros gives ⟨α_p, w⟩ = 0).
    @Test func singleKernelAveragePoolingMatchesOnePatchAtATime() throws {
        var rng = Xoshiro256(seed: 31)
        let sampler = NormalSampler()
        for rows in [1, 3, 4, 5, 8, 11, 36] {
            for length in [1, 9] {
                var storage = (0..<(rows * length)).map { _ in sampler.next(using: &rng) }
                for t in 0..<length { storage[(rows / 2) * length + t] = 0 }
                let patches = try Matrix(rows: rows, columns: length, storage: storage)
                let w = (0..<length).map { _ in sampler.next(using: &rng) }
                var total = 0.0
                for p in 0..<rows {
                    var z = 0.0
                    for t in 0..<length { z += storage[p * length + t] * w[t] }
                    total += max(0, z)
                }
                #expect(SingleKernelAveragePooling.value(patches, w) == total / Double(rows))
            }
        }
    }

    /// A scratch lent to image pairs of different sizes (larger first, so it holds stale entries) gives the cosines
    /// of a fresh allocation.
    @Test func pooledCosinesWithAReusedScratchMatchAFreshOne() throws {
        var rng = Xoshiro256(seed: 32)
        var scratch = PatchScratch()
        let layer = try CenteredConvolution.gaussian(count: 7, geometry: PatchGeometry(kernelSize: 3, boundary: .zeroPadded),
                                                     variance: 1, rng: &rng)
        for size in [9, 5, 9] {
            let x = try Image.gaussian(size: size, channels: 1, rng: &rng), y = try Image.gaussian(size: size, channels: 1, rng: &rng)
            let fresh = try #require(try layer.pooledCosines(x, y))
            let reused = try #require(try layer.pooledCosines(x, y, scratch: &scratch))
            #expect([reused.relu, reused.average, reused.maximum] == [fresh.relu, fresh.average, fresh.maximum])
        }
    }

    @Test func patchIndexSetsFollowTheBoundaryRule() throws {
        let cyclic = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        #expect(try cyclic.pixelIndices(ofPatchAt: 0, 0, imageSize: 5) == [0, 1, 4, 5, 6, 9, 20, 21, 24])
        let padded = try PatchGeometry(kernelSize: 3, boundary: .zeroPadded)
        #expect(try padded.pixelIndices(ofPatchAt: 0, 0, imageSize: 5) == [0, 1, 5, 6])
        let valid = try PatchGeometry(kernelSize: 3, boundary: .valid)
        #expect(try valid.pixelIndices(ofPatchAt: 0, 0, imageSize: 5) == [0, 1, 2, 5, 6, 7, 10, 11, 12])
    }

    @Test func convolutionRejectsBadInputs() throws {
        var rng = Xoshiro256(seed: 13)
        #expect(throws: ParameterError.self) { try PatchGeometry(kernelSize: 2, boundary: .cyclic) }
        #expect(throws: ParameterError.self) { try PatchGeometry(kernelSize: 0, boundary: .cyclic) }
        #expect(throws: ParameterError.self) { try PatchGeometry(kernelSize: 3, channels: 0, boundary: .cyclic) }
        let valid = try PatchGeometry(kernelSize: 5, boundary: .valid)
        #expect(throws: ParameterError.self) { try valid.outputSide(imageSize: 4) }
        #expect(throws: ParameterError.self) { try valid.pixelIndices(ofPatchAt: 3, 0, imageSize: 7) }
        #expect(throws: ParameterError.self) {
            try CenteredConvolution(kernels: Matrix(rows: 1, columns: 4, storage: [1, 2, 3, 4]), geometry: valid)
        }
        #expect(throws: ParameterError.self) {
            try CenteredConvolution.gaussian(count: 2, geometry: valid, variance: 0, rng: &rng)
        }
        let layer = try CenteredConvolution.gaussian(count: 2, geometry: PatchGeometry(kernelSize: 3, boundary: .cyclic),
                                                     variance: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try layer(Image.gaussian(size: 5, channels: 2, rng: &rng)) }
        #expect(throws: ParameterError.self) {
            try layer.pooledCosines(Image.gaussian(size: 5, channels: 1, rng: &rng), Image.gaussian(size: 6, channels: 1, rng: &rng))
        }
        let gather = try PatchGeometry(kernelSize: 3, boundary: .cyclic).gather(imageSize: 5)
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 1000)
        defer { buffer.deallocate() }
        #expect(throws: ParameterError.self) { try gather.writePatches(of: Image.gaussian(size: 6, channels: 1, rng: &rng), into: buffer) }
    }

    @Test func partitionedPoolingPoolsConsecutiveBlocks() throws {
        let pooling = try PartitionedPooling(groups: 2, poolSize: 3)
        #expect(try pooling.average([1, 2, 3, 4, 5, 6]) == [2, 5] && pooling.maximum([1, 2, 3, 4, 5, 6]) == [3, 6])
        #expect(try pooling.block(1) == 1...3 && pooling.block(2) == 4...6 && pooling.printedBlock(2) == 7...9)
        #expect(throws: ParameterError.self) { try PartitionedPooling(groups: 0, poolSize: 3) }
        #expect(throws: ParameterError.self) { try PartitionedPooling(groups: 2, poolSize: 0) }
        #expect(throws: ParameterError.self) { try pooling.average([1, 2, 3]) }
        #expect(throws: ParameterError.self) { try pooling.maximum([1, 2, 3, 4, 5, 6, 7]) }
        #expect(throws: ParameterError.self) { try pooling.block(3) }
        var rng = Xoshiro256(seed: 14)
        #expect(throws: ParameterError.self) { try pooling.sample(inputCosine: 1.5, rng: &rng, sampler: NormalSampler()) }
        // ρ = 1: both inputs see the same units; ρ = −1: the ReLU features are disjointly supported.
        let same = try pooling.sample(inputCosine: 1, rng: &rng, sampler: NormalSampler())
        #expect(same.averageX == same.averageY && same.maximumX == same.maximumY && same.cosines?.relu == 1)
        let opposite = try PartitionedPooling(groups: 4, poolSize: 50).sample(inputCosine: -1, rng: &rng, sampler: NormalSampler())
        #expect(opposite.relu.xy == 0)
    }

    @Test func maxOfGaussiansHasItsKnownMoments() throws {
        #expect(abs(try MaxOfGaussians.mean(poolSize: 1).value - 1 / (2 * Double.pi).squareRoot()) < 1e-12)
        #expect(abs(try MaxOfGaussians.secondMoment(poolSize: 1).value - 0.5) < 1e-12)
        #expect(abs(try MaxOfGaussians.crossMoment(poolSize: 1, rho: -1).value) < 1e-12) // r(Z) r(−Z) = 0
        #expect(abs(try MaxOfGaussians.mean(poolSize: 7).value - MaxOfGaussians.meanFromDensity(poolSize: 7).value) < 1e-10)
        #expect(try MaxOfGaussians.survival(-1, poolSize: 3) == 1)
        // Monte Carlo of E[M M′] at ρ = −1, n = 4, against the nested quadrature (5 standard errors).
        var rng = Xoshiro256(seed: 15)
        var moments = PoolingTestMoments()
        for _ in 0..<200_000 {
            let (a, b) = try MaxOfGaussians.samplePair(poolSize: 4, rho: -1, rng: &rng, sampler: NormalSampler())
            moments.add(a * b)
        }
        #expect(abs(moments.mean - (try MaxOfGaussians.crossMoment(poolSize: 4, rho: -1).value)) < 5 * moments.standardError)
        #expect(throws: ParameterError.self) { try MaxOfGaussians.mean(poolSize: 0) }
        #expect(throws: ParameterError.self) { try MaxOfGaussians.crossMoment(poolSize: 3, rho: 0.5) }
        #expect(throws: ParameterError.self) { try MaxOfGaussians.deviationProbability(0, around: 1, poolSize: 3) }
        #expect(throws: ParameterError.self) { try MaxOfGaussians.samplePair(poolSize: 3, rho: 2, rng: &rng, sampler: NormalSampler()) }
    }

    /// The mean similarity, whose self products reuse each pair's r̂, equals bit for bit the quotient of the
    /// three double sums computed pair by pair: on Gaussian images, on block images (repeated patches) and on an
    /// image with zero patches (skipped).
    @Test func pooledMeanSimilarityMatchesItsThreeDoubleSums() throws {
        var rng = Xoshiro256(seed: 17)
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let block = try ToyPair.images(size: 9, block: 4, reading: .printed)
        var sparse = try Image.gaussian(size: 6, channels: 1, rng: &rng)
        for k in 0..<18 { sparse.pixels[k] = 0 }
        let pairs = [(try Image.gaussian(size: 6, channels: 1, rng: &rng), try Image.gaussian(size: 6, channels: 1, rng: &rng)),
                     (block.x, block.y), (sparse, try Image.gaussian(size: 6, channels: 1, rng: &rng))]
        for (x, y) in pairs {
            let products = try [(x, y), (x, x), (y, y)].map {
                try ConvolutionKernelMoments.averagePooledProduct($0.0, $0.1, geometry: geometry)
            }
            #expect(try ConvolutionKernelMoments.averagePooledMeanSimilarity(x, y, geometry: geometry)
                    == products[0] / (products[1] * products[2]).squareRoot())
        }
    }

    @Test func kernelMomentsMatchNaiveSumsAndMonteCarlo() throws {
        var rng = Xoshiro256(seed: 16)
        let geometry = try PatchGeometry(kernelSize: 3, boundary: .cyclic)
        let x = try Image.gaussian(size: 5, channels: 1, rng: &rng), y = try Image.gaussian(size: 5, channels: 1, rng: &rng)
        let a = try geometry.patches(of: x), b = try geometry.patches(of: y)
        var naive = 0.0
        for p in 0..<25 {
            for q in 0..<25 {
                let u = Array(a.storage[(p * 9)..<(p * 9 + 9)]), v = Array(b.storage[(q * 9)..<(q * 9 + 9)])
                naive += 0.5 * Vector.norm(u) * Vector.norm(v) * (try ReLUDualActivation.value(Vector.cosine(u, v)!))
            }
        }
        #expect(abs(try ConvolutionKernelMoments.averagePooledProduct(x, y, geometry: geometry) - naive / 625) < 1e-12)
        // Block images have repeated patches: grouping them does not change the sum.
        let block = try ToyPair.images(size: 9, block: 4, reading: .printed)
        let grouped = try ConvolutionKernelMoments.averagePooledProduct(block.x, block.x, geometry: geometry)
        let p = try geometry.patches(of: block.x)
        var full = 0.0
        for i in 0..<81 { for j in 0..<81 { full += try ConvolutionKernelMoments.expectedReLUProduct(p, i, p, j) } }
        #expect(abs(grouped - full / 6561) < 1e-12)
        // E_W⟨r(W * x), r(W * y)⟩ against Monte Carlo over kernels (5 standard errors).
        var moments = PoolingTestMoments()
        for _ in 0..<40_000 {
            let layer = try CenteredConvolution.gaussian(count: 1, geometry: geometry, variance: 1, rng: &rng)
            moments.add(zip(try layer(x).storage, try layer(y).storage).map { max(0, $0) * max(0, $1) }.reduce(0, +))
        }
        let exact = try ConvolutionKernelMoments.featureInnerProduct(x, y, geometry: geometry)
        #expect(abs(moments.mean - exact) < 5 * moments.standardError)
        #expect(throws: ParameterError.self) { try ConvolutionKernelMoments.expectedReLUProduct(a, 25, b, 0) }
        #expect(throws: ParameterError.self) {
            try ConvolutionKernelMoments.featureInnerProduct(x, Image.gaussian(size: 6, channels: 1, rng: &rng), geometry: geometry)
        }
    }

    @Test func theorem44ModelHasItsExactValues() throws {
        #expect(abs(try GaussianImageAveragePooling.overlapExcess(kernel: [1.5], kernelSize: 1) - (Double.pi * 2.25 - 1)) < 1e-12)
        #expect(try GaussianImageAveragePooling.overlapExcessWithControlVariates(kernel: [0.3], kernelSize: 1) == Double.pi - 1)
        #expect(abs(try GaussianImageAveragePooling.meanChi(dimension: 1) - (2 / Double.pi).squareRoot()) < 1e-14)
        #expect(abs(try GaussianImageAveragePooling.meanSimilarity(imageSize: 10, kernelSize: 3, overlapExcess: 2.5)
            - 1 / 1.025) < 1e-15)
        #expect(abs(try GaussianImageAveragePooling.crossMoment(kernelSize: 3) - 9 / (2 * Double.pi)) < 1e-15)
        #expect(throws: ParameterError.self) { try GaussianImageAveragePooling.overlapExcess(kernel: [1, 2], kernelSize: 3) }
        #expect(throws: ParameterError.self) { try GaussianImageAveragePooling.meanSimilarity(imageSize: 4, kernelSize: 3, overlapExcess: 1) }
        #expect(throws: ParameterError.self) { try GaussianImageAveragePooling.sphereAverageOfDual(dimension: 1) }
        #expect(throws: ParameterError.self) { try GaussianImageAveragePooling.meanChi(dimension: 0) }
    }

    @Test func toyPairAndImagesFollowTheirDefinitions() throws {
        let printed = try ToyPair.images(size: 6, block: 2, reading: .printed)
        #expect(printed.x.pixels[0] == 1 && printed.x.pixels[2] == -1 && zip(printed.x.pixels, printed.y.pixels).allSatisfy { $0 == -$1 })
        let shared = try ToyPair.images(size: 6, block: 2, reading: .sharedBlock)
        #expect(shared.y.pixels.allSatisfy { $0 == 1 } && abs(Vector.cosine(shared.x.pixels, shared.y.pixels)! - (8.0 / 36 - 1)) < 1e-15)
        let standardized = try ToyPair.images(size: 6, block: 2, reading: .printedStandardized).x.sampleMoments
        #expect(abs(standardized.mean) < 1e-15 && abs(standardized.variance - 1) < 1e-14)
        #expect(throws: ParameterError.self) { try ToyPair.images(size: 6, block: 6, reading: .printed) }
        #expect(throws: ParameterError.self) { try ToyPair.images(size: 1, block: 1, reading: .printed) }
        #expect(throws: ParameterError.self) { try Image(size: 3, channels: 1, pixels: [Double](repeating: 2, count: 9)).standardized() }
        var rng = Xoshiro256(seed: 17)
        let field = try SmoothGaussianField(size: 16, correlationLength: 2)
        let moments = try field.sample(rng: &rng, sampler: NormalSampler()).sampleMoments
        #expect(abs(moments.mean) < 1e-14 && abs(moments.variance - 1) < 1e-12)
        let pair = try field.samplePair(correlation: 1, rng: &rng, sampler: NormalSampler())
        #expect(abs(Vector.cosine(pair.x.pixels, pair.y.pixels)! - 1) < 1e-12)
        #expect(throws: ParameterError.self) { try SmoothGaussianField(size: 16, correlationLength: 0) }
        #expect(throws: ParameterError.self) { try field.samplePair(correlation: -1.5, rng: &rng, sampler: NormalSampler()) }
    }

    /// The separable cyclic blur written out with index arithmetic modulo d, rows then columns, each sum over
    /// the weights in increasing order.
    static func writtenOutBlur(_ x: [Double], field: SmoothGaussianField) -> [Double] {
        let d = field.size, w = field.weights, radius = (w.count - 1) / 2
        var rows = [Double](repeating: 0, count: d * d), out = rows
        for u in 0..<d {
            for v in 0..<d {
                var s = 0.0
                for t in w.indices { s += w[t] * x[u * d + ((v + t - radius) % d + d) % d] }
                rows[u * d + v] = s
            }
        }
        for u in 0..<d {
            for v in 0..<d {
                var s = 0.0
                for t in w.indices { s += w[t] * rows[((u + t - radius) % d + d) % d * d + v] }
                out[u * d + v] = s
            }
        }
        return out
    }

    /// The blur's loops (extended rows, columns accumulated a row at a time) give the written-out sums bit for
    /// bit, including kernels cut at half the side (radius d/2 wraps onto the same pixel from both sides) and d = 2.
    @Test func smoothFieldBlurMatchesWrittenOutSums() throws {
        var rng = Xoshiro256(seed: 29)
        let sampler = NormalSampler()
        for (d, length) in [(16, 2.0), (32, 3.0), (5, 0.7), (6, 40.0), (2, 1.0), (3, 1e-200)] {
            let field = try SmoothGaussianField(size: d, correlationLength: length)
            let x = (0..<(d * d)).map { _ in sampler.next(using: &rng) }
            #expect(try field.blur(x) == Self.writtenOutBlur(x, field: field))
        }
    }

    /// A scratch lent to layers of different geometries and image sizes in turn rebuilds its cached gather table
    /// whenever either changes: the cosines equal those of a fresh scratch bit for bit.
    @Test func scratchGatherFollowsGeometryAndImageSize() throws {
        var rng = Xoshiro256(seed: 31)
        let layers = try [ConvolutionBoundary.cyclic, .zeroPadded, .valid].map { boundary in
            try CenteredConvolution.gaussian(count: 4, geometry: try PatchGeometry(kernelSize: 3, boundary: boundary),
                                             variance: 1, rng: &rng)
        }
        var shared = PatchScratch()
        for (layer, d) in [(0, 8), (0, 8), (0, 6), (1, 6), (2, 6), (2, 3), (0, 8)] {
            let x = try Image.gaussian(size: d, channels: 1, rng: &rng), y = try Image.gaussian(size: d, channels: 1, rng: &rng)
            var fresh = PatchScratch()
            #expect(try layers[layer].pooledCosines(x, y, scratch: &shared) == (try layers[layer].pooledCosines(x, y, scratch: &fresh)))
        }
    }

    @Test func psi2NormOfAGaussian() throws {
        let root = try OrliczNorm.psi2({ $0 }, bracket: 1.45...3)
        #expect(abs(root.value - (8.0 / 3).squareRoot()) < 1e-9)
        #expect(abs(try OrliczNorm.psi2Moment({ $0 }, at: 2).value - 2.0.squareRoot()) < 1e-10) // (1 − 2/4)^{−1/2}
        #expect(throws: ParameterError.self) { try OrliczNorm.psi2Moment({ $0 }, at: 0) }
        #expect(throws: ParameterError.self) { try OrliczNorm.psi2({ $0 }, bracket: 0...3) }
    }
}

/// Mean and standard error of a sample (the tests do not depend on ClaimKit).
private struct PoolingTestMoments {
    private var count = 0.0, mean_ = 0.0, squares = 0.0
    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean_
        mean_ += delta / count
        squares += delta * (x - mean_)
    }
    var mean: Double { mean_ }
    var standardError: Double { (squares / (count - 1) / count).squareRoot() }
}
