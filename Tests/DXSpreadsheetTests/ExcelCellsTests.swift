import DXDomain
import DXSpreadsheet
import DXTestSupport
import Foundation
import Testing

/// Files as people make them: cells read as the spreadsheet showed them, CSV as Excel saves
/// it on a Vietnamese computer, and formats dxtrack does not read named as such.
@Suite struct ExcelCellsTests {
    @Test func aPercentCellIsTheNumberShownAndADateIsRefusedNotASerialNumber() throws {
        let path = Python.temporary("cells.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Python.run("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["unit", "indicator", "period", "value"])
            ws.append(["20-SNV", "a", "2026Q1", 0.378]); ws["D2"].number_format = "0.0%"
            ws.append(["20-SNV", "b", "2026Q1", 0.5]); ws["D3"].number_format = '[Blue]0%;"âm" 0%'
            ws.append(["20-SNV", "c", "2026Q1", datetime.date(2025, 4, 30)])
            ws.append(["20-SNV", "d", "2026Q1", 1234.5]); ws["D5"].number_format = "#,##0.0"
            wb.save(sys.argv[1])
            """, [path])
        let parsed = ImportFile.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let values = Dictionary(uniqueKeysWithValues: parsed.inputs.map { ($0.indicator, $0.value) })
        #expect(values["a"] == 37.8, "0,378 shown as 37,8% is 37,8")
        #expect(values["b"] == 50)
        #expect(values["d"] == 1234.5, "a number format without % or date parts leaves the number")
        let date = try #require(parsed.problems.first)
        #expect(parsed.problems.count == 1)
        #expect(date.error.code == "invalid_number" && date.cell == "D4")
        #expect(date.error.vi.contains("30/04/2025"), "the date as it was shown, not 45777: \(date.error.vi)")
    }

    @Test func aCSVSavedByVietnameseExcelReadsWithItsSemicolonsAndDecimalCommas() {
        let csv = "\u{FEFF}unit;indicator;period;value;comment\r\n20-SNV;a;2026Q1;37,8;\"có; dấu chấm phẩy\"\r\n20-SNV;b;2026Q1;1.234,5;\r\n"
        let parsed = ImportFile.read(Array(csv.utf8))
        #expect(parsed.problems.isEmpty)
        #expect(parsed.inputs.map(\.value) == [37.8, 1234.5])
        #expect(parsed.inputs.first?.comment == "có; dấu chấm phẩy")
        // A comma in the header keeps commas as the separator, semicolons in fields as text.
        let plain = ImportFile.read(Array("unit,indicator,period,comment\n20-SNV,a,2026Q1,x;y\n".utf8))
        #expect(plain.inputs.first?.comment == "x;y")
    }

    @Test func xlsAndOdsFilesAreToldToBeSavedAsXLSX() throws {
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)
        let problem = try #require(ImportFile.read(xls).problems.first)
        #expect(problem.error.code == "unsupported_format" && problem.error.vi.contains(".xls") && problem.error.vi.contains(".xlsx"))
        let path = Python.temporary("sheet.ods")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Python.run("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
                z.writestr("content.xml", "<office:document-content/>")
            """, [path])
        let ods = try #require(ImportFile.read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).problems.first)
        #expect(ods.error.code == "unsupported_format" && ods.error.en.contains(".ods"))
    }
}
