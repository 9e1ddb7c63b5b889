import DXDomain
import Foundation
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook (Excel, LibreOffice, openpyxl) into
/// a table of text, as the CSV reader does, so both kinds of file take one path.
///
/// Numbers are handed on as a Vietnamese reader types them (decimal comma, no
/// thousands separator): a cell holding 37.8 becomes "37,8", never "37.8", which
/// would read as thirty-seven thousand eight hundred with the dot as a separator.
public enum XLSXReader {
    /// A workbook that inflates beyond this is refused (a "zip bomb" as an upload).
    public static let maxUncompressedBytes = 64 * 1024 * 1024
    public static let maxRows = 200_000
    /// Fields kept over all rows: 200,000 rows of a values file's 8 columns, and room to spare.
    public static let maxFields = 4_000_000

    /// How numeric cells are handed on: as a Vietnamese reader types them ("37,8"), or
    /// as numbers are written in code and YAML ("37.8").
    public enum Numbers: Sendable { case vietnamese, machine }

    public static func table(_ data: [UInt8]) throws(DomainError) -> CSVTable {
        guard let first = try sheets(data, numbers: .vietnamese, onlyFirst: true).first else {
            return CSVTable(header: [], rows: [])
        }
        return first.table
    }

    /// Every sheet of the workbook in its order, with its name.
    public static func sheets(_ data: [UInt8], numbers: Numbers, onlyFirst: Bool = false) throws(DomainError) -> [(name: String, table: CSVTable)] {
        // Read from a private temporary file, not from memory: ZIPFoundation's in-memory
        // archive traps on a central directory that points past the end of the data
        // (found by fuzz/run.sh), where reading a file simply comes up short.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-upload-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: path) }
        let archive: Archive
        do {
            guard FileManager.default.createFile(atPath: path.path, contents: Data(data), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            archive = try Archive(url: path, accessMode: .read)
        } catch {
            throw DomainError.notAZip
        }
        var budget = maxUncompressedBytes
        let (list, epoch) = try sheetPaths(archive, budget: &budget)
        let strings = try sharedStrings(archive, budget: &budget)
        let styles = CellFormat.Styles(try CellFormat.formats(archive, budget: &budget), epoch: epoch)
        var out: [(name: String, table: CSVTable)] = []
        for (name, path) in onlyFirst ? Array(list.prefix(1)) : list {
            out.append((name, try rows(try part(path, archive, budget: &budget), strings: strings, styles: styles, part: path, numbers: numbers)))
        }
        return out
    }

    /// One part of the package, inflated, counting against the budget as it goes.
    static func part(_ path: String, _ archive: Archive, budget: inout Int) throws(DomainError) -> [UInt8] {
        guard let entry = archive[path] else {
            throw DomainError.brokenXLSX(path, missing: true)
        }
        var out: [UInt8] = []
        var left = budget
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                left -= chunk.count
                guard left >= 0 else { throw SizeExceeded() }
                out.append(contentsOf: chunk)
            }
        } catch is SizeExceeded {
            throw DomainError.inflatesBeyond(megabytes: maxUncompressedBytes / 1_048_576)
        } catch {
            throw DomainError.brokenXLSX(path)
        }
        budget = left
        return out
    }

    struct SizeExceeded: Error {}

    /// The sheets in the workbook's order (name and part), through the workbook's relationships,
    /// and the day its date serial numbers count from (1904 on old Macs, else 30/12/1899).
    static func sheetPaths(_ archive: Archive, budget: inout Int) throws(DomainError) -> ([(String, String)], epoch: LocalDate) {
        let workbook = try XMLScanner.events(try part("xl/workbook.xml", archive, budget: &budget), part: "xl/workbook.xml")
        let in1904 = workbook.contains { e in
            if case .open("workbookPr", let a, _) = e { return a["date1904"] == "1" || a["date1904"] == "true" } else { return false }
        }
        let epoch = in1904 ? LocalDate(year: 1904, month: 1, day: 1)! : LocalDate(year: 1899, month: 12, day: 30)!
        let sheets = workbook.compactMap { e -> (name: String, id: String?)? in
            if case .open("sheet", let a, _) = e { return (a["name"] ?? "", a["id"]) } else { return nil }
        }
        var targets: [String: String] = [:]
        let relsPath = "xl/_rels/workbook.xml.rels"
        if archive[relsPath] != nil {
            for case .open("Relationship", let a, _) in try XMLScanner.events(try part(relsPath, archive, budget: &budget), part: relsPath) {
                if let id = a["Id"], let target = a["Target"] { targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target }
            }
        }
        let found = sheets.enumerated().map { i, sheet in (sheet.name, sheet.id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(i + 1).xml") }
        return (found.isEmpty ? [("", "xl/worksheets/sheet1.xml")] : found, epoch)
    }

    static func sharedStrings(_ archive: Archive, budget: inout Int) throws(DomainError) -> [String] {
        let path = "xl/sharedStrings.xml"
        guard archive[path] != nil else { return [] }
        var strings: [String] = [], current: String? = nil, inText = false, inPhonetic = false
        try XMLScanner.scan(try part(path, archive, budget: &budget), part: path) { e throws(DomainError) in
            switch e {
            case .open("si", _, _): current = ""
            case .close("si"): strings.append(current ?? ""); current = nil
            case .open("rPh", _, _): inPhonetic = true  // furigana-style runs are not the cell's text
            case .close("rPh"): inPhonetic = false
            case .open("t", _, let selfClosing): inText = !selfClosing
            case .close("t"): inText = false
            case .text(let s) where inText && !inPhonetic: current? += s
            default: break
            }
        }
        return strings
    }

    static func rows(_ bytes: [UInt8], strings: [String], styles: CellFormat.Styles, part: String, numbers: Numbers) throws(DomainError) -> CSVTable {
        var rows: [CSVTable.Row] = []
        var rowNumber = 0, cells: [Int: String] = [:], fieldsKept = 0
        var cellColumn = 0, cellType = "n", cellStyle = 0, value = "", inValue = false
        try XMLScanner.scan(bytes, part: part) { e throws(DomainError) in
            switch e {
            case .open("row", let a, _):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = [:]
                cellColumn = -1
            case .close("row"):
                // Only cells with something in them are kept; a row is as wide as its last such cell.
                let width = (cells.filter { !$0.value.isEmpty }.keys.max() ?? -1) + 1
                guard width > 0 else { break }
                fieldsKept += width
                // A cell far to the right in every row (XFD1048576) would make each row 16,384 fields.
                guard fieldsKept <= maxFields else {
                    throw DomainError.tooManyCells(maxFields)
                }
                rows.append(CSVTable.Row(line: rowNumber, fields: (0..<width).map { cells[$0] ?? "" }))
                guard rows.count <= maxRows else {
                    throw DomainError.tooManyRows(maxRows)
                }
            case .open("c", let a, _):
                cellColumn = a["r"].flatMap(columnIndex) ?? cellColumn + 1
                cellType = a["t"] ?? "n"
                cellStyle = a["s"].flatMap { Int($0) } ?? 0
                value = ""
            case .close("c"):
                cells[cellColumn] = try text(value, type: cellType, format: styles[cellStyle], strings: strings, part: part, numbers: numbers)
            case .open("v", _, _), .open("t", _, _): inValue = true
            case .close("v"), .close("t"): inValue = false
            case .text(let s) where inValue: value += s
            default: break
            }
        }
        guard let header = rows.first else { return CSVTable(header: [], rows: []) }
        return CSVTable(header: header.fields.map { $0.trimmingCharacters(in: .whitespaces) }, rows: Array(rows.dropFirst()))
    }

    /// A cell's content as text a person would have typed, read as the cell shows it: a
    /// percent-formatted 0,378 (shown 37,8%) is "37,8"; a date (a serial number to the file)
    /// is the date as written, "30/04/2025", which no number field takes, so it is refused
    /// by name rather than read as 45777.
    static func text(_ raw: String, type: String, format: CellFormat, strings: [String], part: String, numbers: Numbers) throws(DomainError) -> String {
        switch type {
        case "s":
            guard let i = Int(raw), strings.indices.contains(i) else {
                throw DomainError.noSuchString(raw, in: part)
            }
            return strings[i]
        case "n":
            guard var x = Double(raw) else { return raw }
            switch format {
            case .date(let epoch) where x.isFinite && abs(x) < 3_000_000:
                let day = epoch.adding(days: Int(x.rounded(.down)))
                return numbers == .vietnamese ? day.formattedVietnamese : day.iso
            case .percent:
                // Shifted in decimal, not multiplied in binary: 0.378 × 100 is 37.800000000000004.
                x = Double(CellFormat.timesHundred(raw)) ?? x * 100
            default: break
            }
            return numbers == .vietnamese ? VietnameseNumber.plain(x) : VietnameseNumber.plain(x).replacingOccurrences(of: ",", with: ".")
        case "b": return raw == "1" ? "TRUE" : "FALSE"
        default: return raw // inlineStr, str (a formula's text), e (an error such as #DIV/0!)
        }
    }

    /// "A" → 0, "AB12" → 27.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : index - 1
    }
}
