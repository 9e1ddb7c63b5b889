import Crypto
import DXDomain
import SQLKit

/// One write of values, recorded whole, in the caller's transaction: the values are
/// stored (`stored_values`), the write is kept in `value_writes` with every value it wrote
/// and every stored value it replaced, and the audit log gets one entry naming the write
/// and the SHA-256 digests of both lists.
///
/// One audit entry per write, not per value: an import of a national quarter writes
/// 435,000 values, and hashing, encoding and indexing an entry for each cost several
/// times what storing the values did. The record per write keeps the same facts (who,
/// when, each value before and after: ``ValueHistory``) and the chain still shows any
/// later edit of them (``AuditLog/verify(_:)`` checks the digests).
struct ValueWrite {
    /// The values of a write as stored, chunk by chunk, with the text that records them.
    struct Chunk: Sendable {
        var values: [DataValue]
        var periodIDs: [Period: String]
        /// `ChangeSet.text` of the values, made where there was a core to spare.
        var record: String
        /// The values as PostgreSQL's COPY takes them, made there too when `copying` names the write's revision.
        var copyRows: CopyRows?

        init(_ values: [DataValue], periodIDs: [Period: String], copying revision: Int64? = nil) {
            self.values = values
            self.periodIDs = periodIDs
            record = ChangeSet.text(values, periodIDs: periodIDs)
            copyRows = revision.map { CopyRows(values, revision: $0) }
        }
    }

    let revision: Int64
    private let session: Session
    private let dialect: Dialect
    private var periodIDs: [Period: String] = [:]
    private var written = SHA256(), writtenText: [String] = []
    private var replaced: [StoredValue] = []
    private var count = 0
    /// What figures the write changes (``FigureScope``).
    private var indicators: Set<String> = []

    /// Begins a write in the caller's transaction: claims its revision.
    init(on sql: Session, dialect: Dialect) async throws {
        revision = try await DataVersion.claim(on: sql)
        session = sql
        self.dialect = dialect
    }

    /// Stores a chunk (after those before it).
    mutating func store(_ chunk: Chunk) async throws {
        guard !chunk.values.isEmpty else { return }
        periodIDs.merge(chunk.periodIDs) { a, _ in a }
        replaced += try await session.storeValues(chunk.values, revision: revision, periodIDs: chunk.periodIDs, copyRows: chunk.copyRows)
        written.update(data: Array(chunk.record.utf8))
        writtenText.append(chunk.record)
        count += chunk.values.count
        for v in chunk.values { indicators.insert(v.indicatorCode) }
    }

    /// Records the write: its periods, what it wrote and replaced (`value_writes`), and its
    /// audit entry. `action`: `values.write` for what people send, `values.compute` for what
    /// dxtrack computes.
    func finish(by actor: String, action: String) async throws {
        try await DataVersion.record(FigureScope(indicators: indicators), at: revision, on: session)
        guard count > 0 else { return }
        try await session.insert(into: "periods", columns: ["id", "type", "start_date", "end_date"], updatingOn: ["id"],
                                 cells: periodIDs.flatMap { p, id in [.text(id), .text(p.type.rawValue), .text(p.start.iso), .text(p.end.iso)] })
        let before = ChangeSet.text(replaced, periodIDs: periodIDs)
        try await session.insert(into: "value_writes", columns: ["revision", "at", "actor", "action", "written", "replaced"],
                                 cells: [.integer(Int(revision)), .text(Timestamp.now()), .text(actor), .text(action),
                                         .text(writtenText.joined()), .text(before)])
        let summary = ChangeSet.summary(revision: revision, written: AuditEntry.hex(written.finalize()),
                                        replaced: AuditEntry.digest(Array(before.utf8)), count: count)
        try await AuditLog.append([AuditRecord(actor: actor, action: action, entity: "values:\(revision)", after: summary)], on: session, dialect: dialect)
    }

    /// Stores `values` as one write.
    static func store(_ values: [DataValue], by actor: String, action: String, on sql: Session, dialect: Dialect) async throws {
        var write = try await ValueWrite(on: sql, dialect: dialect)
        let periodIDs = Dictionary(uniqueKeysWithValues: Set(values.map(\.period)).map { ($0, $0.id) })
        try await write.store(Chunk(values, periodIDs: periodIDs))
        try await write.finish(by: actor, action: action)
    }
}

/// A value as stored, with the write that stored it.
typealias StoredValue = (value: DataValue, revision: Int64?)

extension Session {
    /// Stores `values` under `revision` and returns the stored values they replaced.
    ///
    /// Each value is inserted unless its key is taken; only then is the stored one read and
    /// overwritten. An import of new values, the common case, costs one insert each.
    /// SQLite steps statements prepared once (``SQLiteStatement``); PostgreSQL takes the
    /// values over COPY (``copyValues(_:rows:revision:on:)``).
    func storeValues(_ values: [DataValue], revision: Int64, periodIDs: [Period: String] = [:], copyRows: CopyRows? = nil) async throws -> [StoredValue] {
        switch driver {
        case .sqlite(let handle):
            return try await handle.run { try Self.storeValues(values, revision: revision, periodIDs: periodIDs, on: $0) }
        case .postgres(let conn, _):
            return try await copyValues(values, rows: copyRows ?? CopyRows(values, revision: revision), revision: revision, on: conn)
        }
    }

    static func sameFigures(_ a: DataValue, _ b: DataValue) -> Bool {
        a.value == b.value && a.numerator == b.numerator && a.denominator == b.denominator && a.comment == b.comment
    }

    static let storedColumns = ["unit_code", "indicator_code", "period", "value", "numerator", "denominator", "comment", "revision"]

    private static func storeValues(_ values: [DataValue], revision: Int64, periodIDs: [Period: String], on db: SQLiteHandle) throws -> [StoredValue] {
        let many = try db.statement(insertText(table: "stored_values", columns: storedColumns, key: nil, rows: rowsPerInsert) + " ON CONFLICT DO NOTHING")
        let one = try db.statement(insertText(table: "stored_values", columns: storedColumns, key: nil, rows: 1) + " ON CONFLICT DO NOTHING")
        let select = try db.statement("SELECT value, numerator, denominator, comment, revision FROM stored_values WHERE unit_code = ? AND indicator_code = ? AND period = ?")
        let update = try db.statement("""
            UPDATE stored_values SET value = ?, numerator = ?, denominator = ?, comment = ?, revision = ?
            WHERE unit_code = ? AND indicator_code = ? AND period = ?
            """)
        // Rows come unit by unit, indicator by indicator: the last code's C string is kept at hand.
        let texts = SQLiteTexts()
        // The kept statements let go of their pointers into `texts` before it is freed, however this ends.
        defer {
            for statement in [many, one, select, update] { statement.finish() }
            withExtendedLifetime(texts) {}
        }
        var unit = ("", texts.pointer("")), indicator = unit
        var periods: [Period: UnsafePointer<CChar>] = [:]
        func bind(_ statement: SQLiteStatement, _ v: DataValue, at first: Int32) {
            if v.unitCode != unit.0 { unit = (v.unitCode, texts.pointer(v.unitCode)) }
            if v.indicatorCode != indicator.0 { indicator = (v.indicatorCode, texts.pointer(v.indicatorCode)) }
            let period: UnsafePointer<CChar>
            if let p = periods[v.period] {
                period = p
            } else {
                period = texts.pointer(periodIDs[v.period] ?? v.period.id)
                periods[v.period] = period
            }
            statement.bind(first, static: unit.1)
            statement.bind(first + 1, static: indicator.1)
            statement.bind(first + 2, static: period)
            statement.bind(first + 3, v.value)
            statement.bind(first + 4, v.numerator)
            statement.bind(first + 5, v.denominator)
            statement.bind(first + 6, v.comment)
            statement.bind(first + 7, revision)
        }
        var replaced: [StoredValue] = []
        /// A value whose insert found its key taken: the stored one is read, kept as replaced
        /// unless this write stored it just now with the same figures, and overwritten.
        func overwrite(_ v: DataValue, _ period: String) throws {
            select.bind(1, v.unitCode)
            select.bind(2, v.indicatorCode)
            select.bind(3, period)
            if try select.step() {
                var old = v
                (old.value, old.numerator, old.denominator, old.comment) = (select.double(0), select.double(1), select.double(2), select.text(3))
                let by = select.int64(4)
                select.reset()
                if by == revision && sameFigures(old, v) { return }
                replaced.append((old, by))
            }
            update.bind(1, v.value)
            update.bind(2, v.numerator)
            update.bind(3, v.denominator)
            update.bind(4, v.comment)
            update.bind(5, revision)
            update.bind(6, v.unitCode)
            update.bind(7, v.indicatorCode)
            update.bind(8, period)
            _ = try update.step()
        }
        let width = Int32(storedColumns.count)
        var start = 0
        while start < values.count {
            let group = values.count - start >= rowsPerInsert ? rowsPerInsert : 1
            let statement = group == 1 ? one : many
            for k in 0..<group {
                bind(statement, values[start + k], at: Int32(k) * width + 1)
            }
            _ = try statement.step()
            // Fewer rows inserted than given: some keys were taken; those values are looked at one by one.
            if statement.changes < group {
                for v in values[start..<(start + group)] { try overwrite(v, periodIDs[v.period] ?? v.period.id) }
            }
            start += group
        }
        return replaced
    }
}
