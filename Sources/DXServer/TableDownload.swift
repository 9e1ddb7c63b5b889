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
        func field(_ c: XLSXWriter.Cell) -> String {
            switch c {
            case .text(let s): CSVTable.field(s)
            case .number(let x), .count(let x), .percent(let x): DataValueSet.Row.text(x)
            case .date(let d): d.iso
            case .empty: ""
            }
        }
        // A byte-order mark, so that Excel reads the Vietnamese as UTF-8.
        let text = "\u{FEFF}" + ([header.map(CSVTable.field).joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") })
            .joined(separator: "\r\n") + "\r\n"
        return (Array(text.utf8), "text/csv; charset=utf-8", "csv")
    }
}

/// The template of a form for some units and a period, as CSV or XLSX.
enum TemplateDownload {
    static func response(form: ReportForm, indicators: [String: Indicator], units: [String], period: Period,
                         format: String, filename: String) throws -> Response {
        let rows = ValueFile.templateRows(form: form, indicators: indicators, units: units, period: period)
        return try TableDownload(name: "Số liệu", header: rows[0], rows: rows.dropFirst().map { $0.map { .text($0) } },
                                 widths: [12, 36, 10, 12, 12, 12, 24, 60])
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
