import DXDomain
import Foundation
import SQLKit

/// Forms and submissions, over one connection or transaction.
public struct FormStore: Sendable {
    let sql: Session

    public init(_ sql: Session) { self.sql = sql }

    public func save(_ forms: [ReportForm]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await Upsert(table: "forms", columns: ["code", "name_vi", "period_type", "unit_kinds", "indicators", "deadline", "lock_days", "open_future",
                                                "approval_levels", "signature_required", "reminders"],
                         key: ["code"])
            .run(try forms.map { f in
                [f.code, f.nameVi, f.periodType.rawValue, f.unitKinds.map(\.rawValue).joined(separator: ","),
                 f.indicators.joined(separator: ","), String(decoding: try encoder.encode(f.deadline), as: UTF8.self),
                 f.lockDaysAfterDeadline, f.openFuturePeriods,
                 String(decoding: try encoder.encode(f.approvalLevels), as: UTF8.self), f.signatureRequired ? 1 : 0,
                 String(decoding: try encoder.encode(f.reminders), as: UTF8.self)]
            }, on: sql)
    }

    public func forms() async throws -> [ReportForm] {
        try await sql.raw("SELECT * FROM forms ORDER BY code").all().map(Self.form)
    }

    public func form(_ code: String) async throws -> ReportForm? {
        try await sql.raw("SELECT * FROM forms WHERE code = \(bind: code)").first().map(Self.form)
    }

    static func form(_ row: any SQLRow) throws -> ReportForm {
        let kinds = try row.text("unit_kinds").split(separator: ",").map { raw in
            guard let k = OrgUnitKind(rawValue: String(raw)) else { throw StorageError.unknownValue(column: "unit_kinds", value: String(raw)) }
            return k
        }
        return ReportForm(code: try row.text("code"), nameVi: try row.text("name_vi"), periodType: try enumValue(row, "period_type"),
                          unitKinds: kinds, indicators: try row.text("indicators").split(separator: ",").map(String.init),
                          deadline: try JSONDecoder().decode(DeadlineRule.self, from: Data(try row.text("deadline").utf8)),
                          lockDaysAfterDeadline: try row.decode(column: "lock_days", as: Int?.self),
                          openFuturePeriods: try row.decode(column: "open_future", as: Int.self),
                          approvalLevels: try JSONDecoder().decode([ApprovalLevel].self, from: Data(try row.text("approval_levels").utf8)),
                          signatureRequired: try row.decode(column: "signature_required", as: Int.self) != 0,
                          // Forms stored before reminders existed have the standard ones.
                          reminders: try row.optionalText("reminders").map { try JSONDecoder().decode(Reminders.self, from: Data($0.utf8)) } ?? .standard)
    }

    public func save(rules: [ValidationRule]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await Upsert(table: "validation_rules", columns: ["code", "definition"], key: ["code"])
            .run(try rules.map { [$0.code, String(decoding: try encoder.encode($0), as: UTF8.self)] }, on: sql)
    }

    public func rules() async throws -> [ValidationRule] {
        try await sql.raw("SELECT definition FROM validation_rules ORDER BY code").all().map {
            try JSONDecoder().decode(ValidationRule.self, from: Data(try $0.text("definition").utf8))
        }
    }

    /// The submission, locked for update on PostgreSQL (SQLite has one writer already).
    public func submission(form: String, unit: String, period: Period, forUpdate: Bool = false, dialect: Dialect = .sqlite) async throws -> SubmissionRecord? {
        let lock: SQLQueryString = forUpdate && dialect == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw("""
            SELECT * FROM submissions WHERE form_code = \(bind: form) AND unit_code = \(bind: unit) AND period = \(bind: period.id)\(lock)
            """).first().map(Self.submission)
    }

    public func submissions(form: String, period: Period) async throws -> [SubmissionRecord] {
        try await sql.raw("SELECT * FROM submissions WHERE form_code = \(bind: form) AND period = \(bind: period.id) ORDER BY unit_code")
            .all().map(Self.submission)
    }

    /// The reports of `root`'s subtree (every unit without one) that have been started, the
    /// latest periods first: a reporter's submission history.
    public func history(withinSubtreeOf root: String?, limit: Int = 200) async throws -> [SubmissionRecord] {
        let inside: SQLQueryString = root.map { "WHERE unit_code IN (\(DataValueStore.subtree(of: $0)))" } ?? ""
        let all = try await sql.raw("SELECT * FROM submissions \(inside)").all().map(Self.submission)
        return Array(all.sorted { ($1.period, $0.formCode, $0.unitCode) < ($0.period, $1.formCode, $1.unitCode) }.prefix(limit))
    }

    /// Submitted or approved reports of these units: their values may not change.
    /// The reports of these units for these periods, whatever their state.
    func reports(units: [String], periods: [String]) async throws -> [SubmissionRecord] {
        guard !units.isEmpty, !periods.isEmpty else { return [] }
        return try await sql.select().column("*").from("submissions")
            .where("unit_code", .in, units).where("period", .in, periods)
            .all().map(Self.submission)
    }

    /// Writes the submission only if the stored one is still at `expected` (0: none yet).
    /// Returns false when another writer got there first: the conditional INSERT or
    /// UPDATE waits for a concurrent transaction on the same row and then finds it changed,
    /// on PostgreSQL as on SQLite, so a race has exactly one winner.
    func write(_ s: SubmissionRecord, ifVersion expected: Int) async throws -> Bool {
        if expected == 0 {
            return try await sql.raw("""
                INSERT INTO submissions (form_code, unit_code, period, status, version, submitted_at, submitted_by, decided_at, decided_by, reason,
                                         approved_levels)
                VALUES (\(bind: s.formCode), \(bind: s.unitCode), \(bind: s.period.id), \(bind: s.status.rawValue), \(bind: s.version),
                        \(bind: s.submittedAt), \(bind: s.submittedBy), \(bind: s.decidedAt), \(bind: s.decidedBy), \(bind: s.reason),
                        \(bind: s.approvedLevels))
                ON CONFLICT (form_code, unit_code, period) DO NOTHING
                RETURNING version
                """).first() != nil
        }
        return try await sql.raw("""
            UPDATE submissions SET status = \(bind: s.status.rawValue), version = \(bind: s.version),
                submitted_at = \(bind: s.submittedAt), submitted_by = \(bind: s.submittedBy),
                decided_at = \(bind: s.decidedAt), decided_by = \(bind: s.decidedBy), reason = \(bind: s.reason),
                approved_levels = \(bind: s.approvedLevels)
            WHERE form_code = \(bind: s.formCode) AND unit_code = \(bind: s.unitCode) AND period = \(bind: s.period.id)
              AND version = \(bind: expected)
            RETURNING version
            """).first() != nil
    }

    /// Loads past reports as they were (no version check: nothing to race with).
    func write(_ s: SubmissionRecord) async throws {
        try await Upsert(table: "submissions", columns: ["form_code", "unit_code", "period", "status", "version", "submitted_at",
                                                         "submitted_by", "decided_at", "decided_by", "reason"],
                         key: ["form_code", "unit_code", "period"])
            .run([[s.formCode, s.unitCode, s.period.id, s.status.rawValue, s.version, s.submittedAt, s.submittedBy,
                   s.decidedAt, s.decidedBy, s.reason]], on: sql)
    }

    static func submission(_ row: any SQLRow) throws -> SubmissionRecord {
        SubmissionRecord(formCode: try row.text("form_code"), unitCode: try row.text("unit_code"), period: try Period(row.text("period")),
                         status: try enumValue(row, "status"), version: try row.decode(column: "version", as: Int.self),
                         submittedAt: try row.optionalText("submitted_at"), submittedBy: try row.optionalText("submitted_by"),
                         decidedAt: try row.optionalText("decided_at"), decidedBy: try row.optionalText("decided_by"),
                         reason: try row.optionalText("reason"),
                         approvedLevels: try row.decode(column: "approved_levels", as: Int.self))
    }
}
