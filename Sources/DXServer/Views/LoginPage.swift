import Plot

struct LoginPage {
    let error: String?
    let username: String
    let csrf: String
    /// Where to go once signed in (a local path).
    var next: String = "/"
    var lang: Lang = .vi

    func render() -> String {
        let t = lang
        return Layout.page(
            title: t("Đăng nhập", "Sign in"), lang: t, path: "/login",
            .h1(.text(t("Đăng nhập", "Sign in"))),
            .if(error != nil, .p(.class("error"), .attribute(named: "role", value: "alert"), .text(error ?? ""))),
            .form(
                .action(SiteURL.login(next: nil)), .method(.post),
                .input(.type(.hidden), .name("csrf"), .value(csrf.attributeEscaped)),
                .input(.type(.hidden), .name("next"), .value(next.attributeEscaped)),
                .div(.class("field"),
                     .label(.for("username"), .text(t("Tên đăng nhập", "Username"))),
                     .input(.type(.text), .id("username"), .name("username"), .value(username.attributeEscaped),
                            .attribute(named: "autocomplete", value: "username"), .required(true))),
                .div(.class("field"),
                     .label(.for("password"), .text(t("Mật khẩu", "Password"))),
                     .input(.type(.password), .id("password"), .name("password"),
                            .attribute(named: "autocomplete", value: "current-password"), .required(true))),
                .button(.type(.submit), .text(t("Đăng nhập", "Sign in")))
            )
        )
    }
}
