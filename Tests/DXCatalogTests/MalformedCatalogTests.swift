import DXCatalog
import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

/// Each kind of mistake a coordinator can make in a catalog is reported with its
/// file, line and reason, and nothing is imported.
@Suite struct MalformedCatalogTests {
    static let valid: [String: String] = [
        "units.yaml": """
            units:
              - {code: "20", name: "Tỉnh Lạng Sơn", kind: province}
              - {code: "178", name: "Thành phố Lạng Sơn", kind: district, parentCode: "20", validTo: 2025-06-30}
              - {code: "05983", name: "Phường Lương Văn Tri", kind: ward, parentCode: "20", validFrom: 2025-07-01}
            changes:
              - {predecessorCode: "178", successorCode: "05983", kind: split, effective: 2025-07-01}

            """,
        "indicators.yaml": """
            indicators:
              - code: ho_so
                nameVi: Tỷ lệ hồ sơ công việc xử lý trên mạng
                nameEn: Work records processed online
                pillar: chinh_quyen_so
                valueType: percentage
                aggregation: ratioOfSums
                direction: higherIsBetter
                decimals: 1
                unitVi: "%"

            """,
        "plan.yaml": """
            plan:
              code: KH1
              unitCode: "20"
              issuer: UBND tỉnh Lạng Sơn
              issuedOn: 2021-01-01
              title: Kế hoạch chuyển đổi số
              horizon: "2025"
            targets:
              - code: KH1.1
                indicatorCode: ho_so
                shape: atLeast
                value: 80
                horizon: "2025"

            """,
        "campaign.yaml": """
            campaigns:
              - code: TD
                nameVi: Thi đua chuyển đổi số
                theme: Quyết tâm
                unitCode: "20"
                planCode: KH1
                start: 2022-01-01
                end: 2022-12-31
                clusters:
                  - {code: K, nameVi: Cụm, members: ["178"]}
                criteria:
                  - {code: a, nameVi: Hồ sơ, points: 10, targetCode: KH1.1}

            """,
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let file: String
        let find: String
        let replace: String
        let line: Int
        let code: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "broken YAML", file: "plan.yaml", find: "  title: Kế hoạch chuyển đổi số", replace: "  title: [Kế hoạch", line: 7, code: "invalid_yaml"),
        Case(name: "unknown top-level key", file: "units.yaml", find: "changes:", replace: "unit_kinds: []\nchanges:", line: 5, code: "unknown_key"),
        Case(name: "misspelt field", file: "plan.yaml", find: "    shape: atLeast", replace: "    shape: atLeast\n    startdate: 2022-06-01", line: 12, code: "unknown_field"),
        Case(name: "unknown indicator", file: "plan.yaml", find: "indicatorCode: ho_so", replace: "indicatorCode: khong_co", line: 9, code: "unknown_indicator"),
        Case(name: "unknown unit kind", file: "units.yaml", find: "kind: district", replace: "kind: hamlet", line: 3, code: "invalid_value"),
        Case(name: "duplicate code", file: "indicators.yaml", find: "    unitVi: \"%\"", replace: "    unitVi: \"%\"\n  - {code: ho_so, nameVi: a, nameEn: a, pillar: kinh_te_so, valueType: count, aggregation: sum, direction: higherIsBetter, decimals: 0, unitVi: cái}", line: 11, code: "duplicate_code"),
        Case(name: "shape that does not fit its indicator", file: "plan.yaml", find: "shape: atLeast", replace: "shape: rankAtMost", line: 9, code: "shape_mismatch"),
        Case(name: "horizon before the plan's date", file: "plan.yaml", find: "    horizon: \"2025\"", replace: "    horizon: \"2020\"", line: 9, code: "horizon_before_plan"),
        Case(name: "predecessor that does not exist", file: "units.yaml", find: "predecessorCode: \"178\"", replace: "predecessorCode: \"999\"", line: 6, code: "unknown_unit"),
        Case(name: "missing direction", file: "indicators.yaml", find: "    direction: higherIsBetter\n", replace: "", line: 2, code: "required"),
        Case(name: "invalid period", file: "plan.yaml", find: "    horizon: \"2025\"", replace: "    horizon: \"2025Q5\"", line: 13, code: "invalid_period"),
        Case(name: "parent that does not exist", file: "units.yaml", find: "kind: district, parentCode: \"20\"", replace: "kind: district, parentCode: \"21\"", line: 3, code: "unknown_parent"),
        Case(name: "percentage target over 100", file: "plan.yaml", find: "value: 80", replace: "value: 120", line: 9, code: "out_of_range"),
        Case(name: "about without a tolerance", file: "plan.yaml", find: "shape: atLeast", replace: "shape: about", line: 9, code: "required"),
        Case(name: "bad province-map header", file: "national.csv", find: "", replace: "a,b,c\nHà Nội,Hà Nội,unchanged\n", line: 1, code: "invalid_header"),
        Case(name: "a rule on an unknown indicator", file: "plan.yaml", find: "targets:",
             replace: "validationRules:\n  - {code: R, nameVi: r, left: [khong_co], operator: \"<=\", right: [ho_so.numerator], missingValueStrategy: neverSkip}\ntargets:",
             line: 9, code: "unknown_indicator"),
        Case(name: "a rule with an unknown operator", file: "plan.yaml", find: "targets:",
             replace: "validationRules:\n  - {code: R, nameVi: r, left: [ho_so], operator: \"=<\", right: [ho_so], missingValueStrategy: neverSkip}\ntargets:",
             line: 9, code: "invalid_value"),
        Case(name: "a formula on an unknown indicator", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\n" + formula("f", "#{ho_so} / #{khong_co}"), line: 11, code: "unknown_indicator"),
        Case(name: "formulas that go round in a circle", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\n" + formula("f", "#{g} * 2") + formula("g", "#{f} + 1"), line: 11, code: "formula_cycle"),
        Case(name: "a formula mixing quarterly and yearly figures", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\n" + formula("f", "#{ho_so} / #{y}")
                + "  - {code: y, nameVi: y, nameEn: y, pillar: tong_hop, valueType: count, aggregation: sum, direction: higherIsBetter, decimals: 0, unitVi: cái}\n"
                + "forms:\n" + form("Q", "Quarterly", "ho_so") + form("Y", "Yearly", "y"), line: 11, code: "wrong_period_type"),
        Case(name: "a computed indicator asked for in a form", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\n  - {code: f, nameVi: f, nameEn: f, pillar: an_toan_thong_tin, valueType: percentage, aggregation: ratioOfSums, "
                + "direction: higherIsBetter, decimals: 1, unitVi: \"%\", computed: {registry: classified}}\nforms:\n" + form("Q", "Quarterly", "f"),
             line: 13, code: "computed_in_form"),
        Case(name: "a reminder on the deadline's own day", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\nforms:\n" + form("Q", "Quarterly", "ho_so").replacingOccurrences(of: "}}\n", with: "}, reminders: {before: [7, 0], after: [1]}}\n"),
             line: 12, code: "invalid_reminders"),
        Case(name: "a release delay of more than a year", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\n    releaseAfterDays: 400\n", line: 2, code: "invalid_release_days"),
        Case(name: "a misspelt reminders field", file: "indicators.yaml", find: "    unitVi: \"%\"\n",
             replace: "    unitVi: \"%\"\nforms:\n" + form("Q", "Quarterly", "ho_so").replacingOccurrences(of: "}}\n", with: "}, reminders: {befor: [7], after: [1]}}\n"),
             line: 12, code: "unknown_field"),
        Case(name: "a campaign member that does not exist", file: "campaign.yaml", find: "members: [\"178\"]", replace: "members: [\"999\"]",
             line: 2, code: "unknown_unit"),
        Case(name: "a criterion on an unknown target", file: "campaign.yaml", find: "targetCode: KH1.1", replace: "targetCode: KH9", line: 2, code: "unknown_target"),
        Case(name: "a campaign that ends before it starts", file: "campaign.yaml", find: "end: 2022-12-31", replace: "end: 2021-12-31", line: 2, code: "invalid_dates"),
        Case(name: "a misspelt campaign field", file: "campaign.yaml", find: "    theme: Quyết tâm", replace: "    theme: Quyết tâm\n    reviewDate: 2023-01-31",
             line: 5, code: "unknown_field"),
        Case(name: "invalid validity dates", file: "units.yaml", find: "validTo: 2025-06-30", replace: "validTo: 2025-06-31", line: 3, code: "invalid_date"),
    ]

    static func formula(_ code: String, _ text: String) -> String {
        "  - {code: \(code), nameVi: \(code), nameEn: \(code), pillar: tong_hop, valueType: ratio, aggregation: average, direction: higherIsBetter, decimals: 2, "
            + "unitVi: lần, computed: {formula: \"\(text)\"}}\n"
    }

    static func form(_ code: String, _ type: String, _ indicator: String) -> String {
        "  - {code: \(code), nameVi: \(code), periodType: \(type), unitKinds: [district], indicators: [\(indicator)], "
            + "deadline: {rule: workingDaysAfterCutoff, days: 3}}\n"
    }

    static func write(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dxtrack-catalog-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func theBaseCatalogIsValid() throws {
        let dir = try Self.write(Self.valid)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try CatalogLoader.loadValid(dir)
        #expect(catalog.targets.first?.value.planCode == "KH1")
    }

    @Test(arguments: cases)
    func eachMistakeIsNamedWithFileLineAndReason(_ c: Case) throws {
        var files = Self.valid
        if c.find.isEmpty {
            files[c.file] = c.replace
        } else {
            #expect(files[c.file]!.contains(c.find), "the case must change something")
            files[c.file] = files[c.file]!.replacingOccurrences(of: c.find, with: c.replace)
        }
        let dir = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try CatalogLoader.loadValid(dir)
            Issue.record("\(c.name): expected a problem")
        } catch {
            let p = error.problems.first
            #expect(p?.location.file == c.file, "\(c.name): \(error)")
            #expect(p?.location.line == c.line, "\(c.name): \(error)")
            #expect(p?.error.code == c.code, "\(c.name): \(error)")
            #expect(!(p?.error.vi.isEmpty ?? true) && !(p?.error.en.isEmpty ?? true))
        }
    }

    @Test(arguments: TestBackend.available)
    func aCatalogWithAProblemImportsNothing(_ backend: TestBackend) async throws {
        var files = Self.valid
        files["plan.yaml"] = files["plan.yaml"]!.replacingOccurrences(of: "indicatorCode: ho_so", with: "indicatorCode: khong_co")
        let dir = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (catalog, _) = CatalogLoader.load(dir)
        try await backend.withDatabase { db in
            await #expect(throws: CatalogProblems.self) { try await CatalogImporter(db).import(catalog) }
            let units = try await db.read { try await OrgUnitStore($0).all() }
            #expect(units.isEmpty)
        }
    }
}
