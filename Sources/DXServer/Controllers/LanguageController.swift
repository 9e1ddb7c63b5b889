import Hummingbird

/// The language switch in every page's header: remembers the choice in a cookie and
/// goes back to the page it was clicked on.
struct LanguageController: Sendable {
    let secureCookies: Bool

    func add(to router: Router<AppRequestContext>) {
        router.get("lang/:code", .everyone) { request, context -> Response in
            let lang: Lang = context.parameters.get("code") == "en" ? .en : .vi
            // Only a path on this site: never an open redirect.
            let back = RedirectToLogin.safe(request.uri.queryParameters["back"].map(String.init))
            var response = Response.redirect(to: back, type: .found)
            response.setCookie(Cookie(name: Lang.cookie, value: lang.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secureCookies, sameSite: .lax))
            return response
        }
    }
}
