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
        return Parsed(inputs: inputs, lines: lines, problems: problems, header: table.header, format: isXLSX ? "xlsx" : "csv")
    }

    /// Problems the database found (`values[i].field`), pointed back at rows and cells.
    public static func locate(_ errors: [DomainError], in parsed: Parsed) -> [RowProblem] {
        ValueFile.locate(errors, inputs: parsed.inputs, lines: parsed.lines, header: parsed.header)
    }
}
