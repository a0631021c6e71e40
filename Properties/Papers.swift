import ClaimKit

/// The five papers, under the command-line keys of DESIGN.md.
public enum Papers {
    public static let pooling = Paper(
        key: "pooling", title: "Contraction property of pooling layer", authors: "Anonymous (ICLR submission)",
        source: "papers/pooling-contraction.txt")
    public static let nachum = Paper(
        key: "nachum", title: "A Johnson–Lindenstrauss framework for randomly initialized CNNs",
        authors: "Nachum, Hązła, Gastpar, Khina", source: "papers/nachum-jl-cnn.txt")
    public static let layernorm = Paper(
        key: "layernorm", title: "Gradient explosion and representation shrinkage in infinite networks",
        authors: "Anonymous (ICLR submission)", source: "papers/layernorm-shrinkage.txt")
    public static let asv = Paper(
        key: "asv", title: "Adaptive Signal Variances: CNN initialization through modern architectures",
        authors: "Henmi, Zara, Hirohashi, Kato", source: "papers/asv-initialization.txt")
    public static let brutzkus = Paper(
        key: "brutzkus", title: "An Optimization and Generalization Analysis for Max-Pooling Networks",
        authors: "Brutzkus, Globerson", source: "papers/brutzkus-maxpool.txt")

    public static let all = [pooling, nachum, layernorm, asv, brutzkus]
}
