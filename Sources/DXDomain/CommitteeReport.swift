import Foundation

/// The standing agency's own obligation: its quarterly report to the People's Committee.
/// Seed 000: "Định kỳ trước ngày 30 của tháng cuối quý, Sở báo cáo UBND tỉnh" — due before
/// the 30th of the quarter's last month, so by the 29th. It is drafted (from dxtrack's data),
/// signed by the agency's leader, then sent; each step is recorded with who took it and when.
///
///     var r = CommitteeReport(unitCode: "20", period: try Period("2026Q3"))
///     r = try r.taking(.draft, by: "dieu-phoi", on: day)   // .drafted
///     r.deadline                                           // 29/09/2026
public struct CommitteeReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        case notStarted, drafted, signed, sent

        public var nameVi: String {
            switch self {
            case .notStarted: "Chưa soạn"
            case .drafted: "Đã soạn"
            case .signed: "Đã ký"
            case .sent: "Đã gửi"
            }
        }
    }

    /// A step of the report, in order: each takes it from the status before.
    public enum Step: String, Sendable, Hashable, CaseIterable, Codable {
        case draft, sign, send

        var from: Set<Status> {
            switch self {
            case .draft: [.notStarted, .drafted]
            case .sign: [.drafted]
            case .send: [.signed]
            }
        }

        var to: Status {
            switch self {
            case .draft: .drafted
            case .sign: .signed
            case .send: .sent
            }
        }
    }

    /// "Before day 30 of the quarter's last month".
    public static let deadlineRule = DeadlineRule.dayOfLastMonth(29)

    /// The unit whose report it is (the province, for its standing agency).
    public var unitCode: String
    public var period: Period
    public var status: Status
    /// The day of each step taken, in Vietnam, and who took it.
    public var draftedOn: LocalDate?
    public var signedOn: LocalDate?
    public var sentOn: LocalDate?
    public var lastBy: String?
    /// The proposals (đề xuất, kiến nghị) as the coordinator edited them; nil: those drafted from the data.
    public var proposals: [String]?

    public init(unitCode: String, period: Period, status: Status = .notStarted, draftedOn: LocalDate? = nil,
                signedOn: LocalDate? = nil, sentOn: LocalDate? = nil, lastBy: String? = nil, proposals: [String]? = nil) {
        self.unitCode = unitCode
        self.period = period
        self.status = status
        self.draftedOn = draftedOn
        self.signedOn = signedOn
        self.sentOn = sentOn
        self.lastBy = lastBy
        self.proposals = proposals
    }

    public var deadline: LocalDate { Self.deadlineRule.deadline(for: period) }

    /// On time when sent by the deadline; until sent, not due or missing by the day.
    public func timeliness(today: LocalDate) -> Timeliness {
        .of(submittedOn: sentOn, deadline: deadline, today: today)
    }

    /// The steps that may be taken now (drafting again stays open until it is signed).
    public var nextSteps: [Step] { period.type == .quarterly ? Step.allCases.filter { $0.from.contains(status) } : [] }

    /// The report after `step`, or why the step cannot be taken now (it is signed before it is
    /// sent, drafted again only until it is signed).
    public func taking(_ step: Step, by user: String, on day: LocalDate) throws(DomainError) -> CommitteeReport {
        guard period.type == .quarterly else { throw .committeeReportIsQuarterly(period) }
        guard step.from.contains(status) else { throw .committeeStepOutOfOrder(step, status: status) }
        var next = self
        next.status = step.to
        next.lastBy = user
        switch step {
        case .draft: next.draftedOn = day
        case .sign: next.signedOn = day
        case .send: next.sentOn = day
        }
        return next
    }
}

extension CommitteeReport {
    /// Whether the report may still change: until it is signed, what is signed is what was read.
    public var isEditable: Bool { status == .notStarted || status == .drafted }

    /// The report with its proposals edited (blank lines dropped; none left: back to those
    /// drafted from the data), or why not: a signed report keeps the words that were signed.
    public func editing(proposals: [String], by user: String) throws(DomainError) -> CommitteeReport {
        guard isEditable else { throw .committeeReportSigned(status) }
        var next = self
        let kept = proposals.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        next.proposals = kept.isEmpty ? nil : kept
        next.lastBy = user
        return next
    }
}

/// The problems of the committee report's steps, said once each.
extension DomainError {
    static func committeeReportIsQuarterly(_ period: Period) -> DomainError {
        DomainError(code: "invalid_period", field: "period", vi: "Báo cáo UBND tỉnh là báo cáo quý, không phải \(period.nameVi.lowercased()).",
                    en: "The report to the People's Committee is quarterly, not \(period.id).")
    }

    static func committeeReportSigned(_ status: CommitteeReport.Status) -> DomainError {
        DomainError(code: "invalid_transition", field: "proposals",
                    vi: "Báo cáo đã \(status.nameVi.lowercased()): nội dung đã ký không thể sửa.",
                    en: "The report is \(status.rawValue): what was signed cannot change.", kind: .conflict)
    }

    static func committeeStepOutOfOrder(_ step: CommitteeReport.Step, status: CommitteeReport.Status) -> DomainError {
        DomainError(code: "invalid_transition", field: "step",
                    vi: "Báo cáo đang ở trạng thái \"\(status.nameVi)\": không thể \(["draft": "soạn", "sign": "ký", "send": "gửi"][step.rawValue] ?? step.rawValue) lúc này.",
                    en: "The report is \(status.rawValue): it cannot be \(["draft": "drafted", "sign": "signed", "send": "sent"][step.rawValue] ?? step.rawValue) now.",
                    kind: .conflict)
    }
}
