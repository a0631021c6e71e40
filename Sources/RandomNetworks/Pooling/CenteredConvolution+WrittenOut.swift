extension CenteredConvolution {
    /// The pooling paper's eq. (6) written out for one kernel (k×k, entry (i, j) at [(i + h)k + (j + h)]) at pixel (u, v) of the
    /// input grid, with the boundary rule spelled out independently of `PatchGeometry`.
    public static func writtenOut(_ w: [Double], k: Int, _ x: Image, u: Int, v: Int,
                                  boundary: ConvolutionBoundary) -> Double {
        let d = x.size, h = (k - 1) / 2
        var total = 0.0
        for i in -h...h {
            for j in -h...h {
                var r = u - i, c = v - j
                if boundary == .cyclic {
                    r = (r + d * k) % d
                    c = (c + d * k) % d
                } else if r < 0 || r >= d || c < 0 || c >= d {
                    continue // zero padding (never reached by `valid`, which only has interior centres)
                }
                total += w[(i + h) * k + (j + h)] * x.pixels[r * d + c]
            }
        }
        return total
    }
}
