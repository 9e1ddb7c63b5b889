import Foundation
import Logging

/// SQLite connections to one file: one writer and a few read-only readers.
///
/// WAL mode lets readers run beside the writer. Write transactions queue for the
/// single writer connection here, in the process, rather than in SQLite's busy
/// handler: that handler sleeps on one of NIO's few blocking threads, and two
/// writers waiting that way can starve the thread the lock holder needs to
/// commit. (GRDB's `DatabasePool` is built the same way.) Readers are opened
/// with `query_only`, so a write can only ever go through ``transaction(_:)``.
actor SQLitePool: Backend {
    private struct Lane {
        var idle: [SQLiteHandle]
        var waiters: [CheckedContinuation<SQLiteHandle, Never>] = []
    }

    private var readers: Lane
    private var writer: Lane
    private var all: [SQLiteHandle]
    private let walPath: String
    private let logger: Logger
    /// The checkpoint under way, if any, and whether another commit came in meanwhile.
    private var checkpoint: Task<Void, Never>?
    private var checkpointAgain = false
    /// Every connection, the writer and the readers alike.
    nonisolated let use: PoolUse

    private init(path: String, writer: SQLiteHandle, readers: [SQLiteHandle], logger: Logger) {
        self.walPath = path + "-wal"
        self.logger = logger
        self.writer = Lane(idle: [writer])
        self.readers = Lane(idle: readers)
        self.all = [writer] + readers
        self.use = PoolUse(size: 1 + readers.count)
    }

    static func open(path: String, readers: Int, logger: Logger) async throws -> SQLitePool {
        var opened: [SQLiteHandle] = []
        do {
            for i in 0...readers {
                let conn = try SQLiteHandle(path: path)
                opened.append(conn)
                // WAL survives restarts and lets readers run beside the writer; synchronous=FULL
                // makes each commit durable across power loss; foreign keys are off by default;
                // busy_timeout covers another process (a backup, the CLI) holding the lock; the writer's
                // 64 MB page cache (the default is 2 MB) keeps an import of 100,000 values from spilling
                // pages to the WAL before its commit. Readers keep 8 MB each: figures are read from
                // memory (``ValueColumns``), so what they read is lookups and listings, and the OS caches
                // the file; at 64 MB each, the four could hold a quarter of a gigabyte once a national
                // database had been read through. The writer leaves checkpoints to ``checkpointSoon()``,
                // and once one has gone through, cuts the WAL file back to its threshold.
                let pragmas = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                               "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 15000"]
                    + (i > 0 ? ["PRAGMA query_only = ON", "PRAGMA cache_size = -8192"]
                             : ["PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 0", "PRAGMA journal_size_limit = \(walThreshold)"])
                try await conn.run { conn in for pragma in pragmas { try conn.execute(pragma) } }
            }
        } catch {
            for conn in opened { conn.close() }
            throw error
        }
        return SQLitePool(path: path, writer: opened[0], readers: Array(opened.dropFirst()), logger: logger)
    }

    private func checkout(writer isWriter: Bool) async -> SQLiteHandle {
        if isWriter, let conn = writer.idle.popLast() { return conn }
        if !isWriter, let conn = readers.idle.popLast() { return conn }
        return await withCheckedContinuation { c in
            if isWriter { writer.waiters.append(c) } else { readers.waiters.append(c) }
        }
    }

    private func checkin(_ conn: SQLiteHandle, writer isWriter: Bool) {
        if isWriter {
            if writer.waiters.isEmpty { writer.idle.append(conn) } else { writer.waiters.removeFirst().resume(returning: conn) }
        } else {
            if readers.waiters.isEmpty { readers.idle.append(conn) } else { readers.waiters.removeFirst().resume(returning: conn) }
        }
    }

    private nonisolated func with<T: Sendable>(writer: Bool, _ body: @Sendable (SQLiteHandle) async throws -> T) async throws -> T {
        try await use.asking { try await lent(writer: writer, body) }
    }

    private nonisolated func lent<T: Sendable>(writer: Bool, _ body: @Sendable (SQLiteHandle) async throws -> T) async throws -> T {
        let conn = await checkout(writer: writer)
        do {
            let result = try await use.lending { try await body(conn) }
            await checkin(conn, writer: writer)
            return result
        } catch {
            await checkin(conn, writer: writer)
            throw error
        }
    }

    nonisolated func withConnection<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await with(writer: false) { try await body(Session($0, logger: logger)) }
    }

    nonisolated func maintenance<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await with(writer: true) { try await body(Session($0, logger: logger)) }
    }

    nonisolated func transaction<T: Sendable>(_ body: @Sendable (Session) async throws -> T) async throws -> T {
        try await with(writer: true) { handle in
            try await handle.run { try $0.execute("BEGIN IMMEDIATE") }
            do {
                let result = try await body(Session(handle, logger: logger))
                try await handle.run { try $0.execute("COMMIT") }
                await checkpointSoon()
                return result
            } catch {
                try? await handle.run { try $0.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Copies committed pages from the WAL into the database file once the WAL holds more
    /// than SQLite's default threshold (1,000 pages), on a reader connection in the background.
    ///
    /// SQLite's own automatic checkpoint runs inside the commit that crosses the threshold,
    /// so the writer waited for it: for an import, every file's commit did. A passive checkpoint
    /// never blocks the writer; the other core does it while the next file is written.
    private func checkpointSoon() {
        let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int) ?? 0
        guard size > Self.walThreshold else { return }
        if checkpoint != nil {
            checkpointAgain = true
            return
        }
        checkpoint = Task {
            repeat {
                checkpointAgain = false
                let conn = await checkout(writer: false)
                try? await conn.run { try $0.execute("PRAGMA wal_checkpoint(PASSIVE)") }
                checkin(conn, writer: false)
            } while checkpointAgain
            checkpoint = nil
        }
    }

    /// 1,000 pages of 4 KiB, SQLite's default for its automatic checkpoint.
    private static let walThreshold = 4_096_000

    func close() async {
        await checkpoint?.value
        for conn in all { conn.close() }
        all = []
        readers.idle = []
        writer.idle = []
    }
}
