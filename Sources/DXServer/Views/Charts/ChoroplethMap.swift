import DXDomain
import Foundation

/// Units coloured by an indicator, drawn from their boundaries: five classes of equal
/// counts, darker for more, grey for no figure. The page keeps the per-unit table as its
/// data alternative; each unit's shape has its own `<title>`.
struct ChoroplethMap {
    struct Area {
        var boundary: Boundary
        var name: String
        var value: Double?
        /// "37,8%", as the page writes the value.
        var text: String
    }

    var title: String
    var areas: [Area]
    var format: (Double) -> String
    var width = 480.0

    static let palette = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]

    func svg(id: String) -> String {
        let points = areas.flatMap { $0.boundary.rings.flatMap { $0 } }
        guard let minLon = points.map({ $0[0] }).min(), let maxLon = points.map({ $0[0] }).max(),
              let minLat = points.map({ $0[1] }).min(), let maxLat = points.map({ $0[1] }).max() else { return "" }
        // Equirectangular, shrunk east-west by the cosine of the middle latitude: true enough for a province.
        let shrink = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * shrink, 1e-9), spanY = max(maxLat - minLat, 1e-9)
        let scale = (width - 8) / spanX, height = (spanY * scale + 8).rounded(.up)
        let breaks = classBreaks
        var body = ""
        for area in areas {
            var d = ""
            for ring in area.boundary.rings {
                var last: (Double, Double)?
                for (i, p) in ring.enumerated() {
                    let x = 4 + (p[0] - minLon) * shrink * scale, y = 4 + (maxLat - p[1]) * scale
                    // Points closer than half a pixel to the last add bytes, not shape.
                    if let l = last, i < ring.count - 1, abs(l.0 - x) < 0.5 && abs(l.1 - y) < 0.5 { continue }
                    d += (last == nil ? "M" : "L") + Chart.c(x) + " " + Chart.c(y)
                    last = (x, y)
                }
                d += "Z"
            }
            let fill = area.value.map { v in Self.palette[breaks.firstIndex { v <= $0 } ?? Self.palette.count - 1] } ?? Chart.track
            body += ##"<path d="\##(d)" fill="\##(fill)" fill-rule="evenodd" stroke="#fff" stroke-width="1"><title>\##(XMLText.escape("\(area.name): \(area.text)"))</title></path>"##
        }
        let legendY = height + 6
        var legend = ""
        for (i, upper) in breaks.enumerated() {
            let x = 4 + Double(i) * 92
            legend += #"<rect x="\#(Chart.c(x))" y="\#(Chart.c(legendY))" width="12" height="12" fill="\#(Self.palette[i])"/>"#
            legend += #"<text x="\#(Chart.c(x + 16))" y="\#(Chart.c(legendY + 11))" font-size="11">\#(XMLText.escape("≤ " + format(upper)))</text>"#
        }
        let desc = areas.map { "\($0.name): \($0.text)" }.joined(separator: ", ")
        return Chart.svg(id: id, title: title, desc: desc, width: Int(width), height: Int(legendY + 18), body + legend)
    }

    /// The upper bounds of up to five classes of about equal counts.
    var classBreaks: [Double] {
        let values = areas.compactMap(\.value).sorted()
        guard !values.isEmpty else { return [] }
        let k = min(Self.palette.count, values.count)
        var out: [Double] = []
        for i in 1...k {
            let upper = values[min(values.count - 1, (i * values.count + k - 1) / k - 1)]
            if out.last != upper { out.append(upper) }
        }
        return out
    }
}
