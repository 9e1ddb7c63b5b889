import DXDomain
import Foundation
import SQLKit

/// Brings a database to the newest schema this build knows, and refuses one
/// that a newer dxtrack has already moved past.
///
/// Safe to run from several instances at once: on PostgreSQL the run holds a
/// transaction-level advisory lock; on SQLite `BEGIN IMMEDIATE` takes the write lock.
public struct Migrator: Sendable {
    let db: Database
    let migrations: [Migration]

    public init(_ db: Database, migrations: [Migration] = Migration.all) {
        self.db = db
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The newest migration applied to the database (0 before any).
    static func schemaVersion(on sql: Session) async throws -> Int {
        try await sql.rows("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations", []).first?.decode(column: "v", as: Int.self) ?? 0
    }

    /// Applies the migrations not yet applied; returns their versions.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let dialect = db.dialect
        let migrations = self.migrations
        return try await db.transactionChangingNoFigure { sql in
            if dialect == .postgres {
                // Any constant works; it only has to be the same for every dxtrack instance.
                try await sql.raw("SELECT pg_advisory_xact_lock(7438201)").run()
            }
            try await sql.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """).run()
            let applied = Set(try await sql.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) })
            let known = migrations.map(\.version).max() ?? 0
            if let newest = applied.max(), newest > known {
                throw DomainError(
                    code: "schema_too_new", field: "database",
                    vi: "Cơ sở dữ liệu có lược đồ phiên bản \(newest), mới hơn phiên bản \(known) mà bản dxtrack này biết. Hãy dùng bản dxtrack mới hơn.",
                    en: "The database schema is at version \(newest), newer than version \(known) this dxtrack knows. Use a newer dxtrack.", kind: .unavailable)
            }
            var done: [Int] = []
            for m in migrations where !applied.contains(m.version) {
                for statement in m.statements {
                    let text = dialect == .sqlite ? statement : statement.replacingOccurrences(of: ") WITHOUT ROWID", with: ")")
                    try await sql.raw(SQLQueryString(text)).run()
                }
                try await sql.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: m.version), \(bind: m.name), \(bind: Timestamp.now()))
                    """).run()
                done.append(m.version)
            }
            // A migration may change what figures mean: those derived before it are stale.
            let versioned = Migration.v011DataVersion.version
            if !done.isEmpty && (applied.contains(versioned) || done.contains(versioned)) { try await DataVersion.advance(on: sql) }
            return done
        }
    }

}
