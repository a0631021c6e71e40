import Randomness

extension ImageFamilies {
    /// The test images of the pooling paper's App. D: Gaussian, constant and a ±1 block image.
    public static func appendixD(size d: Int, rng: inout Xoshiro256) throws -> [(name: String, image: Image)] {
        let block = (0..<(d * d)).map { p -> Double in (p / d < d / 2 && p % d < d / 2) ? 1 : -1 }
        return [("Gaussian", try Image.gaussian(size: d, channels: 1, rng: &rng)),
                ("constant 1", try Image(size: d, channels: 1, pixels: [Double](repeating: 1, count: d * d))),
                ("±1 block", try Image(size: d, channels: 1, pixels: block))]
    }
}
