import DXDomain
import NIOCore

/// The peer a PostgreSQL import is measured against (`dxtrack bench`): PostgreSQL's own
/// `COPY` of the same rows into a table like `stored_values` (its key, none of dxtrack's
/// checks, no record of the write), in one transaction, the table dropped after. The bench
/// times ``copy(into:)`` alone; ``rows(_:)`` makes the COPY text before its clock starts.
public struct CopyPeer: Sendable {
    let chunks: [ByteBuffer]

    /// Every stored value as COPY's text; nil on SQLite, which has no COPY.
    public static func rows(_ db: Database) async throws -> CopyPeer? {
        guard db.dialect == .postgres else { return nil }
        let values = try await db.read { sql in
            try await DataValueStore(sql).read(sql.select().column("*").from("data_values"))
        }
        var chunks: [ByteBuffer] = [], buffer = ByteBuffer()
        for v in values {
            Session.copyRow(v, revision: 1, into: &buffer)
            if buffer.readableBytes >= 1 << 20 { chunks.append(buffer); buffer = ByteBuffer() }
        }
        chunks.append(buffer)
        return CopyPeer(chunks: chunks)
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
