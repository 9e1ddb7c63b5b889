import DXDomain
import Foundation
import SQLKit

/// One push of values to another system, as recorded.
public struct ExportRecord: Sendable, Hashable {
    public var id: String
    public var target: String
    public var unitCode: String
    public var period: String
    public var rows: Int
    /// `sent` or `failed`.
    public var status: String
    public var attempts: Int
    public var response: String?
    public var payload: String
    public var startedAt: String
    public var finishedAt: String
    public var startedBy: String
    /// The scheduled target (``PushTarget``) it was for; nil for a push by hand.
    public var targetName: String?

    public init(id: String = UUID().uuidString, target: String, unitCode: String, period: String, rows: Int, status: String, attempts: Int,
                response: String?, payload: String, startedAt: String, finishedAt: String, startedBy: String, targetName: String? = nil) {
        self.targetName = targetName
        self.id = id
        self.target = target
        self.unitCode = unitCode
        self.period = period
        self.rows = rows
        self.status = status
        self.attempts = attempts
        self.response = response
        self.payload = payload
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.startedBy = startedBy
    }
}

public struct ExportStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public func record(_ e: ExportRecord) async throws {
        try await sql.raw("""
            INSERT INTO exports (id, target, unit_code, period, rows, status, attempts, response, payload, started_at, finished_at, started_by, target_name)
            VALUES (\(bind: e.id), \(bind: e.target), \(bind: e.unitCode), \(bind: e.period), \(bind: e.rows), \(bind: e.status), \(bind: e.attempts),
                    \(bind: e.response), \(bind: e.payload), \(bind: e.startedAt), \(bind: e.finishedAt), \(bind: e.startedBy), \(bind: e.targetName))
            """).run()
    }

    public func all() async throws -> [ExportRecord] {
        try await sql.raw("SELECT * FROM exports ORDER BY started_at, id").all().map(Self.record)
    }

    /// The latest pushes, newest first, for the coordinators' page.
    public func latest(_ limit: Int) async throws -> [ExportRecord] {
        try await sql.raw("SELECT * FROM exports ORDER BY started_at DESC, id LIMIT \(unsafeRaw: String(max(1, limit)))").all().map(Self.record)
    }

    /// Whether a scheduled target's period went out already.
    func sent(target name: String, period: String) async throws -> Bool {
        try await sql.raw("SELECT id FROM exports WHERE target_name = \(bind: name) AND period = \(bind: period) AND status = 'sent'").first() != nil
    }

    static func record(_ r: any SQLRow) throws -> ExportRecord {
        ExportRecord(id: try r.text("id"), target: try r.text("target"), unitCode: try r.text("unit_code"), period: try r.text("period"),
                     rows: try r.decode(column: "rows", as: Int.self), status: try r.text("status"), attempts: try r.decode(column: "attempts", as: Int.self),
                     response: try r.optionalText("response"), payload: try r.text("payload"), startedAt: try r.text("started_at"),
                     finishedAt: try r.text("finished_at"), startedBy: try r.text("started_by"), targetName: try r.optionalText("target_name"))
    }

    // Scheduled targets: each kept whole as JSON, by name.

    public func save(target t: PushTarget, at now: String) async throws {
        let definition = String(decoding: try JSONEncoder().encode(t), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO push_targets (name, definition, updated_at) VALUES (\(bind: t.name), \(bind: definition), \(bind: now))
            ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """).run()
    }

    public func targets() async throws -> [PushTarget] {
        try await sql.raw("SELECT definition FROM push_targets ORDER BY name").all().map { r in
            try JSONDecoder().decode(PushTarget.self, from: Data(try r.text("definition").utf8))
        }
    }

    /// Whether there was one to remove.
    public func removeTarget(_ name: String) async throws -> Bool {
        try await sql.raw("DELETE FROM push_targets WHERE name = \(bind: name) RETURNING name").first() != nil
    }
}
