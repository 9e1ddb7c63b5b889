import Foundation
import SQLKit

/// Figures derived from the data (a dashboard, a unit's progress), kept in memory and
/// served again while the data they were computed from is unchanged.
///
/// Every write transaction advances one counter in the database (`data_version`), in
/// the same transaction as the write, whichever dxtrack instance wrote, and the writes of
/// the reporting cycle record what they changed (``FigureScope``, `figure_changes`). A
/// reader reads the counter first (one row by primary key) and reuses a figure kept at an
/// older version when every write since left what the figure reads alone; otherwise the
/// figure is computed afresh. So several stateless instances behind one PostgreSQL never
/// serve a figure older than the data they can read, and a write at a deadline costs the
/// figures it touches (a province's targets of the written indicators) instead of all.
///
/// Requests that arrive while a figure is being computed wait for that computation
/// instead of starting their own.
actor DerivedFigures {
    private struct Entry {
        var version: Int64
        /// nil: the figure reads everything (a page), and any write changes it.
        var reads: FigureScope?
        var task: Task<any Sendable, any Error>
    }

    /// Figures of a narrow scope (a target's progress: small, and many), and of every scope
    /// (pages: up to a megabyte each, and their URLs are the readers' to choose), bounded apart.
    private var narrow: [String: Entry] = [:], broad: [String: Entry] = [:]
    private static let narrowCapacity = 20_000, broadCapacity = 500
    private var changes = FigureChanges()
    /// Figures served again (as computed, or carried to a later version), of those the ones
    /// carried past a write, and figures computed, since the process started (for `/metrics`).
    private(set) var hits = 0, carried = 0, misses = 0
    var kept: Int { narrow.count + broad.count }

    /// What the change log needs before figures at `version` can be judged (see ``FigureChanges``).
    func need(through version: Int64) -> FigureChanges.Need { changes.need(through: version) }

    func learn(_ need: FigureChanges.Need, to version: Int64, rows: [(Int64, FigureScope)]) {
        changes.extend(need, to: version, with: rows)
    }

    func value<T: Sendable>(_ key: String, version: Int64, reads: FigureScope?,
                            _ compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let key = "\(T.self)|\(key)"
        if let entry = entries(reads)[key], entry.version >= version || reads.map({ changes.leftAlone($0, from: entry.version, to: version) }) == true {
            hits += 1
            if entry.version < version {
                carried += 1
                update(reads) { $0[key]?.version = version }
            }
            return try await entry.task.value as! T
        }
        misses += 1
        makeRoom(reads, for: version)
        // Nested figures are read at this version rather than asking the database again.
        let task = Task<any Sendable, any Error> { try await DataVersion.$pinned.withValue(version) { try await compute() } }
        update(reads) { $0[key] = Entry(version: version, reads: reads, task: task) }
        do {
            return try await task.value as! T
        } catch {
            update(reads) { if $0[key]?.version == version { $0[key] = nil } }
            throw error
        }
    }

    /// Forgets every kept figure, so that the next are computed afresh (for tests that compare).
    func forget() {
        narrow = [:]
        broad = [:]
    }

    private func entries(_ reads: FigureScope?) -> [String: Entry] { reads == nil ? broad : narrow }

    private func update(_ reads: FigureScope?, _ change: (inout [String: Entry]) -> Void) {
        if reads == nil { change(&broad) } else { change(&narrow) }
    }

    /// Drops the oldest half when full: older versions come back rarely (a computation pinned to one).
    private func makeRoom(_ reads: FigureScope?, for version: Int64) {
        let capacity = reads == nil ? Self.broadCapacity : Self.narrowCapacity
        guard entries(reads).count >= capacity else { return }
        update(reads) { entries in
            let versions = entries.values.map(\.version).sorted()
            let median = versions[versions.count / 2]
            entries = entries.filter { $0.value.version > median }
            if entries.count >= capacity / 2 { entries.removeAll() }
        }
        let oldest = (narrow.values.map(\.version) + broad.values.map(\.version)).min() ?? version
        changes.forget(through: oldest)
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

extension DataVersion {
    /// The version a derived figure is being computed at, for the figures it is made of.
    @TaskLocal static var pinned: Int64?

    /// What the writes after `after` up to `version` recorded of themselves.
    static func changes(after: Int64, through version: Int64, on sql: Session) async throws -> [(Int64, FigureScope)] {
        try await sql.rows("SELECT version, scope FROM figure_changes WHERE version > ? AND version <= ?",
                           [.integer(Int(after)), .integer(Int(version))]).map { row in
            (try row.decode(column: "version", as: Int64.self), try JSONDecoder().decode(FigureScope.self, from: Data(try row.text("scope").utf8)))
        }
    }

    /// Records that `version`, claimed or advanced to by the caller's transaction, changed only `scope`.
    static func record(_ scope: FigureScope, at version: Int64, on sql: Session) async throws {
        let text = String(decoding: try JSONEncoder.sorted.encode(scope), as: UTF8.self)
        try await sql.insert(into: "figure_changes", columns: ["version", "scope"], cells: [.integer(Int(version)), .text(text)])
    }
}

extension JSONEncoder {
    fileprivate static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }
}

extension Database {
    /// `compute`'s result, reused while no write since it was computed changed what it `reads`
    /// (nil: everything), see ``DerivedFigures``. `key` must name everything the result depends
    /// on besides the data.
    public func derived<T: Sendable>(_ key: String, reads: FigureScope? = nil,
                                     _ compute: @escaping @Sendable () async throws -> T) async throws -> T {
        let figures = memory.derivedFigures
        let version: Int64
        if let pinned = DataVersion.pinned {
            version = pinned
        } else {
            version = try await read { sql in
                let version = try await DataVersion.current(on: sql)
                let need = await figures.need(through: version)
                guard need != .nothing else { return version }
                let rows = if case .rows(let after) = need { try await DataVersion.changes(after: after, through: version, on: sql) } else { [(Int64, FigureScope)]() }
                await figures.learn(need, to: version, rows: rows)
                return version
            }
        }
        return try await figures.value(key, version: version, reads: reads, compute)
    }
}
