import Foundation
import DXDomain
import DXStorage
import Hummingbird

/// Works out who is asking: an API token (`Authorization: Bearer dxt_…`) or a
/// browser session cookie. Requests that change something with a session cookie
/// must echo the session's CSRF token (`X-CSRF-Token` header or the `csrf` form
/// field, checked by the form handlers), since a browser sends cookies on its own.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: Accounts

    static let sessionCookie = "dxtrack_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let auth = request.headers[.authorization], auth.hasPrefix("Basic ") {
            // HTTP Basic, as DHIS2 clients sign in; the same lockout as the sign-in form.
            let decoded = Data(base64Encoded: String(auth.dropFirst(6))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard let colon = decoded.firstIndex(of: ":"),
                  let account = try? await accounts.authenticate(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...])) else {
                throw Problem(.unauthorized, vi: "Sai tên đăng nhập hoặc mật khẩu", en: "Wrong username or password", errors: [
                    DomainError(code: "invalid_credentials", vi: "Tên đăng nhập hoặc mật khẩu không đúng.", en: "Wrong username or password.")])
            }
            context.principal = account.principal
        } else if let auth = request.headers[.authorization] {
            guard auth.hasPrefix("Bearer "), let p = try await accounts.principal(forToken: String(auth.dropFirst(7))) else {
                throw Problem(.unauthorized, vi: "Mã truy cập không hợp lệ", en: "Invalid token", errors: [
                    DomainError(code: "invalid_token", vi: "Mã truy cập API không hợp lệ hoặc đã hết hạn.",
                                en: "The API token is invalid or has expired.")])
            }
            context.principal = p
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
                  let (p, csrf) = try await accounts.session(cookie) {
            context.principal = p
            context.csrfToken = csrf
            let unsafe = ![.get, .head, .options].contains(request.method)
            // HTML forms (pages, never /api) carry the token as a field their handler checks.
            let type = request.headers[.contentType] ?? ""
            let isForm = !request.uri.path.hasPrefix("/api/")
                && (type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data"))
            if unsafe && !isForm && request.headers[.init("X-CSRF-Token")!] != csrf {
                throw Problem(.forbidden, vi: "Thiếu mã chống giả mạo (CSRF)", en: "CSRF token missing or wrong", errors: [
                    DomainError(code: "csrf", vi: "Yêu cầu thiếu mã chống giả mạo.", en: "The request lacks the CSRF token.")])
            }
        }
        return try await next(request, context)
    }
}

/// Headers every answer carries: no framing, no MIME sniffing, resources only from
/// dxtrack itself (no CDN, as on a closed government network), no referrer leaks.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
