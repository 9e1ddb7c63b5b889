import DXDomain
import Testing

@Suite struct ValueFileTests {
    @Test func readsWhatExcelAndLibreOfficeWrite() {
        // A byte-order mark, CRLF line ends, quoted fields with commas, quotes and a line break, decimal commas.
        let text = "\u{FEFF}unit,indicator,period,value,numerator,denominator,comment\r\n"
            + "20-SNV,ho_so,2025Q1,,\"378\",\"1.000\",\"Ghi chú, có dấu phẩy\"\r\n"
            + "20-SNV,phuong_tien,2025Q1,\"7.776\",,,\"dòng 1\ndòng 2 \"\"trích\"\"\"\r\n"
            + "20-SNV,ty_le,2025Q1,\"37,8\",,,\r\n"
        let (inputs, lines, problems) = ValueFile.read(csv: text)
        #expect(problems.isEmpty)
        #expect(lines == [2, 3, 5])
        #expect(inputs[0].numerator == 378 && inputs[0].denominator == 1000 && inputs[0].comment == "Ghi chú, có dấu phẩy")
        #expect(inputs[1].value == 7776 && inputs[1].comment == "dòng 1\ndòng 2 \"trích\"")
        #expect(inputs[2].value == 37.8)
    }

    @Test func everyProblemInTheFileHasItsRowAndColumn() {
        let text = """
            unit,indicator,period,value,extra
            20,ho_so,2025Q1,nhiều,
            ,ho_so,2025Q1,1,
            20,ho_so,2025Q1,1,2,3
            """
        let (_, _, problems) = ValueFile.read(csv: text)
        #expect(problems.map { "\($0.line) \($0.column ?? "-") \($0.error.code)" } == [
            "1 extra unknown_column", "2 value invalid_number", "3 unit required", "4 - extra_fields",
        ])
    }

    @Test func malformedFilesAreRefusedWhole() {
        #expect(ValueFile.read(csv: "").problems.first?.error.code == "empty_file")
        #expect(ValueFile.read(csv: "unit,period\n20,2025").problems.first?.error.code == "invalid_header")
        #expect(ValueFile.read(csv: "unit,indicator,period\n\"20,x,2025").problems.first?.error.code == "invalid_csv")
        #expect(ValueFile.read(csv: "unit,indicator,period\n").problems.first?.error.code == "no_rows")
        #expect(ValueFile.read(csv: "unit,indicator,period\n2\"0,x,2025").problems.first?.error.code == "invalid_csv")
    }

    @Test func entryErrorsAreTracedBackToTheirRows() {
        let inputs = [DataValueInput(unit: "20", indicator: "a", period: "2025Q1"), DataValueInput(unit: "21", indicator: "b", period: "2025Q5")]
        let located = ValueFile.locate([DomainError.invalidPeriod("2025Q5").at(field: "values[1].period")], inputs: inputs, lines: [2, 7])
        #expect(located == [RowProblem(line: 7, column: "period", error: DomainError.invalidPeriod("2025Q5").at(field: "values[1].period"), context: "21 · b · 2025Q5")])
        #expect(located[0].description.contains("dòng/row 7, cột/column period (21 · b · 2025Q5)"))
    }
}
