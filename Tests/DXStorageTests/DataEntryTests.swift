import DXDomain
import DXStorage
import DXTestSupport
import Testing

/// Bad input is refused whole: every problem named, nothing written.
@Suite struct DataEntryTests {
    static let good = Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 80, denominator: 100)

    static let badCases: [(name: String, input: DataValueInput, code: String, field: String)] = [
        ("invalid period", Fixtures.input("178", Fixtures.workRecords.code, "2025Q5", numerator: 1, denominator: 2), "invalid_period", "values[1].period"),
        ("unknown unit", Fixtures.input("999", Fixtures.workRecords.code, "2025Q1", numerator: 1, denominator: 2), "unknown_unit", "values[1].unit"),
        ("unknown indicator", Fixtures.input("178", "khong_co", "2025Q1", value: 1), "unknown_indicator", "values[1].indicator"),
        ("numerator above denominator", Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 5, denominator: 4), "numerator_above_denominator", "values[1].numerator"),
        ("negative count", Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: -3), "negative", "values[1].value"),
        ("percentage over 100", Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", value: 120), "required", "values[1].numerator"),
        ("district after it ceased", Fixtures.input("178", Fixtures.workRecords.code, "2025Q3", numerator: 1, denominator: 2), "unit_not_active", "values[1].period"),
        ("ward before it existed", Fixtures.input("05983", Fixtures.workRecords.code, "2025Q2", numerator: 1, denominator: 2), "unit_not_active", "values[1].period"),
        ("missing value", Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1"), "required", "values[1].value"),
    ]

    @Test(arguments: TestBackend.available, badCases.indices)
    func aBadValueRejectsTheWholeBatch(_ backend: TestBackend, _ i: Int) async throws {
        let bad = Self.badCases[i]
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            await #expect {
                try await DataEntry(db).write([Self.good, bad.input], by: .machineOperator("tester"))
            } throws: { error in
                guard let e = (error as? DomainErrors)?.errors.first else { return false }
                return e.code == bad.code && e.field == bad.field && !e.vi.isEmpty && !e.en.isEmpty
            }
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 0, "\(bad.name): nothing may be written")
        }
    }

    @Test(arguments: TestBackend.available)
    func everyProblemIsReportedNotJustTheFirst(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            do {
                try await DataEntry(db).write(Self.badCases.map(\.input), by: .machineOperator("system"))
                Issue.record("expected errors")
            } catch let e as DomainErrors {
                #expect(Set(e.errors.compactMap(\.field).map { String($0.prefix(while: { $0 != "]" })) }).count == Self.badCases.count)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aDryRunChecksButWritesNothing(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            let checked = try await DataEntry(db).write([Self.good], by: .machineOperator("system"), dryRun: true)
            #expect(checked.first?.value == 80)
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func rewritingAValueReplacesIt(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await DataEntry(db).write([Self.good], by: .machineOperator("a"))
            try await DataEntry(db).write([Fixtures.input("178", Fixtures.workRecords.code, "2025Q1", numerator: 90, denominator: 100)], by: .machineOperator("b"))
            let values = try await db.read { try await DataValueStore($0).values(.init()) }
            #expect(values.count == 1)
            #expect(values[0].value == 90)
            #expect(values[0].storedBy == "b")
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentWritersAllLand(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Fixtures.load(into: db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for month in 1...12 {
                    group.addTask {
                        let id = "2024\(month < 10 ? "0" : "")\(month)"
                        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, id, value: Double(month))], by: .machineOperator("w\(month)"))
                    }
                }
                try await group.waitForAll()
            }
            let count = try await db.read { try await DataValueStore($0).count() }
            #expect(count == 12)
        }
    }
}
