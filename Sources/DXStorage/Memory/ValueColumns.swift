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
                        table.apply([.text(v.unitCode), .text(v.indicatorCode), .text(v.period.id), v.value.cell, v.numerator.cell, v.denominator.cell], new: false)
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
                self.table.withLock { $0.apply(row, new: true) }
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

/// Which values to read: every field narrows, nil fields do not.
struct ValueSelection: Sendable {
    var indicators: Set<String>?
    var units: Set<String>?
    var periods: @Sendable (Period) -> Bool = { _ in true }
}

/// The columns themselves. Units, indicators and periods are numbered as they first
/// appear; each row's numbers and figures sit at the same position of every array.
struct ValueTable {
    // Readable for the snapshot (ValueSnapshot.swift), which writes them whole.
    private(set) var units: [String] = [], unitNumber: [String: Int32] = [:]
    private(set) var indicators: [String] = [], indicatorNumber: [String: Int32] = [:]
    private(set) var periods: [Period] = [], periodNumber: [String: Int32] = [:]

    private(set) var unit: [Int32] = [], indicator: [Int32] = [], period: [Int32] = []
    /// NaN for a missing figure: a stored figure is always finite (`Indicator.check`).
    private(set) var value: [Double] = [], numerator: [Double] = [], denominator: [Double] = []

    /// Rows by unit, by indicator and by period: the three ways into the columns.
    private var rowsOfUnit: [[Int32]] = [], rowsOfIndicator: [[Int32]] = [], rowsOfPeriod: [[Int32]] = []

    /// The first row that could not be read, if any.
    private(set) var problem: String?

    /// A table of these codes and columns (as a snapshot holds them), its three ways in built afresh.
    init(units: [String], indicators: [String], periods: [Period], unit: [Int32], indicator: [Int32], period: [Int32],
         value: [Double], numerator: [Double], denominator: [Double]) {
        (self.units, self.indicators, self.periods) = (units, indicators, periods)
        unitNumber = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1, Int32($0)) })
        indicatorNumber = Dictionary(uniqueKeysWithValues: indicators.enumerated().map { ($1, Int32($0)) })
        periodNumber = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1.id, Int32($0)) })
        (self.unit, self.indicator, self.period) = (unit, indicator, period)
        (self.value, self.numerator, self.denominator) = (value, numerator, denominator)
        rowsOfUnit = Self.rows(by: unit, count: units.count)
        rowsOfIndicator = Self.rows(by: indicator, count: indicators.count)
        rowsOfPeriod = Self.rows(by: period, count: periods.count)
    }

    /// Row numbers grouped by the number in `column`, each group sized before it is filled.
    private static func rows(by column: [Int32], count: Int) -> [[Int32]] {
        var sizes = [Int](repeating: 0, count: count)
        for n in column { sizes[Int(n)] += 1 }
        var rows = sizes.map { size -> [Int32] in var r = [Int32](); r.reserveCapacity(size); return r }
        for (r, n) in column.enumerated() { rows[Int(n)].append(Int32(r)) }
        return rows
    }

    var count: Int { unit.count }

    mutating func fail(_ problem: String) {
        if self.problem == nil { self.problem = problem }
    }

    init(capacity: Int = 0) {
        unit.reserveCapacity(capacity)
        indicator.reserveCapacity(capacity)
        period.reserveCapacity(capacity)
        value.reserveCapacity(capacity)
        numerator.reserveCapacity(capacity)
        denominator.reserveCapacity(capacity)
    }

    /// Adds or replaces one value, read as unit, indicator, period, value, numerator,
    /// denominator. `new` says the value cannot be there yet (the first load), which
    /// spares looking for it.
    mutating func apply(_ row: [Cell], new: Bool) {
        guard problem == nil else { return }
        guard row.count == 6, case .text(let unitCode) = row[0], case .text(let indicatorCode) = row[1],
              case .text(let periodID) = row[2], let p = periodNumber[periodID] ?? addPeriod(periodID) else {
            problem = "unreadable row \(row)"
            return
        }
        let u = Self.number(unitCode, in: &units, &unitNumber, rows: &rowsOfUnit)
        let i = Self.number(indicatorCode, in: &indicators, &indicatorNumber, rows: &rowsOfIndicator)
        let figures = (Self.figure(row[3]), Self.figure(row[4]), Self.figure(row[5]))
        // A unit has a few hundred values at most: looking through its rows is cheap and needs no key index.
        if !new, let r = rowsOfUnit[Int(u)].first(where: { indicator[Int($0)] == i && period[Int($0)] == p }).map(Int.init) {
            (value[r], numerator[r], denominator[r]) = figures
            return
        }
        let r = Int32(unit.count)
        unit.append(u)
        indicator.append(i)
        period.append(p)
        value.append(figures.0)
        numerator.append(figures.1)
        denominator.append(figures.2)
        rowsOfUnit[Int(u)].append(r)
        rowsOfIndicator[Int(i)].append(r)
        rowsOfPeriod[Int(p)].append(r)
    }

    private mutating func addPeriod(_ id: String) -> Int32? {
        guard let parsed = try? Period(id) else { return nil }
        periods.append(parsed)
        rowsOfPeriod.append([])
        periodNumber[id] = Int32(periods.count - 1)
        return Int32(periods.count - 1)
    }

    private static func number(_ code: String, in codes: inout [String], _ numbers: inout [String: Int32], rows: inout [[Int32]]) -> Int32 {
        if let n = numbers[code] { return n }
        codes.append(code)
        rows.append([])
        numbers[code] = Int32(codes.count - 1)
        return Int32(codes.count - 1)
    }

    private static func figure(_ cell: Cell) -> Double {
        switch cell {
        case .number(let x): x
        case .integer(let i): Double(i)
        case .text, .blob, .null: .nan
        }
    }

    func select(_ selection: ValueSelection) -> [DataValue] {
        let periodWanted = periods.map(selection.periods)
        // Marked from the named codes, so a selection costs what it names, not every unit there is.
        func marks(_ wanted: Set<String>?, _ numbers: [String: Int32], count: Int) -> [Bool]? {
            wanted.map { codes in
                var marks = [Bool](repeating: false, count: count)
                for code in codes { if let n = numbers[code] { marks[Int(n)] = true } }
                return marks
            }
        }
        let indicatorWanted = marks(selection.indicators, indicatorNumber, count: indicators.count)
        let unitWanted = marks(selection.units, unitNumber, count: units.count)
        // In by the narrowest way: the named indicators' rows, the named units' or the periods'.
        var ways: [[[Int32]]] = [periodWanted.indices.filter { periodWanted[$0] }.map { rowsOfPeriod[$0] }]
        if let wanted = selection.indicators { ways.append(wanted.compactMap { indicatorNumber[$0] }.map { rowsOfIndicator[Int($0)] }) }
        if let wanted = selection.units { ways.append(wanted.compactMap { unitNumber[$0] }.map { rowsOfUnit[Int($0)] }) }
        let way = ways.map { ($0, $0.reduce(0) { $0 + $1.count }) }.min { $0.1 < $1.1 }!.0
        var out: [DataValue] = []
        for rows in way {
            for r in rows {
                let r = Int(r), p = Int(period[r]), i = Int(indicator[r]), u = Int(unit[r])
                guard periodWanted[p], indicatorWanted?[i] ?? true, unitWanted?[u] ?? true else { continue }
                out.append(DataValue(unitCode: units[u], indicatorCode: indicators[i], period: periods[p],
                                     value: Self.optional(value[r]), numerator: Self.optional(numerator[r]),
                                     denominator: Self.optional(denominator[r])))
            }
        }
        return out
    }

    private static func optional(_ x: Double) -> Double? { x.isNaN ? nil : x }
}

extension Database {
    /// The stored values `selection` asks for, from the in-memory columns (see ``ValueColumns``).
    func values(_ selection: ValueSelection, on sql: Session) async throws -> [DataValue] {
        try await memory.valueColumns.select(selection, on: sql)
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
