import DXDomain
import DXStorage
import Plot

/// What a signed-in person has to do with reports: a reporter's obligations this period
/// and the last; an approver's queue of submitted reports; a coordinator's overdue list.
enum MyReportsPage {
    struct Item {
        let report: Submissions.Report
        let unitName: String
    }

    /// A report started in an earlier period.
    struct Past {
        let record: SubmissionRecord
        let form: ReportForm
        let unitName: String
    }

    static func build(_ items: [Item], history: [Past], role: Role, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Báo cáo của tôi", "My reports"), place)
        page.add(.p(.a(.href(SiteURL.importFile), .text(t("Nhập số liệu từ tệp CSV, XLSX", "Import figures from a CSV or XLSX file")))))
        if [.approver, .coordinator, .admin].contains(role) {
            let queue = items.filter { $0.report.status == .submitted }
            page.add(.h2(.text(t("Chờ phê duyệt", "Waiting for approval"))))
            page.add(table("cho-duyet", t("Báo cáo đã gửi, chờ phê duyệt (mở để so sánh với kỳ trước)", "Submitted reports (open one to compare with the last period)"), queue, t))
        }
        if [.coordinator, .admin].contains(role) {
            let overdue = items.filter { $0.report.timeliness == .missing }
            page.add(.h2(.text(t("Quá hạn", "Overdue"))))
            page.add(table("qua-han", t("Đơn vị quá hạn chưa nộp", "Units overdue"), overdue, t))
        }
        page.add(.h2(.text(t("Tất cả báo cáo kỳ này và kỳ trước", "Every report, this period and the last"))))
        if items.isEmpty { page.add(.p(.class("muted"), .text(t("Không có báo cáo nào phải nộp.", "No report is due.")))) }
        page.add(table("tat-ca", t("Báo cáo phải nộp kỳ này và kỳ trước", "Reports due this period and the last"), items, t))
        page.add(.h2(.text(t("Lịch sử báo cáo", "Report history"))))
        page.add(DataTable(id: "lich-su", caption: t("Các báo cáo đã lập, kỳ gần nhất trước (tối đa 200)", "Reports started, latest first (up to 200)"),
                           header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Trạng thái", "Status"),
                                    t("Người gửi", "Submitted by"), t("Người quyết định", "Decided by"), t("Lý do", "Reason")],
                           rows: history.map { past in
                               let r = past.record
                               return [.text(past.form.nameVi, link: .report(form: r.formCode, unit: r.unitCode, period: r.period.id)), .text(past.unitName),
                                       .text(t.period(r.period)), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                                       .text(r.submittedBy ?? "–"), .text(r.decidedBy ?? "–"), .text(r.reason ?? "")]
                           }))
        return page
    }

    private static func table(_ id: String, _ caption: String, _ items: [Item], _ t: Lang) -> DataTable {
        DataTable(id: id, caption: caption,
                  header: [t("Biểu mẫu", "Form"), t("Đơn vị", "Unit"), t("Kỳ", "Period"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status"), t("Thời hạn", "Timeliness")],
                  rows: items.map { item in
                      let r = item.report
                      return [.text(r.form.nameVi, link: .report(form: r.form.code, unit: r.unitCode, period: r.period.id)), .text(item.unitName),
                              .text(t.period(r.period)), .date(r.deadline), .text(t.reportStatus(r.status), cssClass: "status-\(r.status.rawValue)"),
                              .text(t.timeliness(r.timeliness))]
                  })
    }
}
