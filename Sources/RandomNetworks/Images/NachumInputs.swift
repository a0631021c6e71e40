import Foundation

/// Deterministic inputs of Nachum et al.'s setting: the catalog's golden inputs (§8: G1, G2, G3), the filter
/// standard deviation of the ReLU normalization, and small pictures holding given values.
public enum NachumInputs {
    /// G1 (n = 8, d = 1): x_uv = sin(0.9u + 0.4v) + 0.3 cos(1.7uv), y_uv = cos(0.5u − 1.1v) + 0.2u/8.
    public static func g1() throws -> (Image, Image) {
        var x = [Double](), y = [Double]()
        for u in 0..<8 {
            for v in 0..<8 {
                let (a, b) = (Double(u), Double(v))
                x.append(sin(0.9 * a + 0.4 * b) + 0.3 * cos(1.7 * a * b))
                y.append(cos(0.5 * a - 1.1 * b) + 0.2 * a / 8)
            }
        }
        return (try Image(size: 8, channels: 1, pixels: x), try Image(size: 8, channels: 1, pixels: y))
    }

    /// G2 (n = 6, d = 3): x_ijk = sin(0.3i + 0.8j + 1.1k) + 0.1k, y_ijk = cos(0.6ij/5 − 0.9k) + 0.05i.
    public static func g2() throws -> (Image, Image) {
        var x = [Double](), y = [Double]()
        for i in 0..<6 {
            for j in 0..<6 {
                for k in 0..<3 {
                    let (a, b, c) = (Double(i), Double(j), Double(k))
                    x.append(sin(0.3 * a + 0.8 * b + 1.1 * c) + 0.1 * c)
                    y.append(cos(0.6 * a * b / 5 - 0.9 * c) + 0.05 * a)
                }
            }
        }
        return (try Image(size: 6, channels: 3, pixels: x), try Image(size: 6, channels: 3, pixels: y))
    }

    /// G3 (n = 20): A = rows 2…9 × columns 3…12, B = rows 5…14 × columns 6…16 (0-based, inclusive).
    public static func g3() throws -> (BinaryImage, BinaryImage) {
        (try BinaryImage.rectangle(size: 20, row: 2, column: 3, height: 8, width: 10),
         try BinaryImage.rectangle(size: 20, row: 5, column: 6, height: 10, width: 11))
    }

    /// ν = √2 / r, the standard deviation that preserves norms for ReLU (Theorem 1: ν = 1/(ν_R r)).
    public static func reluNu(filterSize r: Int) -> Double { 2.0.squareRoot() / Double(r) }

    /// A single-channel n × n image holding `values` in its first pixels (row-major), zeros after:
    /// the "1-dimensional" vectors of Remark 2 as pixels of a picture.
    public static func pixels(_ values: [Double], size n: Int) throws -> Image {
        try Image(size: n, channels: 1, pixels: values + [Double](repeating: 0, count: max(0, n * n - values.count)))
    }
}
