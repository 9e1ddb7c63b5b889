import Plot

/// The frame every page shares: Vietnamese, UTF-8, phone-friendly, and
/// self-contained (styles inline; no font, script or image from another host,
/// so it works on a closed government network).
enum Layout {
    /// The signed-in person a page is shown to.
    struct Viewer {
        let username: String
        let csrf: String?
    }

    static func page(title: String, viewer: Viewer? = nil, _ content: Node<HTML.BodyContext>...) -> String {
        HTML(
            .lang(.vietnamese),
            .head(
                .encoding(.utf8),
                .title("\(title) · dxtrack"),
                .viewport(.accordingToDevice),
                .stylesheet("/static/app.css")
            ),
            .body(
                .header(.a(.href("/"), .class("brand"), .text("dxtrack")),
                        .span(.class("tagline"), .text("Theo dõi chỉ tiêu chuyển đổi số")),
                        .nav(.class("account"), viewer.map { v in
                            .form(.action("/logout"), .method(.post),
                                  .a(.href("/reports"), .text("Báo cáo của tôi")),
                                  .span(.text(v.username)),
                                  .input(.type(.hidden), .name("csrf"), .value(v.csrf ?? "")),
                                  .button(.type(.submit), .text("Đăng xuất")))
                        } ?? .a(.href("/login"), .text("Đăng nhập")))),
                .main(.group(content)),
                .footer(.text("dxtrack · dữ liệu mở theo đơn vị và kỳ báo cáo"))
            )
        ).render()
    }

    static let css = """
    :root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--bg:#fff}
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
    header{display:flex;gap:1rem;align-items:baseline;padding:.75rem 1rem;border-bottom:2px solid var(--accent)}
    .brand{font-weight:700;font-size:1.25rem;color:var(--accent);text-decoration:none}.tagline{color:var(--muted)}
    main{padding:1rem;max-width:72rem;margin:0 auto}footer{padding:1rem;color:var(--muted);font-size:.875rem;text-align:center}
    table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
    th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
    td ul{margin:0;padding-left:1.1rem}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.muted{color:var(--muted)}details.computed{display:inline;margin-left:.4em;font-size:.85em}details.computed[open]{display:block}
    a{color:var(--accent)}a:focus,button:focus{outline:3px solid #f5a623;outline-offset:2px}
    @media (max-width:40rem){th,td{padding:.3rem}.tagline{display:none}}
    .account{margin-left:auto}.account form{display:flex;gap:.5rem;align-items:center}
    .field{display:flex;flex-direction:column;gap:.25rem;margin:.75rem 0;max-width:24rem}
    input{font:inherit;padding:.4rem;border:1px solid var(--muted);border-radius:4px}
    button{font:inherit;padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
    .account button{background:#fff;color:var(--accent)}.error{color:#b42318;font-weight:600}
    .actions{display:flex;gap:.75rem;align-items:flex-end;flex-wrap:wrap;margin:1rem 0}.notice{background:#fff8e1;padding:.5rem}
    textarea{font:inherit;min-height:3rem;border:1px solid var(--muted);border-radius:4px}
    .status-approved{color:#1a7f37}.status-returned{color:#b42318}.status-submitted{color:var(--accent)}
    @media print{header,footer{display:none}}
    """
}
