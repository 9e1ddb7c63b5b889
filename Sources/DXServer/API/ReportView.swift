import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// A report as the API shows it. Decodable too: tests read answers back into it rather
/// than pick at untyped JSON.
struct ReportView: ResponseEncodable, Decodable, Sendable {
    let form: String
    let unit: String
    let period: String
    let status: String
    let statusVi: String
    let version: Int
    let deadline: LocalDate
    let timeliness: String
    let timelinessVi: String
    let submittedBy: String?
    let submittedAt: String?
    let decidedBy: String?
    let decidedAt: String?
    let reason: String?
    /// The approval levels that apply to this unit, and how many have signed off.
    let approvalLevels: [ApprovalLevel]
    let approvedLevels: Int
    let values: [ValueView]
    let evidence: [EvidenceLink]
    let warnings: [Warning]
    // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
    let status_vi: String
    let timeliness_vi: String
    let submitted_by: String?
    let submitted_at: String?
    let decided_by: String?
    let decided_at: String?
    let approval_levels: [ApprovalLevel]
    let approved_levels: Int

    struct Warning: Codable, Sendable {
        let code: String
        let field: String?
        let messageVi: String
        let messageEn: String
        // The same, under the snake_case names answers had before keys were camelCase (12/2026); deprecated.
        let message_vi: String
        let message_en: String
    }

    init(_ r: Submissions.Report) {
        form = r.form.code
        unit = r.unitCode
        period = r.period.id
        status = r.status.rawValue
        statusVi = r.status.nameVi
        version = r.version
        deadline = r.deadline
        timeliness = r.timeliness.rawValue
        timelinessVi = r.timeliness.nameVi
        submittedBy = r.record?.submittedBy
        submittedAt = r.record?.submittedAt
        decidedBy = r.record?.decidedBy
        decidedAt = r.record?.decidedAt
        reason = r.record?.reason
        approvalLevels = r.approvalLevels
        approvedLevels = r.signedOffLevels
        (status_vi, timeliness_vi) = (statusVi, timelinessVi)
        (submitted_by, submitted_at, decided_by, decided_at) = (submittedBy, submittedAt, decidedBy, decidedAt)
        (approval_levels, approved_levels) = (approvalLevels, approvedLevels)
        values = r.values.map(ValueView.init)
        evidence = r.evidence
        warnings = r.warnings.map { Warning(code: $0.code, field: $0.field, messageVi: $0.vi, messageEn: $0.en, message_vi: $0.vi, message_en: $0.en) }
    }
}
