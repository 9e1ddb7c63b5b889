import Foundation
import DXDomain
import Testing

/// Identifiers reach every comparison in one spelling: codes canonical and in their
/// grammar, periods as their DHIS2 identifier.
@Suite struct CodeTests {
    @Test(arguments: [(" 20-STTTT", "20-STTTT"), ("20-STTTT\t", "20-STTTT"), ("\u{00A0}05983\u{2003}", "05983"), ("cks_phuong_tien", "cks_phuong_tien")])
    func whitespaceAroundACodeIsDropped(_ raw: String, _ code: String) {
        #expect(Code.canonical(raw) == code)
        #expect(Code.isValid(Code.canonical(raw)))
    }

    /// Look-alikes are refused, not guessed at: none can name a unit the access check did not see.
    @Test(arguments: ["20 STTTT", "20-ＳTTTT", "20-STTTT\u{200B}", "Sở", "e\u{0301}", "x\"y", "", String(repeating: "a", count: 65), "20/STTTT"])
    func aCodeOutsideTheGrammarIsRefused(_ raw: String) {
        #expect(!Code.isValid(Code.canonical(raw)))
        #expect(throws: DomainError.self) { try Code.parse(raw, field: "unit") }
    }

    @Test(arguments: [("2025Q1 ", "2025Q1"), ("\t2025Q1", "2025Q1"), ("2025W5", "2025W05"), ("2025", "2025"), ("2025q1", "2025q1"), ("abc", "abc")])
    func aPeriodIsKeptAsItsIdentifier(_ raw: String, _ id: String) {
        #expect(Period.canonicalID(raw) == id)
    }

    @Test func anInputHoldsOnlyCanonicalIdentifiers() throws {
        let input = DataValueInput(unit: "20-STTTT ", indicator: " cks_phuong_tien", period: "2025W5", value: 1)
        #expect(input.unit == "20-STTTT" && input.indicator == "cks_phuong_tien" && input.period == "2025W05")
        let decoded = try JSONDecoder().decode(DataValueInput.self, from: Data(#"{"unit":"20-STTTT\t","indicator":"x","period":"2025Q1 "}"#.utf8))
        #expect(decoded.unit == "20-STTTT" && decoded.period == "2025Q1")
    }

    /// Spreadsheet programs run `=`, `+`, `-` and `@` as formulas; numbers stay numbers.
    @Test(arguments: [("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1+2", "'+1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("-0.05", "-0.05"),
                      ("-", "'-"), ("\tx", "'\tx"), ("Đã đối chiếu", "Đã đối chiếu")])
    func aFormulaIsDefusedInACSVField(_ text: String, _ field: String) {
        #expect(CSVTable.field(text) == field)
    }
}
