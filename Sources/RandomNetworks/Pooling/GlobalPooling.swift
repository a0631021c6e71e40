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
    /// feature vector is zero. Every accumulator is per channel (the inner loop
    /// over channels carries no dependency, so it vectorizes); the channels'
    /// sums are added at the end.
    public static func cosines(_ zx: UnsafePointer<Double>, _ zy: UnsafePointer<Double>, positions: Int,
                               channels: Int) -> PoolingCosines? {
        let m = channels
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 7 * m)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0, count: 7 * m)
        let xy = scratch, xx = scratch + m, yy = scratch + 2 * m
        let sumX = scratch + 3 * m, sumY = scratch + 4 * m, maxX = scratch + 5 * m, maxY = scratch + 6 * m
        for p in 0..<positions {
            let rowX = zx + p * m, rowY = zy + p * m
            for c in 0..<m {
                let a = max(0, rowX[c]), b = max(0, rowY[c])
                xy[c] += a * b
                xx[c] += a * a
                yy[c] += b * b
                sumX[c] += a
                sumY[c] += b
                maxX[c] = max(maxX[c], a)
                maxY[c] = max(maxY[c], b)
            }
        }
        var relu = CosineSums(), average = CosineSums(), maximum = CosineSums()
        for c in 0..<m {
            relu.xy += xy[c]
            relu.xx += xx[c]
            relu.yy += yy[c]
            average.add(sumX[c], sumY[c]) // the 1/|D| of Ave cancels in the cosine
            maximum.add(maxX[c], maxY[c])
        }
        guard let r = relu.cosine, let a = average.cosine, let mx = maximum.cosine else { return nil }
        return PoolingCosines(relu: r, average: a, maximum: mx)
    }
}
