import Crypto
import DXDomain
import DXSignature
import Foundation
import SQLKit

/// One write, as the audit log keeps it: who, when, what, the value before and
/// after (as JSON), and why.
public struct AuditEntry: Hashable, Sendable {
    public var seq: Int
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var before: String?
    public var after: String?
    public var reason: String?
    public var prevHash: String
    public var hash: String

    /// The bytes the hash covers, fields separated by a unit separator that cannot
    /// occur in them unescaped.
    var canonical: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        for (i, field) in [String(seq), at, actor, action, entity, before ?? "∅", after ?? "∅", reason ?? "∅", prevHash].enumerated() {
            if i > 0 { out.append(0x1F) }
            for byte in field.utf8 {
                if byte == 0x1F { out += Array("\\u001F".utf8) } else { out.append(byte) }
            }
        }
        return out
    }

    /// Lower-case hex of the SHA-256 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Lower-case hex of a digest.
    static func hex(_ digest: SHA256.Digest) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension AuditEntry {
    init(row: any SQLRow) throws {
        self.init(seq: try row.decode(column: "seq", as: Int.self), at: try row.text("at"), actor: try row.text("actor"),
                  action: try row.text("action"), entity: try row.text("entity"), before: try row.optionalText("before"),
                  after: try row.optionalText("after"), reason: try row.optionalText("reason"),
                  prevHash: try row.text("prev_hash"), hash: try row.text("hash"))
    }
}

/// What a change to record looks like before it gets its place in the chain.
public struct AuditRecord: Sendable {
    public var actor: String
    public var action: String
    public var entity: String
    public var before: String?
    public var after: String?
    public var reason: String?

    public init(actor: String, action: String, entity: String, before: String? = nil, after: String? = nil, reason: String? = nil) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.before = before
        self.after = after
        self.reason = reason
    }
}

/// The append-only audit log. Appends happen inside the caller's transaction, so
/// a write and its record commit together or not at all.
public struct AuditLog: Sendable {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends records to the chain, in order.
    static func append(_ records: [AuditRecord], on sql: Session, dialect: Dialect) async throws {
        guard !records.isEmpty else { return }
        if dialect == .postgres {
            // One appender at a time across every instance: the chain has one tail.
            try await sql.raw("SELECT pg_advisory_xact_lock(7438202)").run()
        }
        let last = try await sql.raw("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").first()
        var seq = try last?.decode(column: "seq", as: Int.self) ?? 0
        var prev = try last?.decode(column: "hash", as: String.self) ?? genesis
        let now = Timestamp.now()
        var cells: [Cell] = []
        cells.reserveCapacity(records.count * 10)
        for r in records {
            seq += 1
            var e = AuditEntry(seq: seq, at: now, actor: r.actor, action: r.action, entity: r.entity, before: r.before,
                               after: r.after, reason: r.reason, prevHash: prev, hash: "")
            e.hash = AuditEntry.digest(e.canonical)
            prev = e.hash
            cells += [.integer(e.seq), .text(e.at), .text(e.actor), .text(e.action), .text(e.entity),
                      e.before.cell, e.after.cell, e.reason.cell, .text(e.prevHash), .text(e.hash)]
        }
        try await sql.insert(into: "audit_log", columns: ["seq", "at", "actor", "action", "entity", "before", "after",
                                                                       "reason", "prev_hash", "hash"], cells: cells)
        try await sql.raw("""
            INSERT INTO audit_head (id, seq, hash) VALUES (1, \(bind: seq), \(bind: prev))
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """).run()
    }

    /// The result of walking the chain.
    public struct Verification: Sendable, Equatable {
        public var entries: Int
        /// The first entry that does not fit, and why; nil when the chain is whole.
        public var firstBad: Int?
        public var problem: String?
        /// What could not be checked (no signing secret to authenticate checkpoints with).
        public var notes: [String] = []
    }

    /// Walks the whole chain in order and reports the first entry whose hash, link or
    /// sequence number is wrong (an edit, a deletion or a reordering); checks the
    /// checkpoints (those in the database and `kept`, those kept elsewhere) against the
    /// chain and, with `seal`, that they are authentic; checks that every write of values
    /// still holds the lists its entry gave the digests of; and checks the state itself
    /// against the record (``alteredState(_:sql:)``).
    public static func verify(_ db: Database, seal: KeySeal? = nil, kept: [AuditCheckpoint] = []) async throws -> Verification {
        try await db.read { sql in
            var expectedSeq = 1, prev = genesis, count = 0
            var after = 0
            var valueWrites: [Int64: (seq: Int, after: String?)] = [:]
            var record = Record()
            let checkpoints = try await Self.checkpoints(sql) + kept
            let wanted = Set(checkpoints.map(\.seq))
            var hashes: [Int: String] = [:]
            while true {
                let rows = try await sql.raw("SELECT * FROM audit_log WHERE seq > \(bind: after) ORDER BY seq LIMIT 5000").all()
                if rows.isEmpty { break }
                for row in rows {
                    let e = try AuditEntry(row: row)
                    if e.seq != expectedSeq {
                        return Verification(entries: count, firstBad: expectedSeq, problem: "entry \(expectedSeq) is missing (next is \(e.seq))")
                    }
                    if e.prevHash != prev {
                        return Verification(entries: count, firstBad: e.seq, problem: "entry \(e.seq) does not link to the entry before it")
                    }
                    if AuditEntry.digest(e.canonical) != e.hash {
                        return Verification(entries: count, firstBad: e.seq, problem: "entry \(e.seq) was altered")
                    }
                    if e.entity.hasPrefix("values:"), let revision = Int64(e.entity.dropFirst(7)) {
                        valueWrites[revision] = (e.seq, e.after)
                    }
                    if wanted.contains(e.seq) { hashes[e.seq] = e.hash }
                    record.add(e)
                    prev = e.hash
                    expectedSeq += 1
                    count += 1
                    after = e.seq
                }
            }
            let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
            let headSeq = try head?.decode(column: "seq", as: Int.self) ?? 0
            let headHash = try head?.decode(column: "hash", as: String.self) ?? genesis
            if headSeq != count || headHash != prev {
                return Verification(entries: count, firstBad: min(headSeq, count) + 1,
                                    problem: "the log ends at entry \(count) but its head says \(headSeq): entries were removed from the end")
            }
            if let problem = checkCheckpoints(checkpoints, hashes: hashes, seal: seal) {
                return Verification(entries: count, firstBad: count + 1, problem: problem)
            }
            if let (seq, problem) = try await alteredWrite(entries: valueWrites, sql: sql) {
                return Verification(entries: count, firstBad: seq ?? count + 1, problem: problem)
            }
            if let problem = try await alteredState(record, sql: sql) {
                return Verification(entries: count, firstBad: count + 1, problem: problem)
            }
            var notes: [String] = []
            if checkpoints.isEmpty {
                notes.append("no checkpoint: a rewrite of the whole log with its hashes computed again would not show (dxtrack audit checkpoint)")
            } else if seal == nil {
                notes.append("no signing secret: the \(checkpoints.count) checkpoints were compared with the log but not authenticated")
            }
            return Verification(entries: count, firstBad: nil, problem: nil, notes: notes)
        }
    }

    /// The entries about one entity, oldest first.
    public static func history(of entity: String, _ db: Database) async throws -> [AuditEntry] {
        try await db.read { sql in
            try await sql.raw("SELECT * FROM audit_log WHERE entity = \(bind: entity) ORDER BY seq").all().map(AuditEntry.init(row:))
        }
    }
}
