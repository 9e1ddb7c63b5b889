import DXDomain
import Foundation

/// Shares of a whole as a ring, with the total in the middle and a legend beside.
struct DonutChart {
    struct Slice {
        var label: String
        var count: Int
        var color: String
    }

    var title: String
    var desc: String
    var slices: [Slice]
    var centre: String

    /// Targets by status, the count in the middle: the dashboard's and the home page's chart.
    static func statuses(title: String, _ c: StatusCounts, _ t: Lang) -> DonutChart {
        DonutChart(title: title, desc: ProgressStatus.allCases.map { "\(t.status($0)): \(c[$0])" }.joined(separator: ", "),
                   slices: ProgressStatus.allCases.map { .init(label: t.status($0), count: c[$0], color: Chart.color($0)) },
                   centre: "\(c.total)")
    }

    func svg(id: String) -> String {
        let total = slices.map(\.count).reduce(0, +)
        // A circle of circumference 100 (r = 100 / 2π): dash lengths are percentages.
        let r = 100 / (2 * Double.pi)
        var body = #"<g transform="translate(70 70) scale(3.6)">"#
        body += #"<circle r="\#(Chart.c(r))" fill="none" stroke="\#(Chart.track)" stroke-width="5"/>"#
        var offset = 25.0 // start at twelve o'clock
        for s in slices where s.count > 0 && total > 0 {
            let share = 100 * Double(s.count) / Double(total)
            body += #"<circle r="\#(String(format: "%.4f", r))" fill="none" stroke="\#(s.color)" stroke-width="5" stroke-dasharray="\#(String(format: "%.3f %.3f", share, 100 - share))" stroke-dashoffset="\#(String(format: "%.3f", offset))"><title>\#(XMLText.escape("\(s.label): \(s.count)"))</title></circle>"#
            offset -= share
        }
        body += "</g>"
        body += #"<text x="70" y="76" text-anchor="middle" font-size="20" font-weight="700">\#(XMLText.escape(centre))</text>"#
        for (i, s) in slices.enumerated() {
            let yy = 20 + i * 22
            body += #"<rect x="160" y="\#(yy)" width="12" height="12" fill="\#(s.color)"/>"#
            body += #"<text x="178" y="\#(yy + 11)">\#(XMLText.escape("\(s.label): \(s.count)"))</text>"#
        }
        return Chart.svg(id: id, title: title, desc: desc, width: 360, height: max(140, 20 + slices.count * 22), body)
    }
}
