import DXDomain
import DXStorage
import Hummingbird
import Logging

/// What the server needs to start; the CLI fills it from its options, tests directly.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the whole HTTP application over an open database: the CLI's `serve`
/// and the route tests build the same thing.
public func buildApplication(_ config: ServerConfiguration, db: Database, logger: Logger) -> some ApplicationProtocol {
    Application(router: buildRouter(db: db),
                configuration: .init(address: .hostname(config.host, port: config.port), serverName: "dxtrack"),
                logger: logger)
}

/// Every route of dxtrack, taking its dependencies as parameters.
public func buildRouter(db: Database) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.get("health") { _, _ in Health(status: "ok", database: db.dialect.rawValue) }
    router.addRoutes(CatalogController(db: db).endpoints, atPath: "api")
    router.addRoutes(DataValueController(db: db).endpoints, atPath: "api/data-values")
    router.addRoutes(PageController(db: db).endpoints)
    return router
}

struct Health: ResponseEncodable {
    let status: String
    let database: String
}
