import DXDomain
import Foundation
import Logging
import PostgresKit
import SQLKit

/// dxtrack's database: one SQL code path (SQLKit) over SQLite or PostgreSQL.
///
/// Open it for the length of a scope, so that PostgreSQL's connection pool runs
/// as a child task and every connection is closed when the scope ends:
///
/// ```swift
/// try await Database.withDatabase(at: .sqlite(directory: "./dxtrack-data"), logger: logger) { db in
///     try await Migrator(db).migrate()
///     let units = try await db.read { try await OrgUnitStore($0).all() }
/// }
/// ```
///
/// Reads use any pooled reader; ``transaction(_:)`` pins one connection and
/// commits all or nothing.
public struct Database: Sendable {
    public let dialect: Dialect
    public let location: DatabaseLocation
    let logger: Logger
    private let backend: any Backend
    /// Shared by every copy of this value: what one open database keeps in memory.
    let memory: Memory

    /// One reference for both, so that `Database` stays the size it was: one word more and
    /// Swift 6.3.1's task allocator aborted ("freed pointer was not the last allocation") in
    /// closures that capture it, a compiler bug of the swiftlang/swift#87481 kind.
    final class Memory: Sendable {
        let derivedFigures = DerivedFigures()
        let valueColumns: ValueColumns

        init(snapshotPath: String?) {
            valueColumns = ValueColumns(snapshotPath: snapshotPath)
        }
    }

    init(dialect: Dialect, location: DatabaseLocation, logger: Logger, backend: any Backend) {
        (self.dialect, self.location, self.logger, self.backend) = (dialect, location, logger, backend)
        memory = Memory(snapshotPath: location.valueSnapshotPath)
    }

    /// Opens the database at `location`, runs `body`, and closes it again.
    public static func withDatabase<T: Sendable>(
        at location: DatabaseLocation, logger: Logger,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let directory):
            // The data directory holds the database and the signing secret: its owner's alone.
            if !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            return try await withSQLite(path: (directory as NSString).appendingPathComponent(DatabaseLocation.sqliteFileName),
                                        location: location, logger: logger, body)
        case .sqliteFile(let path):
            return try await withSQLite(path: path, location: location, logger: logger, body)
        case .postgres(let url):
            let configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.username,
                                                             password: url.password, database: url.database, tls: .disable)
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                return try await body(Database(dialect: .postgres, location: location, logger: logger,
                                               backend: PostgresBackend(client: client, logger: logger, use: PoolUse(size: configuration.options.maximumConnections))))
            }
        }
    }

    private static func withSQLite<T: Sendable>(
        path: String, location: DatabaseLocation, logger: Logger,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        // Made 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let pool = try await SQLitePool.open(path: path, readers: 4, logger: logger)
        do {
            let result = try await body(Database(dialect: .sqlite, location: location, logger: logger, backend: pool))
            await pool.close()
            return result
        } catch {
            await pool.close()
            throw error
        }
    }

    /// How busy the connection pool is now.
    public var poolUse: PoolUse { backend.use }

    /// Runs `body` on a pooled connection for reading, outside any transaction.
    /// Writes belong in ``transaction(_:)``; on SQLite read connections refuse them.
    public func read<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await backend.withConnection(body)
    }

    /// Runs `body` on a connection that may write, outside any transaction: for
    /// maintenance such as `VACUUM INTO`. Everything else writes in ``transaction(_:)``.
    func maintenance<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await backend.maintenance(body)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// The transaction advances the data version, so that figures derived before it are computed again.
    public func transaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await backend.transaction { sql in
            let result = try await body(sql)
            try await DataVersion.advance(on: sql)
            return result
        }
    }

    /// A transaction of the reporting cycle, which changes only the scope `body` returns besides
    /// the values it writes through ``ValueWrite`` (which records theirs): figures that read
    /// none of it stay as they were (``FigureScope``). Return an empty scope when the values
    /// are all the transaction changes; use ``transaction(_:)`` for anything broader.
    func transaction<T: Sendable>(changingOnly body: @Sendable (Session) async throws -> (T, changed: FigureScope)) async throws -> T {
        try await backend.transaction { sql in
            let (result, changed) = try await body(sql)
            try await DataVersion.record(changed, at: try await DataVersion.claim(on: sql), on: sql)
            return result
        }
    }

    /// A transaction that leaves the data version alone, for writes that change no figure:
    /// the migrator's (which runs before the version exists), sign-in attempts and events,
    /// audit checkpoints. Advancing the version for them would make every instance
    /// compute its derived figures again for nothing.
    func transactionChangingNoFigure<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await backend.transaction(body)
    }
}

protocol Backend: Sendable {
    var use: PoolUse { get }
    func withConnection<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T
    func transaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T
    /// A connection that may write, outside any transaction (for `VACUUM INTO`).
    func maintenance<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T
}

struct PostgresBackend: Backend {
    let client: PostgresClient
    let logger: Logger
    let use: PoolUse

    func withConnection<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await use.asking { try await client.withConnection { conn in try await use.lending { try await body(Session(conn)) } } }
    }

    func maintenance<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    func transaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        do {
            return try await use.asking { try await client.withTransaction(logger: logger) { conn in try await use.lending { try await body(Session(conn)) } } }
        } catch let error as PostgresTransactionError {
            // PostgresNIO wraps what the body threw; callers expect it as it was, like on SQLite.
            // A failed BEGIN, COMMIT or ROLLBACK stays wrapped: that is a database error.
            if let thrown = error.closureError, error.rollbackError == nil { throw thrown }
            throw error
        }
    }
}
