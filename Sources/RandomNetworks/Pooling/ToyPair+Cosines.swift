import Randomness

extension ToyPair {
    /// ρ(x, y) for the pair of `reading` at side d and block κ (the first column of the pooling paper's Table 2).
    public static func inputCosine(_ reading: Reading, size d: Int, block kappa: Int) throws -> Double {
        let (x, y) = try images(size: d, block: kappa, reading: reading)
        return Vector.dot(x.pixels, y.pixels) / (Vector.norm(x.pixels) * Vector.norm(y.pixels))
    }

    /// The many-kernel limits of ρ(F(x), F(y)) and ρ(A_x, A_y) (exact expectations over one N(0, 1) kernel).
    public static func kernelLimits(_ reading: Reading, size d: Int, block kappa: Int,
                                    geometry: PatchGeometry) throws -> (relu: Double, average: Double) {
        let (x, y) = try images(size: d, block: kappa, reading: reading)
        return (try ConvolutionKernelMoments.featureMeanSimilarity(x, y, geometry: geometry),
                try ConvolutionKernelMoments.averagePooledMeanSimilarity(x, y, geometry: geometry))
    }

    /// ρ(x, y) = 2κ²/d² − 1 for the shared-block pair (agreeing on κ² pixels, opposite on the rest).
    public static func sharedBlockCosine(size d: Int, block kappa: Int) -> Double {
        2 * Double(kappa * kappa) / Double(d * d) - 1
    }

    /// One draw of the three cosines of the toy pair through a fresh CNN of 640 N(0, 1) kernels (Table 2's network);
    /// nil when a feature vector is zero.
    public static func networkCosines(_ reading: Reading, size d: Int, block kappa: Int, geometry: PatchGeometry,
                                      rng: inout Xoshiro256) throws -> PoolingCosines? {
        let (x, y) = try images(size: d, block: kappa, reading: reading)
        let layer = try CenteredConvolution.gaussian(count: 640, geometry: geometry, variance: 1, rng: &rng)
        return try layer.pooledCosines(x, y)
    }
}
