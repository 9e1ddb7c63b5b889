import DXDomain
import DXSignature
import Foundation
import SQLKit

/// A checkpoint of the audit chain: its head (the last entry's number and hash) at a
/// moment, with an HMAC under the deployment's signing secret.
///
/// The chain's SHA-256 links show an edit to anyone who walks them, but someone who
/// can write the database can also compute them again after an edit. A checkpoint
/// cannot be made again: its key is drawn from the signing secret, which the
/// database does not hold. As with the signed tree heads of a transparency log, a
/// checkpoint kept elsewhere (the line ``line`` gives, printed by
/// `dxtrack audit checkpoint`) also catches a rewrite that deleted the checkpoints
/// kept in the database.
public struct AuditCheckpoint: Sendable, Equatable {
    public var seq: Int
    public var hash: String
    public var at: String
    public var mac: String

    static let format = "dxtrack-audit-checkpoint/1"

    static func message(seq: Int, hash: String, at: String) -> [UInt8] { Array("\(format) \(seq) \(hash) \(at)".utf8) }

    public func isAuthentic(under seal: KeySeal) -> Bool {
        seal.mac(Self.message(seq: seq, hash: hash, at: at), purpose: "audit checkpoint") == mac
    }

    /// One line of text, to append to a file kept away from the database.
    public var line: String { "\(Self.format) seq=\(seq) hash=\(hash) at=\(at) mac=\(mac)" }

    /// A line as ``line`` writes it; nil for anything else.
    public init?(line: String) {
        let parts = line.split(separator: " ")
        guard parts.count == 5, parts[0] == Self.format else { return nil }
        var fields: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            fields[String(kv[0])] = String(kv[1])
        }
        guard let seq = fields["seq"].flatMap(Int.init), let hash = fields["hash"], let at = fields["at"], let mac = fields["mac"] else { return nil }
        self.init(seq: seq, hash: hash, at: at, mac: mac)
    }

    init(seq: Int, hash: String, at: String, mac: String) {
        (self.seq, self.hash, self.at, self.mac) = (seq, hash, at, mac)
    }
}

extension AuditLog {
    /// Authenticates the chain's head as it stands and keeps the checkpoint in the
    /// database; returns it (nil when the log is empty or the head was checkpointed already).
    @discardableResult
    public static func checkpoint(_ db: Database, seal: KeySeal) async throws -> AuditCheckpoint? {
        try await db.transactionChangingNoFigure { sql in
            guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else { return nil }
            let seq = try head.decode(column: "seq", as: Int.self), hash = try head.decode(column: "hash", as: String.self)
            if try await sql.raw("SELECT seq FROM audit_checkpoints WHERE seq = \(bind: seq)").first() != nil { return nil }
            let at = Timestamp.now()
            let c = AuditCheckpoint(seq: seq, hash: hash, at: at, mac: seal.mac(AuditCheckpoint.message(seq: seq, hash: hash, at: at), purpose: "audit checkpoint"))
            try await sql.raw("INSERT INTO audit_checkpoints (seq, hash, at, mac) VALUES (\(bind: c.seq), \(bind: c.hash), \(bind: c.at), \(bind: c.mac)) ON CONFLICT (seq) DO NOTHING").run()
            return c
        }
    }

    static func checkpoints(_ sql: Session) async throws -> [AuditCheckpoint] {
        try await sql.raw("SELECT * FROM audit_checkpoints ORDER BY seq").all().map {
            AuditCheckpoint(seq: try $0.decode(column: "seq", as: Int.self), hash: try $0.text("hash"), at: try $0.text("at"), mac: try $0.text("mac"))
        }
    }

    /// The first problem with the checkpoints, given the hashes the walked chain has at
    /// their entries (`hashes[seq]`, absent for an entry the log does not have).
    static func checkCheckpoints(_ checkpoints: [AuditCheckpoint], hashes: [Int: String], seal: KeySeal?) -> String? {
        for c in checkpoints {
            if let seal, !c.isAuthentic(under: seal) {
                return "checkpoint \(c.seq) of \(c.at) is not authentic under this deployment's signing secret"
            }
            guard let hash = hashes[c.seq] else {
                return "checkpoint \(c.seq) of \(c.at) names an entry the log no longer has"
            }
            if hash != c.hash {
                return "entry \(c.seq) is not the one checkpointed at \(c.at): the log was rewritten up to it"
            }
        }
        return nil
    }
}
