import Plot

struct LoginPage {
    let error: String?
    let username: String
    let csrf: String
    /// Where to go once signed in (a local path).
    var next: String = "/"

    func render() -> String {
        Layout.page(
            title: "Đăng nhập",
            .h1("Đăng nhập"),
            .if(error != nil, .p(.class("error"), .attribute(named: "role", value: "alert"), .text(error ?? ""))),
            .form(
                .action("/login"), .method(.post),
                .input(.type(.hidden), .name("csrf"), .value(csrf)),
                .input(.type(.hidden), .name("next"), .value(next)),
                .div(.class("field"),
                     .label(.for("username"), "Tên đăng nhập"),
                     .input(.type(.text), .id("username"), .name("username"), .value(username),
                            .attribute(named: "autocomplete", value: "username"), .required(true))),
                .div(.class("field"),
                     .label(.for("password"), "Mật khẩu"),
                     .input(.type(.password), .id("password"), .name("password"),
                            .attribute(named: "autocomplete", value: "current-password"), .required(true))),
                .button(.type(.submit), .text("Đăng nhập"))
            )
        )
    }
}
