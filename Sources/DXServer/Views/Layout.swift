import Foundation
import Plot

/// The frame every page shares: Vietnamese, UTF-8, phone-friendly, and
/// self-contained (styles inline; no font, script or image from another host,
/// so it works on a closed government network).
enum Layout {
    /// The signed-in person a page is shown to.
    struct Viewer: Hashable {
        let username: String
        let csrf: String?
        var unread = 0
        /// Whether they run the catalog and the exchange with other systems (coordinators, administrators).
        var coordinates = false
    }

    static func page(title: String, viewer: Viewer? = nil, lang: Lang = .vi, path: String = "/", _ content: Node<HTML.BodyContext>...) -> String {
        page(title: title, viewer: viewer, lang: lang, path: path, content: content)
    }

    static func page(title: String, viewer: Viewer?, lang t: Lang, path: String, content: [Node<HTML.BodyContext>]) -> String {
        let links: [(SiteURL, String)] = [(.dashboard(unit: nil), t("Tổng quan", "Dashboard")), (.plans, t("Kế hoạch", "Plans")),
                                          (.rankings, t("Xếp hạng", "Rankings")), (.emulation, t("Thi đua", "Emulation")),
                                          (.openData, t("Dữ liệu mở", "Open data"))]
            // The registry is for those signed in (each reads the systems inside their own unit).
            + (viewer == nil ? [] : [(.registry(filter: nil), t("Hệ thống thông tin", "Information systems"))])
            + (viewer?.coordinates == true ? [(.exchange, t("Trao đổi dữ liệu", "Data exchange"))] : [])
        // What one owes or must approve comes first for those signed in.
        let sections = (viewer == nil ? [] : [(SiteURL.myReports, t("Báo cáo của tôi", "My reports"))]) + links
        let switchTo = t.other
        return HTML(
            .attribute(named: "lang", value: t.rawValue),
            .head(
                .encoding(.utf8),
                .title("\(title) · dxtrack".attributeEscaped),
                .viewport(.accordingToDevice),
                .stylesheet("/static/app.css"),
                .link(.rel(.icon), .href("/static/favicon.svg"), .type("image/svg+xml"))
            ),
            .body(
                .a(.href("#main"), .class("skip"), .text(t("Bỏ qua đến nội dung", "Skip to content"))),
                .header(.a(.href(SiteURL.home), .class("brand"), .text("dxtrack")),
                        .span(.class("tagline"), .text(t("Theo dõi chỉ tiêu chuyển đổi số", "Digital transformation targets"))),
                        .nav(.class("account"),
                             .a(.href(SiteURL.language(switchTo, back: path)), .attribute(named: "lang", value: switchTo.rawValue),
                                .text(switchTo == .en ? "English" : "Tiếng Việt")),
                             viewer.map { v in
                                 .form(.action(SiteURL.logout), .method(.post),
                                       bell(v.unread, t),
                                       .a(.href(SiteURL.settings), .attribute(named: "title", value: t("Cài đặt", "Settings")), .text(v.username)),
                                       .input(.type(.hidden), .name("csrf"), .value((v.csrf ?? "").attributeEscaped)),
                                       .button(.type(.submit), .text(t("Đăng xuất", "Sign out"))))
                             } ?? .a(.href(SiteURL.login(next: nil)), .text(t("Đăng nhập", "Sign in"))))),
                .nav(.class("sections"), .attribute(named: "aria-label", value: t("Các trang", "Sections")),
                     .ul(.forEach(sections) { link in
                         .li(.a(.href(link.0), .if(path.hasPrefix(link.0.path), .attribute(named: "aria-current", value: "page")), .text(link.1)))
                     })),
                .main(.id("main"), .group(content)),
                .footer(.text(t("dxtrack · dữ liệu mở theo đơn vị và kỳ báo cáo", "dxtrack · open data by unit and period"))),
                .script(.src("/static/app.js"), .attribute(named: "defer", value: "defer"))
            )
        ).render()
    }

    /// The inbox's link: a bell, and the unread count when there is one.
    private static func bell(_ unread: Int, _ t: Lang) -> Node<HTML.FormContext> {
        let label = unread == 0 ? t("Thông báo", "Notices") : t("Thông báo: \(unread) chưa đọc", "Notices: \(unread) unread")
        return .a(.href(SiteURL.inbox), .class("bell"), .attribute(named: "aria-label", value: label), .attribute(named: "title", value: label),
                  .raw(#"<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.7V3a2 2 0 1 0-4 0v1.3A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>"#),
                  .if(unread > 0, .span(.class("count"), .text(unread > 99 ? "99+" : "\(unread)"))))
    }

    static let css = """
    :root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--bg:#fff}
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
    header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:.75rem 1rem;border-bottom:2px solid var(--accent)}
    .brand{font-weight:700;font-size:1.25rem;color:var(--accent);text-decoration:none}.tagline{color:var(--muted)}
    main{padding:1rem;max-width:72rem;margin:0 auto}footer{padding:1rem;color:var(--muted);font-size:.875rem;text-align:center}
    table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
    th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
    td ul{margin:0;padding-left:1.1rem}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.muted{color:var(--muted)}details.computed{display:inline;margin-left:.4em;font-size:.85em}details.computed[open]{display:block}
    a{color:var(--accent)}a:focus,button:focus{outline:3px solid #f5a623;outline-offset:2px}
    .scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1.5rem}.scroll>table{margin:0}.scroll:focus{outline:3px solid #f5a623}
    h1,h2,td,th,p,li,caption{overflow-wrap:break-word}
    .account{margin-left:auto}.account,.account form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
    @media (max-width:40rem){th,td{padding:.3rem}.tagline{display:none}h1{font-size:1.4rem}main{padding:.75rem}
      button,input,select,.account a,nav.sections a{min-height:2.75rem}nav.sections a,.account a{display:inline-flex;align-items:center}
      table.entry,table.entry tbody,table.entry tr,table.entry td{display:block;width:100%}table.entry thead{display:none}
      table.entry tr{border:1px solid var(--line);border-radius:6px;padding:.5rem;margin:0 0 .75rem}table.entry td{border:0;padding:.15rem 0;text-align:left;white-space:normal}table.entry caption{display:block}
      table.entry td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}.field{max-width:none}input,textarea,select{width:100%}}
    .field{display:flex;flex-direction:column;gap:.25rem;margin:.75rem 0;max-width:24rem}
    input{font:inherit;padding:.4rem;border:1px solid var(--muted);border-radius:4px}
    input[readonly]{border-color:transparent;background:#f6f8fa;color:var(--ink)}.computed-share{color:var(--muted);font-size:.9rem}fieldset{min-width:0;border:1px solid var(--line);border-radius:6px;margin:1rem 0}
    button{font:inherit;padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
    .account button{background:#fff;color:var(--accent)}.error{color:#b42318;font-weight:600}
    .actions{display:flex;gap:.75rem;align-items:flex-end;flex-wrap:wrap;margin:1rem 0}.notice{background:#fff8e1;padding:.5rem}
    textarea{font:inherit;min-height:3rem;border:1px solid var(--muted);border-radius:4px}
    .bell{position:relative;display:inline-flex;align-items:center;text-decoration:none}.bell .count{background:#b42318;color:#fff;border-radius:1rem;font-size:.75rem;font-weight:700;padding:0 .4rem;margin-left:.15rem}
    ul.notices{list-style:none;padding:0}ul.notices li{border-bottom:1px solid var(--line);padding:.5rem 0}ul.notices li.unread>a{font-weight:700}ul.notices p{margin:.2rem 0}
    .status-approved{color:#1a7f37}.status-returned{color:#b42318}.status-submitted{color:var(--accent)}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}.paging a,.paging strong{display:inline-block;min-width:2.75rem;text-align:center}
    input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;min-height:0;margin:0}label.choice{display:flex;gap:.5rem;align-items:center;min-height:2.75rem}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:2}
    nav.sections ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;margin:0;padding:.5rem 1rem;border-bottom:1px solid var(--line)}
    nav.sections a[aria-current]{font-weight:700;text-decoration:none}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.75rem;margin:.5rem 0 1.5rem}
    .card{border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem}.card h3{margin:0 0 .3rem;font-size:1rem}
    .big{font-size:1.6rem;font-weight:700}figure{margin:.5rem 0 1rem}figcaption{font-weight:600}
    svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
    .s-met{fill:#007a5e;color:#007a5e}.s-onTrack{fill:#0b5cad;color:#0b5cad}.s-behind{fill:#8a5a00;color:#8a5a00}.s-missed{fill:#a63d73;color:#a63d73}.s-noData{fill:#6e7781;color:#57606a}
    .headline{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem;margin:.5rem 0 1.5rem}
    .tile{display:block;border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;text-decoration:none;color:var(--ink)}
    .tile .big{display:block}.tile:focus,.tile:hover{border-color:var(--accent)}.past{border-left:4px solid var(--line);padding-left:.75rem}
    .downloads{font-size:.85rem;margin:-1.2rem 0 1.5rem}.filters{display:flex;gap:.75rem;flex-wrap:wrap;align-items:flex-end}
    select{font:inherit;padding:.35rem;border:1px solid var(--muted);border-radius:4px}
    .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
    details.explain{margin:.25rem 0}
    @media (max-width:40rem){.scroll>table:has(thead th:nth-child(4)){min-width:34rem}header{padding:.25rem .75rem;gap:0 .75rem}.account{display:contents}.account>a[lang]{margin-left:auto}
      .account form{width:100%;gap:0 1rem}.account button{padding:.2rem .6rem}
      nav.sections ul{flex-wrap:nowrap;overflow-x:auto;white-space:nowrap;padding:0 .75rem;gap:0 1.1rem;scrollbar-width:thin}}
    @media print{header,footer,nav.sections,.downloads,.filters{display:none}}
    """
}
