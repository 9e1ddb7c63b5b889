import DXDomain
import NIOCore
import Synchronization

/// The peer a PostgreSQL import is measured against (`dxtrack bench`): PostgreSQL's own
/// `COPY` of the same rows into a table like `stored_values` (its key, none of dxtrack's
/// checks, no record of the write), in one transaction, the table dropped after. The bench
/// times ``copy(into:)`` alone; ``rows(_:)`` makes the COPY text before its clock starts.
public struct CopyPeer: Sendable {
    let chunks: [ByteBuffer]

    /// Every stored value as COPY's text; nil on SQLite, which has no COPY. The rows are read
    /// one at a time into the text (holding them all first took 7.8 GB at 10M).
    public static func rows(_ db: Database) async throws -> CopyPeer? {
        guard db.dialect == .postgres else { return nil }
        let text = Mutex(Text())
        // The stored values as every reader of `data_values` reads them (``DataValueStore/value(_:)``).
        let names = ["unit_code", "indicator_code", "period", "value", "numerator", "denominator", "comment", "stored_by", "updated_at"]
        let columns = CellRow.Columns(names)
        try await db.read { sql in
            try await sql.each("SELECT \(names.joined(separator: ", ")) FROM data_values", []) { cells in
                let value = Result { try DataValueStore.value(CellRow(columns: columns, cells: cells)) }
                text.withLock { $0.add(value) }
            }
        }
        let made = text.withLock { $0 }
        guard made.unreadable == 0 else { throw SessionError("copy peer: \(made.unreadable) stored rows unreadable") }
        return CopyPeer(chunks: made.chunks + [made.buffer])
    }

    /// The text as it is made, in chunks of about a megabyte.
    private struct Text {
        var chunks: [ByteBuffer] = [], buffer = ByteBuffer(), unreadable = 0

        mutating func add(_ value: Result<DataValue, any Error>) {
            guard case .success(let v) = value else { unreadable += 1; return }
            Session.copyRow(v, revision: 1, into: &buffer)
            if buffer.readableBytes >= 1 << 20 { chunks.append(buffer); buffer = ByteBuffer() }
        }
    }

    /// COPYs the rows into a fresh table, committed, then drops it.
    public func copy(into db: Database) async throws {
        try await db.transaction { [chunks] sql in
            guard case .postgres(let conn, _) = sql.driver else { return }
            _ = try await sql.rows("CREATE TABLE copy_peer (LIKE stored_values INCLUDING ALL)", [])
            try await conn.copyFrom(table: "copy_peer", columns: Session.storedColumns, logger: sql.logger) { writer in
                for chunk in chunks { try await writer.write(chunk) }
            }
        }
    }

    public static func drop(in db: Database) async throws {
        try await db.transaction { _ = try await $0.rows("DROP TABLE copy_peer", []) }
    }
}
