import DXDomain
import Foundation
import Yams

/// Reads a catalog from a folder of YAML files (or one file).
///
/// Each file may hold any of these top-level keys:
///
/// ```yaml
/// indicators: [ … ]          # Indicator entries
/// plan: { … }                # one Plan, with…
/// targets: [ … ]             # …its targets (planCode may be left out)
/// units: [ … ]               # OrgUnit entries
/// changes: [ … ]             # OrgUnitChange entries (merge, split, rename)
/// forms: [ … ]               # ReportForm entries (report forms and their deadlines)
/// validationRules: [ … ]     # ValidationRule entries (rules between a report's values)
/// ```
///
/// and `*.csv` files with the header `old_province_63,new_province_34,type` give
/// the national province map. Every problem is collected with its file and line;
/// an entry with a problem is left out of the result.
public enum CatalogLoader {
    /// The catalog at `path` if it has no problem at all (reading or fitting together);
    /// otherwise throws ``CatalogProblems`` with every one of them.
    public static func loadValid(_ path: String) throws(CatalogProblems) -> Catalog {
        let (catalog, problems) = load(path)
        let all = problems + catalog.check()
        guard all.isEmpty else { throw CatalogProblems(all) }
        return catalog
    }

    /// Reads what can be read, and every problem met on the way (with file and line).
    /// Entries with a problem are left out; ``Catalog/check()`` is not run.
    public static func load(_ path: String) -> (Catalog, [CatalogProblem]) {
        var catalog = Catalog()
        var problems: [CatalogProblem] = []
        let found = files(at: path)
        if found.isEmpty {
            problems.append(CatalogProblem(location: .init(file: path, line: 1), error: DomainError(
                code: "no_catalog", vi: "Không có tệp danh mục (.yaml, .csv, .xlsx) tại đây.", en: "No catalog files (.yaml, .csv, .xlsx) here.")))
        }
        for file in found {
            let display = displayName(file, root: path)
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            guard size <= maxFileSize else {
                problems.append(CatalogProblem(location: .init(file: display, line: 1), error: DomainError(
                    code: "too_large", vi: "Tệp lớn hơn \(maxFileSize >> 20) MiB; không đọc.", en: "The file is over \(maxFileSize >> 20) MiB; refused.")))
                continue
            }
            if file.hasSuffix(".xlsx") {
                let (one, found) = CatalogWorkbook.read(Array(FileManager.default.contents(atPath: file) ?? Data()), file: display)
                catalog.append(one)
                problems += found
                continue
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                problems.append(CatalogProblem(location: .init(file: display, line: 1), error: DomainError(
                    code: "unreadable_file", vi: "Không đọc được tệp (cần UTF-8).", en: "Cannot read the file (UTF-8 expected).")))
                continue
            }
            read(text, file: display, into: &catalog, problems: &problems)
        }
        return (catalog, problems)
    }

    /// One catalog file's text, as `load` reads it (for checks of uploaded text and fuzzing).
    public static func read(text: String, file: String) -> (Catalog, [CatalogProblem]) {
        var catalog = Catalog(), problems: [CatalogProblem] = []
        read(text, file: file, into: &catalog, problems: &problems)
        return (catalog, problems)
    }

    private static func read(_ text: String, file: String, into catalog: inout Catalog, problems: inout [CatalogProblem]) {
        if file.hasSuffix(".csv") { readMergers(text, file: file, into: &catalog, problems: &problems) }
        else { readYAML(text, file: file, into: &catalog, problems: &problems) }
    }

    static func files(at path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }
            .sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    private static func displayName(_ file: String, root: String) -> String {
        file == root ? file : String(file.dropFirst(root.count).drop { $0 == "/" })
    }

    // MARK: YAML

    private static let topLevelKeys: Set<String> = ["indicators", "plan", "targets", "units", "changes", "forms", "validationRules", "campaigns"]

    private static func readYAML(_ text: String, file: String, into catalog: inout Catalog, problems: inout [CatalogProblem]) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return }
            root = node
        } catch {
            problems.append(CatalogProblem(location: .init(file: file, line: yamlErrorLine(error)), error: DomainError(
                code: "invalid_yaml", vi: "YAML không hợp lệ: \(error)", en: "Invalid YAML: \(error)")))
            return
        }
        // Aliases are expanded when composed: a few lines can stand for billions of nodes
        // ("billion laughs"). No catalog comes near the limit.
        guard nodeCount(root, limit: maxNodes) <= maxNodes else {
            problems.append(problem(file, root, "too_complex",
                                    vi: "Tệp có quá nhiều nút (trên \(maxNodes)), có thể do bí danh (alias) lồng nhau; không đọc.",
                                    en: "The file expands to more than \(maxNodes) nodes, likely through nested aliases; refused."))
            return
        }
        guard let mapping = root.mapping else {
            problems.append(problem(file, root, "not_a_mapping", vi: "Tệp phải là một bảng khóa: giá trị (indicators, plan, targets, units, changes).",
                                    en: "The file must be a mapping (indicators, plan, targets, units, changes)."))
            return
        }
        for (key, _) in mapping where !topLevelKeys.contains(key.string ?? "") {
            problems.append(problem(file, key, "unknown_key", vi: "Khóa không hợp lệ \"\(key.string ?? "")\"; các khóa: \(topLevelKeys.sorted().joined(separator: ", ")).",
                                    en: "Unknown key \"\(key.string ?? "")\"; expected one of \(topLevelKeys.sorted().joined(separator: ", "))."))
        }
        var planCode: String?
        if let planNode = mapping["plan"] {
            if let plan = decode(Plan.self, planNode, file: file, problems: &problems) {
                catalog.plans.append(plan)
                planCode = plan.value.code
            }
        }
        catalog.indicators += list(Indicator.self, mapping["indicators"], file: file, problems: &problems)
        catalog.targets += list(Target.self, mapping["targets"], file: file, planCode: planCode, problems: &problems)
        catalog.units += list(OrgUnit.self, mapping["units"], file: file, problems: &problems)
        catalog.changes += list(OrgUnitChange.self, mapping["changes"], file: file, problems: &problems)
        catalog.forms += list(ReportForm.self, mapping["forms"], file: file, problems: &problems)
        catalog.rules += list(ValidationRule.self, mapping["validationRules"], file: file, problems: &problems)
        catalog.campaigns += list(Campaign.self, mapping["campaigns"], file: file, problems: &problems)
    }

    static let maxNodes = 200_000
    /// Files larger than this are not read at all.
    static let maxFileSize = 10 << 20

    /// Counts nodes, stopping as soon as the count passes `limit`.
    private static func nodeCount(_ node: Node, limit: Int) -> Int {
        var count = 0
        var stack = [node]
        while let n = stack.popLast(), count <= limit {
            count += 1
            if let seq = n.sequence { stack.append(contentsOf: seq) }
            if let map = n.mapping { for (k, v) in map { stack.append(k); stack.append(v) } }
        }
        return count
    }

    private static func list<T: Decodable & Sendable>(_ type: T.Type, _ node: Node?, file: String, planCode: String? = nil,
                                                      problems: inout [CatalogProblem]) -> [Located<T>] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            problems.append(problem(file, node, "not_a_list", vi: "Cần một danh sách (mỗi mục bắt đầu bằng \"- \").",
                                    en: "A list is expected (each entry starting with \"- \")."))
            return []
        }
        return items.compactMap { decode(type, $0, file: file, planCode: planCode, problems: &problems) }
    }

    private static func decode<T: Decodable & Sendable>(_ type: T.Type, _ node: Node, file: String, planCode: String? = nil,
                                                        problems: inout [CatalogProblem]) -> Located<T>? {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1)
        let before = problems.count
        checkFields(node, of: String(describing: type), file: file, problems: &problems)
        let ok = problems.count == before
        do {
            var userInfo: [CodingUserInfoKey: Any] = [:]
            if let planCode { userInfo[.defaultPlanCode] = planCode }
            let value = try YAMLDecoder().decode(type, from: node, userInfo: userInfo)
            return ok ? Located(value: value, location: location) : nil
        } catch let error as DomainError {
            problems.append(CatalogProblem(location: location, error: error))
        } catch let error as DecodingError {
            problems.append(describe(error, node: node, file: file))
        } catch {
            problems.append(CatalogProblem(location: location, error: DomainError(code: "invalid_entry", vi: "Mục không hợp lệ: \(error)", en: "Invalid entry: \(error)")))
        }
        return nil
    }

    /// Every field of an entry, and of the entries nested in it (a form's reminders and
    /// approval levels), must be one its kind has: a misspelt one is named, not ignored.
    private static func checkFields(_ node: Node, of kind: String, file: String, problems: inout [CatalogProblem]) {
        guard let mapping = node.mapping, let allowed = CatalogFields.allowed[kind] else { return }
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                let hint = allowed.first { $0.lowercased() == name.lowercased() }.map { " (\($0)?)" } ?? ""
                problems.append(problem(file, key, "unknown_field",
                                        vi: "Trường không hợp lệ \"\(name)\"\(hint). Các trường: \(allowed.sorted().joined(separator: ", ")).",
                                        en: "Unknown field \"\(name)\"\(hint). Known: \(allowed.sorted().joined(separator: ", ")).", field: name))
                continue
            }
            guard let inner = CatalogFields.nested[kind]?[name] else { continue }
            for child in value.sequence ?? [value] { checkFields(child, of: inner, file: file, problems: &problems) }
        }
    }

    private static func describe(_ error: DecodingError, node: Node, file: String) -> CatalogProblem {
        func at(_ path: [any CodingKey]) -> Node {
            var current = node
            for key in path {
                if let i = key.intValue, let seq = current.sequence, i < seq.count { current = seq[i] }
                else if let child = current.mapping?[key.stringValue] { current = child }
                else { break }
            }
            return current
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return problem(file, at(ctx.codingPath), "required", vi: "Thiếu trường bắt buộc \"\(key.stringValue)\".",
                           en: "The field \"\(key.stringValue)\" is required.", field: key.stringValue)
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            let field = ctx.codingPath.last?.stringValue
            if let domain = ctx.underlyingError as? DomainError {
                return CatalogProblem(location: .init(file: file, line: at(ctx.codingPath).mark?.line ?? 1),
                                      error: field.map { domain.at(field: $0) } ?? domain)
            }
            let value = at(ctx.codingPath).scalar?.string ?? ""
            return problem(file, at(ctx.codingPath), "invalid_value",
                           vi: "Giá trị không hợp lệ\(field.map { " cho \"\($0)\"" } ?? ""): \"\(value)\". \(CatalogFields.hint(field))",
                           en: "Invalid value\(field.map { " for \"\($0)\"" } ?? ""): \"\(value)\". \(CatalogFields.hintEn(field))", field: field)
        @unknown default:
            return problem(file, node, "invalid_entry", vi: "Mục không hợp lệ.", en: "Invalid entry.")
        }
    }

    private static func problem(_ file: String, _ node: Node, _ code: String, vi: String, en: String, field: String? = nil) -> CatalogProblem {
        CatalogProblem(location: .init(file: file, line: node.mark?.line ?? 1), error: DomainError(code: code, field: field, vi: vi, en: en))
    }

    private static func yamlErrorLine(_ error: any Error) -> Int {
        if case let YamlError.scanner(_, _, mark, _) = error { return mark.line }
        if case let YamlError.parser(_, _, mark, _) = error { return mark.line }
        return 1
    }

    // MARK: CSV (the province map)

    private static func readMergers(_ text: String, file: String, into catalog: inout Catalog, problems: inout [CatalogProblem]) {
        // "\r\n" is one Character in Swift, so normalise line ends before splitting; drop a BOM.
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{FEFF}", with: "")
        let lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "old_province_63,new_province_34,type" else {
            problems.append(CatalogProblem(location: .init(file: file, line: 1), error: DomainError(
                code: "invalid_header", field: "header",
                vi: "Dòng tiêu đề phải là \"old_province_63,new_province_34,type\".",
                en: "The header must be \"old_province_63,new_province_34,type\".")))
            return
        }
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3, !cells[0].isEmpty, !cells[1].isEmpty, let kind = ProvinceMerger.Kind(rawValue: cells[2]) else {
                problems.append(CatalogProblem(location: .init(file: file, line: i + 1), error: DomainError(
                    code: "invalid_row", vi: "Dòng cần 3 cột: tỉnh cũ, tỉnh mới, unchanged|merged.",
                    en: "A row needs 3 columns: former province, current province, unchanged|merged.")))
                continue
            }
            catalog.provinceMergers.append(Located(value: ProvinceMerger(formerProvince: cells[0], currentProvince: cells[1], kind: kind),
                                                   location: .init(file: file, line: i + 1)))
        }
    }
}
