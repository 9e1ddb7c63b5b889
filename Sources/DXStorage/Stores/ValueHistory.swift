import DXDomain
import Foundation
import SQLKit

/// What happened to one value, write by write, read from the writes that recorded it
/// (`value_writes`, see ``ValueWrite``).
public enum ValueHistory {
    public struct Change: Sendable {
        public var revision: Int64
        public var at: String
        public var actor: String
        public var action: String
        /// The value as it was before this write; nil if the write created it.
        public var before: DataValue?
        public var after: DataValue
    }

    /// Oldest first. Reads every recorded write: meant for an inquiry, not for a page.
    public static func of(unit: String, indicator: String, period: Period, _ db: Database) async throws -> [Change] {
        let id = period.id
        @Sendable func line(_ text: String) -> StoredValue? {
            // Lines leave out a unit or indicator the same as above, so only writes naming all three are read.
            guard text.contains(unit), text.contains(indicator), text.contains(id) else { return nil }
            return ChangeSet.values(text)?.first { $0.value.unitCode == unit && $0.value.indicatorCode == indicator && $0.value.period == period }
        }
        return try await db.read { sql in
            try await sql.rows("SELECT * FROM value_writes WHERE revision > 0 ORDER BY revision", []).compactMap { row in
                guard let after = line(try row.text("written")) else { return nil }
                return Change(revision: Int64(try row.number("revision") ?? 0), at: try row.text("at"), actor: try row.text("actor"),
                              action: try row.text("action"), before: line(try row.text("replaced"))?.value, after: after.value)
            }
        }
    }
}

extension AuditLog {
    /// The first write of values whose recorded lists no longer have the digests its audit
    /// entry holds, or that has no entry: `(seq of the entry, or nil, problem)`.
    static func alteredWrite(entries: [Int64: (seq: Int, after: String?)], sql: Session) async throws -> (Int?, String)? {
        struct Summary: Decodable { let written: String; let replaced: String }
        for row in try await sql.rows("SELECT revision, written, replaced FROM value_writes WHERE revision > 0 ORDER BY revision", []) {
            let revision = Int64(try row.number("revision") ?? 0)
            guard let entry = entries[revision] else { return (nil, "the write of values \(revision) has no audit entry") }
            let summary = try? JSONDecoder().decode(Summary.self, from: Data((entry.after ?? "").utf8))
            let written = AuditEntry.digest(Array(try row.text("written").utf8))
            let replaced = AuditEntry.digest(Array(try row.text("replaced").utf8))
            if summary?.written != written || summary?.replaced != replaced {
                return (entry.seq, "the values of write \(revision) (entry \(entry.seq)) were altered")
            }
        }
        return nil
    }
}
