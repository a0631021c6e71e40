import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

@Suite("Nachum et al. models: patches, Theorem 1's sum, binary images, shared boundary, input families")
struct NachumModelsTests {
    /// [x]^r_ij read entry by entry, and the centered window of App. G.
    @Test func patchesAreTheSubTensorsOfTheNotation() throws {
        var rng = Xoshiro256(seed: 11)
        let x = try Image.gaussian(size: 5, channels: 2, rng: &rng)
        let patch = try PatchOperator(size: 3).patch(of: x, row: 4, column: 1)
        let centered = try PatchOperator.centered(radius: 1).patch(of: x, row: 0, column: 2)
        for a in 0..<3 {
            for b in 0..<3 {
                for k in 0..<2 {
                    #expect(patch[(a * 3 + b) * 2 + k] == x[4 + a, 1 + b, k])
                    #expect(centered[(a * 3 + b) * 2 + k] == x[-1 + a, 1 + b, k])
                }
            }
        }
    }

    /// (F * x)_uv = ⟨flip(F), [x]^r_{u−r+1, v−r+1}⟩ for every position, and the box-sum geometry
    /// equals the Gram entries of the extracted patches.
    @Test func convolutionIsAnInnerProductWithFlippedPatches() throws {
        var rng = Xoshiro256(seed: 12)
        let (n, r, d) = (6, 3, 2)
        let x = try Image.gaussian(size: n, channels: d, rng: &rng), y = try Image.gaussian(size: n, channels: d, rng: &rng)
        let layer = try CyclicConvolution.gaussian(count: 1, filterSize: r, channels: d, variance: 1, rng: &rng)
        let out = try layer(x)
        let flipped = try PatchOperator.flipped(layer.filters.storage, size: r, channels: d)
        let patches = try PatchOperator(size: r)
        for u in 0..<n {
            for v in 0..<n {
                let direct = Vector.dot(flipped, try patches.patch(of: x, row: u - r + 1, column: v - r + 1))
                #expect(abs(out[u * n + v, 0] - direct) < 1e-12)
            }
        }
        let geometry = try patches.geometry(x, y)
        for i in 0..<n {
            for j in 0..<n {
                let a = try patches.patch(of: x, row: i, column: j), b = try patches.patch(of: y, row: i, column: j)
                #expect(abs(geometry.xx[i * n + j] - Vector.dot(a, a)) < 1e-12)
                #expect(abs(geometry.xy[i * n + j] - Vector.dot(a, b)) < 1e-12)
                #expect(abs(geometry.yy[i * n + j] - Vector.dot(b, b)) < 1e-12)
            }
        }
    }

    /// The patch gather of eq. (4) read through one-hot filters (filter f = e_f, so the product has a single
    /// non-zero term): (F_f * x)_uv = x_{u−i, v−j, k} exactly, indices mod n, for one and for several
    /// channels and for r = n, where every patch wraps.
    @Test func convolutionGathersTheCyclicPatchEntries() throws {
        var rng = Xoshiro256(seed: 13)
        for (n, r, d) in [(5, 3, 1), (4, 2, 3), (3, 3, 1), (3, 3, 2)] {
            let length = r * r * d
            let identity = try Matrix(rows: length, columns: length,
                                      storage: (0..<(length * length)).map { $0 / length == $0 % length ? 1 : 0 })
            let layer = try CyclicConvolution(filters: identity, filterSize: r, channels: d)
            let x = try Image.gaussian(size: n, channels: d, rng: &rng)
            let out = try layer(x)
            var gathered: [Double] = [], direct: [Double] = []
            for u in 0..<n {
                for v in 0..<n {
                    for i in 0..<r {
                        for j in 0..<r {
                            for k in 0..<d {
                                gathered.append(out[u * n + v, (i * r + j) * d + k])
                                direct.append(x[u - i, v - j, k])
                            }
                        }
                    }
                }
            }
            #expect(gathered == direct, "n = \(n), r = \(r), d = \(d)")
        }
    }

    /// The convolution layer rejects images whose channels differ from its filters' or that are smaller than r.
    @Test func convolutionRejectsMismatchedImages() throws {
        var rng = Xoshiro256(seed: 7)
        let layer = try CyclicConvolution.gaussian(count: 2, filterSize: 3, channels: 2, variance: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try layer(Image.gaussian(size: 4, channels: 1, rng: &rng)) }
        #expect(throws: ParameterError.self) { try layer(Image.gaussian(size: 2, channels: 2, rng: &rng)) }
        #expect(try layer(Image.gaussian(size: 3, channels: 2, rng: &rng)).rows == 9)
    }

    @Test func patchOperatorRejectsBadSizes() throws {
        var rng = Xoshiro256(seed: 13)
        let x = try Image.gaussian(size: 3, channels: 1, rng: &rng)
        let other = try Image.gaussian(size: 4, channels: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try PatchOperator(size: 0) }
        #expect(throws: ParameterError.self) { try PatchOperator.centered(radius: -1) }
        #expect(throws: ParameterError.self) { try PatchOperator(size: 4).patch(of: x, row: 0, column: 0) }
        #expect(throws: ParameterError.self) { try PatchOperator(size: 2).geometry(x, other) }
        #expect(throws: ParameterError.self) { try PatchOperator.flipped([1, 2, 3], size: 2, channels: 1) }
    }

    /// Eq. (8) against eq. (7) by quadrature, (9) against (8) at x = y, and (12)'s invariances.
    @Test func theorem1SumsAgree() throws {
        var rng = Xoshiro256(seed: 14)
        let x = try Image.gaussian(size: 3, channels: 2, rng: &rng), y = try Image.gaussian(size: 3, channels: 2, rng: &rng)
        for sigma in [Activation.relu, .absolute] {
            let closed = try CNNDualFormula.expectedInnerProduct(sigma, x, y, filterSize: 2, nu: 0.8)
            let integral = try CNNDualFormula.expectedInnerProductByQuadrature(sigma, x, y, filterSize: 2, nu: 0.8)
            #expect(abs(closed - integral.value) < 1e-8 * max(1, abs(closed)))
            let norm = try CNNDualFormula.expectedSquaredNorm(sigma, x, filterSize: 2, nu: 0.8)
            #expect(abs(norm - (try CNNDualFormula.expectedInnerProduct(sigma, x, x, filterSize: 2, nu: 0.8))) < 1e-12 * norm)
        }
        let rho = try #require(try CNNDualFormula.meanSimilarity(.relu, x, y, filterSize: 2))
        let scaled = try #require(try CNNDualFormula.meanSimilarity(.relu, x.scaled(by: 3), y, filterSize: 2))
        let rhoIn = try x.cosine(y) ?? 0
        #expect(abs(rho - scaled) < 1e-14 && rho >= max(rhoIn, 0) - 1e-14)
        let zero = try Image(size: 3, channels: 2, pixels: [Double](repeating: 0, count: 18))
        #expect(try CNNDualFormula.meanSimilarity(.relu, zero, y, filterSize: 2) == nil)
        #expect(try CNNDualFormula.expectedInnerProduct(.relu, zero, y, filterSize: 2, nu: 1) == 0)
        #expect(throws: ParameterError.self) { try CNNDualFormula.expectedInnerProduct(.tanh, x, y, filterSize: 2, nu: 1) }
        #expect(throws: ParameterError.self) { try CNNDualFormula.expectedInnerProduct(.relu, x, y, filterSize: 2, nu: 0) }
        #expect(throws: ParameterError.self) { try CNNDualFormula.expectedSquaredNorm(.relu, x, filterSize: 0, nu: 1) }
    }

    /// Williams' closed form of the erf dual against nested quadrature of Definition 1.
    @Test func erfDualHasItsClosedForm() throws {
        let x = [0.3, -1.2, 0.5], y = [1.1, 0.4, -0.2]
        let closed = try DualActivation.erfClosedForm(scale: 1.5, x: x, y: y, nu: 0.7)
        let integral = try DualActivation.expectation(.erf(scale: 1.5), x: x, y: y, nu: 0.7)
        #expect(abs(closed - integral.value) < 1e-9)
        #expect(throws: ParameterError.self) { try DualActivation.erfClosedForm(scale: 0, x: x, y: y, nu: 1) }
        #expect(throws: ParameterError.self) { try DualActivation.erfClosedForm(scale: 1, x: x, y: [1], nu: 1) }
    }

    /// One pixel and one 1 × 1 filter: ⟨F*x, F*y⟩ = F²xy, mean ν²xy, variance 2ν⁴x²y².
    @Test func linearConvolutionMomentsOfTheSmallestCase() throws {
        let x = try Image(size: 1, channels: 1, pixels: [1.5]), y = try Image(size: 1, channels: 1, pixels: [-2])
        let moments = try LinearConvolutionMoments(x, y, filterSize: 1, nu: 0.5)
        #expect(abs(moments.mean - 0.25 * -3) < 1e-15 && abs(moments.variance - 2 * 0.0625 * 9) < 1e-14)
        var rng = Xoshiro256(seed: 15)
        let a = try Image.gaussian(size: 5, channels: 2, rng: &rng), b = try Image.gaussian(size: 5, channels: 2, rng: &rng)
        #expect(abs(try LinearConvolutionMoments(a, b, filterSize: 3, nu: 1.0 / 3).mean - (try a.dot(b))) < 1e-12)
        #expect(throws: ParameterError.self) { try LinearConvolutionMoments(a, b, filterSize: 3, nu: -1) }
    }

    @Test func binaryImagesCountTheirSets() throws {
        let a = try BinaryImage.rectangle(size: 6, row: 4, column: 5, height: 3, width: 2) // wraps in both directions
        #expect(a.count == 6 && a[0, 0] && a[5, 5] && a[4, 0] && !a[2, 2])
        let b = try BinaryImage.rectangle(size: 6, row: 5, column: 5, height: 1, width: 6)
        #expect(try a.dot(b) == 2 && a.squaredDistance(b) == 8)
        #expect(try a.union(b).count == 10 && a.intersection(b).count == 2)
        let up = try a.upsampled(by: 3)
        #expect(up.size == 18 && up.count == 54 && up[12, 15] && up[14, 17] && !up[11, 15])
        #expect(try BinaryImage(size: 2, mask: 0b1001).pixels == [true, false, false, true])
        #expect(a.image.pixels.reduce(0, +) == 6)
        #expect(throws: ParameterError.self) { try BinaryImage(size: 0) }
        #expect(throws: ParameterError.self) { try BinaryImage(size: 2, pixels: [true]) }
        #expect(throws: ParameterError.self) { try BinaryImage(size: 9, mask: 1) }
        #expect(throws: ParameterError.self) { try BinaryImage.rectangle(size: 4, row: 0, column: 0, height: 5, width: 1) }
        #expect(throws: ParameterError.self) { try a.dot(BinaryImage(size: 5)) }
        #expect(throws: ParameterError.self) { try a.upsampled(by: 0) }
    }

    /// Window extrema against the quantifiers of Definition 2, and the catalog's G3 counts.
    @Test func sharedBoundaryMatchesDefinition2() throws {
        var rng = Xoshiro256(seed: 16)
        for trial in 0..<40 {
            let n = 4 + trial % 6, r = 1 + trial % 3
            let a = try BinaryImage(size: n, pixels: (0..<(n * n)).map { _ in rng.nextUniform() < 0.4 })
            let b = try BinaryImage(size: n, pixels: (0..<(n * n)).map { _ in rng.nextUniform() < 0.6 })
            #expect(try SharedBoundary(a, b, radius: min(r, n)).members == SharedBoundary.literalMembers(a, b, radius: min(r, n)))
        }
        let a = try BinaryImage.rectangle(size: 20, row: 2, column: 3, height: 8, width: 10)
        let b = try BinaryImage.rectangle(size: 20, row: 5, column: 6, height: 10, width: 11)
        #expect(try SharedBoundary(a, b, radius: 1).count == 48 && SharedBoundary(a, b, radius: 2).count == 96)
        // Grayscale: constant windows are off the boundary, a window with two gray levels is on it.
        var gray = try Image(size: 7, channels: 1, pixels: [Double](repeating: 0.5, count: 49))
        gray.pixels[3 * 7 + 3] = 0.8
        let boundary = try SharedBoundary(gray, gray, radius: 1)
        #expect(boundary.count == 9 && boundary.members[2 * 7 + 2] && !boundary.members[0])
    }

    @Test func sharedBoundaryRejectsBadInputs() throws {
        let a = try BinaryImage(size: 4), b = try BinaryImage(size: 5)
        let image = try Image(size: 4, channels: 1, pixels: [Double](repeating: 0, count: 16))
        let negative = try Image(size: 4, channels: 1, pixels: [-1] + [Double](repeating: 0, count: 15))
        let color = try Image(size: 4, channels: 2, pixels: [Double](repeating: 0, count: 32))
        #expect(throws: ParameterError.self) { try SharedBoundary(a, a, radius: 0) }
        #expect(throws: ParameterError.self) { try SharedBoundary(a, a, radius: 5) }
        #expect(throws: ParameterError.self) { try SharedBoundary(a, b, radius: 1) }
        #expect(throws: ParameterError.self) { try SharedBoundary(image, negative, radius: 1) }
        #expect(throws: ParameterError.self) { try SharedBoundary(color, color, radius: 1) }
        #expect(throws: ParameterError.self) { try SharedBoundary.literalMembers(a, b, radius: 1) }
    }

    @Test func imageOperationsAndFamilies() throws {
        var rng = Xoshiro256(seed: 17)
        var squares = 0.0, cross = 0.0
        for _ in 0..<200 {
            let (x, y) = try ImageFamilies.correlatedGaussianPair(size: 8, channels: 2, correlation: 0.6, rng: &rng)
            squares += x.norm * x.norm
            cross += try x.dot(y)
        }
        #expect(abs(squares / 200 - 1) < 0.03 && abs(cross / 200 - 0.6) < 0.03) // SE ≈ 0.009 and 0.008
        let rectangle = try ImageFamilies.randomRectangle(size: 12, sides: 2...4, margin: 2, rng: &rng)
        #expect((4...16).contains(rectangle.count))
        for i in 0..<12 { #expect(!rectangle[i, 0] && !rectangle[i, 1] && !rectangle[0, i] && !rectangle[11, i]) }
        let ellipse = try ImageFamilies.randomEllipse(size: 16, semiAxes: 2...4, rng: &rng)
        #expect(ellipse.count >= 9 && ellipse.count <= 60)
        let gray = try ImageFamilies.grayRectangles(count: 3, size: 10, sides: 2...5, rng: &rng)
        #expect(gray.pixels.allSatisfy { $0 >= 0 && $0 <= 1 } && gray.pixels.contains { $0 > 0 })
        let red = try ImageFamilies.constantColour(size: 8, channel: 0), green = try ImageFamilies.constantColour(size: 8, channel: 1)
        let redGreen = try red.dot(green)
        #expect(abs(red.norm - 1) < 1e-15 && redGreen == 0)
        let stacked = try Image.stacking([try red.channel(0), try green.channel(1), try red.channel(2)])
        #expect(stacked.pixels == red.pixels.indices.map { $0 % 3 == 2 ? 0 : (red.pixels[$0] + green.pixels[$0]) })
        let centered = try gray.centered()
        #expect(abs(centered.pixels.reduce(0, +)) < 1e-12)
        #expect(abs(try gray.upsampled(by: 2).norm - 2 * gray.norm) < 1e-12 * gray.norm)
        #expect(throws: ParameterError.self) { try ImageFamilies.correlatedGaussianPair(size: 4, correlation: 1.5, rng: &rng) }
        #expect(throws: ParameterError.self) { try ImageFamilies.randomRectangle(size: 6, sides: 2...5, margin: 1, rng: &rng) }
        #expect(throws: ParameterError.self) { try ImageFamilies.randomEllipse(size: 6, semiAxes: 1...4, rng: &rng) }
        #expect(throws: ParameterError.self) { try ImageFamilies.randomEllipse(size: -3, semiAxes: 1...2, rng: &rng) }
        #expect(throws: ParameterError.self) { try ImageFamilies.randomEllipse(size: 0, semiAxes: 1...2, rng: &rng) }
        #expect(throws: ParameterError.self) { try ImageFamilies.constantColour(size: 4, channel: 3) }
        #expect(throws: ParameterError.self) { try ImageFamilies.grayRectangles(count: 0, size: 4, sides: 1...2, rng: &rng) }
        #expect(throws: ParameterError.self) { try red.dot(gray) }
        #expect(throws: ParameterError.self) { try red.channel(3) }
        #expect(throws: ParameterError.self) { try Image.stacking([]) }
        #expect(throws: ParameterError.self) { try red.scaled(by: .nan) }
    }

    /// Zero-sum filters sum to zero and annihilate constants; the deep network reports one cosine per layer.
    @Test func zeroSumFiltersAndDeepNetworks() throws {
        var rng = Xoshiro256(seed: 18)
        let layer = try CyclicConvolution.zeroSumGaussian(count: 4, filterSize: 3, channels: 2, variance: 1, rng: &rng)
        for f in 0..<4 { #expect(abs((0..<18).map { layer.filters[f, $0] }.reduce(0, +)) < 1e-13) }
        let constant = try Image(size: 5, channels: 2, pixels: [Double](repeating: 3, count: 50))
        let out = try layer.preActivations(constant)
        #expect(out.channels == 4 && out.size == 5 && out.pixels.allSatisfy { abs($0) < 1e-12 })
        let x = try Image.gaussian(size: 6, channels: 1, rng: &rng), y = try Image.gaussian(size: 6, channels: 1, rng: &rng)
        let network = try DeepCyclicCNN(depth: 3, width: 4, filterSize: 3, filters: .gaussian)
        let cosines = try network.preActivationCosines(x, y, rng: &rng)
        #expect(cosines.count == 3 && cosines.allSatisfy { abs($0) <= 1 })
        #expect(throws: ParameterError.self) { try DeepCyclicCNN(depth: 0, width: 4, filterSize: 3, filters: .zeroSum) }
        #expect(throws: ParameterError.self) { try network.preActivationCosines(x, constant, rng: &rng) }
    }

    @Test func orthogonalRowsAndOrliczNorms() throws {
        var rng = Xoshiro256(seed: 19)
        let w = try OrthogonalInitialization.rows(5, dimension: 7, rng: &rng)
        for i in 0..<5 {
            for j in 0..<5 {
                let dot = (0..<7).map { w[i, $0] * w[j, $0] }.reduce(0, +)
                #expect(abs(dot - (i == j ? 7 : 0)) < 1e-12)
            }
        }
        #expect(throws: ParameterError.self) { try OrthogonalInitialization.rows(8, dimension: 7, rng: &rng) }
        let norm = try OrliczNorm.solve(lower: 1.5, upper: 4) { try OrliczNorm.psi2Moment({ $0 }, at: $0).value }
        #expect(abs(norm.value - (8.0 / 3).squareRoot()) < 1e-10)
        #expect(throws: ParameterError.self) { try OrliczNorm.solve(lower: 0, upper: 4) { _ in 1 } }
    }

    /// Patches built once give the same sums bit for bit as patching the pair inside the call, for ReLU and a
    /// smooth activation, several channels, and r = n (every patch wraps around); mismatched patches are refused.
    @Test func patchedPairMatchesPatchingPerCall() throws {
        var rng = Xoshiro256(seed: 13)
        for (n, r, d) in [(6, 3, 1), (5, 2, 3), (4, 4, 2)] {
            let x = try Image.gaussian(size: n, channels: d, rng: &rng), y = try Image.gaussian(size: n, channels: d, rng: &rng)
            let pair = try PatchedImagePair(x, y, filterSize: r)
            let layer = try CyclicConvolution.gaussian(count: 5, filterSize: r, channels: d, variance: 1, rng: &rng)
            for activation in [Activation.relu, .tanh] {
                let once = try layer.activatedInnerProducts(pair, activation: activation)
                let perCall = try layer.activatedInnerProducts([(x, y)], activation: activation)[0]
                #expect([once.xy, once.xx, once.yy] == [perCall.xy, perCall.xx, perCall.yy])
            }
            var a = rng, b = rng
            let viaPair = try FilterMonteCarlo.sums(pair, activation: .relu, nu: 0.5, batch: 3, rng: &a)
            let viaImages = try FilterMonteCarlo.sums(x, y, activation: .relu, filterSize: r, nu: 0.5, batch: 3, rng: &b)
            #expect([viaPair.xy, viaPair.xx, viaPair.yy] == [viaImages.xy, viaImages.xx, viaImages.yy] && a.next() == b.next())
        }
        let x = try Image.gaussian(size: 4, channels: 1, rng: &rng)
        let other = try CyclicConvolution.gaussian(count: 2, filterSize: 2, channels: 1, variance: 1, rng: &rng)
        #expect(throws: ParameterError.self) { try other.activatedInnerProducts(PatchedImagePair(x, x, filterSize: 3), activation: .relu) }
        #expect(throws: ParameterError.self) { try PatchedImagePair(x, Image.gaussian(size: 5, channels: 1, rng: &rng), filterSize: 3) }
        #expect(throws: ParameterError.self) { try PatchedImagePair(x, x, filterSize: 5) }
    }

    /// The ReLU sums over the patches with a nonzero entry equal the full GEMM's bit for bit: pictures on a zero
    /// background (all-zero patches on both sides and on one), an empty picture, two empty pictures, a dense pair
    /// (no zero patch), and outputs that overflow (the full GEMM's inf · 0 = NaN is kept).
    @Test func reluSumsOverNonzeroPatchesMatchTheFullProduct() throws {
        var rng = Xoshiro256(seed: 14)
        let (g3a, g3b) = try NachumInputs.g3()
        let (a, b) = (g3a.image, g3b.image), empty = try BinaryImage(size: 20).image
        let huge = try Image(size: 20, channels: 1, pixels: a.pixels.map { $0 * 1.7e308 })
        let dense = (try Image.gaussian(size: 20, channels: 1, rng: &rng), try Image.gaussian(size: 20, channels: 1, rng: &rng))
        let upsampled = (try g3a.upsampled(by: 2).image, try g3b.upsampled(by: 2).image)
        for (x, y) in [(a, b), (a, empty), (empty, b), (empty, empty), (huge, b), (b, huge), dense, upsampled] {
            for (r, count) in [(1, 5), (3, 16), (5, 7)] {
                let layer = try CyclicConvolution.gaussian(count: count, filterSize: r, channels: 1, variance: 4, rng: &rng)
                let fast = try layer.activatedInnerProducts(PatchedImagePair(x, y, filterSize: r), activation: .relu)
                let full = try layer.activatedInnerProducts([(x, y)], activation: .relu)[0]
                #expect([fast.xy, fast.xx, fast.yy].map(\.bitPattern) == [full.xy, full.xx, full.yy].map(\.bitPattern))
            }
        }
    }
}
