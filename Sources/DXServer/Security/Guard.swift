import DXDomain
import DXStorage
import Hummingbird

extension AppRequestContext {
    /// Allows the request to go on if the caller may take `action` (on `unit` when
    /// given), and records that the route checked. Throws 401 for the public where
    /// signing in would help, 403 otherwise.
    ///
    /// A route's own permission is declared where it is registered (``Permission``); a
    /// handler calls this to narrow it to a unit it has just read (a campaign's, a plan's,
    /// each unit a request body names).
    func require(_ action: Action, unit: String? = nil, db: Database) async throws {
        accessRecord.markChecked()
        var ancestry: [String] = []
        if let unit {
            let code = Code.canonical(unit)
            ancestry = try await db.read { try await OrgUnitStore($0).ancestry(of: code) }
            // A unit that does not exist is in nobody's subtree: scoped callers are refused,
            // rather than let through as if no unit had been named.
            if ancestry.isEmpty { ancestry = [code] }
        }
        guard Access.allows(principal, action, onUnitWithAncestry: ancestry) else {
            throw denial(action, unit: unit)
        }
    }

    /// Forms change things only from a page of this site: the field must echo the
    /// session's CSRF token.
    func requireFormToken(_ sent: String?) throws {
        guard let csrf = csrfToken, sent == csrf else {
            throw Problem.missingCSRF
        }
    }

    /// A code the route cannot go without, from the query and canonical (``Request/code(_:)``):
    /// the spelling its permission was checked on. Its absence is a 422.
    func required(_ name: String, in request: Request) throws -> String {
        guard let value = request.code(name) else { throw Problem.invalid([DomainError.required(name)]) }
        return value
    }

    /// Allows the request for anyone (catalog reads, the login page).
    func allowPublic() {
        accessRecord.markChecked()
    }

    func denial(_ action: Action, unit: String?) -> Problem {
        principal == nil ? .signInRequired : .forbidden(action, unit: unit)
    }
}

/// Fails closed: a route that returns without having checked access answers 500,
/// and the route × role test table catches it before it ships.
struct AccessRuleMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard context.accessRecord.checked else {
            context.logger.error("route has no access rule", metadata: ["path": "\(request.uri.path)"])
            throw Problem(.internalServerError, vi: "Lỗi máy chủ", en: "Internal server error")
        }
        return response
    }
}

extension Parameters {
    /// A code in the route's path (`/reports/{form}/{unit}/…`), canonical
    /// (``Code/canonical(_:)``) and in the codes' grammar: the one spelling that the
    /// access check, the store and the locks all compare. Anything else names no
    /// object, and is a 404.
    func code(_ name: String) throws -> String {
        do { return try Code.parse(try require(name), field: name) } catch let error as DomainError { throw Problem.notFound(error) }
    }
}

extension Request {
    /// This site's address as the request reached it (`https://dxtrack.tinh.gov.vn`), for the
    /// absolute links a client or a harvester is given; https when served behind TLS.
    func siteAddress(secure: Bool) -> String? {
        head.authority.map { "\(secure ? "https" : "http")://\($0)" }
    }

    /// A code given in the query (`?unit=20-STTTT`), canonical, as ``Parameters/code(_:)``
    /// gives one from the path; nil when absent.
    func code(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map { Code.canonical(String($0)) }
    }
}
