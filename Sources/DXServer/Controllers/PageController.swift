import DXDomain
import DXStorage
import Hummingbird

/// Server-rendered HTML pages and their stylesheet.
struct PageController: Sendable {
    let db: Database
    let clock: WallClock

    func add(to router: Router<AppRequestContext>) {
        router.get("/", .everyone, use: home)
            .get("static/app.css", .everyone, use: stylesheet)
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

    @Sendable func stylesheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(string: Layout.css)))
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
