import DXDomain
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
        router.get("login", use: form)
        router.post("login", use: signIn)
        router.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        context.allowPublic()
        return loginPage(error: nil, username: "")
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        context.allowPublic()
        let form = try await LoginForm.decode(request)
        guard let expected = request.cookies[Self.loginCSRFCookie]?.value, expected == form.csrf else {
            return loginPage(error: "Phiên đăng nhập đã hết hạn, hãy thử lại. / The form expired; please try again.",
                             username: form.username, status: .forbidden)
        }
        do {
            let session = try await accounts.signIn(username: form.username, password: form.password)
            var response = Response.redirect(to: "/", type: .found)
            response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: session.token,
                                      maxAge: Int(Accounts.sessionLifetime), path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        } catch let error as DomainError {
            return loginPage(error: "\(error.vi) / \(error.en)", username: form.username, status: .unauthorized)
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        context.allowPublic()
        if let token = request.cookies[AuthMiddleware.sessionCookie]?.value {
            let form = try await LoginForm.decodeCSRF(request)
            guard form == context.csrfToken else {
                throw Problem(.forbidden, vi: "Thiếu mã chống giả mạo (CSRF)", en: "CSRF token missing or wrong")
            }
            try await accounts.signOut(token)
        }
        var response = Response.redirect(to: "/", type: .found)
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    private func loginPage(error: String?, username: String, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = UUID().uuidString
        var response = HTMLPage(LoginPage(error: error, username: username, csrf: csrf).render(), status: status).response()
        response.setCookie(Cookie(name: Self.loginCSRFCookie, value: csrf, maxAge: 3600, path: "/login",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}

/// `application/x-www-form-urlencoded` fields of the login and logout forms.
struct LoginForm: Decodable {
    var username: String
    var password: String
    var csrf: String

    static func decode(_ request: Request) async throws -> LoginForm {
        let body = try await request.body.collect(upTo: 16 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body))
        } catch {
            throw Problem.badRequest(DomainError(code: "invalid_form", vi: "Biểu mẫu không hợp lệ.", en: "Invalid form."))
        }
    }

    struct CSRFOnly: Decodable { var csrf: String? }

    static func decodeCSRF(_ request: Request) async throws -> String? {
        let body = try await request.body.collect(upTo: 16 * 1024)
        return try? URLEncodedFormDecoder().decode(CSRFOnly.self, from: String(buffer: body)).csrf
    }
}
