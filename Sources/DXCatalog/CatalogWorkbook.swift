import DXDomain
import DXSpreadsheet
import Foundation

/// A catalog kept as a spreadsheet, as many provinces keep their plans: one sheet per
/// kind of entry ("targets" or "Mục tiêu", "indicators" or "Chỉ tiêu", "plan" or "Kế
/// hoạch", "units" or "Đơn vị", "changes"), the header row naming the same fields as
/// the YAML files, one entry per row.
///
/// Each row is read through the YAML loader, so a workbook gets exactly the checks
/// and messages a YAML file gets, each pointed at its sheet and row.
public enum CatalogWorkbook {
    static let sections: [String: String] = [
        "indicators": "indicators", "chỉ tiêu": "indicators", "plan": "plan", "kế hoạch": "plan", "targets": "targets", "mục tiêu": "targets",
        "units": "units", "đơn vị": "units", "changes": "changes", "thay đổi đơn vị": "changes",
    ]
    static let numberFields: Set<String> = ["value", "tolerance", "decimals", "share"]
    static let listFields: Set<String> = ["unitKinds"]
    static let dateFields: Set<String> = ["issuedOn", "inForceFrom", "inForceTo", "startDate", "validFrom", "validTo", "effective"]

    public static func read(_ bytes: [UInt8], file: String) -> (Catalog, [CatalogProblem]) {
        let sheets: [(name: String, table: CSVTable)]
        do { sheets = try XLSXReader.sheets(bytes, numbers: .machine) } catch {
            return (Catalog(), [CatalogProblem(location: .init(file: file, line: 1), error: error)])
        }
        var lines: [String] = [], origin: [(sheet: String, row: Int)] = []
        var problems: [CatalogProblem] = []
        for (name, table) in sheets {
            guard let key = sections[name.lowercased().trimmingCharacters(in: .whitespaces)] else {
                problems.append(CatalogProblem(location: .init(file: "\(file) [\(name)]", line: 1), error: DomainError(
                    code: "unknown_sheet", field: "sheet",
                    vi: "Trang tính \"\(name)\" không phải phần nào của danh mục (targets, indicators, plan, units, changes).",
                    en: "Sheet \"\(name)\" is no part of a catalog (targets, indicators, plan, units, changes).")))
                continue
            }
            lines.append(key == "plan" ? "plan:" : "\(key):")
            origin.append((name, 1))
            for row in key == "plan" ? Array(table.rows.prefix(1)) : table.rows {
                let fields = zip(table.header, row.fields).compactMap { field, cell -> String? in
                    let text = cell.trimmingCharacters(in: .whitespaces)
                    guard !field.isEmpty, !text.isEmpty else { return nil }
                    return "\(field): \(yaml(text, field: field))"
                }
                lines.append((key == "plan" ? "  " : "  - ") + "{" + fields.joined(separator: ", ") + "}")
                origin.append((name, row.line))
            }
        }
        var (catalog, found) = CatalogLoader.read(text: lines.joined(separator: "\n") + "\n", file: file)
        // Point each entry and problem at its sheet and row rather than the YAML line made from it.
        let move = { (l: SourceLocation) -> SourceLocation in
            guard origin.indices.contains(l.line - 1) else { return l }
            return SourceLocation(file: "\(file) [\(origin[l.line - 1].sheet)]", line: origin[l.line - 1].row)
        }
        found = found.map { CatalogProblem(location: move($0.location), error: $0.error) }
        catalog.relocate(move)
        return (catalog, problems + found)
    }

    /// A cell as a YAML value: numbers as numbers where the field is numeric, lists,
    /// the per-level mapping ("province: 90; district: 80"), dates from dd/mm/yyyy or
    /// a spreadsheet's date serial, everything else a quoted string.
    static func yaml(_ text: String, field: String) -> String {
        func quoted(_ s: String) -> String {
            String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        if numberFields.contains(field), Double(text) != nil { return text }
        if listFields.contains(field) {
            return "[" + text.split(separator: ",").map { quoted($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ", ") + "]"
        }
        if field == "perLevel" {
            let pairs = text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { pair in
                pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            }
            return "{" + pairs.map { $0.count == 2 && Double($0[1]) != nil ? "\(quoted($0[0])): \($0[1])" : quoted($0.joined(separator: ":")) }
                .joined(separator: ", ") + "}"
        }
        if dateFields.contains(field) {
            if let serial = Int(text), serial > 0 { return quoted(LocalDate(year: 1899, month: 12, day: 30)!.adding(days: serial).iso) }
            if let d = try? LocalDate(vietnamese: text) { return quoted(d.iso) }
        }
        return quoted(text)
    }
}
