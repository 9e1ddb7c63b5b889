import DXDomain
import Foundation
import ZIPFoundation

/// Writes a workbook of plain sheets (text and numbers, a bold frozen header row)
/// that Excel, LibreOffice and openpyxl open: the smallest set of parts the Office
/// Open XML package needs, strings inline so there is no shared-string table to keep.
public enum XLSXWriter {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number shown as the spreadsheet's locale shows it (general format).
        case number(Double)
        /// A whole count with thousands separators (#,##0).
        case count(Double)
        /// A percentage given as 0–100 (dxtrack's scale), stored as a fraction with a percent format (0.0%).
        case percent(Double)
        /// A date, stored as a date serial with the format dd/mm/yyyy.
        case date(LocalDate)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// Column widths in characters, from the first column.
        public var widths: [Int]

        public init(name: String, rows: [[Cell]], widths: [Int] = []) {
            self.name = name
            self.rows = rows
            self.widths = widths
        }
    }

    public static func workbook(_ sheets: [Sheet]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
        let rel = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
        try add("[Content_Types].xml", xml + #"""
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """# + sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined() + "</Types>")
        try add("_rels/.rels", xml + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        try add("xl/workbook.xml", xml + "<workbook \(main) \(rel)><sheets>"
                + sheets.enumerated().map { i, s in #"<sheet name="\#(XMLText.escape(String(s.name.prefix(31))))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }.joined()
                + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", xml + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
                + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#)
        // Styles: 0 plain, 1 bold (the header row), 2 count, 3 percent, 4 date.
        try add("xl/styles.xml", xml + "<styleSheet \(main)>" + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#)
        for (i, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", xml + worksheet(sheet, main: main)) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Array(data)
    }

    static func worksheet(_ sheet: Sheet, main: String) -> String {
        var out = "<worksheet \(main)>"
        out += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        if !sheet.widths.isEmpty {
            out += "<cols>" + sheet.widths.enumerated().map { #"<col min="\#($0 + 1)" max="\#($0 + 1)" width="\#($1)" customWidth="1"/>"# }.joined() + "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            out += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = CSVTable.columnLetters(c) + String(r + 1), style = r == 0 ? #" s="1""# : ""
                switch cell {
                case .text(let s): out += #"<c r="\#(ref)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(XMLText.escape(s))</t></is></c>"#
                case .number(let x) where x.isFinite: out += #"<c r="\#(ref)"\#(style)><v>\#(x)</v></c>"#
                case .count(let x) where x.isFinite: out += #"<c r="\#(ref)" s="2"><v>\#(x)</v></c>"#
                case .percent(let x) where x.isFinite: out += #"<c r="\#(ref)" s="3"><v>\#(x / 100)</v></c>"#
                case .date(let d): out += #"<c r="\#(ref)" s="4"><v>\#(LocalDate(year: 1899, month: 12, day: 30)!.days(until: d))</v></c>"#
                case .number, .count, .percent, .empty: break
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }
}
