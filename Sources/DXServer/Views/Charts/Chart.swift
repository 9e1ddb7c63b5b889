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

    /// Shortens a label to fit beside a bar.
    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
