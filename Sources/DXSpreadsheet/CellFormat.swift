import DXDomain
import Foundation
import ZIPFoundation

/// What a number cell's format makes of its number, which is all that matters for reading
/// it as the person who filled it in saw it: a percentage (the file holds 0,378 for 37,8%),
/// a date (the file holds the days since the workbook's epoch), or the number itself.
enum CellFormat: Equatable {
    case plain, percent, date(epoch: LocalDate)

    /// The kind of a number format, by its built-in id or its format code.
    enum Kind { case plain, percent, date }

    static func kind(id: Int, code: String?) -> Kind {
        switch id {
        case 9, 10: return .percent
        case 14...22, 27...36, 45...47, 50...58: return .date
        default: break
        }
        guard let code else { return .plain }
        // What the code shows, without its quoted text, escaped characters and [colour] or [$-42A] parts.
        var shown = "", quoted = false, bracket = false, escaped = false
        for c in code {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { shown.append(c) }
            }
        }
        if shown.contains("%") { return .percent }
        let lower = shown.lowercased()
        return lower != "general" && lower.contains(where: { "dmyhs".contains($0) }) ? .date : .plain
    }

    /// Each cell style's (`<c s="…">`) format kind, from `xl/styles.xml`.
    static func formats(_ archive: Archive, budget: inout Int) throws(DomainError) -> [Kind] {
        let path = "xl/styles.xml"
        guard archive[path] != nil else { return [] }
        var codes: [Int: String] = [:], kinds: [Kind] = [], inCellXfs = false
        try XMLScanner.scan(try XLSXReader.part(path, archive, budget: &budget), part: path) { e throws(DomainError) in
            switch e {
            case .open("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }) { codes[id] = a["formatCode"] }
            case .open("cellXfs", _, let selfClosing): inCellXfs = !selfClosing
            case .close("cellXfs"): inCellXfs = false
            case .open("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                kinds.append(kind(id: id, code: codes[id]))
            default: break
            }
        }
        return kinds
    }

    /// The formats of a workbook's cell styles, looked up by a cell's style index.
    struct Styles {
        let kinds: [Kind]
        let epoch: LocalDate

        init(_ kinds: [Kind], epoch: LocalDate) { (self.kinds, self.epoch) = (kinds, epoch) }

        subscript(_ index: Int) -> CellFormat {
            guard kinds.indices.contains(index) else { return .plain }
            switch kinds[index] {
            case .plain: return .plain
            case .percent: return .percent
            case .date: return .date(epoch: epoch)
            }
        }
    }

    /// "0.378" → "37.8", exactly, in decimal.
    static func timesHundred(_ raw: String) -> String {
        guard let d = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")) else { return raw }
        return NSDecimalNumber(decimal: d * 100).stringValue
    }
}
