import DXDomain
import Foundation
import SQLKit
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every stored value, column by column in memory: what progress, rollups, rankings and
/// aggregates read instead of `stored_values`.
///
/// A country's quarter is some 435,000 values. Read through SQL, each costs microseconds
/// (found in an index, fetched, decoded); kept as arrays of small integers and doubles, a
/// few nanoseconds. So a national rollup takes about a second instead of eight, and the
/// first reader after a write reads only what that write changed (bench/RESULTS.md).
///
/// The columns stay current the way ``DerivedFigures`` do, whichever instance wrote:
/// every write of values claims a data version and records what it wrote under it
/// (``ValueWrite``). Before answering, the columns read the current version (one row) and,
/// if it moved, only the writes after theirs. The first use in a process loads every
/// value, from the snapshot a server left beside a SQLite file when there is one of this
/// database (``ValueSnapshot``), else from the rows; `dxtrack serve` does that as it starts.
///
/// They hold what analytics needs (unit, indicator, period, the figures), not comments or
/// authorship: listings and exports read those from the database.
actor ValueColumns {
    /// Locked because rows arrive on the driver's thread while the actor waits for the read to end.
    private let table = Mutex(ValueTable())
    /// The data version the columns hold; nil before the first load.
    private var version: Int64?
    /// Whether the values have been read into memory once: before that, the first figure waits for them.
    var isLoaded: Bool { version != nil }
    private var loading = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Where the columns are kept between runs (``ValueSnapshot``); nil: never kept.
    let snapshotPath: String?
    /// The version the snapshot on file holds, once read or written: not written again for nothing.
    private var snapshotVersion: Int64?

    init(snapshotPath: String? = nil) {
        self.snapshotPath = snapshotPath
    }

    /// The values `selection` asks for, as stored at the current data version or later.
    func select(_ selection: ValueSelection, on sql: Session) async throws -> [DataValue] {
        try await catchUp(on: sql)
        // Nothing is loading now (catchUp returned on this actor), so the table holds whole versions only.
        return table.withLock { $0.select(selection) }
    }

    /// The values `selection` asks for, numbered as the columns number units and indicators.
    func numbered(_ selection: ValueSelection, on sql: Session) async throws -> NumberedFigures {
        try await catchUp(on: sql)
        return table.withLock { $0.numbered(selection) }
    }

    /// One indicator's values by `members`, as ``ValueTable/figures(of:members:periods:)`` gives them.
    func figures(of indicator: String, members: [String], periods: (Period) -> Bool, on sql: Session) async throws -> [NumberedFigure] {
        try await catchUp(on: sql)
        return table.withLock { $0.figures(of: indicator, members: members, periods: periods) }
    }

    /// Brings the columns to the current data version, reading on `sql` (the caller's
    /// connection: waiting readers hold theirs, so asking the pool for another could wait forever).
    /// One load at a time: callers that find one under way wait for it, then look again.
    func catchUp(on sql: Session) async throws {
        let current = try await DataVersion.current(on: sql)
        while version.map({ $0 < current }) ?? true {
            if loading {
                await withCheckedContinuation { waiting.append($0) }
                continue
            }
            loading = true
            defer {
                loading = false
                for waiter in waiting { waiter.resume() }
                waiting = []
            }
            try await load(since: version, on: sql)
        }
    }

    private func load(since: Int64?, on sql: Session) async throws {
        // Read before the values: every value with a revision up to it is committed (see DataVersion.claim).
        let current = try await DataVersion.current(on: sql)
        let session = sql
        if let since {
            // What each later write stored, as it recorded it (value_writes), oldest first.
            try await session.each("SELECT revision, written FROM value_writes WHERE revision > ? ORDER BY revision", [.integer(Int(since))]) { row in
                guard case .text(let text) = row[1], let values = ChangeSet.values(text) else {
                    self.table.withLock { $0.fail("unreadable write \(row[0])") }
                    return
                }
                self.table.withLock { table in
                    for (v, _) in values {
                        table.apply([.text(v.unitCode), .text(v.indicatorCode), .text(v.period.id), v.value.cell, v.numerator.cell, v.denominator.cell])
                    }
                }
            }
        } else if let snapshot = await snapshot(upTo: current, on: sql) {
            // What the snapshot holds; the writes after it are read next, as after any write.
            table.withLock { $0 = snapshot.table }
            version = snapshot.version
            snapshotVersion = snapshot.version
            return
        } else {
            let count = try await DataValueStore(sql).count()
            table.withLock { $0 = ValueTable(capacity: count) }
            try await session.each("SELECT unit_code, indicator_code, period, value, numerator, denominator FROM stored_values", []) { row in
                self.table.withLock { $0.apply(row) }
            }
        }
        if let problem = table.withLock({ $0.problem }) {
            // Start again from nothing next time rather than keep a table that missed a row.
            table.withLock { $0 = ValueTable() }
            version = nil
            throw SessionError("stored_values: \(problem)")
        }
        version = current
        if since == nil { Self.returnFreedMemory() }
    }

    /// Gives the memory a full load freed (every row decoded once, at a national size hundreds of
    /// megabytes) back to the system: glibc keeps freed blocks for the process otherwise.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // `malloc_trim` is glibc's own (malloc.h), outside the module Swift imports: looked up by name.
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        #endif
    }
}

extension ValueColumns {
    /// The snapshot on file, if it is one of this database at a version it has reached.
    private func snapshot(upTo current: Int64, on sql: Session) async -> ValueSnapshot? {
        guard let path = snapshotPath, FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let snapshot = try ValueSnapshot(contentsOfFile: path)
            guard snapshot.version <= current, try await ValueSnapshot.identity(at: snapshot.version, on: sql) == snapshot.identity else {
                sql.logger.info("values snapshot \(path) is not of this database as it is now: values read from the database")
                return nil
            }
            return snapshot
        } catch {
            sql.logger.warning("values snapshot \(path) set aside: \(error)")
            return nil
        }
    }

    /// Writes the columns as they stand to the snapshot file, replacing it whole. False when
    /// there is nowhere to write, nothing loaded yet, or the file holds this version already
    /// (a start that read it and caught up with nothing).
    func saveSnapshot(on sql: Session) async throws -> Bool {
        guard let path = snapshotPath, let version, version != snapshotVersion else { return false }
        // Taken together, before any wait: the table holds exactly that version.
        let held = table.withLock { $0 }
        let identity = try await ValueSnapshot.identity(at: version, on: sql)
        // Hundreds of megabytes at a national size: encoded and written off this actor, which readers wait on.
        try await Task.detached {
            // Renamed into place whole, so a reader never meets half a file.
            let temporary = path + ".new"
            try ValueSnapshot(version: version, identity: identity, table: held).write(toFile: temporary)
            guard rename(temporary, path) == 0 else { throw SessionError("values snapshot \(path): not renamed into place") }
        }.value
        Self.returnFreedMemory()
        snapshotVersion = version
        return true
    }
}

extension Database {
    /// The stored values `selection` asks for, from the in-memory columns (see ``ValueColumns``).
    func values(_ selection: ValueSelection, on sql: Session) async throws -> [DataValue] {
        try await memory.valueColumns.select(selection, on: sql)
    }

    /// The stored values `selection` asks for, numbered (see ``ValueTable/numbered(_:)``).
    func numbered(_ selection: ValueSelection, on sql: Session) async throws -> NumberedFigures {
        try await memory.valueColumns.numbered(selection, on: sql)
    }

    /// One indicator's values by `members`, member by member, from the in-memory columns.
    func figures(of indicator: String, members: [String], periods: @Sendable (Period) -> Bool, on sql: Session) async throws -> [NumberedFigure] {
        try await memory.valueColumns.figures(of: indicator, members: members, periods: periods, on: sql)
    }

    /// Loads every value into memory now rather than for the first figure asked for:
    /// `dxtrack serve` does it as it starts, `dxtrack bench` to time it apart.
    public func loadValues() async throws {
        try await read { try await memory.valueColumns.catchUp(on: $0) }
    }

    /// Writes the values held in memory to a file beside the database (``ValueSnapshot``), for
    /// the next start to read instead of every row: `dxtrack serve` does it once the values are
    /// loaded and again as it stops. False when there is none to write (PostgreSQL, nothing loaded).
    @discardableResult
    public func saveValueSnapshot() async throws -> Bool {
        try await read { try await memory.valueColumns.saveSnapshot(on: $0) }
    }

    /// Whether this instance can serve figures: what `/ready` answers a load balancer with.
    public struct Readiness: Sendable, Hashable {
        /// The newest migration applied to the database.
        public var schema: Int
        public var valuesLoaded: Bool
        public var isReady: Bool { schema == Migration.latestVersion && valuesLoaded }
    }

    /// Asks the database (throwing when it does not answer) and the memory.
    public func readiness() async throws -> Readiness {
        let schema = try await read { try await Migrator.schemaVersion(on: $0) }
        return Readiness(schema: schema, valuesLoaded: await memory.valueColumns.isLoaded)
    }
}
