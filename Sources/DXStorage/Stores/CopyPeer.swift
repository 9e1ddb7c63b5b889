import DXDomain
import NIOCore

/// The peer a PostgreSQL import is measured against (`dxtrack bench`): PostgreSQL's own
/// `COPY` of the same rows into a table like `stored_values` (its key, none of dxtrack's
/// checks, no record of the write), in one transaction, the table dropped after.
public enum CopyPeer {
    /// Seconds to COPY every stored value again; nil on SQLite, which has no COPY.
    public static func seconds(_ db: Database) async throws -> Double? {
        guard db.dialect == .postgres else { return nil }
        // The rows, as COPY's text, made before the clock starts.
        let values = try await db.read { sql in
            try await DataValueStore(sql).read(sql.select().column("*").from("data_values"))
        }
        var chunks: [ByteBuffer] = [], buffer = ByteBuffer()
        for v in values {
            Session.copyRow(v, revision: 1, into: &buffer)
            if buffer.readableBytes >= 1 << 20 { chunks.append(buffer); buffer = ByteBuffer() }
        }
        chunks.append(buffer)
        let start = ContinuousClock.now
        try await db.transaction { [chunks] sql in
            guard case .postgres(let conn, _) = sql.driver else { return }
            _ = try await sql.rows("CREATE TABLE copy_peer (LIKE stored_values INCLUDING ALL)", [])
            try await conn.copyFrom(table: "copy_peer", columns: Session.storedColumns, logger: sql.logger) { writer in
                for chunk in chunks { try await writer.write(chunk) }
            }
        }
        let elapsed = ContinuousClock.now - start
        try await db.transaction { _ = try await $0.rows("DROP TABLE copy_peer", []) }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
