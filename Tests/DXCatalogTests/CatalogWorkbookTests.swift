import DXCatalog
import DXDomain
import DXTestSupport
import Foundation
import Testing

/// A plan and its targets kept in a spreadsheet (made here with openpyxl, as Excel
/// would), read with the same checks and messages as YAML, pointed at sheet and row.
@Suite struct CatalogWorkbookTests {
    static func workbook(_ badRow: Bool) throws -> String {
        let path = Python.temporary("ke-hoach.xlsx")
        _ = try Python.run("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            ind = wb.active; ind.title = "Chỉ tiêu"
            ind.append(["code", "nameVi", "nameEn", "pillar", "valueType", "aggregation", "direction", "decimals", "unitVi"])
            ind.append(["cqs_ho_so", "Tỷ lệ hồ sơ công việc xử lý trên mạng", "Work records online", "chinh_quyen_so", "percentage",
                        "ratioOfSums", "higherIsBetter", 1, "%"])
            plan = wb.create_sheet("Kế hoạch")
            plan.append(["code", "unitCode", "issuer", "number", "issuedOn", "title", "horizon"])
            plan.append(["KH-135", "20", "UBND tỉnh Lạng Sơn", "135/KH-UBND", datetime.date(2020, 8, 10), "Kế hoạch chuyển đổi số", 2030])
            t = wb.create_sheet("Mục tiêu")
            t.append(["code", "indicatorCode", "shape", "value", "perLevel", "horizon", "unitKinds", "sourceText"])
            t.append(["KH-135.04", "cqs_ho_so", "atLeast", None, "province: 90; district: 80; commune: 60", 2025, "department, district, commune",
                      "90% cấp tỉnh, 80% cấp huyện, 60% cấp xã"])
            t.append(["KH-135.05", "cqs_ho_so", "atLeast", 80, None, "2030", None, "80%"])
            if sys.argv[2] == "bad":
                t.append(["KH-135.06", "cqs_ho_so", "nhieuHon", "tám mươi", None, "2025", None, None])
            wb.save(sys.argv[1])
            """, [path, badRow ? "bad" : "good"])
        return path
    }

    @Test func aWorkbookReadsLikeYAML() throws {
        let path = try Self.workbook(false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (catalog, problems) = CatalogLoader.load(path)
        #expect(problems.isEmpty, "\(problems)")
        #expect(catalog.plans.map(\.value.code) == ["KH-135"])
        #expect(catalog.plans.first?.value.issuedOn == LocalDate(year: 2020, month: 8, day: 10), "a date cell becomes the date")
        let targets = catalog.targets.map(\.value)
        #expect(targets.map(\.code) == ["KH-135.04", "KH-135.05"])
        #expect(targets.allSatisfy { $0.planCode == "KH-135" }, "targets take the plan of the workbook")
        #expect(targets[0].value == .perLevel([.province: 90, .district: 80, .commune: 60]) && targets[0].horizon == .year(2025)!)
        #expect(targets[0].unitKinds == [.department, .district, .commune] && targets[1].value == .single(80))
        #expect(catalog.targets[1].location.description.contains("[Mục tiêu]") && catalog.targets[1].location.line == 3)
    }

    @Test func problemsNameTheSheetRowAndField() throws {
        let path = try Self.workbook(true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, problems) = CatalogLoader.load(path)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.location.file.hasSuffix("[Mục tiêu]") && $0.location.line == 4 }, "\(problems)")
        #expect(problems.contains { $0.error.field == "shape" })
    }
}
