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
        hi = ceiling.map { hi > $0 * 0.6 ? $0 : hi * 1.1 } ?? hi * 1.1
        if inverted { hi = (all.max() ?? 1) + 1; lo = 1 }
        // The axis runs from round value to round value, so its labels are round too.
        var ticks = Chart.ticks(lo, hi, whole: inverted)
        if inverted { ticks = ticks.filter { $0 >= 1 }; if ticks.first != 1 { ticks.insert(1, at: 0) } }
        if let ceiling { ticks = ticks.filter { $0 <= ceiling } }
        (lo, hi) = (inverted ? 1 : ticks.first ?? lo, max(ticks.last ?? hi, lo + 1))
        func x(_ i: Int) -> Double { left + (slots <= 1 ? plotW / 2 : Double(i) * plotW / Double(slots - 1)) }
        func y(_ v: Double) -> Double {
            let share = (v - lo) / (hi - lo)
            return inverted ? top + share * plotH : top + (1 - share) * plotH
        }
        var body = ""
        // Gridlines with their values.
        for v in ticks {
            let yy = y(v)
            body += #"<line x1="\#(Chart.c(left))" x2="\#(Chart.c(left + plotW))" y1="\#(Chart.c(yy))" y2="\#(Chart.c(yy))" stroke="\#(Chart.line)"/>"#
            body += #"<text x="\#(Chart.c(left - 6))" y="\#(Chart.c(yy + 4))" text-anchor="end">\#(XMLText.escape(format(v)))</text>"#
        }
        // Period labels, thinned so that none touches the next (about 6,5 px a character at 12 px).
        let labels = xLabels + (projection.map { [$0.label] } ?? [])
        let widest = Double(labels.map(\.count).max() ?? 1) * 6.5 + 10
        let room = slots <= 1 ? plotW : plotW / Double(slots - 1)
        let step = max(1, Int((widest / room).rounded(.up)))
        // Counted back from the latest, which is always labelled; the last label ends at the edge, not past it.
        for (i, label) in labels.enumerated() where (labels.count - 1 - i) % step == 0 {
            let anchor = i == labels.count - 1 && labels.count > 1 ? "end" : i == 0 && labels.count > 1 ? "start" : "middle"
            let at = anchor == "end" ? x(i) + 6 : anchor == "start" ? x(i) - 6 : x(i)
            body += #"<text x="\#(Chart.c(at))" y="\#(Chart.c(top + plotH + 20))" text-anchor="\#(anchor)">\#(XMLText.escape(label))</text>"#
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
