/// Global pooling of ReLU-activated CNN features, the pooling paper's eqs. (8) and (9):
///
///     A(F(x)) = (Ave(r(W¹ * x)), …, Ave(r(W^m * x))),   M(F(x)) = (max(r(W¹ * x)), …, max(r(W^m * x))),
///
/// the average and the maximum over all output positions of each channel.
/// Inputs are positions × channels pre-activation matrices (W^c * x)_p, as
/// `CenteredConvolution` returns them.
public enum GlobalPooling {
    /// (Ave_p r(Z_{pc}), max_p r(Z_{pc})) for every channel c of Z (eqs. (8), (9)).
    public static func features(_ preActivations: Matrix) -> (average: [Double], maximum: [Double]) {
        let positions = preActivations.rows, channels = preActivations.columns
        var sums = [Double](repeating: 0, count: channels)
        var maxima = [Double](repeating: 0, count: channels)
        preActivations.storage.withUnsafeBufferPointer { z in
            for p in 0..<positions {
                for c in 0..<channels {
                    let a = max(0, z[p * channels + c])
                    sums[c] += a
                    maxima[c] = max(maxima[c], a)
                }
            }
        }
        return (sums.map { $0 / Double(positions) }, maxima)
    }

    /// ρ(F(x), F(y)), ρ(A_x, A_y) and ρ(M_x, M_y) from the pre-activations of x
    /// and y (each positions × channels, row-major) in one pass; nil when a
    /// feature vector is zero.
    public static func cosines(_ zx: UnsafePointer<Double>, _ zy: UnsafePointer<Double>, positions: Int,
                               channels: Int) -> PoolingCosines? {
        var relu = CosineSums()
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 4 * channels)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0, count: 4 * channels)
        let sumX = scratch, sumY = scratch + channels, maxX = scratch + 2 * channels, maxY = scratch + 3 * channels
        for p in 0..<positions {
            let rowX = zx + p * channels, rowY = zy + p * channels
            for c in 0..<channels {
                let a = max(0, rowX[c]), b = max(0, rowY[c])
                relu.add(a, b)
                sumX[c] += a
                sumY[c] += b
                maxX[c] = max(maxX[c], a)
                maxY[c] = max(maxY[c], b)
            }
        }
        var average = CosineSums(), maximum = CosineSums()
        for c in 0..<channels {
            average.add(sumX[c], sumY[c]) // the 1/|D| of Ave cancels in the cosine
            maximum.add(maxX[c], maxY[c])
        }
        guard let r = relu.cosine, let a = average.cosine, let m = maximum.cosine else { return nil }
        return PoolingCosines(relu: r, average: a, maximum: m)
    }
}
