import DXDomain
@testable import DXStorage
import Foundation
import DXTestSupport
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
