import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// The public open-data portal (cổng dữ liệu mở): no sign-in, approved values of the
/// published indicators only, each once its release day has come. Each indicator has
/// a stable URL, `/open-data/CODE`, with `.csv`, `.json` and `CODE/datapackage.json`
/// beside it; the catalogue of them all is `/open-data/catalog.jsonld` (DCAT-AP) and
/// `/open-data/data.json`.
struct OpenDataController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    let settings: OpenDataSettings
    /// Served over HTTPS (behind a TLS proxy): the catalogue's addresses say so.
    let secure: Bool

    func add(to router: Router<Context>) {
        router.get("open-data", .everyone, use: index)
            .get("open-data/catalog.jsonld", .everyone, use: catalog)
            .get("open-data/data.json", .everyone, use: catalog)
            .get("open-data/:indicator", .everyone, use: indicator)
            .get("open-data/:indicator/datapackage.json", .everyone, use: package)
    }

    /// Kept as text per version of the data, like the dashboard: the portal is the same for everyone.
    @Sendable func index(_ request: Request, context: Context) async throws -> Response {
        let (db, today) = (db, clock.today())
        return try await Page.serve(request, context, db: db, scope: "public", today: today) {
            OpenDataPage.index(try await OpenData(db).indicators(today: today), PagePlace(request))
        }
    }

    @Sendable func catalog(_ request: Request, context: Context) async throws -> Response {
        let catalog = OpenDataCatalog(entries: try await OpenData(db).indicators(today: clock.today()), base: base(request),
                                      settings: settings, publisher: try await publisher())
        var response = try JSONAnswer.response(request.uri.path.hasSuffix(".jsonld") ? catalog.jsonLD : catalog.dataJSON)
        if request.uri.path.hasSuffix(".jsonld") { response.headers[.contentType] = "application/ld+json; charset=utf-8" }
        return Self.open(response)
    }

    @Sendable func package(_ request: Request, context: Context) async throws -> Response {
        let (indicator, values) = try await published(try context.parameters.require("indicator"))
        return Self.open(try JSONAnswer.response(OpenDataPackage.document(indicator, base: base(request), settings: settings,
                                                                          publisher: try await publisher(), modified: values.compactMap(\.approvedOn).max())))
    }

    @Sendable func indicator(_ request: Request, context: Context) async throws -> Response {
        var code = try context.parameters.require("indicator")
        let format = [".csv", ".json"].first { code.hasSuffix($0) }
        if let format { code.removeLast(format.count) }
        let (db, q, today) = (db, request.uri.queryParameters, clock.today())
        let load: @Sendable () async throws -> (Indicator, [OpenData.Published], [OpenData.Published], [String: String]) = { [code] in
            let (indicator, all) = try await published(code)
            let values = all.filter { p in q["unit"].map { p.value.unitCode == $0 } ?? true && q["period"].map { p.value.period.id == $0 } ?? true }
            return (indicator, values, all, try await db.read { try await OrgUnitStore($0).names() })
        }
        var response: Response
        if let format {
            let (indicator, values, _, names) = try await load()
            response = format == ".json" ? try OpenDataFile.json(indicator, values, names: names, license: settings.licenseURL)
                                         : OpenDataFile.csv(indicator, values, names: names)
        } else {
            let settings = settings
            response = try await Page.serve(request, context, db: db, scope: "public", today: today) {
                let (indicator, values, all, names) = try await load()
                let province = try await OpenData(db).provinceTotals(indicator, periods: Array(Set(all.map(\.value.period))))
                return OpenDataPage.indicator(indicator, values, all: all, names: names, province: province, license: settings, PagePlace(request))
            }
        }
        return Self.open(response)
    }

    /// The public values of an indicator; an unknown or unpublished one is not found.
    func published(_ code: String) async throws -> (Indicator, [OpenData.Published]) {
        do { return try await OpenData(db).values(indicator: code, today: clock.today()) } catch let e as any DomainProblems {
            throw Problem(.notFound, vi: "Không tìm thấy", en: "Not found", errors: e.problems)
        }
    }

    func publisher() async throws -> String {
        if let p = settings.publisher { return p }
        return try await db.read { try await OrgUnitStore($0).all() }.first { $0.parentCode == nil }?.name ?? "dxtrack"
    }

    func base(_ request: Request) -> String { request.siteAddress(secure: secure) ?? "http://localhost" }

    /// Open data may be cached by proxies on the way (it changes only when a report is
    /// approved) and read by any site's scripts.
    static func open(_ response: Response) -> Response {
        var response = response
        response.headers[.cacheControl] = "public, max-age=300"
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}
