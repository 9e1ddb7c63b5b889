import DXDomain
import DXStorage
import DXTestSupport
import Testing

@Suite struct AnalyticsTests {
    static func setUp(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await db.transaction { try await OrgUnitStore($0).save([OrgUnit(code: "20-SNV", name: "Sở Nội vụ", kind: .department, parentCode: "20")]) }
        try await DataEntry(db).write([
            // Q1: two departments, approved. 80/100 and 10/100 is 90/200 = 45%, not the mean 45… so make them unequal:
            Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q1", numerator: 80, denominator: 100),
            Fixtures.input("20-SNV", Fixtures.workRecords.code, "2025Q1", numerator: 100, denominator: 400),
            // Q2: submitted, not yet approved.
            Fixtures.input("20-STTTT", Fixtures.workRecords.code, "2025Q2", numerator: 95, denominator: 100),
            Fixtures.input("20-SNV", Fixtures.workRecords.code, "2025Q2", numerator: 380, denominator: 400),
        ], by: .machineOperator("t"))
        let q1 = try Period("2025Q1"), q2 = try Period("2025Q2")
        try await Submissions(db).importHistory([
            SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: q1, status: .approved, version: 3),
            SubmissionRecord(formCode: "F", unitCode: "20-SNV", period: q1, status: .approved, version: 3),
            SubmissionRecord(formCode: "F", unitCode: "20-STTTT", period: q2, status: .submitted, version: 2),
            SubmissionRecord(formCode: "F", unitCode: "20-SNV", period: q2, status: .submitted, version: 2),
        ], by: "t")
    }

    @Test(arguments: TestBackend.available)
    func theProvinceIsJudgedOnApprovedFiguresAddedUpAsRatiosOfSums(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let approved = try await Analytics(db).progress(unit: "20", asOf: try Period("2025Q2"))
            let records = try #require(approved.first { $0.target.code == "KH135-04" })
            // Provincial-level units (the departments), approved only: Q1 = 180/500 = 36%, not the mean of 80% and 25%.
            #expect(records.assessment.latest?.period.id == "2025Q1")
            #expect(records.assessment.latest?.value == 36)
            #expect(records.assessment.threshold == 90)
            #expect(records.unitCount == 2)
            let withSubmitted = try await Analytics(db).progress(unit: "20", asOf: try Period("2025Q2"), includeSubmitted: true)
            let r2 = try #require(withSubmitted.first { $0.target.code == "KH135-04" })
            #expect(r2.assessment.latest?.value == 95) // 475/500
            #expect(r2.assessment.status == .met)
            // No figures for the province-wide targets yet.
            #expect(approved.first { $0.target.code == "KH135-05" }?.assessment.status == .noData)
        }
    }

    @Test(arguments: TestBackend.available)
    func aDepartmentSeesTheTargetsSetForDepartments(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let mine = try await Analytics(db).progress(unit: "20-STTTT", asOf: try Period("2025Q2"), includeSubmitted: true)
            #expect(mine.map(\.target.code) == ["KH135-04"])
            #expect(mine[0].assessment.latest?.value == 95)
            #expect(mine[0].assessment.threshold == 90, "a department is held to the provincial-level value")
        }
    }
}

extension AnalyticsTests {
    @Test(arguments: TestBackend.available)
    func departmentsAreRankedOnTheirApprovedFigures(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.setUp(db)
            let q1 = try await Analytics(db).rank(indicator: Fixtures.workRecords.code, period: try Period("2025Q1"), within: "20", kinds: [.department])
            #expect(q1.map { "\($0.rank) \($0.unitCode) \($0.value)" } == ["1 20-STTTT 80.0", "2 20-SNV 25.0"])
            // Q2 is only submitted: no approved figures to rank, unless asked.
            #expect(try await Analytics(db).rank(indicator: Fixtures.workRecords.code, period: try Period("2025Q2"), within: "20", kinds: [.department]).isEmpty)
            let q2 = try await Analytics(db).rank(indicator: Fixtures.workRecords.code, period: try Period("2025Q2"), within: "20",
                                                  kinds: [.department], includeSubmitted: true)
            #expect(q2.map(\.rank) == [1, 1], "95% and 95%: a tie")
        }
    }
}
