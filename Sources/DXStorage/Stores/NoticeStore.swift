import DXDomain
import Foundation
import SQLKit

/// A notice as the inbox lists it.
public struct InboxEntry: Sendable, Hashable {
    public var id: String
    public var notice: Notice
    public var createdAt: String
    public var readAt: String?
}

/// A message waiting in the mail queue, claimed by one sender for a while.
struct QueuedMail: Sendable {
    var id: String
    var address: String
    var content: MailContent
    /// Attempts so far, this one included.
    var attempts: Int
}

/// Notices and the mail queue, over one connection or transaction.
struct NoticeStore {
    let sql: Session

    /// Adds the notices their recipients do not have yet (by key): the same reminder made
    /// twice, by a second run or a second instance, is one notice.
    @discardableResult
    func insert(_ notices: [Notice], at now: String) async throws -> Int {
        var made = 0
        for n in notices {
            made += try await sql.raw("""
                INSERT INTO notices (id, username, kind, key, subject_vi, subject_en, body_vi, body_en, place, created_at)
                VALUES (\(bind: UUID().uuidString), \(bind: n.recipient), \(bind: n.kind.rawValue), \(bind: n.key),
                        \(bind: n.subjectVi), \(bind: n.subjectEn), \(bind: n.bodyVi), \(bind: n.bodyEn), \(bind: n.place.stored), \(bind: now))
                ON CONFLICT (username, key) DO NOTHING
                RETURNING id
                """).all().count
        }
        return made
    }

    /// Claims a pass by name ("remind|2025-05-01"): true for the one transaction that does it,
    /// false once any has (another instance waits for the first to commit, then finds it done).
    func claimRun(_ name: String, at now: String) async throws -> Bool {
        try await sql.raw("INSERT INTO notice_runs (name, at) VALUES (\(bind: name), \(bind: now)) ON CONFLICT (name) DO NOTHING RETURNING name")
            .first() != nil
    }

    func hasRun(_ name: String) async throws -> Bool {
        try await sql.raw("SELECT name FROM notice_runs WHERE name = \(bind: name)").first() != nil
    }

    func inbox(_ username: String, limit: Int) async throws -> [InboxEntry] {
        try await sql.raw("SELECT * FROM notices WHERE username = \(bind: username) ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(limit))")
            .all().map(Self.entry)
    }

    func unread(_ username: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM notices WHERE username = \(bind: username) AND read_at IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks the notice read, if it is this person's, and returns it.
    func open(_ id: String, of username: String, at now: String) async throws -> InboxEntry? {
        try await sql.raw("UPDATE notices SET read_at = \(bind: now) WHERE id = \(bind: id) AND username = \(bind: username) AND read_at IS NULL").run()
        return try await sql.raw("SELECT * FROM notices WHERE id = \(bind: id) AND username = \(bind: username)").first().map(Self.entry)
    }

    func readAll(of username: String, at now: String) async throws {
        try await sql.raw("UPDATE notices SET read_at = \(bind: now) WHERE username = \(bind: username) AND read_at IS NULL").run()
    }

    /// Notices not yet turned into mail, locked on PostgreSQL so that another instance
    /// queueing at the same moment passes over them.
    func unmailed(dialect: Dialect) async throws -> [InboxEntry] {
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await sql.raw("SELECT * FROM notices WHERE mail_state = 'pending' ORDER BY created_at, id\(lock)").all().map(Self.entry)
    }

    func setMailState(_ ids: [String], _ state: String) async throws {
        guard !ids.isEmpty else { return }
        try await sql.update("notices").set("mail_state", to: state).where("id", .in, ids).run()
    }

    /// Queues a message under a key; a key already queued is not queued again.
    func enqueue(key: String, address: String, _ content: MailContent, at now: String) async throws {
        let message = String(decoding: try JSONEncoder().encode(content), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO mail_queue (id, key, address, message, created_at, next_attempt_at)
            VALUES (\(bind: UUID().uuidString), \(bind: key), \(bind: address), \(bind: message), \(bind: now), \(bind: now))
            ON CONFLICT (key) DO NOTHING
            """).run()
    }

    /// Claims up to `limit` messages due to go until `until`: one statement, so that two
    /// instances never claim the same message (PostgreSQL skips the rows another holds;
    /// SQLite has one writer).
    func claim(now: String, until: String, limit: Int, dialect: Dialect) async throws -> [QueuedMail] {
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await sql.raw("""
            UPDATE mail_queue SET claimed_until = \(bind: until), attempts = attempts + 1
            WHERE id IN (SELECT id FROM mail_queue
                         WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= \(bind: now)
                           AND (claimed_until IS NULL OR claimed_until <= \(bind: now))
                         ORDER BY next_attempt_at, id LIMIT \(unsafeRaw: String(limit))\(lock))
            RETURNING id, address, message, attempts
            """).all().map { row in
                QueuedMail(id: try row.text("id"), address: try row.text("address"),
                           content: try JSONDecoder().decode(MailContent.self, from: Data(try row.text("message").utf8)),
                           attempts: try row.decode(column: "attempts", as: Int.self))
            }
    }

    func sent(_ id: String, at now: String) async throws {
        try await sql.raw("UPDATE mail_queue SET sent_at = \(bind: now), claimed_until = NULL, last_error = NULL WHERE id = \(bind: id)").run()
    }

    /// A failed attempt: tried again from `next`, or never again when the server refused for good.
    func failed(_ id: String, error: String, next: String, permanent: Bool) async throws {
        try await sql.raw("""
            UPDATE mail_queue SET claimed_until = NULL, last_error = \(bind: error), next_attempt_at = \(bind: next),
                failed = \(bind: permanent ? 1 : 0)
            WHERE id = \(bind: id)
            """).run()
    }

    /// How the queue stands: waiting, sent, given up.
    func queueCounts() async throws -> MailQueueCounts {
        let row = try await sql.raw("""
            SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed = 0 THEN 1 ELSE 0 END), 0) AS waiting,
                   COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS sent,
                   COALESCE(SUM(failed), 0) AS failed
            FROM mail_queue
            """).first()
        return MailQueueCounts(waiting: try row?.decode(column: "waiting", as: Int.self) ?? 0,
                               sent: try row?.decode(column: "sent", as: Int.self) ?? 0,
                               failed: try row?.decode(column: "failed", as: Int.self) ?? 0)
    }

    /// Notices and sent mail older than `before` go.
    func purge(before: String) async throws {
        try await sql.raw("DELETE FROM notices WHERE created_at < \(bind: before)").run()
        try await sql.raw("DELETE FROM mail_queue WHERE (sent_at IS NOT NULL OR failed = 1) AND created_at < \(bind: before)").run()
    }

    /// The targets' statuses as the person's last digest told them; nil before the first.
    func digestStatuses(_ username: String) async throws -> [String: String]? {
        guard let text = try await sql.raw("SELECT statuses FROM digests WHERE username = \(bind: username) ORDER BY week DESC LIMIT 1")
            .first()?.text("statuses") else { return nil }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    func saveDigest(_ username: String, week: String, statuses: [String: String]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await Upsert(table: "digests", columns: ["username", "week", "statuses"], key: ["username", "week"])
            .run([[username, week, String(decoding: try encoder.encode(statuses), as: UTF8.self)]], on: sql)
    }

    static func entry(_ row: any SQLRow) throws -> InboxEntry {
        let stored = try row.text("place")
        guard let place = Notice.Place(stored: stored) else { throw StorageError.unknownValue(column: "place", value: stored) }
        return InboxEntry(id: try row.text("id"),
                          notice: Notice(recipient: try row.text("username"), kind: try enumValue(row, "kind"), key: try row.text("key"),
                                         subjectVi: try row.text("subject_vi"), subjectEn: try row.text("subject_en"),
                                         bodyVi: try row.text("body_vi"), bodyEn: try row.text("body_en"), place: place),
                          createdAt: try row.text("created_at"), readAt: try row.optionalText("read_at"))
    }
}

/// How the mail queue stands.
public struct MailQueueCounts: Sendable, Hashable {
    public var waiting: Int
    public var sent: Int
    public var failed: Int

    public init(waiting: Int, sent: Int, failed: Int) {
        (self.waiting, self.sent, self.failed) = (waiting, sent, failed)
    }
}
