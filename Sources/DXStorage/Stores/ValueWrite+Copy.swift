import DXDomain
import NIOCore
import PostgresNIO

/// PostgreSQL's bulk path for ``Session/storeValues(_:revision:periodIDs:copyRows:)``. For each
/// run of distinct keys (``CopyRows``): one statement finds the stored values it replaces (its
/// keys sent as three arrays), one deletes those, if any, and the run goes into `stored_values`
/// over `COPY … FROM STDIN`. An import of new values thus costs two round trips a chunk and
/// about COPY's own time: COPY inserts rows a page at a time, where `INSERT … SELECT` (with or
/// without `ON CONFLICT`) inserts and logs them one by one and took twice as long
/// (bench/RESULTS.md, "Tenth run").
///
/// No other writer of values can insert or change a key meanwhile: the transaction holds the
/// data version's row lock from its claim (``DataVersion/claim(on:)``) to its commit.
extension Session {
    func copyValues(_ values: [DataValue], rows: CopyRows, revision: Int64, on conn: PostgresConnection) async throws -> [StoredValue] {
        var replaced: [StoredValue] = []
        for run in rows.runs {
            replaced += try await copyRun(values[run], text: rows.text(of: run), revision: revision, on: conn)
        }
        return replaced
    }

    private func copyRun(_ values: ArraySlice<DataValue>, text: ByteBuffer, revision: Int64, on conn: PostgresConnection) async throws -> [StoredValue] {
        guard !values.isEmpty else { return [] }
        let stored = try await storedRows(keyedAs: try await mayBeStored(values, on: conn), on: conn)
        if !stored.isEmpty {
            var rows = PostgresBindings(capacity: 1)
            rows.append(stored.map(\.row))
            _ = try await conn.query(PostgresQuery(unsafeSQL: "DELETE FROM stored_values WHERE ctid = ANY($1::text[]::tid[])", binds: rows),
                                     logger: logger).collect()
        }
        try await conn.copyFrom(table: "stored_values", columns: Self.storedColumns, logger: logger) { writer in
            // In pieces of about a megabyte, as COPY's messages are read.
            var rest = text
            while rest.readableBytes > 0 {
                try await writer.write(rest.readSlice(length: min(rest.readableBytes, 1 << 20))!)
            }
        }
        guard !stored.isEmpty else { return [] }
        let sent = Dictionary(values.map { (DataValueStore.Key($0), $0) }, uniquingKeysWith: { _, last in last })
        // As on SQLite, a value this write stored just now with the same figures was not replaced.
        return stored.compactMap { old in
            if old.revision == revision, let now = sent[DataValueStore.Key(old.value)], Self.sameFigures(old.value, now) { return nil }
            return (old.value, old.revision)
        }
    }

    /// The values whose unit has any value stored: only their keys can be taken. A first
    /// import of a unit's figures (a new unit, a province's first load) then costs no lookup
    /// per value; the units are looked up in the primary key's first column, a few dozen a
    /// chunk since values come unit by unit. A small write (a report) skips the step.
    private func mayBeStored(_ values: ArraySlice<DataValue>, on conn: PostgresConnection) async throws -> ArraySlice<DataValue> {
        guard values.count > 1_000 else { return values }
        var units = PostgresBindings(capacity: 1)
        units.append(Array(DataEntry.distinct(values) { $0.unitCode }))
        let stored = try await conn.query(PostgresQuery(unsafeSQL: """
            SELECT u.code FROM unnest($1::text[]) AS u(code)
            CROSS JOIN LATERAL (SELECT 1 FROM stored_values s WHERE s.unit_code = u.code LIMIT 1) s
            """, binds: units), logger: logger).collect()
        let taken = Set(try stored.map { try $0.decode(String.self) })
        return taken.isEmpty ? [] : values.filter { taken.contains($0.unitCode) }[...]
    }

    /// The stored rows with the keys of `values`, with where each sits (`ctid`). Each key is
    /// looked up in the primary key (`LIMIT 1` keeps the planner from a hash join, which would
    /// read the whole table, growing, for every chunk).
    private func storedRows(keyedAs values: ArraySlice<DataValue>, on conn: PostgresConnection) async throws
        -> [(row: String, value: DataValue, revision: Int64)] {
        guard !values.isEmpty else { return [] }
        var keys = PostgresBindings(capacity: 3)
        keys.append(values.map(\.unitCode))
        keys.append(values.map(\.indicatorCode))
        keys.append(values.map(\.period.id))
        let rows = try await conn.query(PostgresQuery(unsafeSQL: """
            SELECT s.ctid::text, s.unit_code, s.indicator_code, s.period, s.value, s.numerator, s.denominator, s.comment, s.revision
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(unit_code, indicator_code, period)
            CROSS JOIN LATERAL (SELECT ctid, * FROM stored_values s
                                WHERE s.unit_code = k.unit_code AND s.indicator_code = k.indicator_code AND s.period = k.period LIMIT 1) s
            """, binds: keys), logger: logger).collect()
        return try rows.map { row in
            let (ctid, unit, indicator, period, value, numerator, denominator, comment, revision) =
                try row.decode((String, String, String, String, Double?, Double?, Double?, String?, Int64).self)
            let v = DataValue(unitCode: unit, indicatorCode: indicator, period: try Period(period),
                              value: value, numerator: numerator, denominator: denominator, comment: comment)
            return (ctid, v, revision)
        }
    }

    /// One row of COPY's text format: tab-separated, `\N` for null, and backslash, tab and
    /// line breaks escaped in text (a comment may hold any of them).
    static func copyRow(_ v: DataValue, revision: Int64, into buffer: inout ByteBuffer) {
        func text(_ s: String) {
            // Codes and periods never need escaping: written whole.
            guard s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 9 || $0 == 10 || $0 == 13 }) else { buffer.writeString(s); return }
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeString("\\\\")
                case 9: buffer.writeString("\\t")
                case 10: buffer.writeString("\\n")
                case 13: buffer.writeString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
        func number(_ x: Double?) {
            // "%.17g" round-trips every Double; Swift's description does too and is shorter.
            if let x { buffer.writeString(x.description) } else { buffer.writeString("\\N") }
        }
        text(v.unitCode); buffer.writeInteger(UInt8(9))
        text(v.indicatorCode); buffer.writeInteger(UInt8(9))
        text(v.period.id); buffer.writeInteger(UInt8(9))
        number(v.value); buffer.writeInteger(UInt8(9))
        number(v.numerator); buffer.writeInteger(UInt8(9))
        number(v.denominator); buffer.writeInteger(UInt8(9))
        if let c = v.comment { text(c) } else { buffer.writeString("\\N") }
        buffer.writeInteger(UInt8(9))
        buffer.writeString(String(revision))
        buffer.writeInteger(UInt8(10))
    }
}

/// A chunk of values as COPY's text, made before they are stored: on the core that checks
/// the next chunk while this one is stored (``ValueWrite/Chunk``).
struct CopyRows: Sendable {
    private var buffer = ByteBuffer()
    /// Where each row starts in `buffer`.
    private var starts: [Int] = []
    /// The runs of rows that go in one COPY each: every key once in a run, so that deleting
    /// the stored values a run replaces leaves room for every row of it.
    private(set) var runs: [Range<Int>] = []

    init(_ values: [DataValue], revision: Int64) {
        buffer.reserveCapacity(values.count * 48)
        starts.reserveCapacity(values.count + 1)
        var keys = Set<DataValueStore.Key>(minimumCapacity: values.count), first = 0
        for (i, v) in values.enumerated() {
            if !keys.insert(DataValueStore.Key(v)).inserted {
                runs.append(first..<i)
                first = i
                keys = [DataValueStore.Key(v)]
            }
            starts.append(buffer.writerIndex)
            Session.copyRow(v, revision: revision, into: &buffer)
        }
        starts.append(buffer.writerIndex)
        runs.append(first..<values.count)
    }

    /// The text of the rows of `run`.
    func text(of run: Range<Int>) -> ByteBuffer {
        buffer.getSlice(at: starts[run.lowerBound], length: starts[run.upperBound] - starts[run.lowerBound])!
    }
}
