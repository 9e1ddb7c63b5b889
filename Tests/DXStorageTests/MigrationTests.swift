import DXDomain
@testable import DXStorage
import Foundation
import DXTestSupport
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestBackend.available)
    func migratingTwiceChangesNothing(_ backend: TestBackend) async throws {
        try await backend.withDatabase(migrated: false) { db in
            #expect(try await Migrator(db).migrate() == Migration.all.map(\.version))
            #expect(try await Migrator(db).migrate() == [])
            let tables = try await db.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM org_units").first()?.decode(column: "n", as: Int.self)
            }
            #expect(tables == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func refusesASchemaNewerThanItKnows(_ backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await db.transaction { sql in
                try await sql.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run()
            }
            await #expect {
                try await Migrator(db).migrate()
            } throws: { error in
                (error as? DomainError)?.code == "schema_too_new" && (error as? DomainError)?.en.contains("999") == true
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentMigrationsApplyEachVersionOnce(_ backend: TestBackend) async throws {
        try await backend.withDatabase(migrated: false) { db in
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 { group.addTask { try await Migrator(db).migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == Migration.all.map(\.version))
        }
    }

    /// Values stored before version 14 keep their figures, comment, writer and time, and
    /// later writes record what they replace of them.
    @Test(arguments: TestBackend.available)
    func valuesSurviveTheMoveToRecordedWrites(_ backend: TestBackend) async throws {
        try await backend.withDatabase(migrated: false) { db in
            try await Migrator(db, migrations: Migration.all.filter { $0.version <= 13 }).migrate()
            // What the values need, in tables that version 13 already had as they are.
            try await db.transaction { sql in
                try await OrgUnitStore(sql).save(Fixtures.units)
                // The indicators as version 13 held them (later versions add columns the store now writes).
                for i in Fixtures.indicators {
                    try await sql.raw("""
                        INSERT INTO indicators (code, name_vi, name_en, pillar, value_type, aggregation, direction, decimals, unit_vi)
                        VALUES (\(bind: i.code), \(bind: i.nameVi), \(bind: i.nameEn), \(bind: i.pillar.rawValue), \(bind: i.valueType.rawValue),
                                \(bind: i.aggregation.rawValue), \(bind: i.direction.rawValue), \(bind: i.decimals), \(bind: i.unitVi))
                        """).run()
                }
            }
            try await db.transaction { sql in
                for (period, start, end, value, by) in [("2025Q1", "2025-01-01", "2025-03-31", 5.0, "an"), ("2025Q2", "2025-04-01", "2025-06-30", 6.0, nil)] {
                    try await sql.raw("""
                        INSERT INTO data_values (unit_code, indicator_code, period, period_type, period_start, period_end, value, comment, stored_by, updated_at, revision)
                        VALUES ('20-STTTT', \(bind: Fixtures.vehicles.code), \(bind: period), 'quarterly', \(bind: start), \(bind: end), \(bind: value),
                                'ghi chú', \(bind: by), '2025-07-01T00:00:00Z', 3)
                        """).run()
                }
            }
            #expect(try await Migrator(db).migrate() == Migration.all.filter { $0.version > 13 }.map(\.version))
            let stored = try await db.read { try await DataValueStore($0).values(.init(unitCode: "20-STTTT")) }
            #expect(stored.map(\.period.id) == ["2025Q1", "2025Q2"] && stored.map(\.value) == [5, 6])
            #expect(stored.map(\.storedBy) == ["an", nil] && stored.allSatisfy { $0.comment == "ghi chú" && $0.updatedAt == "2025-07-01T00:00:00Z" })
            try await DataEntry(db).write([Fixtures.input("20-STTTT", Fixtures.vehicles.code, "2025Q1", value: 7)], by: .machineOperator("binh"))
            let history = try await ValueHistory.of(unit: "20-STTTT", indicator: Fixtures.vehicles.code, period: try Period("2025Q1"), db)
            #expect(history.map(\.before?.value) == [5] && history.map(\.before?.comment) == ["ghi chú"] && history.map(\.after.value) == [7])
            #expect(try await AuditLog.verify(db).problem == nil)
        }
    }

    @Test func sqliteRunsInWALModeWithForeignKeys() async throws {
        try await TestBackend.sqlite.withDatabase { db in
            let (mode, fk, sync) = try await db.read { sql in
                (try await sql.raw("PRAGMA journal_mode").first()!.decode(column: "journal_mode", as: String.self),
                 try await sql.raw("PRAGMA foreign_keys").first()!.decode(column: "foreign_keys", as: Int.self),
                 try await sql.raw("PRAGMA synchronous").first()!.decode(column: "synchronous", as: Int.self))
            }
            #expect(mode == "wal")
            #expect(fk == 1)
            #expect(sync == 2) // FULL
        }
    }

    /// The marker CI looks for: when PostgreSQL is configured (always in `scripts/test`),
    /// this test proves the PostgreSQL half of every parameterised test ran.
    @Test func postgresIsReachableWhenConfigured() async throws {
        let required = ProcessInfo.processInfo.environment["DXTRACK_REQUIRE_POSTGRES"] == "1"
        guard TestBackend.postgresURL != nil else {
            #expect(!required, "DXTRACK_REQUIRE_POSTGRES=1 but DXTRACK_TEST_POSTGRES_URL is not set")
            return
        }
        let version = try await TestBackend.postgres.withDatabase { db in
            try await db.read { try await $0.raw("SHOW server_version").first()!.decode(column: "server_version", as: String.self) }
        }
        print("PostgreSQL tests ran against PostgreSQL \(version)")
        #expect(!version.isEmpty)
    }
}
