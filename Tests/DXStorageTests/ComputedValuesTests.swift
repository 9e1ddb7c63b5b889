import DXDomain
import DXStorage
import DXTestSupport
import Foundation
import Testing

@Suite struct ComputedValuesTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
    static let today = date(2025, 8, 20)

    static let classified = Indicator(code: "attt_cap_do", nameVi: "Tỷ lệ HTTT được phê duyệt cấp độ", nameEn: "Classified", pillar: .informationSecurity,
                                      valueType: .percentage, aggregation: .ratioOfSums, direction: .higherIsBetter, unitVi: "%",
                                      computed: .registry(.classified))
    static let onTime = Indicator(code: "cqs_bao_cao_dung_han", nameVi: "Tỷ lệ báo cáo đúng hạn", nameEn: "On time", pillar: .digitalGovernment,
                                  valueType: .percentage, aggregation: .ratioOfSums, direction: .higherIsBetter, unitVi: "%",
                                  computed: .records(.reportsOnTime))
    static let growth = Indicator(code: "phuong_tien_so_cung_ky", nameVi: "Phương tiện so với cùng kỳ", nameEn: "Growth", pillar: .digitalBorderGate,
                                  valueType: .ratio, aggregation: .average, direction: .higherIsBetter, decimals: 2, unitVi: "lần",
                                  computed: .formula(try! Formula("#{cks_phuong_tien} / #{cks_phuong_tien}.periodOffset(-4)")))
    /// A quarterly form with a 10-day deadline, so that reports fall due.
    static let form = ReportForm(code: "G", nameVi: "Báo cáo nhanh", periodType: .quarterly, unitKinds: [.department],
                                 indicators: [Fixtures.vehicles.code], deadline: .daysAfterPeriodEnd(10))

    static func system(_ code: String, classifiedOn: LocalDate?) -> InformationSystem {
        InformationSystem(code: code, name: "Hệ thống \(code)", ownerUnit: "20-STTTT", information: .private, kind: .internal,
                          approvedLevel: classifiedOn == nil ? nil : 2, decisionNumber: classifiedOn == nil ? nil : "1/QĐ", decisionDate: classifiedOn,
                          protectionPlan: classifiedOn == nil ? nil : "Phương án", hosting: .ownServerRoom, inOperationSince: date(2024, 1, 1))
    }

    static func setUp(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await db.transaction { sql in
            try await CatalogStore(sql).save(indicators: [classified, onTime, growth])
            try await CatalogStore(sql).save(targets: [
                Target(code: "KH135-HT", planCode: "KH135", indicatorCode: classified.code, shape: .atLeast, value: .single(100), horizon: .year(2025)!),
                Target(code: "KH135-BC", planCode: "KH135", indicatorCode: onTime.code, shape: .atLeast, value: .single(50), horizon: .year(2025)!,
                       unitKinds: [.department]),
            ])
            try await FormStore(sql).save([form])
        }
    }

    static func value(_ db: Database, _ indicator: String, _ unit: String, _ period: String) async throws -> DataValue? {
        try await db.read { try await DataValueStore($0).values(.init(unitCode: unit, indicatorCode: indicator, period: try Period(period))) }.first
    }

    @Test(arguments: TestBackend.available)
    func registryChangesMoveTheValuesUntilAnApprovalFreezesThem(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            try await Registry(db).save([Self.system("A", classifiedOn: Self.date(2025, 2, 1)), Self.system("B", classifiedOn: nil)],
                                        by: "coordinator", today: Self.today)
            // The province's target: its whole subtree, system by system, on the last day of each quarter (today for this one).
            #expect(try await Self.value(db, "attt_cap_do", "20", "2024Q4")?.value == 0)
            let q1 = try #require(try await Self.value(db, "attt_cap_do", "20", "2025Q1"))
            #expect(q1.value == 50 && q1.numerator == 1 && q1.denominator == 2 && q1.storedBy == "dxtrack")
            #expect(q1.comment?.contains("1/2 hệ thống ngày 31/03/2025: A") == true)
            #expect(try await Self.value(db, "attt_cap_do", "20", "2025Q4") == nil) // not begun
            #expect(try await Self.value(db, "attt_cap_do", "20-STTTT", "2025Q1") == nil) // no target for departments

            // The province's report for Q1 is approved: Q1 is frozen, Q2 follows the registry.
            try await Submissions(db).importHistory([SubmissionRecord(formCode: "F", unitCode: "20", period: try Period("2025Q1"),
                                                                      status: .approved, version: 2)], by: "t")
            try await Registry(db).save([Self.system("B", classifiedOn: Self.date(2025, 3, 1))], by: "coordinator", today: Self.today)
            #expect(try await Self.value(db, "attt_cap_do", "20", "2025Q1")?.value == 50)
            #expect(try await Self.value(db, "attt_cap_do", "20", "2025Q2")?.value == 100)
            let audit = try await ValueHistory.of(unit: "20", indicator: "attt_cap_do", period: try Period("2025Q2"), db)
            #expect(audit.map(\.action) == ["values.compute", "values.compute"] && audit.allSatisfy { $0.actor == "dxtrack" })
            #expect(audit.count == 2 && audit[0].before == nil && audit[1].before?.value == audit[0].after.value && audit[1].after.value == 100)
            #expect(try await AuditLog.history(of: "system:B", db).map(\.action) == ["registry.create", "registry.update"])

            // Nobody types a computed value in.
            await #expect(throws: DomainErrors.self) {
                try await DataEntry(db).write([Fixtures.input("20", "attt_cap_do", "2025Q3", numerator: 1, denominator: 1)], by: .machineOperator("coordinator"))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func reportsSentOnTimeAreCountedInTheQuarterTheyFallDue(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            // G's Q1 is due 10/04 and sent 05/04; its Q2 is due 10/07 and sent 25/07.
            // The fixtures' form F falls due 30 days after each quarter and is never sent.
            try await Submissions(db).importHistory([
                SubmissionRecord(formCode: "G", unitCode: "20-STTTT", period: try Period("2025Q1"), status: .approved, version: 2,
                                 submittedAt: "2025-04-05T02:00:00Z"),
                SubmissionRecord(formCode: "G", unitCode: "20-STTTT", period: try Period("2025Q2"), status: .submitted, version: 2,
                                 submittedAt: "2025-07-25T02:00:00Z"),
            ], by: "t")
            try await ComputedValues(db).recompute(.records, today: Self.today)
            let q2 = try #require(try await Self.value(db, "cqs_bao_cao_dung_han", "20-STTTT", "2025Q2"))
            #expect(q2.value == 50 && q2.denominator == 2, "G's Q1 on time, F's Q1 not sent")
            let q3 = try #require(try await Self.value(db, "cqs_bao_cao_dung_han", "20-STTTT", "2025Q3"))
            #expect(q3.value == 0 && q3.denominator == 2, "G's Q2 late, F's Q2 not sent")
            // The 2024Q4 reports fell due on 10/01/2025 and 30/01/2025 and were never sent.
            let q1 = try #require(try await Self.value(db, "cqs_bao_cao_dung_han", "20-STTTT", "2025Q1"))
            #expect(q1.value == 0 && q1.denominator == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func unitsWithAnActiveReporterAreCountedFromTheAccounts(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let reporters = Indicator(code: "cqs_nguoi_bao_cao", nameVi: "Đơn vị có người báo cáo", nameEn: "Units with a reporter",
                                      pillar: .digitalGovernment, valueType: .percentage, aggregation: .ratioOfSums, direction: .higherIsBetter,
                                      unitVi: "%", computed: .records(.activeReporters))
            try await db.transaction { sql in
                try await CatalogStore(sql).save(indicators: [reporters])
                try await CatalogStore(sql).save(targets: [Target(code: "KH135-NBC", planCode: "KH135", indicatorCode: reporters.code,
                                                                  shape: .atLeast, value: .single(100), horizon: .year(2030)!)])
            }
            let now = Period(type: .quarterly, containing: LocalDate(vietnamTimeOf: Date().timeIntervalSince1970))
            let accounts = Accounts(db, bcryptCost: 4)
            // The only unit that owes a report (the department) gets a reporter today: counted from this quarter on.
            _ = try await accounts.create(username: "nbc", displayName: "NBC", role: .reporter, unitCode: "20-STTTT", password: "mat-khau-dai-du")
            let current = try #require(try await Self.value(db, reporters.code, "20", now.id))
            #expect(current.value == 100 && current.denominator == 1)
            #expect(try await Self.value(db, reporters.code, "20", now.previous.id)?.value == 0)
            try await accounts.disable("nbc")
            #expect(try await Self.value(db, reporters.code, "20", now.id)?.value == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFormulaFollowsItsInputsAcrossAYear(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2024Q1", value: 2),
                                           Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 14)], by: .machineOperator("t"))
            let v = try #require(try await Self.value(db, "phuong_tien_so_cung_ky", "20-STTTT", "2025Q1"))
            #expect(v.value == 7)
            #expect(v.comment?.contains("#{cks_phuong_tien}[2024Q1] = 2") == true)
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 10)], by: .machineOperator("t"))
            #expect(try await Self.value(db, "phuong_tien_so_cung_ky", "20-STTTT", "2025Q1")?.value == 5)
            #expect(try await Self.value(db, "phuong_tien_so_cung_ky", "20-STTTT", "2024Q1") == nil) // no year before
        }
    }
}
