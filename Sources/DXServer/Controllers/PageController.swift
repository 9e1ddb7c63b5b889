import DXDomain
import DXStorage
import Hummingbird

/// Server-rendered HTML pages.
struct PageController<Context: RequestContext>: Sendable {
    let db: Database

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self).get("/", use: home)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> HTMLPage {
        let page = try await db.read { sql in
            HomePage(units: try await OrgUnitStore(sql).all(), indicators: try await CatalogStore(sql).indicators(),
                     latest: try await DataValueStore(sql).latest(), today: Clock.today())
        }
        return HTMLPage(page.render())
    }
}

/// A rendered page, sent as `text/html; charset=utf-8`.
struct HTMLPage: ResponseGenerator {
    let text: String

    init(_ text: String) { self.text = text }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
