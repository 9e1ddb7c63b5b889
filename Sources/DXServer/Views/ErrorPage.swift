import DXDomain
import Hummingbird
import Plot

/// A refusal as a person in a browser sees it: the site's header, what went wrong in their
/// language, each problem, and a way back; the API's callers get the same as problem+json.
struct ErrorPage {
    let problem: Problem
    let lang: Lang
    let viewer: Layout.Viewer?

    func response(closing: Bool) -> Response {
        let t = lang
        let title = t(problem.titleVi, problem.titleEn)
        let html = Layout.page(title: title, viewer: viewer, lang: t, path: "/", content: [
            .h1(.text(title)),
            .p(.class("muted"), .text(t("Mã lỗi \(problem.status.code)", "Error \(problem.status.code)"))),
            .if(!problem.errors.isEmpty, .ul(.class("error"), .attribute(named: "role", value: "alert"),
                                             .forEach(problem.errors) { .li(.text(t($0.vi, $0.en))) })),
            .p(.a(.href(SiteURL.home), .text(t("← Về trang chủ", "← Back to the home page"))),
               .if(viewer != nil, .group(.text(" · "), .a(.href(SiteURL.myReports), .text(t("Báo cáo của tôi", "My reports"))))),
               .if(viewer == nil && problem.status == .forbidden, .group(.text(" · "), .a(.href(SiteURL.login(next: nil)), .text(t("Đăng nhập", "Sign in"))))))
        ])
        var response = HTMLPage(html, status: problem.status).response()
        if closing { response.headers[.connection] = "close" }
        return response
    }
}
