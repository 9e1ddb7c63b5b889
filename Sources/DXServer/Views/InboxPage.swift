import DXDomain
import DXStorage
import Plot

/// A person's notices, newest first, the unread in bold; opening one marks it read and
/// goes to its page.
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
