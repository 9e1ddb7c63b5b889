import DXStorage
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// What `/metrics` tells an operator's Prometheus: requests by route and status and their
/// latency, counted by ``RequestMetricsMiddleware``; and, read at each scrape, the
/// deployment's vitals (``Vitals``): the data version, the schema, the mail queue,
/// reports and pushes by status, figures served from memory, the database pool's use;
/// and imports, by source and outcome.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Seconds, from a fast page to a national import.
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5), .seconds(30)]

    public init() {}

    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: .init(namespace: "dxtrack", metricName: "http_requests", unitName: "total", helpText: "Requests answered"),
                             labels: [("route", route), ("method", method), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "dxtrack", metricName: "http_request_duration", unitName: "seconds",
                                                         helpText: "Time to answer a request"),
                                       labels: [("route", route)], buckets: Self.buckets).record(duration)
        if method == "POST", let source = Self.importSource(route) {
            registry.makeCounter(descriptor: .init(namespace: "dxtrack", metricName: "imports", unitName: "total",
                                                   helpText: "Imports of values (files, DHIS2 data value sets), accepted or refused"),
                                 labels: [("source", source), ("outcome", status < 400 ? "accepted" : "refused")]).increment()
        }
    }

    /// Which import a route is: a file (CSV, XLSX) or a DHIS2 data value set, under any API version's prefix.
    static func importSource(_ route: String) -> String? {
        if route.hasSuffix("/import") { return "file" }
        if route.hasSuffix("/dataValueSets") { return "dhis2" }
        return nil
    }

    /// The exposition text, the vitals read now.
    func exposition(_ v: Vitals) -> String {
        func gauge(_ name: String, _ help: String, _ value: Double, labels: [(String, String)] = []) {
            registry.makeGauge(descriptor: .init(namespace: "dxtrack", metricName: name, unitName: "", helpText: help), labels: labels).set(value)
        }
        gauge("data_version", "The data version: every write anywhere moves it", Double(v.dataVersion))
        gauge("schema_version", "The database schema's version", Double(v.schema))
        gauge("values_loaded", "1 once the values are in memory", v.valuesLoaded ? 1 : 0)
        gauge("mail_waiting", "Messages in the mail queue not sent yet", Double(v.mailWaiting))
        gauge("mail_refused", "Messages the mail server refused for good", Double(v.mailRefused))
        gauge("notices_unread", "Notices nobody has read yet", Double(v.noticesUnread))
        for (status, n) in v.reports { gauge("reports", "Reports by status", Double(n), labels: [("status", status)]) }
        for (status, n) in v.pushes { gauge("pushes", "Pushes to other systems by outcome", Double(n), labels: [("status", status)]) }
        for (action, n) in v.valueWrites { gauge("value_writes", "Writes of values since the database began, by what made them", Double(n), labels: [("action", action)]) }
        gauge("figures_served_from_memory", "Derived figures served again since the start", Double(v.figuresServed))
        gauge("figures_computed", "Derived figures computed since the start", Double(v.figuresComputed))
        gauge("figures_carried", "Derived figures served again after a write that left them alone", Double(v.figuresCarried))
        gauge("figures_kept", "Derived figures kept in memory now", Double(v.figuresKept))
        gauge("db_pool_connections", "Database connections in the pool", Double(v.poolSize))
        gauge("db_pool_in_use", "Database connections lent out now", Double(v.poolInUse))
        gauge("db_pool_waiting", "Callers waiting for a database connection", Double(v.poolWaiting))
        return registry.emitToString()
    }
}

/// Counts each request by the route it matched (`/reports/{form}/{unit}/{period}`, never
/// the path as typed, so labels stay few) and its status, with its latency.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.request(route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: Int(response.status.code),
                            duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.request(route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: Int(status), duration: ContinuousClock.now - start)
            throw error
        }
    }
}

/// `/metrics`, for the operators' monitoring only: an administrator's API token
/// (`Authorization: Bearer …`, read-only will do), or, unless the configuration says
/// otherwise (`metrics-local: false`), a caller on this machine that came straight, not
/// through a proxy.
struct MetricsController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let metrics: ServerMetrics
    let allowLocal: Bool

    func add(to router: Router<Context>) {
        router.get("metrics", .everyone) { request, context in
            guard allowed(request, context) else {
                throw Problem(.forbidden, vi: "Không có quyền xem số đo", en: "Metrics are for the operators' monitoring")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition(try await Vitals.read(db)))))
        }
    }

    func allowed(_ request: Request, _ context: Context) -> Bool {
        if context.principal?.role == .admin { return true }
        guard allowLocal, request.headers[.xForwardedFor] == nil, let peer = context.remoteAddress?.ipAddress else { return false }
        return peer == "127.0.0.1" || peer == "::1" || peer.hasPrefix("::ffff:127.")
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
