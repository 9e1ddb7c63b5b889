import DXDomain
import Foundation
import DXSpreadsheet
import Hummingbird

/// A table people download: XLSX (numbers and percentages as real numbers with number
/// formats, Vietnamese headers, frozen header row) or CSV (plain numbers with a point).
struct TableDownload {
    var name: String
    var header: [String]
    var rows: [[XLSXWriter.Cell]]
    /// Column widths in characters (default: from the header).
    var widths: [Int]? = nil
    /// Who opens the CSV: people (a page's table, a template) or programs (the API's lists).
    var audience: Audience = .machine

    /// A CSV for people opens in Excel set to Vietnamese as a table: `;` between fields and a
    /// decimal comma, as that Excel writes and reads them, and a byte-order mark for UTF-8.
    /// A CSV for programs keeps commas and the decimal point (RFC 4180), as open data does.
    enum Audience { case people, machine }

    /// `?format=xlsx|csv` on a list route; nil for the route's JSON.
    static func format(_ request: Request) -> String? {
        request.uri.queryParameters["format"].map(String.init).flatMap { ["xlsx", "csv"].contains($0) ? $0 : nil }
    }

    func response(_ format: String, filename: String) throws -> Response {
        let file = try self.file(format)
        return .download(file.bytes, type: file.type, filename: "\(filename).\(file.ext)")
    }

    /// The file's bytes, media type and extension.
    func file(_ format: String) throws -> (bytes: [UInt8], type: String, ext: String) {
        if format == "xlsx" {
            let sheet = XLSXWriter.Sheet(name: name, rows: [header.map { .text($0) }] + rows,
                                         widths: widths ?? header.map { max(10, min(48, $0.count + 4)) })
            return (try XLSXWriter.workbook([sheet]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
        }
        let people = audience == .people, separator: Character = people ? ";" : ","
        func field(_ c: XLSXWriter.Cell) -> String {
            switch c {
            case .text(let s): CSVTable.field(s, separator: separator)
            case .number(let x), .count(let x), .percent(let x): people ? VietnameseNumber.plain(x) : DataValueSet.Row.text(x)
            case .date(let d): people ? d.formattedVietnamese : d.iso
            case .empty: ""
            }
        }
        // A byte-order mark, so that Excel reads the Vietnamese as UTF-8.
        let lines = [header.map { CSVTable.field($0, separator: separator) }.joined(separator: String(separator))]
            + rows.map { $0.map(field).joined(separator: String(separator)) }
        let text = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
        return (Array(text.utf8), "text/csv; charset=utf-8", "csv")
    }
}

/// The template of a form for some units and a period, as CSV or XLSX.
enum TemplateDownload {
    static func response(form: ReportForm, indicators: [String: Indicator], units: [String], period: Period, values: [DataValue],
                         format: String, filename: String) throws -> Response {
        let rows = ValueFile.templateRows(form: form, indicators: indicators, units: units, period: period, values: values)
        // The figures held go in as numbers (a spreadsheet adds them up), the rest as text.
        let figures = Set(["value", "numerator", "denominator"].compactMap { ValueFile.columns.firstIndex(of: $0) })
        let cells: [[XLSXWriter.Cell]] = rows.dropFirst().map { row in
            row.enumerated().map { i, text in figures.contains(i) ? VietnameseNumber.parse(text).map { .number($0) } ?? .text(text) : .text(text) }
        }
        return try TableDownload(name: "Số liệu", header: rows[0], rows: cells, widths: [12, 16, 12, 12, 12, 12, 24, 60], audience: .people)
            .response(format == "xlsx" ? "xlsx" : "csv", filename: filename)
    }
}

extension Response {
    /// A file the browser saves rather than shows.
    static func download(_ bytes: [UInt8], type: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
