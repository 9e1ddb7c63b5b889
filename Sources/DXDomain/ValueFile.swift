/// A problem in one row of a file someone uploaded: the row's line, the column,
/// and what is wrong, in both languages.
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: String?
    public var error: DomainError
    /// The row's unit, indicator and period, when known ("20-SNV · cqs_… · 2026Q2").
    public var context: String?
    /// The cell as a spreadsheet names it ("D5"), when the column is in the file.
    public var cell: String?

    /// How many problems a file's check lists; the rest are counted in one last problem.
    /// A file of 200,000 bad rows once made an answer of 171 MB that nobody reads through.
    public static let listed = 1_000

    /// The problem that stands for `count` more, not listed.
    public static func more(_ count: Int) -> RowProblem {
        RowProblem(line: 0, column: nil, error: DomainError(
            code: "more_problems", vi: "… và \(count) lỗi khác (chỉ liệt kê \(listed) lỗi đầu; hãy sửa rồi kiểm tra lại).",
            en: "… and \(count) more problems (only the first \(listed) are listed; fix them and check again)."))
    }

    /// Problems as a check finds them: the first ``listed`` kept, the rest only counted.
    struct Listing {
        private var kept: [RowProblem], omitted = 0
        init(_ problems: [RowProblem]) { kept = problems }
        /// `make` runs only while there is room: a problem past the limit costs nothing.
        mutating func add(_ make: () -> RowProblem) {
            if kept.count < RowProblem.listed { kept.append(make()) } else { omitted += 1 }
        }
        var problems: [RowProblem] { omitted > 0 ? kept + [.more(omitted)] : kept }
    }

    /// `problems` with at most ``listed`` of them listed, and the rest counted.
    public static func capped(_ problems: [RowProblem]) -> [RowProblem] {
        problems.count <= listed ? problems : Array(problems.prefix(listed)) + [more(problems.count - listed)]
    }

    public init(line: Int, column: String?, error: DomainError, context: String? = nil, header: [String] = []) {
        self.line = line
        self.column = column
        self.error = error
        self.context = context
        if let column, let i = header.firstIndex(of: column) { cell = CSVTable.columnLetters(i) + String(line) }
    }

    /// Maps problems a batch check names as `prefix[i].field` back to the file lines of the
    /// entries, the field to its column (`column`), with the entry's `context`.
    public static func locate(_ errors: [DomainError], prefix: String, lines: [Int], header: [String] = [],
                              column: (String) -> String = { $0 }, context: (Int) -> String? = { _ in nil }) -> [RowProblem] {
        errors.map { e in
            guard let field = e.field, field.hasPrefix(prefix + "["), let close = field.firstIndex(of: "]"),
                  let i = Int(field[field.index(field.startIndex, offsetBy: prefix.count + 1)..<close]), lines.indices.contains(i) else {
                return RowProblem(line: 1, column: e.field, error: e)
            }
            let rest = field[field.index(after: close)...]
            return RowProblem(line: lines[i], column: rest.hasPrefix(".") ? column(String(rest.dropFirst())) : nil, error: e,
                              context: context(i), header: header)
        }
    }

    public var description: String {
        "dòng/row \(line)\(column.map { ", cột/column \($0)" } ?? "")\(cell.map { ", ô/cell \($0)" } ?? "")\(context.map { " (\($0))" } ?? ""): \(error.vi) / \(error.en)"
    }
}

/// Reported values in a CSV file, as reporters fill in the template in Excel or
/// LibreOffice: the header `unit,indicator,period,value,numerator,denominator,comment`
/// (`value` or `numerator` and `denominator`, by indicator), numbers with a decimal
/// comma or point ("37,8" or "37.8"). A `name` column, as templates have it to say which
/// indicator a row is, is read past.
public enum ValueFile {
    public static let columns = ["unit", "indicator", "period", "value", "numerator", "denominator", "comment", "name"]
    static let required = ["unit", "indicator", "period"]

    /// Each column's heading in the templates, as people read them; a file may head its columns
    /// either way (the codes, as scripts and older templates do, or these words).
    public static let headings = ["unit": "Mã đơn vị", "indicator": "Mã chỉ tiêu", "period": "Kỳ báo cáo", "value": "Giá trị",
                                  "numerator": "Tử số", "denominator": "Mẫu số", "comment": "Ghi chú", "name": "Tên chỉ tiêu (để đối chiếu)"]

    /// A heading as the column's code: "Tử số" → "numerator", "numerator" as it is; letter case
    /// and the spaces around do not matter. A heading of neither kind is left for the check to name.
    public static func column(_ heading: String) -> String {
        let key = heading.trimmingWhitespace().lowercased()
        return columns.first { $0 == key || headings[$0]?.lowercased() == key } ?? heading
    }

    /// The rows as inputs (with their lines), or every problem found in the file itself.
    public static func read(csv text: String) -> (inputs: [DataValueInput], lines: [Int], problems: [RowProblem]) {
        do { return read(table: try CSVTable(parsing: text)) } catch { return ([], [], [RowProblem(line: 1, column: nil, error: error)]) }
    }

    /// The same from a table however it was read (CSV, a spreadsheet's sheet).
    public static func read(table given: CSVTable) -> (inputs: [DataValueInput], lines: [Int], problems: [RowProblem]) {
        var table = given
        table.header = given.header.map(column)
        let col: [String: Int]
        do { col = try table.columns(required) } catch { return ([], [], [RowProblem(line: 1, column: nil, error: error)]) }
        let unknown = table.header.filter { !$0.isEmpty && !columns.contains($0) }
        let unknownColumns = unknown.map {
            RowProblem(line: 1, column: $0, error: DomainError(
                code: "unknown_column", field: $0, vi: "Cột không hợp lệ \"\($0)\"; các cột: \(columns.joined(separator: ",")).",
                en: "Unknown column \"\($0)\"; the columns are \(columns.joined(separator: ","))."))
        }
        // Problems past the first thousand are counted, not made: each carries its messages.
        var listing = RowProblem.Listing(unknownColumns)
        var inputs: [DataValueInput] = [], lines: [Int] = []
        inputs.reserveCapacity(table.rows.count)
        lines.reserveCapacity(table.rows.count)
        // Each column's position, found once: a national import reads tens of millions of cells.
        let (unit, indicator, period) = (col["unit"], col["indicator"], col["period"])
        let (value, numerator, denominator, comment) = (col["value"], col["numerator"], col["denominator"], col["comment"])
        for row in table.rows {
            func cell(_ i: Int?) -> String? {
                guard let i, i < row.fields.count else { return nil }
                let v = row.fields[i].trimmingWhitespace()
                return v.isEmpty ? nil : v
            }
            func number(_ i: Int?, _ name: String) -> Double? {
                guard let text = cell(i) else { return nil }
                guard let x = VietnameseNumber.parse(text) else {
                    listing.add { RowProblem(line: row.line, column: name, error: .invalidNumber(text, field: name), header: table.header) }
                    return nil
                }
                return x
            }
            if row.fields.count > table.header.count {
                listing.add { RowProblem(line: row.line, column: nil, error: DomainError(
                    code: "extra_fields", vi: "Dòng có \(row.fields.count) ô, nhiều hơn \(table.header.count) cột của tiêu đề.",
                    en: "The row has \(row.fields.count) fields, more than the header's \(table.header.count).")) }
            }
            let keys = (cell(unit), cell(indicator), cell(period))
            func require(_ text: String?, _ name: String) {
                if text == nil { listing.add { RowProblem(line: row.line, column: name, error: .required(name), header: table.header) } }
            }
            require(keys.0, "unit")
            require(keys.1, "indicator")
            require(keys.2, "period")
            let input = DataValueInput(unit: keys.0 ?? "", indicator: keys.1 ?? "", period: keys.2 ?? "",
                                       value: number(value, "value"), numerator: number(numerator, "numerator"),
                                       denominator: number(denominator, "denominator"), comment: cell(comment))
            if let _ = keys.0, let _ = keys.1, let _ = keys.2 {
                inputs.append(input)
                lines.append(row.line)
            }
        }
        if table.rows.isEmpty {
            listing.add { RowProblem(line: 1, column: nil, error: DomainError(code: "no_rows", vi: "Tệp không có dòng số liệu nào.", en: "The file has no data rows.")) }
        }
        return (inputs, lines, listing.problems)
    }

    /// A file to fill in: the headings and one row per indicator of the form and unit, the
    /// unit and period filled in, the indicator's name as a guide, and the figures the report
    /// already holds (`values`), so that a reporter corrects rather than types again.
    public static func templateRows(form: ReportForm, indicators: [String: Indicator], units: [String], period: Period,
                                    values: [DataValue] = []) -> [[String]] {
        let held = Dictionary(values.map { ("\($0.unitCode)|\($0.indicatorCode)", $0) }, uniquingKeysWith: { a, _ in a })
        return [columns.map { headings[$0]! }] + units.flatMap { unit in
            form.indicators.map { code in
                let hint = indicators[code].map { $0.takesFraction ? "\($0.nameVi) (nhập tử số, mẫu số)" : "\($0.nameVi) (\($0.unitVi))" } ?? ""
                let v = held["\(unit)|\(code)"]
                let fraction = indicators[code]?.takesFraction ?? false
                func text(_ x: Double?) -> String { x.map(VietnameseNumber.plain) ?? "" }
                return [unit, code, period.id, fraction ? "" : text(v?.value), text(v?.numerator), text(v?.denominator), v?.comment ?? "", hint]
            }
        }
    }

    /// Maps the problems `DataEntry` names as `values[i].field` back to file lines and
    /// columns, with the row's unit, indicator and period.
    public static func locate(_ errors: [DomainError], inputs: [DataValueInput], lines: [Int], header: [String] = []) -> [RowProblem] {
        let listed = Array(errors.prefix(RowProblem.listed))
        let located = RowProblem.locate(listed, prefix: "values", lines: lines, header: header,
                                        context: { i in "\(inputs[i].unit) · \(inputs[i].indicator) · \(inputs[i].period)" })
        return errors.count > listed.count ? located + [.more(errors.count - listed.count)] : located
    }
}
