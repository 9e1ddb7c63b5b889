import DXDomain
import NIOCore
import PostgresNIO

/// PostgreSQL's bulk path for ``Session/storeValues(_:revision:periodIDs:)``: a chunk of
/// values goes over `COPY … FROM STDIN` into a temporary table, then one statement reads
/// the stored values it replaces and one upserts the chunk. Three round trips for 50,000
/// values, where multi-row inserts took several per 1,000: the import waited on the
/// network, not on the database (0.11–0.14× of COPY before).
extension Session {
    /// Values per COPY: each chunk holds a key at most once, so that the upsert sees one row per key.
    static let copyChunk = 50_000

    func copyValues(_ values: [DataValue], revision: Int64, on conn: PostgresConnection) async throws -> [StoredValue] {
        // ON COMMIT DELETE ROWS: the rows of one transaction are never seen by the next.
        _ = try await rows("""
            CREATE TEMP TABLE IF NOT EXISTS incoming_values (unit_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
                value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION, comment TEXT, revision BIGINT NOT NULL)
            ON COMMIT DELETE ROWS
            """, [])
        var replaced: [StoredValue] = [], chunk: [DataValue] = [], keys = Set<DataValueStore.Key>()
        for v in values {
            if chunk.count == Self.copyChunk || !keys.insert(DataValueStore.Key(v)).inserted {
                replaced += try await copyChunk(chunk, revision: revision, on: conn)
                chunk = []
                keys = [DataValueStore.Key(v)]
            }
            chunk.append(v)
        }
        return replaced + (try await copyChunk(chunk, revision: revision, on: conn))
    }

    private func copyChunk(_ values: [DataValue], revision: Int64, on conn: PostgresConnection) async throws -> [StoredValue] {
        guard !values.isEmpty else { return [] }
        try await conn.copyFrom(table: "incoming_values", columns: Self.storedColumns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for v in values {
                Self.copyRow(v, revision: revision, into: &buffer)
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        let old = try await rows("""
            SELECT s.unit_code, s.indicator_code, s.period, s.value, s.numerator, s.denominator, s.comment, s.revision
            FROM stored_values s JOIN incoming_values i USING (unit_code, indicator_code, period)
            """, [])
        _ = try await rows("""
            INSERT INTO stored_values (\(Self.storedColumns.joined(separator: ", "))) SELECT \(Self.storedColumns.joined(separator: ", ")) FROM incoming_values
            ON CONFLICT (unit_code, indicator_code, period) DO UPDATE SET value = EXCLUDED.value, numerator = EXCLUDED.numerator,
                denominator = EXCLUDED.denominator, comment = EXCLUDED.comment, revision = EXCLUDED.revision
            """, [])
        _ = try await rows("TRUNCATE incoming_values", [])
        let sent = Dictionary(values.map { (DataValueStore.Key($0), $0) }, uniquingKeysWith: { _, last in last })
        // As on SQLite, a value this write stored just now with the same figures was not replaced.
        return try old.compactMap { row in
            let v = DataValue(unitCode: try row.text("unit_code"), indicatorCode: try row.text("indicator_code"), period: try Period(row.text("period")),
                              value: try row.number("value"), numerator: try row.number("numerator"), denominator: try row.number("denominator"),
                              comment: try row.optionalText("comment"))
            let by = Int64(try row.number("revision") ?? 0)
            if by == revision, let now = sent[DataValueStore.Key(v)], Self.sameFigures(v, now) { return nil }
            return (v, by)
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
