import DXDomain
import DXSpreadsheet
import DXTestSupport
import Foundation
import Testing

/// Workbooks written by dxtrack open in openpyxl; workbooks written by openpyxl
/// (as Excel and LibreOffice write them: shared strings, numbers as numbers) read back.
@Suite struct XLSXTests {
    @Test func aWorkbookDxtrackWritesOpensInOpenpyxl() throws {
        let path = Python.temporary("out.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sheet = XLSXWriter.Sheet(name: "Số liệu", rows: [
            [.text("unit"), .text("value"), .text("name")],
            [.text("20-STTTT"), .number(37.8), .text("Tỷ lệ hồ sơ <trực tuyến> & \"ký số\"")],
            [.text("05983"), .empty, .text("Xã Hữu Lũng")],
        ], widths: [12, 10, 40])
        try Data(try XLSXWriter.workbook([sheet])).write(to: URL(fileURLWithPath: path))
        let read = try Python.run("""
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            print(json.dumps({"title": ws.title, "rows": [list(r) for r in ws.iter_rows(values_only=True)],
                              "bold": ws["A1"].font.b, "frozen": ws.freeze_panes}, ensure_ascii=False))
            """, [path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? [String: Any])
        #expect(json["title"] as? String == "Số liệu")
        let rows = json["rows"] as? [[Any]] ?? []
        #expect(rows.count == 3)
        #expect(rows[1][1] as? Double == 37.8)
        #expect(rows[1][2] as? String == "Tỷ lệ hồ sơ <trực tuyến> & \"ký số\"")
        #expect(rows[2][1] is NSNull)
        #expect(json["bold"] as? Bool == true && json["frozen"] as? String == "A2")
    }

    /// A cell in the last column of every row once made each row 16,384 fields: a 247 KB
    /// upload took 1.1 GB. Blank cells within a row count against a budget of fields.
    @Test func aCellFarToTheRightInEveryRowIsRefusedNotExpanded() throws {
        let path = Python.temporary("wide.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["unit", "indicator", "period", "value"])
            for r in range(2, 3002):
                ws.cell(row=r, column=1, value="20-SNV"); ws.cell(row=r, column=16384, value="x")
            wb.save(sys.argv[1])
            """, [path])
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count < 200_000)
        #expect(throws: DomainError.self) { try XLSXReader.table(bytes) }
        #expect(ImportFile.read(bytes).problems.first?.error.code == "too_large")
    }

    /// A file whose every row is bad lists the first thousand problems and counts the rest.
    @Test func problemsPastTheFirstThousandAreCountedNotListed() {
        let csv = "unit,indicator,period,value\n" + String(repeating: "20-SNV,cqs,2026Q1,khong-so\n", count: 5_000)
        let problems = ImportFile.read(Array(csv.utf8)).problems
        #expect(problems.count == RowProblem.listed + 1)
        #expect(problems.last?.error.code == "more_problems" && problems.last?.error.en.contains("4000 more") == true)
    }

    @Test func aWorkbookOpenpyxlWritesReadsBackAsText() throws {
        let path = Python.temporary("in.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.Workbook()
            first = wb.active
            first.title = "Hướng dẫn"
            first["A1"] = "Trang này không phải số liệu"
            ws = wb.create_sheet("Số liệu")
            ws.append(["unit", "indicator", "period", "value", "numerator", "denominator", "comment"])
            ws.append(["20-STTTT", "cqs_ho_so", "2025Q1", None, 378, 1000, "Đã đối chiếu"])
            ws.append(["20-STTTT", "cks_phuong_tien", "2025Q1", 7776, None, None, None])
            ws["D4"] = 37.8
            ws["A4"] = "05983"
            ws["F5"] = 12.5
            wb.move_sheet("Số liệu", offset=-1)
            wb.save(sys.argv[1])
            """, [path])
        let table = try XLSXReader.table(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(table.header == ["unit", "indicator", "period", "value", "numerator", "denominator", "comment"])
        #expect(table.rows.map(\.line) == [2, 3, 4, 5], "rows keep their spreadsheet numbers")
        #expect(table.rows[0].fields == ["20-STTTT", "cqs_ho_so", "2025Q1", "", "378", "1000", "Đã đối chiếu"])
        #expect(table.rows[2].fields == ["05983", "", "", "37,8"], "a decimal reaches the reader with a decimal comma")
        #expect(table.rows[3].fields == ["", "", "", "", "", "12,5"])
        #expect(VietnameseNumber.parse(table.rows[2].fields[3]) == 37.8)
    }

    @Test func hostileWorkbooksAreRefusedWithTheReason() throws {
        let bomb = Python.temporary("bomb.xlsx"), doctype = Python.temporary("doctype.xlsx")
        defer { for p in [bomb, doctype] { try? FileManager.default.removeItem(atPath: p) } }
        _ = try Python.run("""
            import sys, zipfile
            def book(path, sheet):
                with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="a" sheetId="1"/></sheets></workbook>')
                    z.writestr("xl/worksheets/sheet1.xml", sheet)
            book(sys.argv[1], "<worksheet><sheetData>" + " " * (80 * 1024 * 1024) + "</sheetData></worksheet>")
            book(sys.argv[2], '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet>&b;</worksheet>')
            """, [bomb, doctype])
        #expect(Int(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int ?? 0) < 200_000, "small on disk, 80 MB inflated")
        func refusal(_ bytes: [UInt8]) -> String? {
            do { _ = try XLSXReader.table(bytes); return nil } catch { return error.code }
        }
        #expect(refusal(Array(try Data(contentsOf: URL(fileURLWithPath: bomb)))) == "too_large")
        #expect(refusal(Array(try Data(contentsOf: URL(fileURLWithPath: doctype)))) == "xml_doctype")
        #expect(refusal(Array("unit,indicator\n".utf8)) == "invalid_xlsx")
    }

    /// Inputs libFuzzer found crashing the reader, kept so they never do again.
    @Test func fuzzFindingsAreRefusedNotCrashedOn() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Findings")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!files.isEmpty)
        for name in files {
            let parsed = ImportFile.read(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
            #expect(parsed.inputs.isEmpty && !parsed.problems.isEmpty, "\(name)")
        }
    }

    @Test func cellReferencesAndEntities() throws {
        #expect(CSVTable.columnLetters(0) == "A" && CSVTable.columnLetters(25) == "Z" && CSVTable.columnLetters(27) == "AB")
        #expect(VietnameseNumber.plain(37.8) == "37,8" && VietnameseNumber.plain(7776) == "7776" && VietnameseNumber.plain(-0.05) == "-0,05")
        // Found by fuzz/run.sh: tiny and huge numbers keep every digit.
        #expect(VietnameseNumber.plain(1.314986792e-11) == "0,00000000001314986792")
        #expect(VietnameseNumber.plain(-1e-7) == "-0,0000001")
        #expect(VietnameseNumber.plain(1.5e20) == "150000000000000000000")
        for x in [1.314986792e-11, -1e-7, 1.5e20, 0.1, 123.456] { #expect(VietnameseNumber.parse(VietnameseNumber.plain(x)) == x) }
    }
}
