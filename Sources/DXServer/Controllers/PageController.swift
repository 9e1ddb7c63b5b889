import DXDomain
import DXStorage
import Hummingbird

/// Server-rendered HTML pages and their stylesheet.
struct PageController: Sendable {
    let db: Database
    let clock: WallClock

    func add(to router: Router<AppRequestContext>) {
        router.get("/", .everyone, use: home)
            .get("static/app.css", .everyone) { _, _ in Self.asset(Layout.css, type: "text/css; charset=utf-8") }
            .get("static/app.js", .everyone) { _, _ in Self.asset(Assets.script, type: "text/javascript; charset=utf-8") }
            .get("static/favicon.svg", .everyone) { _, _ in Self.asset(Assets.favicon, type: "image/svg+xml") }
            .get("favicon.ico", .everyone) { _, _ in Self.asset(Assets.favicon, type: "image/svg+xml") }
    }

    /// Units for everyone; values only for signed-in readers, within their subtree.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let today = clock.today()
        let principal = context.principal
        let mayRead = Access.allows(principal, .readValues)
        let (scope, db) = (principal?.scope, db)
        // Kept per version of the data for each subtree, and apart for those who may not read values.
        return try await Page.serve(request, context, db: db, scope: "\(scope ?? "*")|\(mayRead)", today: today) {
            try await db.read { sql in
                let units = try await OrgUnitStore(sql).all()
                return HomePage(units: units, indicators: try await CatalogStore(sql).indicators(),
                                latest: mayRead ? try await DataValueStore(sql).latest(withinSubtreeOf: scope) : [],
                                today: today, showsValues: mayRead,
                                reportUnit: mayRead ? scope ?? units.first { $0.kind == .province }?.code : nil)
            }.build(PagePlace(request))
        }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension AppRequestContext {
    var viewer: Layout.Viewer? { principal.map { Layout.Viewer(username: $0.username, csrf: csrfToken) } }
}

/// A rendered page, sent as `text/html; charset=utf-8`.
struct HTMLPage {
    let text: String
    var status: HTTPResponse.Status = .ok

    init(_ text: String, status: HTTPResponse.Status = .ok) {
        self.text = text
        self.status = status
    }

    func response() -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
