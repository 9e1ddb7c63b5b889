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
    let status_vi: String
    let version: Int
    let deadline: LocalDate
    let timeliness: String
    let timeliness_vi: String
    let submitted_by: String?
    let submitted_at: String?
    let decided_by: String?
    let decided_at: String?
    let reason: String?
    /// The approval levels that apply to this unit, and how many have signed off.
    let approval_levels: [ApprovalLevel]
    let approved_levels: Int
    let values: [DataValue]
    let evidence: [EvidenceLink]
    let warnings: [Warning]

    struct Warning: Codable, Sendable {
        let code: String
        let field: String?
        let message_vi: String
        let message_en: String
    }

    init(_ r: Submissions.Report) {
        form = r.form.code
        unit = r.unitCode
        period = r.period.id
        status = r.status.rawValue
        status_vi = r.status.nameVi
        version = r.version
        deadline = r.deadline
        timeliness = r.timeliness.rawValue
        timeliness_vi = r.timeliness.nameVi
        submitted_by = r.record?.submittedBy
        submitted_at = r.record?.submittedAt
        decided_by = r.record?.decidedBy
        decided_at = r.record?.decidedAt
        reason = r.record?.reason
        approval_levels = r.approvalLevels
        approved_levels = r.signedOffLevels
        values = r.values
        evidence = r.evidence
        warnings = r.warnings.map { Warning(code: $0.code, field: $0.field, message_vi: $0.vi, message_en: $0.en) }
    }
}
