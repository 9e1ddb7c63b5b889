/// A report form (biểu mẫu): which indicators, how often, who must report, by
/// when, and how long entry stays open. Obligations follow from it: every active
/// unit of the listed kinds owes the form for every period.
public struct ReportForm: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var periodType: PeriodType
    public var unitKinds: [OrgUnitKind]
    public var indicators: [String]
    public var deadline: DeadlineRule
    /// Days after the deadline when entry locks for late reporters (nil: never).
    public var lockDaysAfterDeadline: Int?
    /// How many future periods are open (for entering plans and targets).
    public var openFuturePeriods: Int

    public init(code: String, nameVi: String, periodType: PeriodType, unitKinds: [OrgUnitKind], indicators: [String],
                deadline: DeadlineRule, lockDaysAfterDeadline: Int? = nil, openFuturePeriods: Int = 0) {
        self.code = code
        self.nameVi = nameVi
        self.periodType = periodType
        self.unitKinds = unitKinds
        self.indicators = indicators
        self.deadline = deadline
        self.lockDaysAfterDeadline = lockDaysAfterDeadline
        self.openFuturePeriods = openFuturePeriods
    }

    /// Whether `unit` owes this form for `period`.
    public func isOwed(by unit: OrgUnit, for period: Period) -> Bool {
        period.type == periodType && unitKinds.contains(unit.kind) && unit.isActive(during: period)
    }

    /// Whether values for `period` may be entered on `today` (not too early, not locked by lateness).
    public func isOpen(_ period: Period, today: LocalDate, calendar: WorkingCalendar = WorkingCalendar()) -> Bool {
        let current = Period(type: periodType, containing: today)
        if period > current.advanced(by: openFuturePeriods) { return false }
        guard let lock = lockDaysAfterDeadline else { return true }
        return today <= deadline.deadline(for: period, calendar: calendar).adding(days: lock)
    }
}

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
}

/// The report's life: draft → submitted → approved, or returned with a reason →
/// resubmitted. Reopening an approved report is a coordinator's audited act.
public enum Workflow {
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
                              en: "Cannot \(action.rawValue) a report that is \(status.rawValue).")
        }
    }
}

extension SubmissionAction {
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
