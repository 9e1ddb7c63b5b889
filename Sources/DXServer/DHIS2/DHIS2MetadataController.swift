import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// The metadata a DHIS2 client reads before it writes: `system/info`, `me`, and the
/// lists of ``DHIS2Resource`` (`organisationUnits`, `dataElements`, `dataSets`, …)
/// with DHIS2's `fields`, `filter`, `order` and paging, one object by UID too.
/// The catalog is public in dxtrack; `me` needs a signed-in caller.
struct DHIS2MetadataController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    /// Served over HTTPS (behind a TLS proxy): the addresses it gives say so.
    let secure: Bool
    /// The version dxtrack answers as: the newest whose API it serves.
    static let version = "2.\(DHIS2Call.versions.upperBound).0"

    func add(to api: RouterGroup<Context>) {
        var routes = GuardedRoutes(api, db: db)
            .get("system/info", .everyone, use: systemInfo)
            .get("me", .api(.readCatalog), use: me)
        for resource in DHIS2Resource.allCases {
            routes = routes.get(RouterPath(resource.routePath), .everyone) { request, _ in try await list(resource, request) }
            // Period types are named, not identified: there is no one of them to ask for.
            guard resource != .periodTypes else { continue }
            routes = routes.get(RouterPath("\(resource.routePath)/:uid"), .everyone) { request, context in try await object(resource, request, context) }
        }
    }

    @Sendable func systemInfo(_ request: Request, context: Context) async throws -> Response {
        let host = request.siteAddress(secure: secure) ?? ""
        return try JSONAnswer.response(JSONValue.object([
            "version": .string(Self.version), "revision": "dxtrack", "systemName": "dxtrack",
            "serverDate": .string(Self.timestamp(clock.now())), "serverTimeZoneId": "Asia/Ho_Chi_Minh",
            "calendar": "iso8601", "dateFormat": "yyyy-mm-dd", "contextPath": .string(host), "instanceBaseUrl": .string(host),
            "emailConfigured": false, "databaseInfo": .object(["type": .string(db.dialect == .postgres ? "PostgreSQL" : "SQLite")]),
        ]))
    }

    /// The signed-in account as DHIS2's `/api/me`: its unit, and its rights as DHIS2 authorities.
    @Sendable func me(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let directory = DHIS2Directory(db)
        let metadata = try await directory.metadata(), uid = try await directory.uid(ofUser: caller.username)
        let account = try await Accounts(db).account(caller.username)
        let name = account?.displayName ?? caller.username
        let scope: JSONValue = .array([caller.scope ?? metadata.roots.first].compactMap { $0 }
            .compactMap { metadata.ids.uid(.organisationUnit, $0) }.map { .object(["id": .string($0)]) })
        let authorities = JSONValue.array(Self.authorities(caller).map { .string($0) })
        let me = JSONValue.object([
            "id": .string(uid), "username": .string(caller.username), "name": .string(name), "displayName": .string(name),
            "email": account?.email.map { .string($0) } ?? .null,
            "organisationUnits": scope, "dataViewOrganisationUnits": scope, "teiSearchOrganisationUnits": scope,
            "authorities": authorities,
            "userRoles": .array([.object(["id": .string(DHIS2UID.derived(.user, code: "role:\(caller.role.rawValue)")),
                                          "name": .string(caller.role.nameVi)])]),
            "userCredentials": .object(["username": .string(caller.username)]),
            "settings": .object(["keyUiLocale": .string(account?.prefersEnglish == true ? "en" : "vi")]),
        ])
        let q = try Self.query(request)
        return try JSONAnswer.response((q.fields ?? .everything).apply(to: me, lookup: metadata.lookup))
    }

    func list(_ resource: DHIS2Resource, _ request: Request) async throws -> Response {
        let q = try Self.query(request)
        let metadata = try await DHIS2Directory(db).metadata()
        let (items, pager) = q.apply(to: metadata.lists[resource] ?? [], lookup: metadata.lookup)
        var body: [String: JSONValue] = [resource.rawValue: .array(items)]
        if let pager {
            var p: [String: JSONValue] = ["page": .number(Double(pager.page)), "pageCount": .number(Double(pager.pageCount)),
                                          "total": .number(Double(pager.total)), "pageSize": .number(Double(pager.pageSize))]
            if pager.hasNext { p["nextPage"] = .string(Self.pageURL(request, page: pager.page + 1, secure: secure)) }
            if pager.page > 1 { p["prevPage"] = .string(Self.pageURL(request, page: pager.page - 1, secure: secure)) }
            body["pager"] = .object(p)
        }
        return try JSONAnswer.response(JSONValue.object(body))
    }

    func object(_ resource: DHIS2Resource, _ request: Request, _ context: Context) async throws -> Response {
        let uid = try context.parameters.require("uid"), q = try Self.query(request)
        let metadata = try await DHIS2Directory(db).metadata()
        guard let found = (metadata.lists[resource] ?? []).first(where: { $0["id"]?.text == uid }) else {
            throw Problem.notFound(.unknownUID(uid, field: "id"))
        }
        return try JSONAnswer.response((q.fields ?? .everything).apply(to: found, lookup: metadata.lookup))
    }

    static func query(_ request: Request) throws -> MetadataQuery {
        do throws(DomainError) {
            return try MetadataQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        } catch { throw Problem.badRequest(error) }
    }

    /// The same request, at another page.
    static func pageURL(_ request: Request, page: Int, secure: Bool) -> String {
        var parts = request.uri.queryParameters.filter { $0.key != "page" }.map { "\($0.key)=\($0.value)" }
        parts.append("page=\(page)")
        let host = request.siteAddress(secure: secure) ?? ""
        let path = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? request.uri.path
        return host + path + "?" + parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0 }.joined(separator: "&")
    }

    /// A caller's rights, as the DHIS2 authorities that grant the same.
    static func authorities(_ p: Principal) -> [String] {
        if p.role == .admin { return ["ALL"] }
        var out = ["M_dhis-web-dataentry"]
        if Access.allows(p, .writeValues) { out += ["F_DATAVALUE_ADD", "F_DATAVALUE_DELETE"] }
        if Access.allows(p, .approve) { out += ["F_APPROVE_DATA", "F_APPROVE_DATA_LOWER_LEVELS", "F_ACCEPT_DATA_LOWER_LEVELS"] }
        if Access.allows(p, .reopen) { out += ["F_UNCOMPLETE_EXPIRED", "F_EDIT_EXPIRED"] }
        if Access.allows(p, .manageCatalog) { out += ["F_METADATA_MANAGE"] }
        return out
    }

    /// A moment as DHIS2 writes one: `2026-12-02T16:40:00.000`.
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withFractionalSeconds]
        return f.string(from: date)
    }
}
