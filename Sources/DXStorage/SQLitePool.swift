import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A small pool of SQLite connections to one file.
///
/// SQLite in WAL mode lets readers run beside one writer, so several connections
/// serve concurrent requests; writers take the lock up front (`BEGIN IMMEDIATE`)
/// and wait for each other (`busy_timeout`) instead of failing mid-transaction.
actor SQLitePool: Backend {
    private var idle: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []
    private var all: [SQLiteConnection]

    private init(connections: [SQLiteConnection]) {
        idle = connections
        all = connections
    }

    static func open(path: String, size: Int, logger: Logger) async throws -> SQLitePool {
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0..<size {
                let conn = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                connections.append(conn)
                // WAL survives restarts and lets readers run beside a writer; synchronous=FULL
                // makes each commit durable across power loss; foreign keys are off by default.
                for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                               "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 15000"] {
                    _ = try await conn.query(pragma)
                }
            }
        } catch {
            for conn in connections { try? await conn.close() }
            throw error
        }
        return SQLitePool(connections: connections)
    }

    private func checkout() async -> SQLiteConnection {
        if let conn = idle.popLast() { return conn }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func checkin(_ conn: SQLiteConnection) {
        if waiters.isEmpty { idle.append(conn) } else { waiters.removeFirst().resume(returning: conn) }
    }

    nonisolated func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let conn = await checkout()
        do {
            let result = try await body(conn.sql(queryLogLevel: .trace))
            await checkin(conn)
            return result
        } catch {
            await checkin(conn)
            throw error
        }
    }

    nonisolated func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { db in
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func close() async {
        for conn in all { try? await conn.close() }
        all = []
        idle = []
    }
}
