// What each notice says, in Vietnamese and English: one constructor per kind, so that the
// inbox, the e-mail and the tests read the same words.

/// The report a notice is about, as its reader knows it: the form's and the unit's names.
public struct ReportRef: Hashable, Sendable {
    public var form: ReportForm
    public var unitCode: String
    public var unitName: String
    public var period: Period
    public var deadline: LocalDate

    public init(form: ReportForm, unitCode: String, unitName: String, period: Period, deadline: LocalDate) {
        self.form = form
        self.unitCode = unitCode
        self.unitName = unitName
        self.period = period
        self.deadline = deadline
    }

    var place: Notice.Place { .report(form: form.code, unit: unitCode, period: period) }
    var key: String { "\(form.code)|\(unitCode)|\(period.id)" }
    var titleVi: String { "\(form.nameVi) – \(unitName) – \(period.nameVi)" }
    var titleEn: String { "\(form.nameVi) – \(unitName) – \(period.nameEn)" }
}

extension Notice {
    /// A report's step that someone must hear of: a return, a reopening or an approval to its
    /// unit's reporters, a submission (or a level signed off) to those who sign off next. A
    /// draft saved tells nobody. `version` is the report's version after the step: one notice per step.
    public static func step(_ action: SubmissionAction, of r: ReportRef, version: Int, by actor: String, reason: String?,
                            finallyApproved: Bool) -> Notice? {
        guard tells(action) else { return nil }
        let key = "report|\(r.key)|\(action.rawValue)|\(version)"
        switch action {
        case .return:
            return Notice(recipient: "", kind: .returned, key: key,
                          subjectVi: "Báo cáo bị trả lại: \(r.titleVi)", subjectEn: "Report returned: \(r.titleEn)",
                          bodyVi: "\(actor) đã trả lại báo cáo \(r.titleVi).\nLý do: \(reason ?? "")\nVui lòng sửa và gửi lại.",
                          bodyEn: "\(actor) returned the report \(r.titleEn).\nReason: \(reason ?? "")\nPlease correct it and send it again.",
                          place: r.place)
        case .reopen:
            // The coordinator's audited act: the approved report goes back to its unit to be corrected.
            return Notice(recipient: "", kind: .returned, key: key,
                          subjectVi: "Báo cáo được mở lại để sửa: \(r.titleVi)", subjectEn: "Report reopened for correction: \(r.titleEn)",
                          bodyVi: "\(actor) đã mở lại báo cáo đã phê duyệt \(r.titleVi).\nLý do: \(reason ?? "")\nVui lòng sửa và gửi lại.",
                          bodyEn: "\(actor) reopened the approved report \(r.titleEn).\nReason: \(reason ?? "")\nPlease correct it and send it again.",
                          place: r.place)
        case .approve where finallyApproved:
            return Notice(recipient: "", kind: .approved, key: key,
                          subjectVi: "Báo cáo đã được phê duyệt: \(r.titleVi)", subjectEn: "Report approved: \(r.titleEn)",
                          bodyVi: "\(actor) đã phê duyệt báo cáo \(r.titleVi). Số liệu đã trở thành số liệu chính thức.",
                          bodyEn: "\(actor) approved the report \(r.titleEn). Its figures are now official.",
                          place: r.place)
        case .submit, .approve:
            return Notice(recipient: "", kind: .awaitingApproval, key: key,
                          subjectVi: "Báo cáo chờ phê duyệt: \(r.titleVi)", subjectEn: "Report awaiting approval: \(r.titleEn)",
                          bodyVi: "Báo cáo \(r.titleVi) đang chờ anh/chị phê duyệt (\(actor) vừa \(action.nameVi)).",
                          bodyEn: "The report \(r.titleEn) is waiting for your approval (\(action == .submit ? "submitted" : "signed off") by \(actor)).",
                          place: r.place)
        case .save:
            return nil
        }
    }

    /// Whether anyone hears of a step: a draft saved tells nobody.
    public static func tells(_ action: SubmissionAction) -> Bool { action != .save }

    /// A deadline reminder, as the form's ``Reminders`` make it due.
    public static func reminder(_ step: Reminders.Step, of r: ReportRef) -> Notice {
        let due = r.deadline.formattedVietnamese
        let key = "reminder|\(r.key)|\(step.key)"
        if step.isOverdue {
            return Notice(recipient: "", kind: .overdue, key: key,
                          subjectVi: "Quá hạn nộp báo cáo: \(r.titleVi)", subjectEn: "Report overdue: \(r.titleEn)",
                          bodyVi: "Báo cáo \(r.titleVi) đã quá hạn \(due) \(-step.daysLeft) ngày mà chưa được gửi. Đề nghị hoàn thành và gửi ngay.",
                          bodyEn: "The report \(r.titleEn) was due on \(due), \(-step.daysLeft) day(s) ago, and has not been sent. Please complete and send it now.",
                          place: r.place)
        }
        let left = step.daysLeft == 0 ? "hôm nay" : "còn \(step.daysLeft) ngày"
        let leftEn = step.daysLeft == 0 ? "today" : "in \(step.daysLeft) day(s)"
        return Notice(recipient: "", kind: .dueSoon, key: key,
                      subjectVi: "Sắp đến hạn nộp báo cáo (\(due)): \(r.titleVi)", subjectEn: "Report due on \(due): \(r.titleEn)",
                      bodyVi: "Hạn nộp báo cáo \(r.titleVi) là ngày \(due) (\(left)).",
                      bodyEn: "The report \(r.titleEn) is due on \(due) (\(leftEn)).",
                      place: r.place)
    }

    /// The reports of a form and period still not in after the deadline, for one approver or
    /// coordinator: one notice naming them all. A coordinator's opens the page that reminds them.
    public static func overdue(_ refs: [ReportRef], step: Reminders.Step, coordinator: Bool, unit: String) -> Notice {
        let first = refs[0], due = first.deadline.formattedVietnamese
        let names = refs.map(\.unitName).sorted()
        let listed = names.prefix(20).joined(separator: ", ") + (names.count > 20 ? "…" : "")
        return Notice(recipient: "", kind: .overdue, key: "overdue|\(first.form.code)|\(first.period.id)|\(step.key)",
                      subjectVi: "\(refs.count) đơn vị quá hạn: \(first.form.nameVi) – \(first.period.nameVi)",
                      subjectEn: "\(refs.count) unit(s) overdue: \(first.form.nameVi) – \(first.period.nameEn)",
                      bodyVi: "Quá hạn \(due) mà chưa gửi báo cáo: \(listed).",
                      bodyEn: "Not sent by the deadline \(due): \(listed).",
                      place: coordinator ? .urge(form: first.form.code, period: first.period) : .dashboard(unit: unit))
    }

    /// A coordinator's reminder by hand, from the overdue list: at most one a day per report.
    public static func urged(_ r: ReportRef, by coordinator: String, on day: LocalDate) -> Notice {
        let due = r.deadline.formattedVietnamese
        return Notice(recipient: "", kind: .overdue, key: "urged|\(r.key)|\(day.iso)",
                      subjectVi: "Đôn đốc nộp báo cáo: \(r.titleVi)", subjectEn: "Reminder to send the report: \(r.titleEn)",
                      bodyVi: "\(coordinator) đề nghị đơn vị gửi báo cáo \(r.titleVi) (hạn \(due)) ngay.",
                      bodyEn: "\(coordinator) asks the unit to send the report \(r.titleEn) (due \(due)) now.",
                      place: r.place)
    }

    /// The appraisal council's score of a unit's criterion (named) in a campaign.
    public static func appraised(campaign: String, campaignName: String, unitName: String, criterion: String, score: Double,
                                 by actor: String, at moment: String) -> Notice {
        let figure = VietnameseNumber.format(score)
        return Notice(recipient: "", kind: .appraised, key: "appraised|\(campaign)|\(unitName)|\(criterion)|\(moment)",
                      subjectVi: "Kết quả thẩm định thi đua: \(campaignName)", subjectEn: "Appraisal score: \(campaignName)",
                      bodyVi: "\(actor) đã chấm điểm thẩm định tiêu chí \"\(criterion)\" của \(unitName): \(figure) điểm.",
                      bodyEn: "\(actor) recorded the appraisal score of the criterion \"\(criterion)\" for \(unitName): \(figure) points.",
                      place: .campaign(campaign))
    }
}
