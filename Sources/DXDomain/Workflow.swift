import Foundation

// The report workflow: a unit's report for a period, its states and the steps between them,
// who may take each step, what a step changes, and whether it came in time. Everything here
// is a decision; `Submissions` (DXStorage) loads a report, asks these, and stores the answer.

/// Where a unit's report for a period stands.
public enum SubmissionStatus: String, CaseIterable, Sendable, Codable {
    case notStarted, draft, submitted, returned, approved

    public var nameVi: String {
        switch self {
        case .notStarted: "Chưa bắt đầu"
        case .draft: "Bản nháp"
        case .submitted: "Đã gửi"
        case .returned: "Bị trả lại"
        case .approved: "Đã phê duyệt"
        }
    }

    /// Values of a submitted or approved report may not change.
    public var locksValues: Bool { self == .submitted || self == .approved }
}

public enum SubmissionAction: String, CaseIterable, Sendable, Codable {
    case save, submit, `return`, approve, reopen

    /// Returning and reopening must say why.
    public var needsReason: Bool { self == .return || self == .reopen }

    /// The right the step takes, in the report's unit: a reporter's to save and submit, an
    /// approver's to approve or return (and then the level: ``Access/allowsApproval(_:ofUnitWithAncestry:)``),
    /// a coordinator's to reopen.
    public var permission: Action {
        switch self {
        case .save, .submit: .writeValues
        case .approve, .return: .approve
        case .reopen: .reopen
        }
    }
}

/// The report's life: draft → submitted → approved, or returned with a reason →
/// resubmitted. Reopening an approved report is a coordinator's audited act.
public enum Workflow {
    /// The step with approval levels: an approval short of the last level leaves the
    /// report submitted, one level further; returning, reopening or resubmitting
    /// starts the sign-off again from the first level.
    public static func next(_ status: SubmissionStatus, _ action: SubmissionAction, approvedLevels done: Int,
                            of levels: Int) throws(DomainError) -> (status: SubmissionStatus, approvedLevels: Int) {
        let status = try next(status, action)
        guard action == .approve else { return (status, 0) }
        return done + 1 < levels ? (.submitted, done + 1) : (.approved, max(levels, 1))
    }

    public static func next(_ status: SubmissionStatus, _ action: SubmissionAction) throws(DomainError) -> SubmissionStatus {
        switch (status, action) {
        case (.notStarted, .save), (.draft, .save), (.returned, .save): return .draft
        case (.notStarted, .submit), (.draft, .submit), (.returned, .submit): return .submitted
        case (.submitted, .return): return .returned
        case (.submitted, .approve): return .approved
        case (.approved, .reopen): return .returned
        default:
            throw DomainError(code: "invalid_transition", field: "action",
                              vi: "Không thể \(action.nameVi) báo cáo đang ở trạng thái \"\(status.nameVi)\".",
                              en: "Cannot \(action.rawValue) a report that is \(status.rawValue).", kind: .conflict)
        }
    }
}

extension SubmissionAction {
    /// The step as a report's history lists it: "Gửi", "Trả lại", …
    public var stepVi: String {
        switch self {
        case .save: "Lưu nháp"
        case .submit: "Gửi"
        case .return: "Trả lại"
        case .approve: "Phê duyệt"
        case .reopen: "Mở lại"
        }
    }

    public var stepEn: String {
        switch self {
        case .save: "Saved"
        case .submit: "Submitted"
        case .return: "Returned"
        case .approve: "Approved"
        case .reopen: "Reopened"
        }
    }

    public var nameVi: String {
        switch self {
        case .save: "lưu"
        case .submit: "gửi"
        case .return: "trả lại"
        case .approve: "phê duyệt"
        case .reopen: "mở lại"
        }
    }
}

/// Whether a report came in time.
public enum Timeliness: String, Sendable, Codable {
    case onTime, late, missing, notDue

    /// `submittedOn` is the day it was (last) submitted, in Vietnam.
    public static func of(submittedOn: LocalDate?, deadline: LocalDate, today: LocalDate) -> Timeliness {
        if let s = submittedOn { return s <= deadline ? .onTime : .late }
        return today > deadline ? .missing : .notDue
    }

    public var nameVi: String {
        switch self {
        case .onTime: "Đúng hạn"
        case .late: "Trễ hạn"
        case .missing: "Chưa nộp, quá hạn"
        case .notDue: "Chưa đến hạn"
        }
    }
}

/// Where one unit's report for one period stands, as stored: its status, its version (every
/// step writes "if the version is still N"), who sent it and who decided on it, and why.
public struct SubmissionRecord: Hashable, Sendable {
    public init(formCode: String, unitCode: String, period: Period, status: SubmissionStatus, version: Int,
                submittedAt: String? = nil, submittedBy: String? = nil, decidedAt: String? = nil, decidedBy: String? = nil,
                reason: String? = nil, approvedLevels: Int = 0) {
        self.approvedLevels = approvedLevels
        self.formCode = formCode
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.version = version
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.reason = reason
    }

    public var formCode: String
    public var unitCode: String
    public var period: Period
    public var status: SubmissionStatus
    public var version: Int
    public var submittedAt: String?
    public var submittedBy: String?
    public var decidedAt: String?
    public var decidedBy: String?
    public var reason: String?
    /// How many of the form's approval levels have signed the submitted report off.
    public var approvedLevels: Int
}

extension SubmissionRecord {
    /// A report nobody has touched yet.
    public static func notStarted(form: String, unit: String, period: Period) -> SubmissionRecord {
        SubmissionRecord(formCode: form, unitCode: unit, period: period, status: .notStarted, version: 0)
    }

    /// The record after `action` by `user` at `timestamp` (ISO 8601), one version on: a
    /// submission stamps the sender and clears the last decision's reason; a decision (approve,
    /// return, reopen) stamps the decider and keeps the reason given. Throws when the step is
    /// not one the report's status allows (``Workflow/next(_:_:approvedLevels:of:)``).
    public func applying(_ action: SubmissionAction, by user: String, at timestamp: String, reason: String?,
                         levels: Int) throws(DomainError) -> SubmissionRecord {
        var r = self
        (r.status, r.approvedLevels) = try Workflow.next(status, action, approvedLevels: approvedLevels, of: levels)
        r.version += 1
        switch action {
        case .submit: (r.submittedAt, r.submittedBy, r.reason) = (timestamp, user, nil)
        case .approve, .return, .reopen: (r.decidedAt, r.decidedBy, r.reason) = (timestamp, user, reason)
        case .save: break
        }
        return r
    }

    /// The day (Vietnam time) a report that stands submitted or approved was sent; nil otherwise.
    public var sentOn: LocalDate? {
        guard status == .submitted || status == .approved else { return nil }
        return submittedAt.flatMap(LocalDate.init(vietnamDayOf:))
    }

    /// "approved", or "submitted 1/2" while levels remain: the audit's words for the status.
    public func summary(levels: Int) -> String {
        status == .submitted && approvedLevels > 0 ? "submitted \(approvedLevels)/\(levels)" : status.rawValue
    }
}

extension Workflow {
    /// Why a report may not take new values or evidence now, or nil when it may: it must be a
    /// draft (or returned, or not started), owed by its unit for the period, and the period open
    /// for entry on `today`; a returned report stays open past its lock date, to be corrected.
    public static func editingProblem(_ r: SubmissionRecord, form: ReportForm, owed: Bool, today: LocalDate) -> DomainError? {
        do { _ = try next(r.status, .save) } catch { return error }
        guard owed else { return .notOwed(unit: r.unitCode, form: form.code, period: r.period) }
        if !form.isOpen(r.period, today: today) && r.status != .returned { return .entryClosed(r.period) }
        return nil
    }
}

extension Workflow {
    /// The forms that ask for a value: its indicator, at its period type, of its unit's kind.
    public static func coveringForms(_ value: DataValue, unitKind: OrgUnitKind?, forms: [ReportForm]) -> [ReportForm] {
        coveringForms(indicator: value.indicatorCode, period: value.period, unitKind: unitKind, forms: forms)
    }

    static func coveringForms(indicator: String, period: Period, unitKind: OrgUnitKind?, forms: [ReportForm]) -> [ReportForm] {
        forms.filter { $0.indicators.contains(indicator) && $0.periodType == period.type && unitKind.map($0.unitKinds.contains) == true }
    }

    /// Whether a stored value counts as an official figure, in rollups, verdicts and rankings.
    /// A value a report form covers (the form asks for its indicator, at its period type, of
    /// its unit's kind) counts once one such report is approved, or submitted when those are
    /// asked for too; a value no form covers (a coordinator's official figure) counts as it is.
    public static func isOfficial(_ value: DataValue, unitKind: OrgUnitKind?, forms: [ReportForm], includeSubmitted: Bool,
                                  status: (_ form: String) -> SubmissionStatus?) -> Bool {
        isOfficial(indicator: value.indicatorCode, period: value.period, unitKind: unitKind, forms: forms, includeSubmitted: includeSubmitted, status: status)
    }

    /// ``isOfficial(_:unitKind:forms:includeSubmitted:status:)`` of a value known by its parts.
    public static func isOfficial(indicator: String, period: Period, unitKind: OrgUnitKind?, forms: [ReportForm], includeSubmitted: Bool,
                                  status: (_ form: String) -> SubmissionStatus?) -> Bool {
        let covering = coveringForms(indicator: indicator, period: period, unitKind: unitKind, forms: forms)
        guard !covering.isEmpty else { return true }
        return covering.contains { form in
            switch status(form.code) {
            case .approved: true
            case .submitted: includeSubmitted
            default: false
            }
        }
    }

    /// The figures of `indicator` by `members` that count as official, by the rule of
    /// ``isOfficial(_:unitKind:forms:includeSubmitted:status:)``; `status` tells a report's
    /// status by its form, unit and period.
    public static func official(_ figures: [NumberedFigure], of indicator: String, members: [OrgUnit], forms: [ReportForm],
                                includeSubmitted: Bool, status: (_ form: String, _ unit: String, _ period: Period) -> SubmissionStatus?) -> [NumberedFigure] {
        let forms = forms.filter { $0.indicators.contains(indicator) }
        guard !forms.isEmpty else { return figures }
        return figures.filter { f in
            let unit = members[Int(f.unit)]
            return isOfficial(indicator: indicator, period: f.period, unitKind: unit.kind, forms: forms, includeSubmitted: includeSubmitted) {
                status($0, unit.code, f.period)
            }
        }
    }
}

/// The workflow's problems, said once each.
extension DomainError {
    public static func notOwed(unit: String, form: String, period: Period) -> DomainError {
        DomainError(code: "not_owed", field: "unit", vi: "Đơn vị \(unit) không phải báo cáo biểu \(form) kỳ \(period.nameVi).",
                    en: "Unit \(unit) does not owe form \(form) for \(period.id).")
    }

    public static func entryClosed(_ period: Period) -> DomainError {
        DomainError(code: "entry_closed", field: "period", vi: "Kỳ \(period.nameVi) đã khóa nhập liệu (quá hạn hoặc chưa mở).",
                    en: "Entry for \(period.id) is closed (past its lock date or not open yet).", kind: .conflict)
    }

    public static func notInForm(_ indicator: String, form: String) -> DomainError {
        DomainError(code: "not_in_form", field: "indicator", vi: "Chỉ tiêu \(indicator) không thuộc biểu \(form).",
                    en: "\(indicator) is not part of form \(form).")
    }

    /// A value sent with a report that the report does not ask for (another indicator, unit or period).
    public static func notInThisReport(indicator: String, unit: String, period: String) -> DomainError {
        DomainError(code: "not_in_form", field: "indicator", vi: "Chỉ tiêu \(indicator) (đơn vị \(unit), kỳ \(period)) không thuộc báo cáo này.",
                    en: "\(indicator) for \(unit), \(period) is not part of this report.")
    }

    /// An approver acting on a report that waits for another level (`level`: its name and kind, nil without levels).
    public static func notThePendingLevel(_ level: ApprovalLevel?, user: String) -> DomainError {
        DomainError(code: "forbidden", field: "unit",
                    vi: "Báo cáo đang chờ \(level?.nameVi ?? "cấp trên") phê duyệt; tài khoản \(user) không thuộc cấp này.",
                    en: "The report waits for \(level?.approverKind.rawValue ?? "a higher level")'s approval; \(user) is not at that level.",
                    kind: .forbidden)
    }

    public static func reasonRequired(_ action: SubmissionAction) -> DomainError {
        DomainError(code: "required", field: "reason", vi: "Cần nêu lý do khi \(action.nameVi) báo cáo.", en: "A reason is needed to \(action.rawValue) a report.")
    }

    /// An indicator of the form with no value yet, found as the report is submitted.
    public static func valueMissing(_ indicator: String) -> DomainError {
        DomainError(code: "required", field: "values.\(indicator)", vi: "Chưa nhập chỉ tiêu \(indicator).", en: "\(indicator) has no value yet.")
    }

    public static func signatureRequired(form: String, user: String) -> DomainError {
        DomainError(code: "signature_required", field: "certificate",
                    vi: "Biểu \(form) cần chữ ký số; tài khoản \(user) chưa có chứng thư số còn hiệu lực.",
                    en: "Form \(form) must be signed; \(user) has no valid signing certificate.")
    }

    public static func noEvidenceLink(indicator: String, sha256: String) -> DomainError {
        DomainError(code: "unknown_evidence", field: "sha256", vi: "Chỉ tiêu \(indicator) không có tệp minh chứng \(sha256).",
                    en: "\(indicator) has no evidence file \(sha256).", kind: .notFound)
    }

    public static func wrongPeriodType(form: ReportForm, period: Period) -> DomainError {
        DomainError(code: "wrong_period_type", field: "period",
                    vi: "Biểu \(form.code) báo cáo theo \(form.periodType.nameVi.lowercased()), không theo kỳ \(period.id).",
                    en: "Form \(form.code) is \(form.periodType.rawValue), not \(period.id).")
    }

    /// The version sent is not the report's: someone changed it meanwhile (`current` nil: a moment ago).
    public static func changedMeanwhile(current: Int?, sent: Int?) -> DomainError {
        if let current, let sent {
            return DomainError(code: "conflict", field: "version",
                               vi: "Báo cáo đã được người khác thay đổi (phiên bản \(current), bạn gửi \(sent)). Hãy tải lại.",
                               en: "The report changed meanwhile (version \(current), yours \(sent)). Reload it.", kind: .conflict)
        }
        return DomainError(code: "conflict", field: "version", vi: "Báo cáo vừa được người khác thay đổi. Hãy tải lại.",
                           en: "The report was changed by someone else a moment ago. Reload it.", kind: .conflict)
    }
}
