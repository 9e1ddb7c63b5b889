import DXDomain
import Foundation
import Plot

/// Inline SVG charts drawn on the server: no script, no outside host, readable when
/// printed. Each has a `<title>` and `<desc>` for screen readers, and the page puts
/// its data table right under it (``Page/add(chart:table:)``).
enum Chart {
    /// The colour of each status; dark enough on white for text (WCAG AA).
    static func color(_ s: ProgressStatus) -> String {
        switch s {
        // Okabe–Ito's bluish green, blue, orange and reddish purple, darkened to read as text
        // on white: apart for readers who do not tell red from green. Every use has its word too.
        case .met: "#007a5e"
        case .onTrack: "#0b5cad"
        case .behind: "#8a5a00"
        case .missed: "#a63d73"
        case .noData: "#6e7781"
        }
    }

    static let accent = "#0b5cad", line = "#d0d7de", muted = "#57606a", target = "#b42318", track = "#eaeef2", ink = "#1b1f24"

    /// A coordinate with at most one decimal: short markup.
    static func c(_ x: Double) -> String { String(format: "%.1f", x) }

    /// The `<svg>` frame every chart shares.
    static func svg(id: String, title: String, desc: String, width: Int, height: Int, _ body: String) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" role="img" aria-labelledby="\#(id)-title \#(id)-desc">"#
            + #"<title id="\#(id)-title">\#(XMLText.escape(title))</title><desc id="\#(id)-desc">\#(XMLText.escape(desc))</desc>"# + body + "</svg>"
    }

    /// Round values for an axis from `lo` to `hi`, about `count` steps of 1, 2, 2.5 or 5 times a
    /// power of ten (0, 25, 50, 75, 100; never 0, 23,6, 47,2), the first at or below `lo`, the
    /// last at or above `hi`; `whole` keeps steps whole (ranks).
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 4, whole: Bool = false) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let rough = (hi - lo) / Double(count)
        let power = pow(10, (log10(rough)).rounded(.down))
        var step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        if whole { step = max(1, step.rounded(.up)) }
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        // Counted in steps and rounded to a billionth: 3 × 0,1 is 0,30000000000000004 in binary.
        return (0...Int(((last - first) / step).rounded())).map { ((first + Double($0) * step) * 1e9).rounded() / 1e9 }
    }

    /// Shortens a label to fit beside a bar.
    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
