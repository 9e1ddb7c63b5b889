import DXDomain
import DXStorage
import Plot

/// A person's notices, newest first, the unread in bold; opening one marks it read and
/// goes to its page. Their mail settings, and a coordinator's reminder by hand.
enum InboxPage {
    static func build(_ entries: [InboxEntry], csrf: String?, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Thông báo", "Notices"), place)
        let unread = entries.filter { $0.readAt == nil }.count
        page.add(.div(.class("actions"),
                      .p(.text(unread == 0 ? t("Không có thông báo chưa đọc.", "No unread notices.")
                                           : t("\(unread) thông báo chưa đọc.", "\(unread) unread notice(s)."))),
                      .if(unread > 0, .form(.action(SiteURL.inboxRead), .method(.post),
                                            .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
                                            .button(.type(.submit), .text(t("Đánh dấu đã đọc tất cả", "Mark all read"))))),
                      .a(.href(SiteURL.settings), .text(t("Cách nhận thông báo qua thư", "How notices reach me by e-mail")))))
        guard !entries.isEmpty else {
            page.add(.p(.class("muted"), .text(t("Chưa có thông báo nào. Nhắc hạn, báo cáo bị trả lại hay được duyệt sẽ hiện ở đây.",
                                                 "No notices yet. Deadlines, returned and approved reports will show here."))))
            return page
        }
        page.add(.ul(.class("notices"), .forEach(entries) { e in
            let english = t == .en
            return .li(.class(e.readAt == nil ? "unread" : "read"),
                       .a(.href(SiteURL.notice(id: e.id)), .text(e.notice.subject(english: english))),
                       .span(.class("muted"), .text(" · " + t.moment(e.createdAt) + (e.readAt == nil ? t(" · chưa đọc", " · unread") : ""))),
                       .p(.text(e.notice.body(english: english).split(separator: "\n").first.map(String.init) ?? "")))
        }))
        return page
    }

}

/// One's own settings: where and how notices are mailed.
enum SettingsPage {
    static func build(_ account: Account, typedEmail: String? = nil, problems: [DomainError] = [], saved: Bool,
                      csrf: String?, _ place: PagePlace) -> Page {
        let t = place.lang
        var page = Page(title: t("Cài đặt nhận thông báo", "Notice settings"), place)
        if saved { page.add(.p(.class("notice"), .attribute(named: "role", value: "status"), .text(t("Đã lưu.", "Saved.")))) }
        if !problems.isEmpty {
            page.add(.ul(.class("error"), .attribute(named: "role", value: "alert"), .forEach(problems) { .li(.text(t($0.vi, $0.en))) }))
        }
        let radio = { (name: String, value: String, label: String, checked: Bool) -> Node<HTML.FormContext> in
            // A language is named in itself ("English" in a Vietnamese page), and marked so.
            .div(.element(named: "label", nodes: [.class("choice"), .attribute(named: "lang", value: name == "language" ? value : nil), .input(.type(.radio), .name(name), .value(value),
                                                         .attribute(named: "checked", value: checked ? "checked" : nil)),
                                                  .text(" " + label)]))
        }
        page.add(.form(.action(SiteURL.settings), .method(.post),
            .input(.type(.hidden), .name("csrf"), .value((csrf ?? "").attributeEscaped)),
            .div(.class("field"),
                 .label(.for("email"), .text(t("Địa chỉ thư", "E-mail address"))),
                 .input(.type(.email), .id("email"), .name("email"), .value((typedEmail ?? account.email ?? "").attributeEscaped),
                        .attribute(named: "autocomplete", value: "email")),
                 .span(.class("muted"), .text(t("Bỏ trống: chỉ nhận thông báo trong ứng dụng.", "Blank: notices in the app only.")))),
            .element(named: "fieldset", nodes: [.element(named: "legend", nodes: [.text(t("Gửi thông báo qua thư", "Mail my notices"))])]
                     + MailChoice.allCases.map { c in radio("choice", c.rawValue, t(c.nameVi, c.nameEn), account.mailChoice == c) }),
            .element(named: "fieldset", nodes: [.element(named: "legend", nodes: [.text(t("Ngôn ngữ của thông báo", "Language of notices"))]),
                                                radio("language", "vi", "Tiếng Việt", !account.prefersEnglish),
                                                radio("language", "en", "English", account.prefersEnglish)]),
            .button(.type(.submit), .text(t("Lưu", "Save")))))
        page.add(.p(.a(.href(SiteURL.inbox), .text(t("← Thông báo", "← Notices")))))
        return page
    }
}

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
