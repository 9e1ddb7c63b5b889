import DXDomain
import Foundation
import SQLKit

/// The standing agency's quarterly reports to the People's Committee (``CommitteeReport``):
/// read, and moved a step on, each step in the audit trail in its own transaction.
public struct CommitteeReports: Sendable {
    let db: Database
    let clock: WallClock

    public init(_ db: Database, clock: WallClock = .vietnam) {
        self.db = db
        self.clock = clock
    }

    /// The report of `unit` for `period`, not started when nothing was recorded.
    public func report(unit: String, period: Period) async throws -> CommitteeReport {
        try await db.read { try await Self.load(unit, period, sql: $0) } ?? CommitteeReport(unitCode: unit, period: period)
    }

    /// Takes `step` on the report and records who did, on the clock's day. Signing keeps
    /// `signedPDF`, the report as its signer signed it, and cannot be taken without it.
    public func take(_ step: CommitteeReport.Step, unit: String, period: Period, by user: String, signedPDF: [UInt8]? = nil) async throws -> CommitteeReport {
        let day = clock.today(), dialect = db.dialect
        if step == .sign, signedPDF == nil { throw DomainErrors([.unsignedCommitteeReport]) }
        return try await db.transaction { sql in
            let before = try await Self.load(unit, period, sql: sql) ?? CommitteeReport(unitCode: unit, period: period)
            let after: CommitteeReport
            do throws(DomainError) { after = try before.taking(step, by: user, on: day) } catch { throw DomainErrors([error]) }
            try await Upsert(table: "committee_reports", columns: ["unit_code", "period", "status", "drafted_on", "signed_on", "sent_on", "last_by"],
                             key: ["unit_code", "period"])
                .run([[unit, period.id, after.status.rawValue, after.draftedOn?.iso, after.signedOn?.iso, after.sentOn?.iso, user]], on: sql)
            if let signedPDF {
                try await sql.raw("UPDATE committee_reports SET signed_pdf = \(bind: Data(signedPDF)) WHERE unit_code = \(bind: unit) AND period = \(bind: period.id)").run()
            }
            try await AuditLog.append([AuditRecord(actor: user, action: "committee_report.\(step.rawValue)", entity: "committee_report:\(unit)|\(period.id)",
                                                   before: before.status.rawValue, after: after.status.rawValue)], on: sql, dialect: dialect)
            return after
        }
    }

    /// Edits the report's proposals (until it is signed) and records who did.
    public func edit(proposals: [String], unit: String, period: Period, by user: String) async throws -> CommitteeReport {
        let dialect = db.dialect
        return try await db.transaction { sql in
            let before = try await Self.load(unit, period, sql: sql) ?? CommitteeReport(unitCode: unit, period: period)
            let after: CommitteeReport
            do throws(DomainError) { after = try before.editing(proposals: proposals, by: user) } catch { throw DomainErrors([error]) }
            try await Upsert(table: "committee_reports", columns: ["unit_code", "period", "status", "last_by", "proposals"], key: ["unit_code", "period"])
                .run([[unit, period.id, after.status.rawValue, user, Self.json(after.proposals)]], on: sql)
            try await AuditLog.append([AuditRecord(actor: user, action: "committee_report.proposals", entity: "committee_report:\(unit)|\(period.id)",
                                                   before: Self.json(before.proposals), after: Self.json(after.proposals))], on: sql, dialect: dialect)
            return after
        }
    }

    static func json(_ proposals: [String]?) -> String? {
        proposals.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The report as signed (a PAdES-signed PDF), once it is.
    public func signedPDF(unit: String, period: Period) async throws -> [UInt8]? {
        try await db.read { sql in
            guard let row = try await sql.raw("SELECT signed_pdf FROM committee_reports WHERE unit_code = \(bind: unit) AND period = \(bind: period.id)").first(),
                  !(try row.decodeNil(column: "signed_pdf")) else { return nil }
            return Array(try row.decode(column: "signed_pdf", as: Data.self))
        }
    }

    static func load(_ unit: String, _ period: Period, sql: Session) async throws -> CommitteeReport? {
        // Not the signed PDF: a status read need not carry the document with it.
        guard let row = try await sql.select().columns("status", "drafted_on", "signed_on", "sent_on", "last_by", "proposals")
            .from("committee_reports").where("unit_code", .equal, unit)
            .where("period", .equal, period.id).first() else { return nil }
        func day(_ column: String) throws -> LocalDate? { try row.optionalText(column).map { try LocalDate(iso: $0) } }
        guard let status = CommitteeReport.Status(rawValue: try row.text("status")) else {
            throw StorageError.unknownValue(column: "status", value: try row.text("status"))
        }
        let proposals = try row.optionalText("proposals").map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        return CommitteeReport(unitCode: unit, period: period, status: status, draftedOn: try day("drafted_on"), signedOn: try day("signed_on"),
                               sentOn: try day("sent_on"), lastBy: try row.optionalText("last_by"), proposals: proposals)
    }
}

extension DomainError {
    static let unsignedCommitteeReport = DomainError(
        code: "unsigned", field: "step", vi: "Bước ký cần bản báo cáo PDF đã ký số của người ký.",
        en: "Signing needs the report as a PDF the signer signed digitally.", kind: .invalid)
}
