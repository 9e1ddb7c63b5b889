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

    public init(id: String = UUID().uuidString, target: String, unitCode: String, period: String, rows: Int, status: String, attempts: Int,
                response: String?, payload: String, startedAt: String, finishedAt: String, startedBy: String) {
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
            INSERT INTO exports (id, target, unit_code, period, rows, status, attempts, response, payload, started_at, finished_at, started_by)
            VALUES (\(bind: e.id), \(bind: e.target), \(bind: e.unitCode), \(bind: e.period), \(bind: e.rows), \(bind: e.status), \(bind: e.attempts),
                    \(bind: e.response), \(bind: e.payload), \(bind: e.startedAt), \(bind: e.finishedAt), \(bind: e.startedBy))
            """).run()
    }

    public func all() async throws -> [ExportRecord] {
        try await sql.raw("SELECT * FROM exports ORDER BY started_at, id").all().map { r in
            ExportRecord(id: try r.text("id"), target: try r.text("target"), unitCode: try r.text("unit_code"), period: try r.text("period"),
                         rows: try r.decode(column: "rows", as: Int.self), status: try r.text("status"), attempts: try r.decode(column: "attempts", as: Int.self),
                         response: try r.optionalText("response"), payload: try r.text("payload"), startedAt: try r.text("started_at"),
                         finishedAt: try r.text("finished_at"), startedBy: try r.text("started_by"))
        }
    }
}
