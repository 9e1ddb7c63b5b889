import DXDomain
import DXStorage
import DXTestSupport
import SQLKit
import Testing

@Suite struct AuditLogTests {
    /// Three writes: a value created, then changed, then another created.
    static func history(_ db: Database) async throws {
        try await Fixtures.load(into: db)
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 5)], by: "an")
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7)], by: "binh")
        try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q2", value: 9)], by: "an")
    }

    @Test(arguments: TestBackend.available)
    func everyWriteIsRecordedWithWhoBeforeAndAfter(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.history(db)
            let h = try await AuditLog.history(of: "value:20-STTTT|cks_phuong_tien|2025Q1", db)
            #expect(h.map(\.action) == ["value.create", "value.update"])
            #expect(h.map(\.actor) == ["an", "binh"])
            #expect(h[1].before?.contains("\"value\":5") == true && h[1].after?.contains("\"value\":7") == true)
            let v = try await AuditLog.verify(db)
            #expect(v.entries == 3 && v.firstBad == nil && v.problem == nil)
            // Nothing is recorded for a dry run or a rejected batch.
            _ = try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: 1)], by: "x", dryRun: true)
            _ = try? await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q3", value: -1)], by: "x")
            #expect(try await AuditLog.verify(db).entries == 3)
        }
    }

    static let tampering: [(name: String, sql: [String], firstBad: Int)] = [
        ("an edited value", ["UPDATE audit_log SET after = '{\"value\":70}' WHERE seq = 2"], 2),
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
