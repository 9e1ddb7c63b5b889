import SQLKit

/// Figures derived from the data (a dashboard, a unit's progress), kept in memory and
/// served again while the data they were computed from is unchanged.
///
/// Every write transaction advances one counter in the database (`data_version`), in
/// the same transaction as the write, whichever dxtrack instance wrote. A reader reads
/// the counter first (one row by primary key) and reuses a figure computed at that
/// version; any write anywhere makes every instance compute afresh. So several stateless
/// instances behind one PostgreSQL never serve a figure older than the data they can read,
/// and a province's dashboard costs one SQL row instead of thousands while nobody writes.
///
/// Requests that arrive while a figure is being computed wait for that computation
/// instead of starting their own.
actor DerivedFigures {
    private var entries: [String: (version: Int64, task: Task<any Sendable, any Error>)] = [:]
    /// Enough for the pages a province's readers ask for between two writes; bounded because
    /// a kept page can weigh a megabyte and URLs are the readers' to choose.
    private let capacity = 500
    /// Figures served again, and computed, since the process started (for `/metrics`).
    private(set) var hits = 0, misses = 0
    var kept: Int { entries.count }

    func value<T: Sendable>(_ key: String, version: Int64, _ compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let key = "\(T.self)|\(key)"
        if let entry = entries[key], entry.version == version {
            hits += 1
            return try await entry.task.value as! T
        }
        misses += 1
        // Older versions never come back: the counter only grows.
        if entries.count >= capacity { entries = entries.filter { $0.value.version >= version } }
        if entries.count >= capacity { entries.removeAll() }
        let task = Task<any Sendable, any Error> { try await compute() }
        entries[key] = (version, task)
        do {
            return try await task.value as! T
        } catch {
            if entries[key]?.version == version { entries[key] = nil }
            throw error
        }
    }
}

enum DataVersion {
    static func advance(on sql: Session) async throws {
        try await sql.raw("UPDATE data_version SET version = version + 1 WHERE id = 1").run()
    }

    /// Advances the counter and returns the new version, for the values about to be written
    /// (their `revision`). The row stays locked until the transaction ends, so on PostgreSQL a
    /// transaction that claims a version commits before any other can claim a later one: an
    /// instance that has read version n has every value with revision ≤ n within reach.
    static func claim(on sql: Session) async throws -> Int64 {
        try await advance(on: sql)
        return try await current(on: sql)
    }

    static func current(on sql: Session) async throws -> Int64 {
        try await sql.raw("SELECT version FROM data_version WHERE id = 1").first()?.decode(column: "version", as: Int64.self) ?? 0
    }
}

extension Database {
    /// `compute`'s result, reused while no write has happened since it was computed (see ``DerivedFigures``).
    /// `key` must name everything the result depends on besides the data.
    public func derived<T: Sendable>(_ key: String, _ compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let version = try await read { try await DataVersion.current(on: $0) }
        return try await memory.derivedFigures.value(key, version: version, compute)
    }
}
