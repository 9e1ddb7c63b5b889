import DXDomain
import Foundation
import Yams

/// The composite-index frameworks dxtrack ships (the provincial DTI of 2020 and of
/// 2021–2023), and any a province writes for itself in the same YAML shape.
public enum IndexFrameworks {
    /// The framework called `name` (or one of its aliases), or one read from a file path.
    public static func named(_ name: String) throws -> IndexFramework {
        if FileManager.default.fileExists(atPath: name) { return try load(path: name) }
        for framework in try shipped() where framework.code == name || framework.aliases.contains(name) {
            return framework
        }
        let names = (try? shipped().flatMap { [$0.code] + $0.aliases }.sorted()) ?? []
        throw DomainError(code: "unknown_framework", field: "framework",
                          vi: "Không có khung chỉ số \"\(name)\". Có: \(names.joined(separator: ", ")), hoặc đường dẫn tệp YAML.",
                          en: "No index framework \"\(name)\". Known: \(names.joined(separator: ", ")), or a YAML file path.")
    }

    public static func shipped() throws -> [IndexFramework] {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Frameworks").path
        return try CatalogLoader.files(at: dir).map { try load(path: $0) }
    }

    static func load(path: String) throws -> IndexFramework {
        let framework = try YAMLDecoder().decode(IndexFramework.self, from: String(contentsOfFile: path, encoding: .utf8))
        let problems = framework.validate()
        guard problems.isEmpty else { throw DomainErrors(problems) }
        return framework
    }

    /// Reads `unit,main_index,value` rows (values in [0, 1]); every bad row is reported
    /// with its line and column, and nothing is returned unless all rows are good.
    public static func readValues(csv text: String, file: String, framework: IndexFramework) throws -> [String: [String: Double]] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch { throw CatalogProblems([.init(location: .init(file: file, line: 1), error: error)]) }
        let col: [String: Int]
        do { col = try table.columns(["unit", "main_index", "value"]) } catch {
            throw CatalogProblems([.init(location: .init(file: file, line: 1), error: error)])
        }
        let known = Set(framework.components.map(\.code))
        var values: [String: [String: Double]] = [:]
        var problems: [CatalogProblem] = []
        for row in table.rows {
            func cell(_ name: String) -> String { row.fields.indices.contains(col[name]!) ? row.fields[col[name]!].trimmingCharacters(in: .whitespaces) : "" }
            func fail(_ field: String, _ code: String, _ vi: String, _ en: String) {
                problems.append(.init(location: .init(file: file, line: row.line), error: DomainError(code: code, field: field, vi: vi, en: en)))
            }
            let unit = cell("unit"), index = cell("main_index"), raw = cell("value")
            if unit.isEmpty { fail("unit", "required", "Thiếu mã đơn vị.", "The unit is missing.") }
            guard known.contains(index) else {
                fail("main_index", "unknown_component", "Chỉ số chính \"\(index)\" không có trong khung \(framework.code).",
                     "Main index \"\(index)\" is not in framework \(framework.code).")
                continue
            }
            guard let v = VietnameseNumber.parse(raw), (0...1).contains(v) else {
                fail("value", "out_of_range", "Giá trị \"\(raw)\" phải là số từ 0 đến 1.", "Value \"\(raw)\" must be a number from 0 to 1.")
                continue
            }
            if values[unit]?[index] != nil {
                fail("main_index", "duplicate", "Đơn vị \(unit) có hai giá trị cho \(index).", "Unit \(unit) has two values for \(index).")
            }
            values[unit, default: [:]][index] = v
        }
        guard problems.isEmpty else { throw CatalogProblems(problems) }
        return values
    }
}
