import DXDomain
import DXStorage
import Plot

/// A coordinator's reminder by hand: the units overdue on a form for a period, and the button
/// that reminds their reporters (at most once a day per report).
enum UrgePage {
    static func build(form: ReportForm, period: Period, overdue: [Submissions.Report], names: [String: String], sent: Int?,
                      csrf: String?, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Đôn đốc đơn vị quá hạn", "Remind the units overdue"),
                        heading: t("Đôn đốc: \(form.nameVi), \(period.nameVi)", "Remind: \(form.nameVi), \(period.nameEn)"), place)
        if let sent {
            page.add(.p(.class("notice"), .attribute(named: "role", value: "status"),
                        .text(t("Đã nhắc \(sent) đơn vị; thư được gửi trong ít phút.", "\(sent) unit(s) reminded; mail goes out within minutes."))))
        }
        guard !overdue.isEmpty else {
            page.add(.p(.text(t("Không có đơn vị nào quá hạn.", "No unit is overdue."))))
            return page
        }
        page.add(DataTable(id: "qua-han", caption: t("Đơn vị quá hạn (\(overdue.count))", "Units overdue (\(overdue.count))"),
                           header: [t("Đơn vị", "Unit"), t("Hạn nộp", "Deadline"), t("Trạng thái", "Status")],
                           rows: overdue.map { r in
                               [.text(names[r.unitCode] ?? r.unitCode, link: .report(form: form.code, unit: r.unitCode, period: period.id)),
                                .date(r.deadline), .text(t.reportStatus(r.status))]
                           }))
        page.add(.form(.action(SiteURL.urge), .method(.post),
                       .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
                       .input(.type(.hidden), .name("form"), .value(form.code.attributeEscaped)),
                       .input(.type(.hidden), .name("period"), .value(period.id.attributeEscaped)),
                       .button(.type(.submit), .text(t("Nhắc tất cả \(overdue.count) đơn vị", "Remind all \(overdue.count) unit(s)")))))
        return page
    }
}
