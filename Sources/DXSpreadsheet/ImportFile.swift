import DXDomain

/// A file of reported values as someone uploads it: an XLSX workbook (recognised by
/// its ZIP signature, whatever its name) or UTF-8 CSV.
public enum ImportFile {
    public struct Parsed: Sendable {
        public var inputs: [DataValueInput]
        /// The file line of each input, to point problems found later at their rows.
        public var lines: [Int]
        public var problems: [RowProblem]
        public var header: [String]
        public var format: String
    }

    /// The first sheet of a workbook (recognised by its ZIP signature), or the CSV text's table.
    public static func table(_ bytes: [UInt8]) throws(DomainError) -> CSVTable {
        // Excel 97–2003 (an OLE2 compound file), and OpenDocument (a ZIP whose first entry,
        // stored, is `mimetype`), said by name rather than as a broken XLSX or not-UTF-8 CSV.
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .saveAsXLSX(".xls") }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), bytes.count > 38, Array(bytes[30..<38]) == Array("mimetype".utf8) {
            throw .saveAsXLSX(".ods")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XLSXReader.table(bytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DomainError.notUTF8
        }
        return try CSVTable(parsing: text)
    }

    public static func read(_ bytes: [UInt8]) -> Parsed {
        let isXLSX = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let table: CSVTable
        do throws(DomainError) {
            table = try Self.table(bytes)
        } catch {
            return Parsed(inputs: [], lines: [], problems: [RowProblem(line: 1, column: nil, error: error)], header: [], format: isXLSX ? "xlsx" : "csv")
        }
        let (inputs, lines, problems) = ValueFile.read(table: table)
        return Parsed(inputs: inputs, lines: lines, problems: problems, header: table.header.map(ValueFile.column), format: isXLSX ? "xlsx" : "csv")
    }

    /// Problems the database found (`values[i].field`), pointed back at rows and cells.
    public static func locate(_ errors: [DomainError], in parsed: Parsed) -> [RowProblem] {
        ValueFile.locate(errors, inputs: parsed.inputs, lines: parsed.lines, header: parsed.header)
    }
}
