import DXDomain
import DXStorage
import Plot

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
