/// A file that says which UID another DHIS2 gives each of dxtrack's objects, for
/// `dxtrack push --map FILE`: CSV with the header `kind,code,uid`, one object a line.
///
/// ```
/// kind,code,uid
/// organisationUnit,20,Rp268JB6Ne4
/// dataElement,cks_phuong_tien,fbfJHSPpUQD
/// ```
///
/// Every problem is named with the file, the line and the field, and nothing is taken
/// from a file that has one.
public enum UIDMapFile {
    public static func read(_ text: String, file: String) throws(DomainErrors) -> [DHIS2Identifiers.Entry] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch { throw DomainErrors([error.in(file: file)]) }
        let header = table.header.map { $0.trimmingWhitespace().lowercased() }
        guard header == ["kind", "code", "uid"] else { throw DomainErrors([.badMapHeader(file: file)]) }
        var entries: [DHIS2Identifiers.Entry] = [], problems: [DomainError] = [], seen: [String: Int] = [:]
        for row in table.rows where !row.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            let f = row.fields.map { $0.trimmingWhitespace() } + ["", "", ""]
            guard let kind = DHIS2Kind(rawValue: f[0]) else { problems.append(.badMapField(file: file, line: row.line, field: "kind", value: f[0])); continue }
            guard !f[1].isEmpty else { problems.append(.badMapField(file: file, line: row.line, field: "code", value: f[1])); continue }
            guard DHIS2UID.isValid(f[2]) else { problems.append(.badMapField(file: file, line: row.line, field: "uid", value: f[2])); continue }
            if let earlier = seen["\(kind.rawValue):\(f[1])"] {
                problems.append(.duplicateMapEntry(file: file, line: row.line, earlier: earlier, code: f[1]))
                continue
            }
            seen["\(kind.rawValue):\(f[1])"] = row.line
            entries.append(.init(kind, code: f[1], uid: f[2]))
        }
        guard problems.isEmpty else { throw DomainErrors(problems) }
        return entries
    }
}

extension DomainError {
    func `in`(file: String) -> DomainError {
        DomainError(code: code, field: field, vi: "\(file): \(vi)", en: "\(file): \(en)", kind: kind)
    }

    static func badMapHeader(file: String) -> DomainError {
        DomainError(code: "invalid_map_file", field: "header", vi: "\(file), dòng 1: tiêu đề phải là kind,code,uid.",
                    en: "\(file), line 1: the header must be kind,code,uid.")
    }

    static func badMapField(file: String, line: Int, field: String, value: String) -> DomainError {
        let what = switch field {
        case "kind": ("loại đối tượng phải là một trong \(DHIS2Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                      "the kind must be one of \(DHIS2Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        case "uid": ("UID phải gồm 11 chữ cái và chữ số, bắt đầu bằng chữ cái", "a UID is 11 letters and digits, the first a letter")
        default: ("thiếu mã", "the code is missing")
        }
        return DomainError(code: "invalid_map_file", field: field, vi: "\(file), dòng \(line), cột \(field) (\"\(value)\"): \(what.0).",
                           en: "\(file), line \(line), column \(field) (\"\(value)\"): \(what.1).")
    }

    static func duplicateMapEntry(file: String, line: Int, earlier: Int, code: String) -> DomainError {
        DomainError(code: "invalid_map_file", field: "code", vi: "\(file), dòng \(line): \(code) đã có ở dòng \(earlier).",
                    en: "\(file), line \(line): \(code) is mapped on line \(earlier) already.")
    }

    public static func unmappedForPush(_ missing: [(DHIS2Kind, String)]) -> DomainError {
        let list = missing.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        return DomainError(code: "unmapped_for_push", field: "mapping",
                           vi: "Hệ thống đích không có UID cho: \(list). Không gửi gì.",
                           en: "The target has no UID for: \(list). Nothing was sent.", kind: .conflict)
    }
}
