import DXDomain
import Foundation

/// Horizontal bars, longest first as given: rankings and leaderboards.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// Shown at the end of the bar ("37,8%").
        var text: String
        var color: String = Chart.accent
    }

    var title: String
    var desc: String
    var bars: [Bar]
    /// The value of a full-width bar (100 for percentages); default the largest.
    var scale: Double? = nil
    var width = 640

    func svg(id: String) -> String {
        let rowH = 22.0, labelW = 210.0, textW = 80.0
        let height = Int(Double(bars.count) * rowH) + 8
        let maxV = scale ?? max(bars.map(\.value).max() ?? 1, 1e-9)
        let barW = Double(width) - labelW - textW
        var body = ""
        for (i, bar) in bars.enumerated() {
            let yy = 4 + Double(i) * rowH
            let w = max(0, min(1, bar.value / maxV)) * barW
            body += #"<text x="\#(Chart.c(labelW - 6))" y="\#(Chart.c(yy + 14))" text-anchor="end">\#(XMLText.escape(Chart.clip(bar.label, 30)))</text>"#
            body += #"<rect x="\#(Chart.c(labelW))" y="\#(Chart.c(yy + 3))" width="\#(Chart.c(w))" height="14" fill="\#(bar.color)"><title>\#(XMLText.escape("\(bar.label): \(bar.text)"))</title></rect>"#
            body += #"<text x="\#(Chart.c(labelW + w + 4))" y="\#(Chart.c(yy + 14))">\#(XMLText.escape(bar.text))</text>"#
        }
        return Chart.svg(id: id, title: title, desc: desc, width: width, height: max(height, 30), body)
    }
}
