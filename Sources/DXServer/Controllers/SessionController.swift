import DXDomain
import DXForms
import DXStorage
import Foundation
import Hummingbird

/// Signing in and out in the browser. The login form is protected against
/// cross-site posts by a double-submit token: a random value in a SameSite=Strict
/// cookie that the form must repeat.
struct SessionController: Sendable {
    let accounts: Accounts
    let secureCookies: Bool

    static let loginCSRFCookie = "dxtrack_login_csrf"

    func add(to router: Router<AppRequestContext>) {
        router.get("login", .everyone, use: form)
            .post("login", .everyone, use: signIn)
            .post("logout", .everyone, use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        loginPage(error: nil, username: "", next: RedirectToLogin.safe(request.uri.queryParameters["next"].map(String.init)),
                         lang: Lang(request))
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.form(SignInForm.self)
        let next = RedirectToLogin.safe(form.next)
        guard let expected = request.cookies[Self.loginCSRFCookie]?.value, expected == form.csrf else {
            return loginPage(error: "Phiên đăng nhập đã hết hạn, hãy thử lại. / The form expired; please try again.",
                             username: form.username, next: next, lang: Lang(request), status: .forbidden)
        }
        do {
            let session = try await accounts.signIn(username: form.username, password: form.password, client: context.client)
            // Asked for nothing in particular, each lands on their daily task.
            let landing = next != SiteURL.home.path ? next : SiteURL.landing(for: session.principal.role).path
            var response = Response.redirect(to: landing, type: .found)
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: session.token,
                                      maxAge: Int(Accounts.sessionLifetime), path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        } catch let error as DomainError {
            return loginPage(error: "\(error.vi) / \(error.en)", username: form.username, next: next, lang: Lang(request), status: .unauthorized)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.cookies[AuthMiddleware.sessionCookie]?.value {
            guard try await request.form(TokenForm.self).csrf == context.csrfToken else {
                throw Problem.missingCSRF
            }
            try await accounts.signOut(token)
        }
        var response = Response.redirect(to: SiteURL.home.path, type: .found)
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    private func loginPage(error: String?, username: String, next: String, lang: Lang = .vi, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = UUID().uuidString
        var response = HTMLPage(LoginPage(error: error, username: username, csrf: csrf, next: next, lang: lang).render(), status: status).response()
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: csrf, maxAge: 3600, path: "/login",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
