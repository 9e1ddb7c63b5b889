import Foundation
import DXDomain
import DXSpreadsheet
import Hummingbird
import Plot

/// A table shown on a page and offered for download as CSV and XLSX: the same rows,
/// so what people download is what they read. Charts keep theirs as the
/// screen-reader alternative.
struct DataTable {
    struct Cell {
        /// What the page shows ("37,8%").
        var text: String
        /// What a spreadsheet gets (37.8 as a percentage cell).
        var raw: XLSXWriter.Cell
        var link: SiteURL?
        var numeric: Bool
        var cssClass: String?
        /// An identifier shown as one (`<code>`), where people look codes up: the open-data index.
        var isCode = false

        static func code(_ s: String) -> Cell {
            var cell = text(s)
            cell.isCode = true
            return cell
        }

        static func text(_ s: String, link: SiteURL? = nil, cssClass: String? = nil) -> Cell {
            Cell(text: s, raw: .text(s), link: link, numeric: false, cssClass: cssClass)
        }

        /// A figure of an indicator, shown its way ("37,8%") and kept as a number.
        static func value(_ x: Double?, _ indicator: Indicator, _ t: Lang) -> Cell {
            guard let x else { return Cell(text: "–", raw: .empty, numeric: true) }
            let raw: XLSXWriter.Cell = indicator.valueType == .percentage ? .percent(x) : .number(x)
            return Cell(text: t.value(x, indicator), raw: raw, numeric: true)
        }

        static func number(_ x: Double?, decimals: Int? = nil, _ t: Lang) -> Cell {
            guard let x else { return Cell(text: "–", raw: .empty, numeric: true) }
            return Cell(text: t.number(x, decimals: decimals), raw: .number(x), numeric: true)
        }

        /// A percentage (0–100) kept as a percentage cell.
        static func percent(_ x: Double, decimals: Int = 1, _ t: Lang) -> Cell {
            Cell(text: t.percent(x, decimals: decimals), raw: .percent(x), numeric: true)
        }

        static func date(_ d: LocalDate) -> Cell { Cell(text: d.formattedVietnamese, raw: .date(d), numeric: true) }
    }

    /// Names the table in `?table=` download links; unique on its page.
    var id: String
    var caption: String
    var header: [String]
    var rows: [[Cell]]
    /// Rows shown on the page, when fewer than all; the downloads always hold every row.
    var limit: Int? = nil

    /// The table with its download links (`?table=ID&format=csv|xlsx` on the page's own URL).
    func node(_ t: Lang, page: PageURL) -> Node<HTML.BodyContext> {
        .group(table, downloads(t, page: page))
    }

    private var shownRows: ArraySlice<[Cell]> { rows.prefix(limit ?? rows.count) }

    /// What a download adds when the page shows only the first rows.
    private func more(_ t: Lang) -> String {
        guard shownRows.count < rows.count else { return "" }
        return t(" Trang chỉ hiện \(shownRows.count) dòng đầu; tệp tải về có đủ \(rows.count) dòng.",
                 " The page shows the first \(shownRows.count) rows; the files hold all \(rows.count).")
    }

    private var table: Node<HTML.BodyContext> {
        .scrolling(caption, .table(.id("t-\(id)"),
               .caption(.text(caption)),
               .thead(.tr(.forEach(header.indices) { i in
                   .th(.attribute(named: "scope", value: "col"), .if(rows.first?[i].numeric == true, .class("num")), .text(header[i]))
               })),
               .tbody(.forEach(shownRows) { row in
                   .tr(.forEach(row) { cell in
                       .td(.class(([cell.numeric ? "num" : nil, cell.cssClass].compactMap { $0 }).joined(separator: " ")),
                           cell.link.map { .a(.href($0), .text(cell.text)) } ?? (cell.isCode ? .code(.text(cell.text)) : .text(cell.text)))
                   })
               })))
    }

    /// "Tải bảng: CSV · XLSX", links to this table's file on the page's own URL.
    func downloads(_ t: Lang, page: PageURL) -> Node<HTML.BodyContext> {
        links(t, ["csv", "xlsx"].map { (page.with(["table": id, "format": $0]), "") })
    }

    /// The CSV and XLSX links, each saved as `filename` when one is given.
    private func links(_ t: Lang, _ targets: [(href: String, filename: String)]) -> Node<HTML.BodyContext> {
        .p(.class("downloads"), .text(t("Tải bảng: ", "Download: ")),
           .a(.href(targets[0].href.attributeEscaped), .attribute(named: "download", value: targets[0].filename.attributeEscaped), "CSV"), .text(" · "),
           .a(.href(targets[1].href.attributeEscaped), .attribute(named: "download", value: targets[1].filename.attributeEscaped), "XLSX"), .text(more(t)))
    }

    func download(_ format: String) throws -> Response {
        try file.response(format, filename: "dxtrack-\(id)")
    }

    private var file: TableDownload {
        TableDownload(name: String(caption.prefix(31)), header: header, rows: rows.map { $0.map(\.raw) }, audience: .people)
    }

    /// The table with its files inside the links (`data:` URLs): for a page that answers a POST,
    /// such as an import's problems, which no later GET could rebuild.
    func nodeWithFiles(_ t: Lang) throws -> Node<HTML.BodyContext> {
        let files = try ["csv", "xlsx"].map { format in
            let f = try file.file(format)
            return ("data:\(f.type.split(separator: ";")[0]);base64,\(Data(f.bytes).base64EncodedString())", "dxtrack-\(id).\(f.ext)")
        }
        return .group(table, links(t, files))
    }
}

/// A page's path and query, to build links that keep its filters.
struct PageURL: Sendable {
    var path: String
    var query: [(String, String)]

    init(path: String, query: [(String, String)] = []) {
        self.path = path
        self.query = query
    }

    init(_ request: Request) {
        path = request.uri.path
        query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
            .filter { !["table", "format", "lang"].contains($0.0) }.sorted { $0.0 < $1.0 }
    }

    /// The value of a query parameter the page was asked with.
    func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }

    func with(_ extra: [String: String]) -> String {
        let all = query.filter { extra[$0.0] == nil } + extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        guard !all.isEmpty else { return path }
        return path + "?" + all.map { "\($0.0)=\(SiteURL.queryValue($0.1))" }.joined(separator: "&")
    }

    var full: String { with([:]) }
}
