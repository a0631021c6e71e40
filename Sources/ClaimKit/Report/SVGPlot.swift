import Foundation

/// Renders a `Figure` as a self-contained SVG: axes with "nice" ticks (steps
/// of 1, 2 or 5 times a power of ten), line and scatter series with optional
/// error bars, a legend, a title and axis labels.
public enum SVGPlot {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"]

    /// The SVG text of `figure`, `width` × `height` pixels. Non-finite values are left out of the axis ranges.
    public static func render(_ figure: Figure, width: Double = 640, height: Double = 420) -> String {
        let margin = (left: 70.0, right: 20.0, top: 40.0, bottom: 55.0)
        let plotW = width - margin.left - margin.right
        let plotH = height - margin.top - margin.bottom
        let xs = figure.series.flatMap(\.x).filter(\.isFinite)
        let ys = figure.series.flatMap(extent).filter(\.isFinite)
        let xAxis = Axis(values: xs)
        let yAxis = Axis(values: ys)
        func px(_ x: Double) -> Double { margin.left + (x - xAxis.lower) / (xAxis.upper - xAxis.lower) * plotW }
        func py(_ y: Double) -> Double { margin.top + plotH - (y - yAxis.lower) / (yAxis.upper - yAxis.lower) * plotH }

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="14">\(escape(figure.title))</text>
        <rect x="\(f(margin.left))" y="\(f(margin.top))" width="\(f(plotW))" height="\(f(plotH))" fill="none" stroke="black"/>

        """
        for tick in xAxis.ticks {
            let x = px(tick)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(margin.top + plotH))\" x2=\"\(f(x))\" y2=\"\(f(margin.top + plotH + 5))\" stroke=\"black\"/>"
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(margin.top))\" x2=\"\(f(x))\" y2=\"\(f(margin.top + plotH))\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(margin.top + plotH + 19))\" text-anchor=\"middle\">\(label(tick, step: xAxis.step))</text>\n"
        }
        for tick in yAxis.ticks {
            let y = py(tick)
            svg += "<line x1=\"\(f(margin.left - 5))\" y1=\"\(f(y))\" x2=\"\(f(margin.left))\" y2=\"\(f(y))\" stroke=\"black\"/>"
            svg += "<line x1=\"\(f(margin.left))\" y1=\"\(f(y))\" x2=\"\(f(margin.left + plotW))\" y2=\"\(f(y))\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"\(f(margin.left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(label(tick, step: yAxis.step))</text>\n"
        }
        svg += "<text x=\"\(f(margin.left + plotW / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(escape(figure.xLabel))</text>\n"
        svg += "<text transform=\"translate(18 \(f(margin.top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(figure.yLabel))</text>\n"

        for (index, series) in figure.series.enumerated() {
            let color = palette[index % palette.count]
            let points = zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }
            switch series.style {
            case .line:
                let path = points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            case .scatter:
                for (i, point) in points.enumerated() {
                    if i < series.errors.count, series.errors[i] > 0 {
                        let e = series.errors[i]
                        svg += "<line x1=\"\(f(px(point.0)))\" y1=\"\(f(py(point.1 - e)))\" x2=\"\(f(px(point.0)))\" y2=\"\(f(py(point.1 + e)))\" stroke=\"\(color)\"/>"
                    }
                    svg += "<circle cx=\"\(f(px(point.0)))\" cy=\"\(f(py(point.1)))\" r=\"3\" fill=\"\(color)\"/>\n"
                }
            }
            let ly = margin.top + 16 + 18 * Double(index)
            let lx = margin.left + 12
            switch series.style {
            case .line:
                svg += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            case .scatter:
                svg += "<circle cx=\"\(f(lx + 11))\" cy=\"\(f(ly - 4))\" r=\"3\" fill=\"\(color)\"/>"
            }
            svg += "<text x=\"\(f(lx + 28))\" y=\"\(f(ly))\">\(escape(series.label))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// The y values a series occupies, error bars included.
    static func extent(_ series: Figure.Series) -> [Double] {
        guard !series.errors.isEmpty else { return series.y }
        var values: [Double] = []
        for (y, e) in zip(series.y, series.errors) {
            values.append(y - e)
            values.append(y + e)
        }
        return values
    }

    /// A plotted range extended to whole tick steps.
    struct Axis {
        let lower: Double
        let upper: Double
        let step: Double

        /// Non-finite values are left out; a span too wide for doubles falls
        /// back to the unit range rather than trapping on a NaN step.
        init(values: [Double]) {
            let finite = values.filter(\.isFinite)
            var lo = finite.min() ?? 0
            var hi = finite.max() ?? 1
            if !(hi - lo).isFinite { (lo, hi) = (0, 1) }
            if lo == hi {
                lo -= max(1, abs(lo)) * 0.5
                hi += max(1, abs(hi)) * 0.5
            }
            step = Axis.niceStep((hi - lo) / 6)
            lower = (lo / step).rounded(.down) * step
            upper = (hi / step).rounded(.up) * step
        }

        var ticks: [Double] {
            let count = ((upper - lower) / step).rounded()
            guard count.isFinite, count >= 0, count <= 1000 else { return [lower, upper] }
            return (0...Int(count)).map { lower + Double($0) * step }
        }

        static func niceStep(_ raw: Double) -> Double {
            let magnitude = pow(10, (log10(raw)).rounded(.down))
            let fraction = raw / magnitude
            let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
            return nice * magnitude
        }
    }

    static func label(_ value: Double, step: Double) -> String {
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        let text = String(format: "%.\(decimals)f", abs(value) < step * 1e-9 ? 0 : value)
        return text
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
