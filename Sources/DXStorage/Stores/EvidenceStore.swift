import DXDomain
import Foundation
import SQLKit

/// An evidence file attached to one value of a report.
public struct EvidenceLink: Hashable, Sendable, Codable {
    public var indicator: String
    public var sha256: String
    public var filename: String
    public var contentType: String
    public var size: Int
    public var attachedBy: String
    public var attachedAt: String
}

/// Evidence files and their links to reports, over one connection or transaction.
public struct EvidenceStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    /// Stores the content once per SHA-256, however many reports it is attached to.
    func store(_ bytes: [UInt8], sha256: String, contentType: String, by user: String) async throws {
        try await sql.raw("""
            INSERT INTO evidence_files (sha256, content_type, size, content, uploaded_by, uploaded_at)
            VALUES (\(bind: sha256), \(bind: contentType), \(bind: bytes.count), \(bind: Data(bytes)), \(bind: user), \(bind: Timestamp.now()))
            ON CONFLICT (sha256) DO NOTHING
            """).run()
    }

    func link(form: String, unit: String, period: Period, indicator: String, sha256: String, filename: String, by user: String) async throws {
        try await sql.raw("""
            INSERT INTO evidence (form_code, unit_code, period, indicator_code, sha256, filename, attached_by, attached_at)
            VALUES (\(bind: form), \(bind: unit), \(bind: period.id), \(bind: indicator), \(bind: sha256), \(bind: filename),
                    \(bind: user), \(bind: Timestamp.now()))
            ON CONFLICT (form_code, unit_code, period, indicator_code, sha256) DO UPDATE SET filename = excluded.filename
            """).run()
    }

    /// Returns whether there was such a link.
    func unlink(form: String, unit: String, period: Period, indicator: String, sha256: String) async throws -> Bool {
        try await sql.raw("""
            DELETE FROM evidence WHERE form_code = \(bind: form) AND unit_code = \(bind: unit) AND period = \(bind: period.id)
              AND indicator_code = \(bind: indicator) AND sha256 = \(bind: sha256)
            RETURNING sha256
            """).first() != nil
    }

    public func links(form: String, unit: String, period: Period) async throws -> [EvidenceLink] {
        try await sql.raw("""
            SELECT e.indicator_code, e.sha256, e.filename, f.content_type, f.size, e.attached_by, e.attached_at
            FROM evidence e JOIN evidence_files f ON f.sha256 = e.sha256
            WHERE e.form_code = \(bind: form) AND e.unit_code = \(bind: unit) AND e.period = \(bind: period.id)
            ORDER BY e.indicator_code, e.attached_at, e.sha256
            """).all().map { row in
                EvidenceLink(indicator: try row.text("indicator_code"), sha256: try row.text("sha256"), filename: try row.text("filename"),
                             contentType: try row.text("content_type"), size: try row.decode(column: "size", as: Int.self),
                             attachedBy: try row.text("attached_by"), attachedAt: try row.text("attached_at"))
            }
    }

    /// The units whose reports (or campaign scores) a file is attached to: who may read it follows from them.
    public func units(attachedTo sha256: String) async throws -> [String] {
        try await sql.raw("""
            SELECT unit_code FROM evidence WHERE sha256 = \(bind: sha256)
            UNION SELECT unit_code FROM campaign_evidence WHERE sha256 = \(bind: sha256) ORDER BY unit_code
            """)
            .all().map { try $0.text("unit_code") }
    }

    public func content(_ sha256: String) async throws -> (contentType: String, bytes: [UInt8])? {
        guard let row = try await sql.raw("SELECT content_type, content FROM evidence_files WHERE sha256 = \(bind: sha256)").first() else {
            return nil
        }
        return (try row.text("content_type"), Array(try row.decode(column: "content", as: Data.self)))
    }
}
