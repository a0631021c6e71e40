import GSL

extension Image {
    /// The sample mean and the sample variance (1/N normalization) of all pixel values.
    public var sampleMoments: (mean: Double, variance: Double) {
        let n = Double(pixels.count)
        let mean = pixels.reduce(0, +) / n
        let variance = pixels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        return (mean, variance)
    }

    /// The image shifted and scaled to zero sample mean and unit sample variance
    /// (the pooling paper's per-image standardization, §3.1 and §5).
    public func standardized() throws -> Image {
        let (mean, variance) = sampleMoments
        guard variance > 0 else {
            throw ParameterError("Image.standardized", parameter: "image", value: "constant",
                                 requirement: "non-constant (its sample variance is 0)")
        }
        let sd = variance.squareRoot()
        return try Image(size: size, channels: channels, pixels: pixels.map { ($0 - mean) / sd })
    }
}
