import Foundation

/// A one-line gauge for a table row: the value as a bar in its status colour, the
/// target as a tick.
struct BulletChart {
    var title: String
    var value: Double?
    var target: Double?
    var scale: Double
    var color: String

    func svg(id: String) -> String {
        let w = 160.0
        func x(_ v: Double) -> Double { max(0, min(1, v / max(scale, 1e-9))) * w }
        var body = #"<rect x="0" y="4" width="\#(Chart.c(w))" height="10" fill="\#(Chart.track)"/>"#
        if let value { body += #"<rect x="0" y="4" width="\#(Chart.c(x(value)))" height="10" fill="\#(color)"/>"# }
        if let target { body += #"<rect x="\#(Chart.c(min(w - 2, x(target))))" y="0" width="2" height="18" fill="\#(Chart.ink)"/>"# }
        return Chart.svg(id: id, title: title, desc: title, width: Int(w), height: 18, body)
    }
}
