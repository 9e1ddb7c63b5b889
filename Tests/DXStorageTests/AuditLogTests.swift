import DXDomain
import DXStorage
import DXTestSupport
import SQLKit
import Testing

@Suite struct AuditLogTests {
    /// Three writes: a value created, then changed, then another created.
    static func history(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 5)], by: .machineOperator("an"))
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7)], by: .machineOperator("binh"))
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q2", value: 9)], by: .machineOperator("an"))
    }

    @Test(arguments: TestBackend.available)
    func everyWriteIsRecordedWithWhoBeforeAndAfter(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.history(db)
            let h = try await ValueHistory.of(unit: "20-STTTT", indicator: Fixtures.vehicles.code, period: try Period("2025Q1"), db)
            #expect(h.map(\.action) == ["values.write", "values.write"])
            #expect(h.map(\.actor) == ["an", "binh"])
            #expect(h.map(\.before?.value) == [nil, 5] && h.map(\.after.value) == [5, 7])
            #expect(try await ValueHistory.of(unit: "20-STTTT", indicator: Fixtures.vehicles.code, period: try Period("2025Q2"), db).count == 1)
            let v = try await AuditLog.verify(db)
            #expect(v.entries == 3 && v.firstBad == nil && v.problem == nil)
            // Nothing is recorded for a dry run or a rejected batch.
            _ = try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 1)], by: .machineOperator("x"), dryRun: true)
            _ = try? await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: -1)], by: .machineOperator("x"))
            #expect(try await AuditLog.verify(db).entries == 3)
        }
    }

    static let tampering: [(name: String, sql: [String], firstBad: Int)] = [
        ("an edited entry", ["UPDATE audit_log SET after = '{\"value\":70}' WHERE seq = 2"], 2),
        ("an edited record of a write", ["UPDATE value_writes SET written = replace(written, '\t7\t', '\t70\t') WHERE revision > 0"], 2),
        ("a record of a write without its entry", ["INSERT INTO value_writes (revision, at, actor, action, written, replaced) VALUES (999, 'x', 'x', 'values.write', '', '')"], 4),
        ("an edited actor", ["UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1"], 1),
        ("a deleted entry", ["DELETE FROM audit_log WHERE seq = 2"], 2),
        ("a deleted last entry", ["DELETE FROM audit_log WHERE seq = 3"], 3),
        ("two entries swapped", ["UPDATE audit_log SET seq = 100 WHERE seq = 2", "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                                 "UPDATE audit_log SET seq = 3 WHERE seq = 100"], 2),
        ("a relinked entry", ["UPDATE audit_log SET prev_hash = hash WHERE seq = 3"], 3),
    ]

    @Test(arguments: TestBackend.available, tampering.indices)
    func tamperingIsFoundAtTheFirstBadEntry(_ backend: TestBackend, _ i: Int) async throws {
        let t = Self.tampering[i]
        try await backend.withDatabase { db in
            try await Self.history(db)
            // As someone with the database file would: straight SQL, no dxtrack in between.
            try await db.transaction { sql in
                for statement in t.sql { try await sql.raw(SQLQueryString(statement)).run() }
            }
            let v = try await AuditLog.verify(db)
            #expect(v.firstBad == t.firstBad, "\(t.name): \(v.problem ?? "not found")")
        }
    }
}
