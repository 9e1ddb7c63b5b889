/// A CSV file read into rows of fields (RFC 4180: commas, double quotes around
/// fields that hold commas, quotes or line breaks, `""` for a quote inside), with
/// the line each row starts on so errors can point at it. A UTF-8 byte-order mark
/// (as Excel writes it) is skipped; CRLF and LF both end a row.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public var header: [String]
    public var rows: [Row]

    /// A table read from elsewhere (a spreadsheet's sheet), the header's line being 1.
    public init(header: [String], rows: [Row]) {
        self.header = header
        self.rows = rows
    }

    /// Commas, or semicolons when the header line has semicolons and no comma: the CSV that
    /// Excel saves on a computer set to Vietnamese (where the comma is the decimal mark).
    public init(parsing text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        (header, rows) = try Self.parse(bytes, separator: Self.separator(of: bytes))
    }

    /// The field separator a file uses, judged by its first line.
    static func separator(of bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        return firstLine.contains(UInt8(ascii: ";")) && !firstLine.contains(UInt8(ascii: ",")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Works on UTF-8 bytes: the four bytes that matter (`"`, `,`, CR, LF) are ASCII and
    /// never part of a longer character, so fields are cut between whole characters. A
    /// field's bytes become a String once, at its end, most often straight from the input
    /// (a national import reads tens of millions of fields; building them scalar by scalar
    /// was most of its parse time).
    private static func parse(_ bytes: [UInt8], separator comma: UInt8) throws(DomainError) -> (header: [String], rows: [Row]) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        return try bytes.withUnsafeBufferPointer { (bytes) throws(DomainError) -> (header: [String], rows: [Row]) in
            var records: [Row] = []
            // The field so far: from `sliceStart` up to here while it is a run of the input's bytes
            // as they stand (the usual case, made into a String straight from them), else the bytes
            // in `field`. Declared in here: captured from outside, each access would be checked at run time.
            var field: [UInt8] = [], sliceStart = -1, fields: [String] = []
            var inQuotes = false, quotedField = false
            var line = 1, rowStart = 1
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            func endField() {
                if sliceStart >= 0 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[sliceStart..<i]), as: UTF8.self))
                } else {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                }
                sliceStart = -1
            }
            func endRow() {
                endField()
                if !(fields.count == 1 && fields[0].isEmpty && !quotedField) { records.append(Row(line: rowStart, fields: fields)) }
                fields = []
                fields.reserveCapacity(records.first?.fields.count ?? 8)
                quotedField = false
            }
            /// Moves the run into `field`: the field is about to differ from the input's bytes.
            func materialize() {
                if sliceStart >= 0 { field.append(contentsOf: bytes[sliceStart..<i]) }
                sliceStart = -1
            }
            while i < bytes.count {
                let c = bytes[i]
                if inQuotes {
                    if c == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                    } else {
                        if c == lf { line += 1 }
                        field.append(c)
                    }
                } else {
                    switch c {
                    case quote:
                        guard field.isEmpty && sliceStart < 0 else {
                            throw .quoteInsideField(line: line)
                        }
                        inQuotes = true; quotedField = true
                    case comma: endField(); quotedField = false
                    case cr: materialize()
                    case lf: endRow(); line += 1; rowStart = line
                    default:
                        if sliceStart < 0 { if field.isEmpty { sliceStart = i } else { field.append(c) } }
                    }
                }
                i += 1
            }
            if inQuotes {
                throw .unclosedQuote(line: rowStart)
            }
            if !field.isEmpty || sliceStart >= 0 || !fields.isEmpty { endRow() }
            guard let first = records.first else {
                throw .emptyFile
            }
            return (first.fields.map { $0.trimmingWhitespace() }, Array(records.dropFirst()))
        }
    }

    /// A field as written to a CSV file: quoted when it holds a comma, a quote or a line
    /// break (looked for by scalar, since "\r\n" is a single Character in Swift).
    ///
    /// Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, a
    /// tab or CR first) gets a `'` in front, as OWASP advises; a number (`-0.05`) is left
    /// as it is, so that programs read it back.
    public static func field(_ s: String) -> String { field(s, separator: ",") }

    /// The same for a file whose fields are separated by `separator` (`;` for people's CSV).
    public static func field(_ s: String, separator: Character) -> String {
        var s = s
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil { s = "'" + s }
        let separator = separator.unicodeScalars.first!
        guard s.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A column as spreadsheets name it: 0 → "A", 27 → "AB".
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            name = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// The index of each expected column, or an error naming the missing ones.
    public func columns(_ names: [String]) throws(DomainError) -> [String: Int] {
        var found: [String: Int] = [:]
        for (i, h) in header.enumerated() { found[h] = i }
        let missing = names.filter { found[$0] == nil }
        guard missing.isEmpty else {
            throw .missingColumns(missing, expected: names)
        }
        return found
    }
}

/// The problems of a CSV file, said once each.
extension DomainError {
    static func quoteInsideField(line: Int) -> DomainError {
        DomainError(code: "invalid_csv", field: "line \(line)",
            vi: "Dòng \(line): dấu ngoặc kép giữa trường.", en: "Line \(line): a quote inside an unquoted field.")
    }

    static func unclosedQuote(line rowStart: Int) -> DomainError {
        DomainError(code: "invalid_csv", field: "line \(rowStart)",
            vi: "Dòng \(rowStart): thiếu dấu ngoặc kép đóng.", en: "Line \(rowStart): a quoted field is never closed.")
    }

    static let emptyFile = DomainError(code: "empty_file", vi: "Tệp trống.", en: "The file is empty.")

    static func missingColumns(_ missing: [String], expected names: [String]) -> DomainError {
        DomainError(code: "invalid_header", field: "header",
            vi: "Thiếu cột: \(missing.joined(separator: ", ")). Dòng tiêu đề cần: \(names.joined(separator: ",")).",
            en: "Missing columns: \(missing.joined(separator: ", ")). The header needs: \(names.joined(separator: ",")).")
    }
}
