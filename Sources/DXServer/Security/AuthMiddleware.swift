import Crypto
import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// Works out who is asking: an API token (`Authorization: Bearer dxt_…`) or a
/// browser session cookie. Requests that change something with a session cookie
/// must echo the session's CSRF token (`X-CSRF-Token` header or the `csrf` form
/// field, checked by the form handlers), since a browser sends cookies on its own.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: Accounts
    /// For the bell in a page's header: how many notices the person has not read.
    let notices: Notifications

    static let sessionCookie = "dxtrack_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let unsafe = ![.get, .head, .options].contains(request.method)
        if unsafe, let refusal = Self.crossSite(request) { throw refusal }
        if let auth = request.headers[.authorization], auth.hasPrefix("Basic ") {
            // HTTP Basic, as DHIS2 clients sign in; the same lockout as the sign-in form.
            let decoded = Data(base64Encoded: String(auth.dropFirst(6))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard let colon = decoded.firstIndex(of: ":"),
                  let account = try? await accounts.authenticate(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]),
                                                                 client: context.client) else {
                throw Problem.wrongPassword
            }
            context.principal = account.principal
        } else if let auth = request.headers[.authorization] {
            guard auth.hasPrefix("Bearer "), let p = try await accounts.principal(forToken: String(auth.dropFirst(7))) else {
                throw Problem.invalidToken
            }
            context.principal = p
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
                  let (p, csrf) = try await accounts.session(cookie) {
            context.principal = p
            context.csrfToken = csrf
            // HTML forms (pages, never /api) carry the token as a field their handler checks.
            // Which route this is comes from the router, which matched it already (`//api/x`
            // is `/api/x` to it): never from the path as typed.
            let type = request.headers[.contentType] ?? ""
            let isForm = !Self.isAPI(context.endpointPath ?? request.uri.path)
                && (type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data"))
            if unsafe && !isForm && request.headers[.init("X-CSRF-Token")!] != csrf {
                throw Problem.missingCSRF
            }
            // A page's header shows the bell with the unread count; the API and the assets have no header.
            let route = context.endpointPath ?? request.uri.path
            if !unsafe && !Self.isAPI(route) && !route.hasPrefix("/static") {
                context.unreadNotices = try await notices.unread(of: p.username)
            }
        }
        context.signedIn.viewer = context.viewer
        return try await next(request, context)
    }

    /// Whether a route's path is one of the JSON API's, however many slashes lead it.
    static func isAPI(_ path: String) -> Bool {
        path.drop { $0 == "/" }.hasPrefix("api/")
    }

    /// A write that a browser says comes from another site: refused whatever it carries,
    /// before a cookie or a form token is looked at. Browsers send `Sec-Fetch-Site` and,
    /// on every cross-origin write, `Origin`; API clients send neither, and pass. The
    /// origin must name this host as the request does, or as a reverse proxy in front
    /// passed it on (`X-Forwarded-Host`, which no page of another site can set).
    static func crossSite(_ request: Request) -> Problem? {
        let site = request.headers[.init("Sec-Fetch-Site")!]
        var foreign = site != nil && site != "same-origin" && site != "none"
        if let origin = request.headers[.origin] {
            let host = URL(string: origin).flatMap { u in u.host.map { h in u.port.map { "\(h):\($0)" } ?? h } }?.lowercased()
            let ours = [request.head.authority, request.headers[.init("X-Forwarded-Host")!]].compactMap { $0?.lowercased() }
            foreign = foreign || host == nil || !ours.contains(host!)
        }
        guard foreign else { return nil }
        return Problem.crossSite
    }
}

/// Headers every answer carries: no framing, no MIME sniffing, resources only from
/// dxtrack itself (no CDN, as on a closed government network), no referrer leaks.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Served over HTTPS (`--secure-cookies`): browsers are told to come back only that way.
    var strictTransport = false

    static var policy: String { policy(allowingStyle: nil) }

    /// The policy, letting one inline style block in by its hash: a page that must stand on
    /// its own as a file (the quarterly report) carries its style, and nothing else inline runs.
    static func policy(allowingStyle style: String?) -> String {
        let styles = style.map { "'self' 'sha256-\(Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString())'" } ?? "'self'"
        return "default-src 'self'; img-src 'self' data:; style-src \(styles); script-src 'self'; " +
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // A handler may have let its own style block in (``policy(allowingStyle:)``); no handler loosens more.
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if strictTransport { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        // An answer to a signed-in caller may name them and hold their CSRF token: no shared
        // cache keeps it, whatever the handler said. Public answers say what they vary on.
        let personal = request.headers[.authorization] != nil || request.cookies[AuthMiddleware.sessionCookie] != nil
        if personal || response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "private, no-store"
        } else {
            response.headers[.vary] = "Cookie, Authorization"
        }
        return response
    }
}
