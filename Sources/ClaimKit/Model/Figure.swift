/// A figure a claim attaches to its evidence; the report renders it as SVG.
public struct Figure: Sendable, Codable, Equatable {
    /// File stem under Reports/figures/ (the claim ID is prefixed).
    public let name: String
    public let title: String
    public let xLabel: String
    public let yLabel: String
    public let series: [Series]

    public init(name: String, title: String, xLabel: String, yLabel: String, series: [Series]) {
        self.name = name
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
    }

    /// One data series: a line through its points or a scatter of markers
    /// (with optional vertical error bars).
    public struct Series: Sendable, Codable, Equatable {
        public enum Style: String, Sendable, Codable { case line, scatter }

        public let label: String
        public let style: Style
        public let x: [Double]
        public let y: [Double]
        /// Half-lengths of vertical error bars (scatter only), or empty.
        public let errors: [Double]

        public init(label: String, style: Style, x: [Double], y: [Double], errors: [Double] = []) {
            self.label = label
            self.style = style
            self.x = x
            self.y = y
            self.errors = errors
        }
    }
}
