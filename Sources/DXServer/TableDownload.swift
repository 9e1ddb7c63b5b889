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

    /// `?format=xlsx|csv` on a list route; nil for the route's JSON.
    static func format(_ request: Request) -> String? {
        request.uri.queryParameters["format"].map(String.init).flatMap { ["xlsx", "csv"].contains($0) ? $0 : nil }
    }

    func response(_ format: String, filename: String) throws -> Response {
        if format == "xlsx" {
            let sheet = XLSXWriter.Sheet(name: name, rows: [header.map { .text($0) }] + rows, widths: header.map { max(10, min(48, $0.count + 4)) })
            return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                   .contentDisposition: "attachment; filename=\"\(filename).xlsx\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: try XLSXWriter.workbook([sheet]))))
        }
        func field(_ c: XLSXWriter.Cell) -> String {
            switch c {
            case .text(let s): CSVField.escape(s)
            case .number(let x), .count(let x), .percent(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
            case .date(let d): d.iso
            case .empty: ""
            }
        }
        let text = "\u{FEFF}" + ([header.map(CSVField.escape).joined(separator: ",")] + rows.map { $0.map(field).joined(separator: ",") })
            .joined(separator: "\r\n") + "\r\n"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename).csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

enum CSVField {
    static func escape(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
