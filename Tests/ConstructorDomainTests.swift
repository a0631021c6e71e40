import Foundation
import GSL
import RandomNetworks
import Randomness
import Testing

/// One out-of-domain call of a public constructor: it must throw a `ParameterError` whose one-line
/// description names `parameter`, never trap, hang or clamp.
struct DomainCase: Sendable, CustomTestStringConvertible {
    let call: String
    let parameter: String
    let make: @Sendable () throws -> Void

    var testDescription: String { call }
}

private func reject(_ call: String, naming parameter: String, _ make: @escaping @Sendable () throws -> Void) -> DomainCase {
    DomainCase(call: call, parameter: parameter, make: make)
}

private let huge = Int.max
private let nonFinite: [Double] = [.nan, .infinity, -.infinity]

/// A 4 × 4 single-channel image and a 3 × 3 identity-ish Gram for the cases that need valid companions.
private func image(_ size: Int = 4) -> Image {
    var rng = Xoshiro256(seed: 7)
    return try! Image.gaussian(size: size, channels: 1, rng: &rng)
}

private func shape(_ w: Int = 4, _ h: Int = 4, _ d: Int = 1) -> FeatureMapShape {
    try! FeatureMapShape(width: w, height: h, channels: d)
}

enum DomainCases {
    static let randomnessAndGSL: [DomainCase] = [
        reject("MonteCarloEngine(threads: 0)", naming: "threads") { _ = try MonteCarloEngine(threads: 0) },
        reject("MonteCarloEngine(threads: Int.min)", naming: "threads") { _ = try MonteCarloEngine(threads: .min) },
        reject("GaussHermiteRule(points: 0)", naming: "points") { _ = try GaussHermiteRule(points: 0) },
        reject("GaussHermiteRule(points: -3)", naming: "points") { _ = try GaussHermiteRule(points: -3) },
        reject("GaussHermiteRule(points: Int.max)", naming: "points") { _ = try GaussHermiteRule(points: huge) },
        reject("WeightedLineFit(x: NaN)", naming: "x") {
            _ = try WeightedLineFit(x: [0, 1, .nan], y: [0, 1, 2], weights: [1, 1, 1])
        },
        reject("WeightedLineFit(y: inf)", naming: "y") {
            _ = try WeightedLineFit(x: [0, 1, 2], y: [0, .infinity, 2], weights: [1, 1, 1])
        },
        reject("WeightedLineFit(weights: 0)", naming: "weight") {
            _ = try WeightedLineFit(x: [0, 1, 2], y: [0, 1, 2], weights: [1, 0, 1])
        },
        reject("WeightedLineFit(weights: -1)", naming: "weight") {
            _ = try WeightedLineFit(x: [0, 1, 2], y: [0, 1, 2], weights: [1, -1, 1])
        },
        reject("WeightedLineFit(x: ±1e300)", naming: "x, y, weights") {
            _ = try WeightedLineFit(x: [1e300, -1e300, 0], y: [0, 1, 2], weights: [1, 1, 1])
        },
        reject("WeightedLineFit(x, y: ±1e300)", naming: "x, y, weights") {
            _ = try WeightedLineFit(x: [1e300, -1e300, 0], y: [1e300, -1e300, 0], weights: [1, 1, 1])
        },
        reject("WeightedLineFit(2 points)", naming: "number of points") {
            _ = try WeightedLineFit(x: [0, 1], y: [0, 1], weights: [1, 1])
        },
    ]

    static let numericsAndKernels: [DomainCase] = [
        reject("Matrix.entry(2, 0) of a 2 × 2 matrix", naming: "index") {
            _ = try Matrix(rows: 2, columns: 2, storage: [1, 2, 3, 4]).entry(2, 0)
        },
        reject("Matrix.entry(0, -1) of a 2 × 2 matrix", naming: "index") {
            _ = try Matrix(rows: 2, columns: 2, storage: [1, 2, 3, 4]).entry(0, -1)
        },
        reject("Matrix(rows: 0)", naming: "rows") { _ = try Matrix(rows: 0, columns: 1, storage: []) },
        reject("Matrix(columns: -1)", naming: "columns") { _ = try Matrix(rows: 1, columns: -1, storage: []) },
        reject("Matrix(rows: Int.max, columns: 2)", naming: "rows · columns") {
            _ = try Matrix(rows: huge, columns: 2, storage: [])
        },
        reject("Matrix.gaussian(rows: -1, columns: -1)", naming: "rows") {
            var rng = Xoshiro256(seed: 1)
            _ = try Matrix.gaussian(rows: -1, columns: -1, variance: 1, rng: &rng)
        },
        reject("Matrix.gaussian(rows: Int.max, columns: 3)", naming: "rows · columns") {
            var rng = Xoshiro256(seed: 1)
            _ = try Matrix.gaussian(rows: huge, columns: 3, variance: 1, rng: &rng)
        },
        reject("Matrix.haarOrthogonal(size: 0)", naming: "size") {
            var rng = Xoshiro256(seed: 1)
            _ = try Matrix.haarOrthogonal(size: 0, rng: &rng)
        },
        reject("Matrix.haarOrthogonal(size: Int.max)", naming: "size²") {
            var rng = Xoshiro256(seed: 1)
            _ = try Matrix.haarOrthogonal(size: huge, rng: &rng)
        },
        reject("HermitePolynomial(coefficients: [])", naming: "number of coefficients") {
            _ = try HermitePolynomial(coefficients: [])
        },
        reject("HermitePolynomial(coefficients: [1, NaN])", naming: "coefficient") {
            _ = try HermitePolynomial(coefficients: [1, .nan])
        },
        reject("HermitePolynomial(coefficients: [1e200, 1e200])", naming: "coefficients") {
            _ = try HermitePolynomial(coefficients: [1e200, 1e200])
        },
        reject("ActivationKernel(.erf(scale: 0))", naming: "scale") { _ = try ActivationKernel(.erf(scale: 0)) },
        reject("ActivationKernel(.erf(scale: -inf))", naming: "scale") { _ = try ActivationKernel(.erf(scale: -.infinity)) },
        reject("ActivationKernel(.leakyReLU(slope: NaN))", naming: "slope") { _ = try ActivationKernel(.leakyReLU(slope: .nan)) },
        reject("ActivationKernel(.leakyReLU(slope: 1e300))", naming: "activation") {
            _ = try ActivationKernel(.leakyReLU(slope: 1e300))
        },
        reject("ActivationKernel(.erf(scale: 1e300))", naming: "activation") { _ = try ActivationKernel(.erf(scale: 1e300)) },
        reject("ActivationKernel(.tanh, route: .closedForm)", naming: "activation") { _ = try ActivationKernel(.tanh) },
    ]

    static let convPool: [DomainCase] = [
        reject("FeatureMapShape(width: 0)", naming: "width") { _ = try FeatureMapShape(width: 0, height: 1, channels: 1) },
        reject("FeatureMapShape(channels: -2)", naming: "channels") { _ = try FeatureMapShape(width: 1, height: 1, channels: -2) },
        reject("FeatureMapShape(Int.max × Int.max × 1)", naming: "width · height · channels") {
            _ = try FeatureMapShape(width: huge, height: huge, channels: 1)
        },
        reject("ConvolutionGeometry(kernelWidth: 0)", naming: "kernelWidth") {
            _ = try ConvolutionGeometry(input: shape(), kernelWidth: 0, kernelHeight: 1, outputChannels: 1)
        },
        reject("ConvolutionGeometry(paddingWidth: -1)", naming: "paddingWidth") {
            _ = try ConvolutionGeometry(input: shape(), kernelWidth: 1, kernelHeight: 1, paddingWidth: -1, outputChannels: 1)
        },
        reject("ConvolutionGeometry(paddingHeight: Int.max)", naming: "paddingHeight") {
            _ = try ConvolutionGeometry(input: shape(), kernelWidth: 1, kernelHeight: 1, paddingHeight: huge, outputChannels: 1)
        },
        reject("ConvolutionGeometry(strideHeight: 0)", naming: "strideHeight") {
            _ = try ConvolutionGeometry(input: shape(), kernelWidth: 1, kernelHeight: 1, strideHeight: 0, outputChannels: 1)
        },
        reject("ConvolutionGeometry(outputChannels: Int.min)", naming: "outputChannels") {
            _ = try ConvolutionGeometry(input: shape(), kernelWidth: 1, kernelHeight: 1, outputChannels: .min)
        },
        reject("ConvolutionGeometry(input: 2^31 × 1 × 1)", naming: "input size") {
            _ = try ConvolutionGeometry(input: shape(1 << 31, 1, 1), kernelWidth: 1, kernelHeight: 1, outputChannels: 1)
        },
        reject("ConvolutionGeometry.square(kernel: 9 on 4 × 4)", naming: "kernel") {
            _ = try ConvolutionGeometry.square(input: shape(), kernel: 9, outputChannels: 1)
        },
        reject("WindowPooling(windowWidth: 0)", naming: "windowWidth") {
            _ = try WindowPooling(input: shape(), windowWidth: 0, windowHeight: 1, kind: .max)
        },
        reject("WindowPooling(3 × 3 on 4 × 4)", naming: "window") {
            _ = try WindowPooling(input: shape(), windowWidth: 3, windowHeight: 3, kind: .average)
        },
        reject("ConvPoolLayer.square(pool size -2)", naming: "windowWidth") {
            _ = try ConvPoolLayer.square(input: shape(), outputChannels: 2, kernel: 3, pool: (kind: .max, size: -2))
        },
        reject("ConvPoolLayer.fullyConnected(outputs: 0)", naming: "outputChannels") {
            _ = try ConvPoolLayer.fullyConnected(input: shape(), outputs: 0)
        },
        reject("ConvPoolLayer.square(activation: erf(scale: NaN))", naming: "scale") {
            _ = try ConvPoolLayer.square(input: shape(), outputChannels: 1, kernel: 1, activation: .erf(scale: .nan))
        },
        reject("ConvPoolStack(layers: [])", naming: "layers") { _ = try ConvPoolStack(layers: []) },
        reject("PaddedConvolution.gaussian(weightVariance: -1)", naming: "weightVariance") {
            var rng = Xoshiro256(seed: 1)
            let geometry = try ConvolutionGeometry.square(input: shape(), kernel: 3, outputChannels: 2)
            _ = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: -1, rng: &rng)
        },
        reject("PaddedConvolution.gaussian(biasVariance: NaN)", naming: "biasVariance") {
            var rng = Xoshiro256(seed: 1)
            let geometry = try ConvolutionGeometry.square(input: shape(), kernel: 3, outputChannels: 2)
            _ = try PaddedConvolution.gaussian(geometry: geometry, weightVariance: 1, biasVariance: .nan, rng: &rng)
        },
        reject("PaddedConvolution(weights: NaN)", naming: "weight") {
            let geometry = try ConvolutionGeometry.square(input: shape(), kernel: 1, outputChannels: 1)
            _ = try PaddedConvolution(geometry: geometry, weights: Matrix(rows: 1, columns: 1, storage: [.nan]), biases: [0])
        },
        reject("PaddedConvolution(biases: inf)", naming: "bias") {
            let geometry = try ConvolutionGeometry.square(input: shape(), kernel: 1, outputChannels: 1)
            _ = try PaddedConvolution(geometry: geometry, weights: Matrix(rows: 1, columns: 1, storage: [1]), biases: [.infinity])
        },
    ]

    static let randomLayers: [DomainCase] = [
        reject("DeepCyclicCNN(depth: 0)", naming: "depth") { _ = try DeepCyclicCNN(depth: 0, width: 2, filterSize: 3, filters: .gaussian) },
        reject("DeepCyclicCNN(width: -3)", naming: "width") { _ = try DeepCyclicCNN(depth: 1, width: -3, filterSize: 3, filters: .zeroSum) },
        reject("DeepCyclicCNN(filterSize: Int.max)", naming: "filterSize") {
            _ = try DeepCyclicCNN(depth: 1, width: 2, filterSize: huge, filters: .gaussian)
        },
        reject("CyclicConvolution.gaussian(count: -1)", naming: "count") {
            var rng = Xoshiro256(seed: 1)
            _ = try CyclicConvolution.gaussian(count: -1, filterSize: 2, channels: 1, variance: 1, rng: &rng)
        },
        reject("CyclicConvolution.gaussian(filterSize: 0)", naming: "filterSize") {
            var rng = Xoshiro256(seed: 1)
            _ = try CyclicConvolution.gaussian(count: 2, filterSize: 0, channels: 1, variance: 1, rng: &rng)
        },
        reject("CyclicConvolution.gaussian(filterSize: Int.max)", naming: "filterSize²") {
            var rng = Xoshiro256(seed: 1)
            _ = try CyclicConvolution.gaussian(count: 2, filterSize: huge, channels: 1, variance: 1, rng: &rng)
        },
        reject("CyclicConvolution.gaussian(variance: NaN)", naming: "variance") {
            var rng = Xoshiro256(seed: 1)
            _ = try CyclicConvolution.gaussian(count: 2, filterSize: 2, channels: 1, variance: .nan, rng: &rng)
        },
        reject("CyclicConvolution.zeroSumGaussian(channels: 0)", naming: "channels") {
            var rng = Xoshiro256(seed: 1)
            _ = try CyclicConvolution.zeroSumGaussian(count: 2, filterSize: 2, channels: 0, variance: 1, rng: &rng)
        },
        reject("CyclicConvolution(filterSize: Int.max)", naming: "filterSize²") {
            _ = try CyclicConvolution(filters: Matrix(rows: 1, columns: 1, storage: [1]), filterSize: huge, channels: 1)
        },
        reject("CyclicConvolution(filters: NaN)", naming: "filter entry") {
            _ = try CyclicConvolution(filters: Matrix(rows: 1, columns: 1, storage: [.nan]), filterSize: 1, channels: 1)
        },
        reject("LinearConvolutionMoments(filterSize: Int.max)", naming: "filterSize") {
            _ = try LinearConvolutionMoments(image(), image(), filterSize: huge, nu: 1)
        },
        reject("LinearConvolutionMoments(filterSize: 0)", naming: "size") {
            _ = try LinearConvolutionMoments(image(), image(), filterSize: 0, nu: 1)
        },
        reject("LinearConvolutionMoments(nu: 0)", naming: "nu") { _ = try LinearConvolutionMoments(image(), image(), filterSize: 2, nu: 0) },
        reject("PatchOperator(size: 0)", naming: "size") { _ = try PatchOperator(size: 0) },
        reject("PatchOperator.centered(radius: -1)", naming: "radius") { _ = try PatchOperator.centered(radius: -1) },
        reject("PatchOperator.centered(radius: Int.max)", naming: "radius") { _ = try PatchOperator.centered(radius: huge) },
        reject("PatchOperator.flipped(size: Int.max)", naming: "size²") {
            _ = try PatchOperator.flipped([1], size: huge, channels: 1)
        },
        reject("OrthogonalInitialization.rows(dimension: 0)", naming: "dimension") {
            var rng = Xoshiro256(seed: 1)
            _ = try OrthogonalInitialization.rows(1, dimension: 0, rng: &rng)
        },
        reject("OrthogonalInitialization.rows(5, dimension: 3)", naming: "rows") {
            var rng = Xoshiro256(seed: 1)
            _ = try OrthogonalInitialization.rows(5, dimension: 3, rng: &rng)
        },
        reject("FullyConnectedLayer.gaussian(inputs: Int.max)", naming: "outputs · inputs") {
            var rng = Xoshiro256(seed: 1)
            _ = try FullyConnectedLayer.gaussian(inputs: huge, outputs: 2, variance: 1, activation: .relu, rng: &rng)
        },
        reject("FullyConnectedLayer.gaussian(outputs: 0)", naming: "outputs") {
            var rng = Xoshiro256(seed: 1)
            _ = try FullyConnectedLayer.gaussian(inputs: 2, outputs: 0, variance: 1, activation: .relu, rng: &rng)
        },
        reject("FullyConnectedLayer.gaussian(variance: inf)", naming: "variance") {
            var rng = Xoshiro256(seed: 1)
            _ = try FullyConnectedLayer.gaussian(inputs: 2, outputs: 2, variance: .infinity, activation: .relu, rng: &rng)
        },
    ]

    static let images: [DomainCase] = [
        reject("SmoothGaussianField.blur of 15 values at d = 4", naming: "values") {
            _ = try SmoothGaussianField(size: 4, correlationLength: 1).blur([Double](repeating: 0, count: 15))
        },
        reject("Image(size: 0)", naming: "size") { _ = try Image(size: 0, channels: 1, pixels: []) },
        reject("Image(channels: -1)", naming: "channels") { _ = try Image(size: 1, channels: -1, pixels: []) },
        reject("Image(size: Int.max)", naming: "size² · channels") { _ = try Image(size: huge, channels: 1, pixels: []) },
        reject("Image(pixels: [NaN])", naming: "pixel") { _ = try Image(size: 1, channels: 1, pixels: [.nan]) },
        reject("Image(pixels: 3 for 2 × 2)", naming: "pixels") { _ = try Image(size: 2, channels: 1, pixels: [0, 0, 0]) },
        reject("Image.gaussian(size: -1, channels: -1)", naming: "size") {
            var rng = Xoshiro256(seed: 1)
            _ = try Image.gaussian(size: -1, channels: -1, rng: &rng)
        },
        reject("Image.gaussian(size: Int.max)", naming: "size² · channels") {
            var rng = Xoshiro256(seed: 1)
            _ = try Image.gaussian(size: huge, channels: 1, rng: &rng)
        },
        reject("Image.gaussian(variance: -inf)", naming: "variance") {
            var rng = Xoshiro256(seed: 1)
            _ = try Image.gaussian(size: 2, channels: 1, variance: -.infinity, rng: &rng)
        },
        reject("Image.upsampled(by: Int.max)", naming: "size · s") { _ = try image().upsampled(by: huge) },
        reject("BinaryImage(size: 0)", naming: "size") { _ = try BinaryImage(size: 0) },
        reject("BinaryImage(size: Int.max)", naming: "size²") { _ = try BinaryImage(size: huge) },
        reject("BinaryImage(size: Int.max, pixels: [])", naming: "size²") { _ = try BinaryImage(size: huge, pixels: []) },
        reject("BinaryImage(size: -5, mask: 0)", naming: "size") { _ = try BinaryImage(size: -5, mask: 0) },
        reject("BinaryImage(size: Int.max, mask: 1)", naming: "size") { _ = try BinaryImage(size: huge, mask: 1) },
        reject("BinaryImage.rectangle(height: 5 on 4 × 4)", naming: "height") {
            _ = try BinaryImage.rectangle(size: 4, row: 0, column: 0, height: 5, width: 1)
        },
        reject("SmoothGaussianField(size: 1)", naming: "size") { _ = try SmoothGaussianField(size: 1, correlationLength: 1) },
        reject("SmoothGaussianField(size: Int.max)", naming: "size²") { _ = try SmoothGaussianField(size: huge, correlationLength: 1) },
        reject("SmoothGaussianField(correlationLength: 0)", naming: "correlationLength") {
            _ = try SmoothGaussianField(size: 8, correlationLength: 0)
        },
        reject("SmoothGaussianField(correlationLength: inf)", naming: "correlationLength") {
            _ = try SmoothGaussianField(size: 8, correlationLength: .infinity)
        },
        reject("ImageFamilies.correlatedGaussianPair(size: 0)", naming: "size") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.correlatedGaussianPair(size: 0, correlation: 0.5, rng: &rng)
        },
        reject("ImageFamilies.correlatedGaussianPair(size: Int.max)", naming: "size² · channels") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.correlatedGaussianPair(size: huge, correlation: 0.5, rng: &rng)
        },
        reject("ImageFamilies.correlatedGaussianPair(correlation: NaN)", naming: "correlation") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.correlatedGaussianPair(size: 4, correlation: .nan, rng: &rng)
        },
        reject("ImageFamilies.randomRectangle(size: 0)", naming: "size") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.randomRectangle(size: 0, sides: 1...1, rng: &rng)
        },
        reject("ImageFamilies.randomRectangle(margin: Int.max)", naming: "margin") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.randomRectangle(size: 8, sides: 1...2, margin: huge, rng: &rng)
        },
        reject("ImageFamilies.randomRectangle(margin: Int.min)", naming: "margin") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.randomRectangle(size: 8, sides: 1...2, margin: .min, rng: &rng)
        },
        reject("ImageFamilies.randomRectangles(count: 0)", naming: "count") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.randomRectangles(count: 0, size: 8, sides: 1...2, rng: &rng)
        },
        reject("ImageFamilies.randomEllipse(semiAxes: 1...inf)", naming: "semiAxes") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.randomEllipse(size: 8, semiAxes: 1 ... .infinity, rng: &rng)
        },
        reject("ImageFamilies.grayRectangles(size: Int.max)", naming: "size² · channels") {
            var rng = Xoshiro256(seed: 1)
            _ = try ImageFamilies.grayRectangles(count: 1, size: huge, sides: 1...1, rng: &rng)
        },
        reject("ImageFamilies.constantColour(channel: 3 of 3)", naming: "channel") {
            _ = try ImageFamilies.constantColour(size: 2, channel: 3)
        },
        reject("ImageFamilies.constantColour(size: Int.max)", naming: "size² · channels") {
            _ = try ImageFamilies.constantColour(size: huge, channel: 0)
        },
        reject("SharedBoundary(radius: 0)", naming: "radius") {
            _ = try SharedBoundary(BinaryImage(size: 4), BinaryImage(size: 4), radius: 0)
        },
        reject("SharedBoundary(radius: Int.max)", naming: "radius") {
            _ = try SharedBoundary(BinaryImage(size: 4), BinaryImage(size: 4), radius: huge)
        },
        reject("SharedBoundary.literalMembers(radius: Int.max)", naming: "radius") {
            _ = try SharedBoundary.literalMembers(BinaryImage(size: 4), BinaryImage(size: 4), radius: huge)
        },
    ]

    static let pooling: [DomainCase] = [
        reject("PatchGeometry(kernelSize: 2)", naming: "kernelSize") { _ = try PatchGeometry(kernelSize: 2, boundary: .cyclic) },
        reject("PatchGeometry(kernelSize: -1)", naming: "kernelSize") { _ = try PatchGeometry(kernelSize: -1, boundary: .valid) },
        reject("PatchGeometry(channels: 0)", naming: "channels") { _ = try PatchGeometry(kernelSize: 3, channels: 0, boundary: .zeroPadded) },
        reject("PatchGeometry(kernelSize: Int.max)", naming: "kernelSize² · channels") {
            _ = try PatchGeometry(kernelSize: huge, boundary: .cyclic)
        },
        reject("PartitionedPooling(groups: 0)", naming: "groups") { _ = try PartitionedPooling(groups: 0, poolSize: 2) },
        reject("PartitionedPooling(poolSize: -1)", naming: "poolSize") { _ = try PartitionedPooling(groups: 2, poolSize: -1) },
        reject("PartitionedPooling(groups: Int.max, poolSize: 2)", naming: "groups · poolSize") {
            _ = try PartitionedPooling(groups: huge, poolSize: 2)
        },
        reject("CenteredConvolution.gaussian(count: 0)", naming: "count") {
            var rng = Xoshiro256(seed: 1)
            _ = try CenteredConvolution.gaussian(count: 0, geometry: PatchGeometry(kernelSize: 3, boundary: .cyclic), variance: 1, rng: &rng)
        },
        reject("CenteredConvolution.gaussian(count: Int.max)", naming: "count · k²c") {
            var rng = Xoshiro256(seed: 1)
            _ = try CenteredConvolution.gaussian(count: huge, geometry: PatchGeometry(kernelSize: 3, boundary: .cyclic), variance: 1,
                                                 rng: &rng)
        },
        reject("CenteredConvolution.gaussian(variance: NaN)", naming: "variance") {
            var rng = Xoshiro256(seed: 1)
            _ = try CenteredConvolution.gaussian(count: 2, geometry: PatchGeometry(kernelSize: 3, boundary: .cyclic), variance: .nan,
                                                 rng: &rng)
        },
        reject("CenteredConvolution(kernels: inf)", naming: "kernel entry") {
            _ = try CenteredConvolution(kernels: Matrix(rows: 1, columns: 1, storage: [.infinity]),
                                        geometry: PatchGeometry(kernelSize: 1, boundary: .cyclic))
        },
        reject("ToyPair.images(size: 1)", naming: "size") { _ = try ToyPair.images(size: 1, block: 1, reading: .printed) },
        reject("ToyPair.images(block: 0)", naming: "block") { _ = try ToyPair.images(size: 4, block: 0, reading: .printed) },
        reject("ToyPair.images(block: 4 of 4)", naming: "block") { _ = try ToyPair.images(size: 4, block: 4, reading: .sharedBlock) },
        reject("ToyPair.images(size: Int.max)", naming: "size² · channels") {
            _ = try ToyPair.images(size: huge, block: 1, reading: .printed)
        },
    ]

    static let layerNorm: [DomainCase] = [
        reject("LayerNormLayer(width: 0)", naming: "width") { _ = try LayerNormLayer(width: 0, activation: .relu, weightVariance: 1) },
        reject("LayerNormLayer(weightVariance: 0)", naming: "weightVariance") {
            _ = try LayerNormLayer(width: 2, activation: .relu, weightVariance: 0)
        },
        reject("LayerNormLayer(weightVariance: inf)", naming: "weightVariance") {
            _ = try LayerNormLayer(width: 2, activation: .relu, weightVariance: .infinity)
        },
        reject("LayerNormLayer(biasVariance: -1)", naming: "biasVariance") {
            _ = try LayerNormLayer(width: 2, activation: .relu, weightVariance: 1, biasVariance: -1)
        },
        reject("LayerNormLayer(activation: leakyReLU(slope: inf))", naming: "slope") {
            _ = try LayerNormLayer(width: 2, activation: .leakyReLU(slope: .infinity), weightVariance: 1)
        },
        reject("LayerNormMLP(inputWidth: 0)", naming: "inputWidth") {
            _ = try LayerNormMLP(inputWidth: 0, layers: [LayerNormLayer(width: 2, activation: .relu, weightVariance: 1)])
        },
        reject("LayerNormMLP(layers: [])", naming: "number of layers") { _ = try LayerNormMLP(inputWidth: 2, layers: []) },
        reject("LayerNormMLP.inputPair(cosine: 1.5)", naming: "cosine") { _ = try LayerNormMLP.inputPair(cosine: 1.5, width: 2) },
        reject("LayerNormMLP.inputPair(cosine: NaN)", naming: "cosine") { _ = try LayerNormMLP.inputPair(cosine: .nan, width: 2) },
        reject("LayerNormMLP.inputPair(width: 1)", naming: "width") { _ = try LayerNormMLP.inputPair(cosine: 0, width: 1) },
        reject("LayerNormMLP.inputPair(width: Int.max)", naming: "2 · width") { _ = try LayerNormMLP.inputPair(cosine: 0, width: huge) },
        reject("LayerNormCorrelationMap(weightVariance: 0)", naming: "weightVariance") {
            _ = try LayerNormCorrelationMap(.relu, weightVariance: 0)
        },
        reject("LayerNormCorrelationMap(biasVariance: NaN)", naming: "biasVariance") {
            _ = try LayerNormCorrelationMap(.relu, biasVariance: .nan)
        },
        reject("LayerNormCorrelationMap(.erf(scale: 0))", naming: "scale") { _ = try LayerNormCorrelationMap(.erf(scale: 0)) },
        reject("ResidualCorrelationMap(residualVariance: -1)", naming: "residualVariance") {
            _ = try ResidualCorrelationMap(.relu, residualVariance: -1)
        },
        reject("ResidualBlock(hiddenWidth: 0)", naming: "hiddenWidth") {
            _ = try ResidualBlock(hiddenWidth: 0, activation: .relu, residualVariance: 1)
        },
        reject("ResidualBlock(residualVariance: inf)", naming: "residualVariance") {
            _ = try ResidualBlock(hiddenWidth: 2, activation: .relu, residualVariance: .infinity)
        },
        reject("ResidualNetwork(width: 1)", naming: "width") {
            _ = try ResidualNetwork(width: 1, blocks: [ResidualBlock(hiddenWidth: 2, activation: .relu, residualVariance: 1)])
        },
        reject("ResidualNetwork(blocks: [])", naming: "number of blocks") { _ = try ResidualNetwork(width: 4, blocks: []) },
        reject("CorrelationMapComposition([])", naming: "number of layers") { _ = try CorrelationMapComposition([]) },
    ]

    static let patternDetection: [DomainCase] = [
        reject("FullBatchAdam(learningRate: 0)", naming: "learningRate") { _ = try FullBatchAdam(learningRate: 0, steps: 1) },
        reject("FullBatchAdam(learningRate: NaN)", naming: "learningRate") { _ = try FullBatchAdam(learningRate: .nan, steps: 1) },
        reject("FullBatchAdam(steps: -1)", naming: "steps") { _ = try FullBatchAdam(learningRate: 0.1, steps: -1) },
        reject("FullBatchAdam(beta1: 1)", naming: "beta1") { _ = try FullBatchAdam(learningRate: 0.1, steps: 1, beta1: 1) },
        reject("FullBatchAdam(beta2: NaN)", naming: "beta2") { _ = try FullBatchAdam(learningRate: 0.1, steps: 1, beta2: .nan) },
        reject("FullBatchAdam(epsilon: 0)", naming: "epsilon") { _ = try FullBatchAdam(learningRate: 0.1, steps: 1, epsilon: 0) },
        reject("LayerwiseTrainer(channels: 0)", naming: "channels") {
            _ = try LayerwiseTrainer(channels: 0, firstLayerSteps: 1, firstLayerRate: 1, secondLayerSteps: 1, secondLayerRate: 1,
                                     initialRadius: 1)
        },
        reject("LayerwiseTrainer(initialRadius: NaN)", naming: "initialRadius") {
            _ = try LayerwiseTrainer(channels: 1, firstLayerSteps: 1, firstLayerRate: 1, secondLayerSteps: 1, secondLayerRate: 1,
                                     initialRadius: .nan)
        },
        reject("LayerwiseTrainer(secondLayerSteps: -1)", naming: "secondLayerSteps") {
            _ = try LayerwiseTrainer(channels: 1, firstLayerSteps: 1, firstLayerRate: 1, secondLayerSteps: -1, secondLayerRate: 1,
                                     initialRadius: 1)
        },
        reject("LayerwiseTrainer.theorem51(dimension: 2^21)", naming: "dimension") {
            _ = try LayerwiseTrainer.theorem51(dimension: 1 << 21, firstLayerSteps: 1, secondLayerSteps: 1)
        },
        reject("LayerwiseTrainer.theorem51(secondLayerFraction: NaN)", naming: "secondLayerFraction") {
            _ = try LayerwiseTrainer.theorem51(dimension: 1, firstLayerSteps: 1, secondLayerSteps: 1, secondLayerFraction: .nan)
        },
        reject("LeakyReLUNetwork(slope: 1)", naming: "slope") {
            _ = try LeakyReLUNetwork(hidden: Matrix(rows: 1, columns: 1, storage: [1]), outputWeights: [1], slope: 1)
        },
        reject("LeakyReLUNetwork(slope: NaN)", naming: "slope") {
            _ = try LeakyReLUNetwork(hidden: Matrix(rows: 1, columns: 1, storage: [1]), outputWeights: [1], slope: .nan)
        },
        reject("LeakyReLUNetwork(hidden: NaN)", naming: "hidden weight") {
            _ = try LeakyReLUNetwork(hidden: Matrix(rows: 1, columns: 1, storage: [.nan]), outputWeights: [1], slope: 0)
        },
        reject("LeakyReLUNetwork(outputWeights: -inf)", naming: "output weight") {
            _ = try LeakyReLUNetwork(hidden: Matrix(rows: 1, columns: 1, storage: [1]), outputWeights: [-.infinity], slope: 0)
        },
        reject("LeakyReLUNetwork.uniformInitialization(inputs: Int.max)", naming: "inputs · width") {
            var rng = Xoshiro256(seed: 1)
            _ = try LeakyReLUNetwork.uniformInitialization(inputs: huge, width: 2, slope: 0, rng: &rng)
        },
        reject("LeakyReLUNetwork.uniformInitialization(width: 0)", naming: "width") {
            var rng = Xoshiro256(seed: 1)
            _ = try LeakyReLUNetwork.uniformInitialization(inputs: 2, width: 0, slope: 0, rng: &rng)
        },
        reject("PatternDetectionNetwork(filters: NaN)", naming: "filter entry") {
            _ = try PatternDetectionNetwork(filters: Matrix(rows: 1, columns: 1, storage: [.nan]), outputWeights: [1])
        },
        reject("PatternDetectionNetwork.uniformInitialization(channels: Int.max)", naming: "channels · dimension") {
            var rng = Xoshiro256(seed: 1)
            _ = try PatternDetectionNetwork.uniformInitialization(channels: huge, dimension: 2, rng: &rng)
        },
        reject("PatternDistribution.standardBasis(dimension: 0)", naming: "dimension") {
            _ = try PatternDistribution.standardBasis(dimension: 0, patternCount: 3, patternsPerInput: 2)
        },
        reject("PatternDistribution.standardBasis(patternCount: Int.max)", naming: "patternCount · dimension") {
            _ = try PatternDistribution.standardBasis(dimension: 4, patternCount: huge, patternsPerInput: 2)
        },
        reject("PatternDistribution.standardBasis(patternsPerInput: Int.max)", naming: "patternsPerInput · dimension") {
            _ = try PatternDistribution.standardBasis(dimension: 4, patternCount: 3, patternsPerInput: huge)
        },
        reject("PatternDistribution.standardBasis(noiseRadius: NaN)", naming: "noiseRadius") {
            _ = try PatternDistribution.standardBasis(dimension: 4, patternCount: 3, patternsPerInput: 2, noiseRadius: .nan)
        },
        reject("PatternDistribution(patterns: not orthonormal)", naming: "patterns") {
            _ = try PatternDistribution(patterns: Matrix(rows: 3, columns: 3, storage: [Double](repeating: 1, count: 9)),
                                        patternsPerInput: 2)
        },
        reject("PatternDistribution.haarRandom(dimension: 0)", naming: "dimension") {
            var rng = Xoshiro256(seed: 1)
            _ = try PatternDistribution.haarRandom(dimension: 0, patternCount: 3, patternsPerInput: 2, rng: &rng)
        },
        reject("PatternDistribution.haarRandom(patternCount: Int.max)", naming: "patternCount") {
            var rng = Xoshiro256(seed: 1)
            _ = try PatternDistribution.haarRandom(dimension: 4, patternCount: huge, patternsPerInput: 2, rng: &rng)
        },
        reject("ShatteredSet(n = 1)", naming: "patternsPerInput n") {
            _ = try ShatteredSet(distribution: PatternDistribution.standardBasis(dimension: 4, patternCount: 4, patternsPerInput: 1))
        },
        reject("ShatteredSet(n = 64)", naming: "patternsPerInput n") {
            _ = try ShatteredSet(distribution: PatternDistribution.standardBasis(dimension: 128, patternCount: 128, patternsPerInput: 64))
        },
        reject("HardMarginSVM.fit(tolerance: 0)", naming: "tolerance") {
            _ = try HardMarginSVM.fit(gram: Matrix(rows: 1, columns: 1, storage: [1]), labels: [1], tolerance: 0)
        },
        reject("HardMarginSVM.fit(box: NaN)", naming: "box") {
            _ = try HardMarginSVM.fit(gram: Matrix(rows: 1, columns: 1, storage: [1]), labels: [1], box: .nan)
        },
        reject("HardMarginSVM.fit(maxSweeps: -1)", naming: "maxSweeps") {
            _ = try HardMarginSVM.fit(gram: Matrix(rows: 1, columns: 1, storage: [1]), labels: [1], maxSweeps: -1)
        },
        reject("HardMarginSVM.fit(gram: NaN)", naming: "Gram entry") {
            _ = try HardMarginSVM.fit(gram: Matrix(rows: 1, columns: 1, storage: [.nan]), labels: [1])
        },
        reject("HardMarginSVM.fit(labels: [0.5])", naming: "label") {
            _ = try HardMarginSVM.fit(gram: Matrix(rows: 1, columns: 1, storage: [1]), labels: [0.5])
        },
        reject("PatternBatch(patternsPerInput: 0)", naming: "patternsPerInput") {
            _ = try PatternBatch(rows: Matrix(rows: 2, columns: 1, storage: [1, 0]), patternsPerInput: 0)
        },
    ]
}

@Suite("Constructor domains")
struct ConstructorDomainTests {
    private func check(_ c: DomainCase) {
        let error = #expect(throws: ParameterError.self, "\(c.call)") { try c.make() }
        guard let error else { return }
        let message = error.description
        #expect(message.contains(c.parameter), "\(c.call): \(message)")
        #expect(!message.contains("\n"), "one line: \(message)")
        #expect(message.contains("is invalid; it must be"), "\(message)")
    }

    @Test("Randomness and GSL reject out-of-domain parameters", arguments: DomainCases.randomnessAndGSL)
    func randomnessAndGSL(_ c: DomainCase) { check(c) }

    @Test("Numerics and Gaussian kernels reject out-of-domain parameters", arguments: DomainCases.numericsAndKernels)
    func numericsAndKernels(_ c: DomainCase) { check(c) }

    @Test("Conv+Pool models reject out-of-domain parameters", arguments: DomainCases.convPool)
    func convPool(_ c: DomainCase) { check(c) }

    @Test("Random layers reject out-of-domain parameters", arguments: DomainCases.randomLayers)
    func randomLayers(_ c: DomainCase) { check(c) }

    @Test("Images reject out-of-domain parameters", arguments: DomainCases.images)
    func images(_ c: DomainCase) { check(c) }

    @Test("Pooling models reject out-of-domain parameters", arguments: DomainCases.pooling)
    func pooling(_ c: DomainCase) { check(c) }

    @Test("Layer-norm models reject out-of-domain parameters", arguments: DomainCases.layerNorm)
    func layerNorm(_ c: DomainCase) { check(c) }

    @Test("Pattern-detection models reject out-of-domain parameters", arguments: DomainCases.patternDetection)
    func patternDetection(_ c: DomainCase) { check(c) }

    /// Every non-finite value of a Double parameter is rejected, not clamped, by the constructors
    /// whose domain is an interval.
    @Test(arguments: nonFinite)
    func nonFiniteDoublesAreRejected(_ v: Double) throws {
        var rng = Xoshiro256(seed: 3)
        #expect(throws: ParameterError.self) { try SmoothGaussianField(size: 8, correlationLength: v) }
        #expect(throws: ParameterError.self) { try LayerNormLayer(width: 2, activation: .relu, weightVariance: v) }
        #expect(throws: ParameterError.self) { try ResidualBlock(hiddenWidth: 2, activation: .relu, residualVariance: v) }
        #expect(throws: ParameterError.self) { try FullBatchAdam(learningRate: v, steps: 1) }
        #expect(throws: ParameterError.self) { try Matrix.gaussian(rows: 2, columns: 2, variance: v, rng: &rng) }
        #expect(throws: ParameterError.self) { try Image.gaussian(size: 2, channels: 1, variance: v, rng: &rng) }
        #expect(throws: ParameterError.self) { try LinearConvolutionMoments(image(), image(), filterSize: 2, nu: v) }
        #expect(throws: ParameterError.self) { try ActivationKernel(.leakyReLU(slope: v)) }
        #expect(throws: ParameterError.self) { try HermitePolynomial(coefficients: [1, v]) }
        #expect(throws: ParameterError.self) { try Image(size: 1, channels: 1, pixels: [v]) }
        #expect(throws: ParameterError.self) {
            try PatternDistribution.standardBasis(dimension: 3, patternCount: 3, patternsPerInput: 1, noiseRadius: v)
        }
    }

    /// Extreme values inside the domain build working objects instead of trapping on overflow or
    /// producing NaN.
    @Test func extremeButValidParametersDoNotTrap() throws {
        // ⌈samples / chunkSize⌉ for samples = Int.max, without the overflow of samples + chunkSize − 1.
        let partials = try MonteCarloEngine(threads: 1).run(samples: .max, chunkSize: 2, stream: StreamSeed(root: 1),
                                                            chunks: 0..<1) { _, n in n }
        #expect(partials == [2])
        // Corners far outside the torus wrap instead of overflowing row + a.
        let wrapped = try BinaryImage.rectangle(size: 4, row: .max, column: .min, height: 2, width: 3)
        let reduced = try BinaryImage.rectangle(size: 4, row: Int.max % 4, column: Int.min % 4, height: 2, width: 3)
        #expect(wrapped == reduced && wrapped.count == 6)
        // A huge correlation length gives equal blur weights (ℓ² = ∞); a tiny one leaves the noise as it is
        // (the centre weight is 1, not 0/0 = NaN, when ℓ² underflows).
        var rng = Xoshiro256(seed: 5)
        let sampler = NormalSampler()
        for length in [1e300, 1e-300, Double.leastNonzeroMagnitude] {
            let field = try SmoothGaussianField(size: 8, correlationLength: length)
            let x = try field.sample(rng: &rng, sampler: sampler)
            #expect(x.pixels.allSatisfy { $0.isFinite }, "ℓ = \(length)")
        }
        // T1 = Int.max: η1 = 1/(4k(T1 + 1)) in floating point.
        let trainer = try LayerwiseTrainer.theorem51(dimension: 1, firstLayerSteps: .max, secondLayerSteps: 1)
        #expect(trainer.firstLayerRate > 0 && trainer.firstLayerRate.isFinite)
        // The largest shattered set whose size fits in Int.
        let set = try ShatteredSet(distribution: PatternDistribution.standardBasis(dimension: 126, patternCount: 126,
                                                                                   patternsPerInput: 63))
        #expect(set.size == 1 << 62)
    }
}
