import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// `/api/dataValueSets`, as DHIS2 serves it: JSON, CSV (`application/csv`) and ADX
/// (`application/adx+xml`), chosen by `Accept` (or the path's suffix) on the way out
/// and `Content-Type` on the way in; objects named by UID or code (``IdSchemes``),
/// `dryRun`, `importStrategy`; the answer in DHIS2's import-summary shape.
struct DataValueSetController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    static let maxBody = 20 * 1024 * 1024

    func add(to api: RouterGroup<Context>) {
        // The unit is named by UID or code, so the handler reads it and then narrows the check to it.
        GuardedRoutes(api, db: db)
            .get("dataValueSets", .api(.readValues), use: export)
            .post("dataValueSets", .api(.writeValues), use: importSet)
    }

    /// `?orgUnit=ID[&children=true]&period=P | startDate&endDate [&dataSet=ID] [&dataElement=ID] [&idScheme=UID|CODE]`.
    /// Answers in the scheme asked for; without one, in UIDs if the request named things by UID.
    @Sendable func export(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters, ids = try await DHIS2Directory(db).identifiers()
        guard let unitID = q["orgUnit"].map(String.init) else { throw Problem.invalid([DomainError.required("orgUnit")]) }
        let unit = ids.code(for: unitID, as: .organisationUnit)
        try await context.require(.readValues, unit: unit, db: db)
        var filter = DataValueStore.Filter(limit: 200_000)
        if q["children"] == "true" { filter.withinSubtreeOf = unit } else { filter.unitCode = unit }
        if let p = q["period"] { filter.period = try ReportController.period(String(p)) }
        do throws(DomainError) {
            if let d = q["startDate"] { filter.from = try LocalDate(iso: String(d)) }
            if let d = q["endDate"] { filter.to = try LocalDate(iso: String(d)) }
        } catch { throw Problem.badRequest(error) }
        var elements = q.getAll("dataElement").map { ids.code(for: String($0), as: .dataElement) }
        let formIDs = q.getAll("dataSet").map { String($0) }
        for formID in formIDs {
            let code = ids.code(for: formID, as: .dataSet)
            guard let f = try await db.read({ try await FormStore($0).form(code) }) else {
                throw Problem.notFound(DomainError.unknown(.form, code: formID))
            }
            elements += f.indicators
        }
        let values = try await db.read { [filter] in try await DataValueStore($0).values(filter) }
            .filter { elements.isEmpty || elements.contains($0.indicatorCode) }
        var set = DataValueSet(values: values)
        let namedByUID = ids.code(.organisationUnit, uid: unitID) != nil || formIDs.contains { ids.code(.dataSet, uid: $0) != nil }
        let scheme = try q["idScheme"].map { v throws(Problem) in
            do throws(DomainError) { return try IdScheme(parsing: String(v), field: "idScheme") } catch { throw Problem.badRequest(error) }
        } ?? (namedByUID ? .uid : .code)
        if scheme == .uid { set = set.writingUIDs(ids) }
        let accept = request.headers[.accept] ?? ""
        if accept.contains("adx") || accept.contains("xml") {
            return Self.text(set.adx, type: "application/adx+xml; charset=utf-8")
        }
        if accept.contains("csv") {
            return Self.text(set.csv, type: "application/csv; charset=utf-8")
        }
        return try JSONAnswer.response(set)
    }

    @Sendable func importSet(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        let schemes: IdSchemes
        do throws(DomainError) { schemes = try IdSchemes { q[Substring($0)].map(String.init) } } catch { throw Problem.invalid([error]) }
        let strategyName = q["importStrategy"].map { String($0).uppercased() } ?? "CREATE_AND_UPDATE"
        guard let strategy = DataValueSetImport.Strategy(rawValue: strategyName == "NEW_AND_UPDATES" ? "CREATE_AND_UPDATE" : strategyName) else {
            throw Problem.invalid([.unsupportedImportStrategy])
        }
        let bytes = try await request.collectBody(upTo: Self.maxBody), type = request.headers[.contentType] ?? "application/json"
        let sent: DataValueSet
        do {
            if type.contains("adx") || type.contains("xml") {
                sent = try DataValueSet(adx: bytes)
            } else if type.contains("csv") {
                sent = try DataValueSet(csv: String(decoding: bytes, as: UTF8.self))
            } else {
                do { sent = try JSONDecoder().decode(DataValueSet.self, from: Data(bytes)) } catch {
                    throw DomainError.notADataValueSet
                }
            }
        } catch let e as DomainError { throw Problem.badRequest(e) }
        let (summary, names) = try await DataValueSetImport(db, clock: clock).run(sent, schemes: schemes, strategy: strategy,
                                                                                  dryRun: ["true", "1"].contains(q["dryRun"].map(String.init) ?? ""),
                                                                                  as: caller)
        return try ImportSummaryView(summary, sent: names).response(for: context.dhis2)
    }

    static func text(_ s: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}
