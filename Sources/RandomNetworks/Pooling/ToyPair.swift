import GSL

/// The toy data pair of the pooling paper's §3.1 (Table 2): d×d images of ±1
/// blocks with a κ×κ block in the top-left corner. The printed display is
/// garbled (its lower-right blocks are printed κ×κ); as printed
///
///     x = [[ 1_{κ×κ}, −1_{κ×(d−κ)}], [−1_{(d−κ)×κ}, −1_{(d−κ)×(d−κ)}]],
///     y = [[−1_{κ×κ},  1_{κ×(d−κ)}], [ 1_{(d−κ)×κ},  1_{(d−κ)×(d−κ)}]] = −x,
///
/// "which have zero sample mean and unit sample variance". `Reading` lists
/// the constructions the claims compare with Table 2.
public enum ToyPair {
    /// The readings of the garbled display that the claims compare with Table 2.
    public enum Reading: String, Sendable, CaseIterable, CustomStringConvertible {
        /// The display as printed, raw ±1 entries: y = −x.
        case printed
        /// The printed pair standardized per image to zero sample mean and unit
        /// sample variance (1/d² normalization), as the text says: still y = −x.
        case printedStandardized
        /// x as printed and y = 1_{d×d}: the images agree on the κ×κ block and
        /// disagree elsewhere, so ρ(x, y) = 2κ²/d² − 1 (one sign of the display
        /// read differently; equivalent in law, under W → −W, to x = −1_{d×d} and y as printed).
        case sharedBlock

        /// The reading's raw name.
        public var description: String { rawValue }
    }

    /// The pair (x, y) of `reading` for image side d and block side κ, 1 ≤ κ < d.
    public static func images(size d: Int, block kappa: Int, reading: Reading) throws -> (x: Image, y: Image) {
        try Require.atLeast(d, 2, "size", in: "ToyPair.images")
        try Require.atLeast(kappa, 1, "block", in: "ToyPair.images")
        guard kappa < d else {
            throw ParameterError("ToyPair.images", parameter: "block", value: "\(kappa)",
                                 requirement: "smaller than the image side d = \(d)")
        }
        var x = [Double](repeating: -1, count: try Image.pixelCount(size: d, channels: 1, in: "ToyPair.images"))
        for u in 0..<kappa { for v in 0..<kappa { x[u * d + v] = 1 } }
        switch reading {
        case .printed:
            return (try Image(size: d, channels: 1, pixels: x), try Image(size: d, channels: 1, pixels: x.map { -$0 }))
        case .printedStandardized:
            let z = try Image(size: d, channels: 1, pixels: x).standardized()
            return (z, try Image(size: d, channels: 1, pixels: z.pixels.map { -$0 }))
        case .sharedBlock:
            return (try Image(size: d, channels: 1, pixels: x),
                    try Image(size: d, channels: 1, pixels: [Double](repeating: 1, count: d * d)))
        }
    }
}
