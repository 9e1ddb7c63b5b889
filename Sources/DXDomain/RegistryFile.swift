/// The information-system registry as a table (CSV or a workbook's sheet): one row per
/// system, the columns below. Enumerations take their code or their Vietnamese name
/// ("provincialCloud" or "Nền tảng điện toán đám mây của tỉnh (Lạng Sơn Cloud)"), dates
/// dd/mm/yyyy or yyyy-mm-dd, yes/no as có/không, yes/no, 1/0.
public enum RegistryFile {
    public static let columns = ["code", "name", "owner_unit", "purpose", "information", "kind", "personal_data_subjects",
                                 "proposed_level", "approved_level", "decision_number", "decision_date", "approver",
                                 "protection_plan", "protection_plan_date", "hosting", "hosted_since", "monitored", "monitored_since",
                                 "status", "in_operation_since", "retired_on", "suggested_level"]
    static let required = ["code", "name", "owner_unit", "information", "kind", "hosting"]

    /// Every row as a system (with its line), or the problems of each row, cell by cell.
    public static func read(table: CSVTable) -> (systems: [InformationSystem], lines: [Int], problems: [RowProblem]) {
        let col: [String: Int]
        do { col = try table.columns(required) } catch { return ([], [], [RowProblem(line: 1, column: nil, error: error)]) }
        var problems = table.header.filter { !$0.isEmpty && !columns.contains($0) }.map {
            RowProblem(line: 1, column: $0, error: .unknownRegistryColumn($0, columns: columns))
        }
        var systems: [InformationSystem] = [], lines: [Int] = []
        var seen: [String: Int] = [:]
        for row in table.rows where !row.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            var rowProblems: [RowProblem] = []
            func fail(_ column: String, _ error: DomainError) {
                rowProblems.append(RowProblem(line: row.line, column: column, error: error, header: table.header))
            }
            func cell(_ name: String) -> String? {
                guard let i = col[name], row.fields.indices.contains(i) else { return nil }
                let v = row.fields[i].trimmingWhitespace()
                return v.isEmpty ? nil : v
            }
            func text(_ name: String) -> String {
                guard let v = cell(name) else { fail(name, .required(name)); return "" }
                return v
            }
            func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ nameVi: (T) -> String, default d: T? = nil) -> T? where T.RawValue == String {
                guard let v = cell(name) else {
                    if d == nil { fail(name, .required(name)) }
                    return d
                }
                if let x = T.allCases.first(where: { $0.rawValue.lowercased() == v.lowercased() || nameVi($0).lowercased() == v.lowercased() }) { return x }
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                fail(name, .notOneOf(v, allowed: allowed, field: name))
                return nil
            }
            func date(_ name: String) -> LocalDate? {
                guard let v = cell(name) else { return nil }
                do { return v.contains("/") ? try LocalDate(vietnamese: v) : try LocalDate(iso: v) } catch { fail(name, error.at(field: name)); return nil }
            }
            func whole(_ name: String) -> Int? {
                guard let v = cell(name) else { return nil }
                guard let x = VietnameseNumber.parse(v), x == x.rounded(), abs(x) < 1e12 else { fail(name, .invalidNumber(v, field: name)); return nil }
                return Int(x)
            }
            func yes(_ name: String) -> Bool {
                guard let v = cell(name)?.lowercased() else { return false }
                if ["có", "yes", "true", "1", "x"].contains(v) { return true }
                if ["không", "no", "false", "0"].contains(v) { return false }
                fail(name, .notYesOrNo(v, field: name))
                return false
            }
            let code = text("code")
            let system = InformationSystem(
                code: code, name: text("name"), ownerUnit: text("owner_unit"), purpose: cell("purpose"),
                information: choice("information", \InformationKind.nameVi) ?? .public, kind: choice("kind", \SystemKind.nameVi) ?? .other,
                personalDataSubjects: whole("personal_data_subjects"), proposedLevel: whole("proposed_level"), approvedLevel: whole("approved_level"),
                decisionNumber: cell("decision_number"), decisionDate: date("decision_date"), approver: cell("approver"),
                protectionPlan: cell("protection_plan"), protectionPlanDate: date("protection_plan_date"),
                hosting: choice("hosting", \Hosting.nameVi) ?? .other, hostedSince: date("hosted_since"), monitored: yes("monitored"),
                monitoredSince: date("monitored_since"), status: choice("status", \SystemStatus.nameVi, default: .inOperation) ?? .inOperation,
                inOperationSince: date("in_operation_since"), retiredOn: date("retired_on"))
            let reported = Set(rowProblems.compactMap(\.column))
            for e in system.validate() where !reported.contains(Self.column(e.field)) { fail(Self.column(e.field), e) }
            if !code.isEmpty, let first = seen[code] {
                fail("code", .duplicateSystem(code, firstLine: first))
            }
            seen[code] = seen[code] ?? row.line
            if rowProblems.isEmpty { systems.append(system); lines.append(row.line) } else { problems += rowProblems }
        }
        return (systems, lines, problems)
    }

    /// The column a model field is read from (`approvedLevel` → `approved_level`).
    public static func column(_ field: String?) -> String {
        guard let field else { return "code" }
        return field.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// The rows of a registry table, header first (what `read` reads back), with the level
    /// ND 85/2016 suggests in the last column.
    public static func rows(_ systems: [InformationSystem]) -> [[String]] {
        [columns] + systems.map { s in
            [s.code, s.name, s.ownerUnit, s.purpose ?? "", s.information.rawValue, s.kind.rawValue, s.personalDataSubjects.map(String.init) ?? "",
             s.proposedLevel.map(String.init) ?? "", s.approvedLevel.map(String.init) ?? "", s.decisionNumber ?? "",
             s.decisionDate?.formattedVietnamese ?? "", s.approver ?? "", s.protectionPlan ?? "", s.protectionPlanDate?.formattedVietnamese ?? "",
             s.hosting.rawValue, s.hostedSince?.formattedVietnamese ?? "", s.monitored ? "có" : "không", s.monitoredSince?.formattedVietnamese ?? "",
             s.status.rawValue, s.inOperationSince?.formattedVietnamese ?? "", s.retiredOn?.formattedVietnamese ?? "", String(s.suggestedLevel)]
        }
    }
}

/// The problems of a registry file, said once each.
extension DomainError {
    static func unknownRegistryColumn(_ name: String, columns: [String]) -> DomainError {
        DomainError(code: "unknown_column", field: name,
            vi: "Cột không hợp lệ \"\(name)\"; các cột: \(columns.joined(separator: ",")).",
            en: "Unknown column \"\(name)\"; the columns are \(columns.joined(separator: ",")).")
    }

    static func notOneOf(_ v: String, allowed: String, field name: String) -> DomainError {
        DomainError(code: "invalid_value", field: name, vi: "Giá trị \"\(v)\" không hợp lệ; dùng: \(allowed).",
            en: "\"\(v)\" is not valid; use one of \(allowed).")
    }

    static func notYesOrNo(_ v: String, field name: String) -> DomainError {
        DomainError(code: "invalid_value", field: name, vi: "Ghi \"có\" hoặc \"không\", không phải \"\(v)\".",
            en: "Write yes or no, not \"\(v)\".")
    }

    static func duplicateSystem(_ code: String, firstLine first: Int) -> DomainError {
        DomainError(code: "duplicate_code", field: "code", vi: "Mã hệ thống \(code) trùng với dòng \(first).",
            en: "System code \(code) repeats line \(first).")
    }
}
