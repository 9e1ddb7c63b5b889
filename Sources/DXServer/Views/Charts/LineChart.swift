import DXDomain
import Foundation

/// A time series with its target as a dashed line and, when given, the straight-line
/// projection to the target's horizon.
struct LineChart {
    struct Series {
        var label: String
        var values: [Double?]
        var color: String = Chart.accent
    }

    struct Projection {
        /// The label of the extra slot at the right (the horizon: "2025").
        var label: String
        var value: Double
    }

    var title: String
    var desc: String
    var xLabels: [String]
    var series: [Series]
    var target: Double? = nil
    var targetLabel: String = ""
    var projection: Projection? = nil
    /// Ranks: 1 at the top.
    var inverted = false
    /// Percentages stay within 0–100.
    var ceiling: Double? = nil
    var format: (Double) -> String
    var width = 640, height = 240

    func svg(id: String) -> String {
        let left = 52.0, right = 20.0, top = 14.0, bottom = 34.0
        let slots = xLabels.count + (projection == nil ? 0 : 1)
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } } + [target, projection?.value].compactMap { $0 }
        var lo = inverted ? 1 : min(0, all.min() ?? 0)
        var hi = max(all.max() ?? 1, lo + 1)
        hi = ceiling.map { hi > $0 * 0.6 ? $0 : hi * 1.15 } ?? hi * 1.15
        if inverted { hi = (all.max() ?? 1) + 1; lo = 1 }
        func x(_ i: Int) -> Double { left + (slots <= 1 ? plotW / 2 : Double(i) * plotW / Double(slots - 1)) }
        func y(_ v: Double) -> Double {
            let share = (v - lo) / (hi - lo)
            return inverted ? top + share * plotH : top + (1 - share) * plotH
        }
        var body = ""
        // Gridlines with their values.
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            let yy = y(v)
            body += #"<line x1="\#(Chart.c(left))" x2="\#(Chart.c(left + plotW))" y1="\#(Chart.c(yy))" y2="\#(Chart.c(yy))" stroke="\#(Chart.line)"/>"#
            body += #"<text x="\#(Chart.c(left - 6))" y="\#(Chart.c(yy + 4))" text-anchor="end">\#(XMLText.escape(format(v)))</text>"#
        }
        // Period labels, thinned to about eight.
        let labels = xLabels + (projection.map { [$0.label] } ?? [])
        let step = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        for (i, label) in labels.enumerated() where i % step == 0 || i == labels.count - 1 {
            body += #"<text x="\#(Chart.c(x(i)))" y="\#(Chart.c(top + plotH + 20))" text-anchor="middle">\#(XMLText.escape(label))</text>"#
        }
        if let target {
            body += #"<line x1="\#(Chart.c(left))" x2="\#(Chart.c(left + plotW))" y1="\#(Chart.c(y(target)))" y2="\#(Chart.c(y(target)))" stroke="\#(Chart.target)" stroke-width="1.5" stroke-dasharray="6 4"/>"#
            body += #"<text x="\#(Chart.c(left + plotW))" y="\#(Chart.c(y(target) - 5))" text-anchor="end" fill="\#(Chart.target)">\#(XMLText.escape(targetLabel))</text>"#
        }
        for s in series {
            // Gaps stay gaps: a missing period is not drawn as a straight line across.
            var segment: [String] = []
            func flush() {
                if segment.count > 1 { body += #"<polyline fill="none" stroke="\#(s.color)" stroke-width="2" points="\#(segment.joined(separator: " "))"/>"# }
                segment = []
            }
            for (i, v) in s.values.enumerated() {
                guard let v else { flush(); continue }
                segment.append("\(Chart.c(x(i))),\(Chart.c(y(v)))")
                body += #"<circle cx="\#(Chart.c(x(i)))" cy="\#(Chart.c(y(v)))" r="3" fill="\#(s.color)"><title>\#(XMLText.escape("\(xLabels[i]): \(format(v))"))</title></circle>"#
            }
            flush()
        }
        if let projection, let first = series.first, let last = first.values.lastIndex(where: { $0 != nil }), let from = first.values[last] {
            let end = slots - 1
            body += #"<line x1="\#(Chart.c(x(last)))" y1="\#(Chart.c(y(from)))" x2="\#(Chart.c(x(end)))" y2="\#(Chart.c(y(projection.value)))" stroke="\#(first.color)" stroke-width="1.5" stroke-dasharray="3 3"/>"#
            body += #"<circle cx="\#(Chart.c(x(end)))" cy="\#(Chart.c(y(projection.value)))" r="3" fill="white" stroke="\#(first.color)"><title>\#(XMLText.escape("\(projection.label): \(format(projection.value))"))</title></circle>"#
        }
        return Chart.svg(id: id, title: title, desc: desc, width: width, height: height, body)
    }
}
