import DXDomain
import Foundation
import DXSignature
import DXStorage
import Hummingbird
import Logging

/// What the server needs to start; the CLI fills it from its options, tests directly.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`: set when dxtrack is served over HTTPS (behind a TLS proxy).
    public var secureCookies: Bool
    /// bcrypt work factor; tests lower it to stay fast.
    public var bcryptCost: UInt8
    /// Opens users' signing keys (the deployment's signing secret); nil: steps go unsigned.
    public var seal: KeySeal?
    /// What day it is: Vietnam's today, or a fixed day in tests.
    public var clock: WallClock
    /// The licence and publisher the open-data catalogue names.
    public var openData: OpenDataSettings
    /// What `/metrics` counts, and whether callers on this machine may read it without an administrator's token.
    public var metrics: ServerMetrics
    public var metricsLocal: Bool
    /// The reverse proxies whose `X-Forwarded-For` names the real client (for the logs).
    public var trustedProxies: TrustedProxies

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, bcryptCost: UInt8 = 12, seal: KeySeal? = nil,
                clock: WallClock = .vietnam, openData: OpenDataSettings = OpenDataSettings(), metrics: ServerMetrics = ServerMetrics(),
                metricsLocal: Bool = true, trustedProxies: TrustedProxies = TrustedProxies()) {
        self.trustedProxies = trustedProxies
        self.openData = openData
        self.metrics = metrics
        self.metricsLocal = metricsLocal
        self.seal = seal
        self.clock = clock
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
    }
}

/// What the operator says of the province's open data: under which licence it is
/// published (CC BY 4.0 unless configured), by whom (the top unit's name unless
/// configured), and where to write about it.
public struct OpenDataSettings: Sendable {
    public var licenseURL: String
    public var licenseName: String
    public var publisher: String?
    public var contactEmail: String?

    public static let ccBy4 = "https://creativecommons.org/licenses/by/4.0/"

    public init(licenseURL: String = ccBy4, licenseName: String? = nil, publisher: String? = nil, contactEmail: String? = nil) {
        self.licenseURL = licenseURL
        self.licenseName = licenseName ?? (licenseURL == Self.ccBy4 ? "CC-BY-4.0" : licenseURL)
        self.publisher = publisher
        self.contactEmail = contactEmail
    }
}

/// Builds the whole HTTP application over an open database: the CLI's `serve`
/// and the route tests build the same thing.
public func buildApplication(_ config: ServerConfiguration, db: Database, logger: Logger) -> some ApplicationProtocol {
    Application(responder: DHIS2Door(inner: buildRouter(config, db: db).buildResponder()),
                // Idle connections close after 30 s and headers are capped at 16 KiB, so slow
                // or bloated clients cannot hold the server's connections (slowloris).
                server: .http1(configuration: .init(idleTimeout: .seconds(30),
                                                    httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 16 * 1024,
                                                                                    maxHeaderFieldCount: 100))),
                configuration: .init(address: .hostname(config.host, port: config.port), serverName: "dxtrack"),
                logger: logger)
}

/// Every route of dxtrack, taking its dependencies as parameters. Every route is
/// registered with who may call it (``Permission``, or ``Everyone``), checked before
/// its handler runs; a route registered without one fails closed.
public func buildRouter(_ config: ServerConfiguration, db: Database) -> Router<AppRequestContext> {
    let accounts = Accounts(db, bcryptCost: config.bcryptCost)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AccessLogMiddleware(proxies: config.trustedProxies))
    router.add(middleware: RequestMetricsMiddleware(metrics: config.metrics))
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransport: config.secureCookies))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthMiddleware(accounts: accounts, notices: Notifications(db, clock: config.clock)))
    router.add(middleware: AccessRuleMiddleware())
    router.get("health", .everyone) { _, _ in
        Health(status: "ok", database: db.dialect.rawValue)
    }
    // Alive is not ready: a load balancer sends traffic once the schema is current and the values are in memory.
    router.get("ready", .everyone) { _, _ -> Response in
        let answer: Ready
        do {
            let r = try await db.readiness()
            answer = Ready(status: r.isReady ? "ready" : "starting", database: db.dialect.rawValue, schema: r.schema,
                           expectedSchema: Migration.latestVersion, valuesLoaded: r.valuesLoaded)
        } catch {
            answer = Ready(status: "unavailable", database: db.dialect.rawValue, schema: nil, expectedSchema: Migration.latestVersion, valuesLoaded: nil)
        }
        return Response(status: answer.status == "ready" ? .ok : .serviceUnavailable,
                        headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(answer))))
    }
    router.get("openapi.json", .everyone) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.data)))
    }
    CatalogController(db: db, clock: config.clock).add(to: router.group("api"))
    DataValueController(db: db, clock: config.clock).add(to: router.group("api/data-values"))
    ReportController(db: db, clock: config.clock, seal: config.seal).add(to: router.group("api"))
    SessionController(accounts: accounts, secureCookies: config.secureCookies).add(to: router)
    PageController(db: db, clock: config.clock).add(to: router)
    ReportPageController(db: db, clock: config.clock, seal: config.seal).add(to: router)
    RegistryPageController(db: db, clock: config.clock).add(to: router)
    NoticeController(db: db, clock: config.clock).add(to: router)
    ImportController(db: db, clock: config.clock).add(api: router.group("api"), pages: router)
    DataValueSetController(db: db, clock: config.clock).add(to: router.group("api"))
    DHIS2MetadataController(db: db, clock: config.clock, secure: config.secureCookies).add(to: router.group("api"))
    CompleteRegistrationController(db: db, clock: config.clock, seal: config.seal).add(to: router.group("api"))
    SingleValueController(db: db, clock: config.clock).add(to: router.group("api"))
    DocumentController(db: db, clock: config.clock).add(to: router.group("api"))
    CommitteeReportController(db: db, clock: config.clock, seal: config.seal).add(api: router.group("api"), pages: router)
    AnalyticsController(db: db).add(to: router.group("api"))
    CampaignController(db: db).add(to: router.group("api"))
    RegistryController(db: db, clock: config.clock).add(to: router.group("api"))
    DashboardController(db: db, clock: config.clock).add(to: router)
    CampaignSetupController(db: db, clock: config.clock).add(to: router)
    RankingController(db: db, clock: config.clock).add(to: router)
    OpenDataController(db: db, clock: config.clock, settings: config.openData, secure: config.secureCookies).add(to: router)
    ExchangeController(db: db).add(to: router)
    MetricsController(db: db, metrics: config.metrics, allowLocal: config.metricsLocal).add(to: router)
    LanguageController(secureCookies: config.secureCookies).add(to: router)
    return router
}

/// What `/ready` says: ready, starting (values loading, schema behind) or unavailable (no database).
struct Ready: Codable {
    let status: String
    let database: String
    let schema: Int?
    let expectedSchema: Int
    let valuesLoaded: Bool?
}

struct Health: ResponseEncodable, Codable {
    let status: String
    let database: String
}

/// The OpenAPI 3.1 description of the JSON API (`Resources/openapi.json`), served at
/// `/openapi.json`; a test checks that it describes exactly the registered API routes.
public enum OpenAPIDocument {
    public static let data: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Array("{}".utf8) }
        return Array(data)
    }()
}
