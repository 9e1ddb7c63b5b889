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
        let asOf = try DashboardController.asOf(request, today: today)
        // A search form sends its spaces as "+", which the query's parser keeps as it is.
        let query = request.uri.queryParameters["q"].map { String($0).replacingOccurrences(of: "+", with: " ") }
        return try await Page.serve(request, context, db: db, scope: "\(scope ?? "*")|\(mayRead)", today: today) {
            var home = try await db.read { sql in
                let units = try await OrgUnitStore(sql).all()
                return HomePage(units: units, indicators: try await CatalogStore(sql).indicators(),
                                latest: mayRead ? try await DataValueStore(sql).latest(withinSubtreeOf: scope) : [],
                                today: today, showsValues: mayRead,
                                reportUnit: mayRead ? scope ?? units.first { $0.kind == .province }?.code : nil)
            }
            home.query = query
            home.standings = try await Self.standings(db, asOf: asOf, today: today)
            return home.build(PagePlace(request))
        }
    }

    /// Where each province in use stands: its targets in force, on published indicators only,
    /// whose approved figures anyone may read (the open data), so the public may see this too.
    static func standings(_ db: Database, asOf: Period, today: LocalDate) async throws -> [HomePage.Standing] {
        let (provinces, published) = try await db.read { sql in
            (try await OrgUnitStore(sql).all().filter { $0.kind == .province && $0.isActive(on: today) },
             Set(try await CatalogStore(sql).indicators().filter(\.isPublished).map(\.code)))
        }
        var out: [HomePage.Standing] = []
        for province in provinces {
            let progress = try await Analytics(db).progress(unit: province.code, asOf: asOf) { published.contains($0.indicatorCode) }
            let inForce = progress.filter { $0.tense == .inForce }
            guard !inForce.isEmpty else { continue }
            out.append(.init(province: province, asOf: asOf, counts: StatusCounts(inForce.map(\.assessment.status))))
        }
        return out
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension AppRequestContext {
    var viewer: Layout.Viewer? {
        principal.map { Layout.Viewer(username: $0.username, csrf: csrfToken, unread: unreadNotices, coordinates: Access.allows($0, .manageCatalog)) }
    }
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
