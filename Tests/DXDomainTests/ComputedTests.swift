import DXDomain
import Foundation
import Testing
import Yams

@Suite struct FormulaTests {
    @Test func readsOperandsOffsetsAndPrecedence() throws {
        let f = try Formula("#{a} / #{b} * 100")
        #expect(f.operands.map(\.indicator) == ["a", "b"])
        #expect(f.evaluate { $0.indicator == "a" ? 3 : 4 } == 75)
        let growth = try Formula("#{kts}/#{kts}.periodOffset(-4)")
        #expect(growth.operands.map(\.offset) == [0, -4])
        #expect(growth.evaluate { $0.offset == 0 ? 70 : 10 } == 7)
        #expect(try Formula("1 + 2 * 3 - -(4 - 6) / 2").evaluate { _ in nil } == 6)
        #expect(try Formula("(#{a} + #{b}) * 0.5").evaluate { $0.indicator == "a" ? 1 : 3 } == 2)
    }

    @Test func aMissingOperandOrADivisionByZeroGivesNoValue() throws {
        let f = try Formula("#{a} / #{b}")
        #expect(f.evaluate { $0.indicator == "a" ? 1 : nil } == nil)
        #expect(f.evaluate { $0.indicator == "a" ? 1 : 0 } == nil)
    }

    @Test(arguments: ["#{a} /", "#{a", "#a", "#{a} # 2", "(#{a}", "#{a}.periodOffset(x)", "#{a b}", ""])
    func malformedFormulasAreRefusedWithThePosition(_ text: String) {
        #expect(throws: DomainError.self) { try Formula(text) }
        do { _ = try Formula(text) } catch {
            #expect(error.code == "invalid_formula" && error.vi.contains("vị trí") && error.en.contains("position"))
        }
    }

    @Test func computationsReadAsCatalogsWriteThem() throws {
        struct Holder: Codable { var computed: Computation }
        for (yaml, expected) in [("computed: {registry: classified}", Computation.registry(.classified)),
                                 ("computed: {records: reportsOnTime}", .records(.reportsOnTime)),
                                 ("computed: {formula: \"#{a} / #{b}\"}", .formula(try Formula("#{a} / #{b}")))] {
            let decoded = try YAMLDecoder().decode(Holder.self, from: yaml).computed
            #expect(decoded == expected)
            let round = try JSONDecoder().decode(Holder.self, from: try JSONEncoder().encode(Holder(computed: decoded))).computed
            #expect(round == expected)
        }
        #expect(throws: (any Error).self) { try YAMLDecoder().decode(Holder.self, from: "computed: {registry: everything}") }
        #expect(throws: (any Error).self) { try YAMLDecoder().decode(Holder.self, from: "computed: {formula: \"#{a} /\"}") }
    }
}

@Suite struct InformationSystemTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    static func system(_ info: InformationKind = .private, _ kind: SystemKind = .internal, subjects: Int? = nil) -> InformationSystem {
        InformationSystem(code: "S", name: "Hệ thống", ownerUnit: "20-STTTT", information: info, kind: kind,
                          personalDataSubjects: subjects, hosting: .ownServerRoom)
    }

    @Test func theClassificationSuggestsTheLeastLevel() {
        #expect(Self.system(.public, .internal).suggestedLevel == 1)
        #expect(Self.system(.private, .internal).suggestedLevel == 2)
        #expect(Self.system(.public, .publicService).suggestedLevel == 2)
        #expect(Self.system(.personal, .publicService, subjects: 9_999).suggestedLevel == 2)
        #expect(Self.system(.personal, .publicService, subjects: 10_000).suggestedLevel == 3)
        #expect(Self.system(.public, .industrialControl).suggestedLevel == 3)
        #expect(Self.system(.stateSecret, .internal).suggestedLevel == 3)
        #expect(Self.system(.public, .infrastructure).suggestedLevel == 2)
    }

    @Test func levelsOutsideOneToFiveAndSecretsBelowThreeAreRefused() {
        var s = Self.system()
        s.approvedLevel = 6
        s.decisionNumber = "1/QĐ"
        s.decisionDate = Self.date(2024, 1, 1)
        #expect(s.validate().map(\.code) == ["out_of_range"])
        s.proposedLevel = 0
        #expect(s.validate().map(\.field) == ["proposedLevel", "approvedLevel"])
        var secret = Self.system(.stateSecret)
        secret.proposedLevel = 1
        #expect(secret.validate().map(\.code) == ["level_too_low"])
        secret.proposedLevel = 3
        #expect(secret.validate().isEmpty)
        var undecided = Self.system()
        undecided.approvedLevel = 2
        #expect(Set(undecided.validate().map(\.field)) == ["decisionNumber", "decisionDate"])
    }

    @Test func datesDecideWhatCountsOnADay() {
        var s = Self.system()
        s.inOperationSince = Self.date(2021, 3, 1)
        s.approvedLevel = 2; s.decisionNumber = "1/QĐ"; s.decisionDate = Self.date(2022, 5, 10)
        s.protectionPlan = "Phương án"; s.protectionPlanDate = Self.date(2022, 6, 1)
        s.hosting = .provincialCloud; s.hostedSince = Self.date(2023, 1, 1)
        s.monitored = true; s.monitoredSince = Self.date(2024, 1, 1)
        #expect(!s.operating(on: Self.date(2021, 2, 28)) && s.operating(on: Self.date(2021, 3, 1)))
        #expect(!s.classified(on: Self.date(2022, 5, 31)) && s.classified(on: Self.date(2022, 6, 1)))
        #expect(!s.onProvincialCloud(on: Self.date(2022, 12, 31)) && s.onProvincialCloud(on: Self.date(2023, 1, 1)))
        #expect(!s.isMonitored(on: Self.date(2023, 12, 31)) && s.isMonitored(on: Self.date(2024, 1, 1)))
        s.status = .retired; s.retiredOn = Self.date(2025, 7, 1)
        #expect(s.operating(on: Self.date(2025, 6, 30)) && !s.operating(on: Self.date(2025, 7, 1)))
        #expect(!s.needsClassification)
    }

    @Test func aRegistryTableReadsBackWhatItWritesAndNamesEveryBadCell() throws {
        var s = Self.system(.personal, .publicService, subjects: 20_000)
        s.proposedLevel = 3; s.approvedLevel = 3; s.decisionNumber = "12/QĐ-UBND"; s.decisionDate = Self.date(2023, 2, 1)
        s.hosting = .provincialCloud; s.monitored = true; s.monitoredSince = Self.date(2023, 3, 1)
        let rows = RegistryFile.rows([s])
        #expect(rows[1].last == "3")
        let table = CSVTable(header: rows[0], rows: [CSVTable.Row(line: 2, fields: rows[1])])
        let back = RegistryFile.read(table: table)
        #expect(back.problems.isEmpty && back.systems == [s])

        let bad = CSVTable(header: ["code", "name", "owner_unit", "information", "kind", "hosting", "approved_level", "proposed_level"], rows: [
            CSVTable.Row(line: 2, fields: ["A", "Mật", "20", "Thông tin bí mật nhà nước", "internal", "ownServerRoom", "", "1"]),
            CSVTable.Row(line: 3, fields: ["B", "B", "20", "public", "internal", "đám mây", "", "9"]),
        ])
        let problems = RegistryFile.read(table: bad).problems
        #expect(problems.map { "\($0.cell ?? "") \($0.error.code)" } == ["H2 level_too_low", "F3 invalid_value", "H3 out_of_range"])
    }
}
