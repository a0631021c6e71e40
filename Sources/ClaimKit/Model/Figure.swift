/// A figure a claim attaches to its evidence; the report renders it as SVG.
public struct Figure: Sendable, Codable, Equatable {
    /// File stem under Reports/figures/ (the claim ID is prefixed).
    public let name: String
    /// The title printed above the plot.
    public let title: String
    /// The horizontal axis's label (with its units).
    public let xLabel: String
    /// The vertical axis's label (with its units).
    public let yLabel: String
    /// The data series, drawn in order and listed in the legend.
    public let series: [Series]

    /// A figure saved as `figures/<claim ID>-<name>.svg`.
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
        /// How a series is drawn: `line` joins its points in order; `scatter` marks each point, with the
        /// series' error bars when it has them.
        public enum Style: String, Sendable, Codable { case line, scatter }

        /// The legend's text for the series.
        public let label: String
        /// Line or scatter.
        public let style: Style
        /// The horizontal coordinates.
        public let x: [Double]
        /// The vertical coordinates, one per x.
        public let y: [Double]
        /// Half-lengths of vertical error bars (scatter only), or empty.
        public let errors: [Double]

        /// A series of the points (x[i], y[i]) with optional error-bar half-lengths `errors` (one per point, or none).
        public init(label: String, style: Style, x: [Double], y: [Double], errors: [Double] = []) {
            self.label = label
            self.style = style
            self.x = x
            self.y = y
            self.errors = errors
        }
    }
}
