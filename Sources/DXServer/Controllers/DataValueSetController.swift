import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// `/api/dataValueSets`, as DHIS2 serves it: JSON, CSV (`application/csv`) and ADX
/// (`application/adx+xml`), chosen by `Accept` on the way out and `Content-Type` on
/// the way in; `idScheme=CODE` (dxtrack's identifiers are codes), `dryRun`,
/// `importStrategy`; the answer in DHIS2's import-summary shape.
struct DataValueSetController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock
    static let maxBody = 20 * 1024 * 1024

    func add(to api: RouterGroup<Context>) {
        GuardedRoutes(api, db: db)
            .get("dataValueSets", .api(.readValues, unit: .query("orgUnit")), use: export)
            .post("dataValueSets", .api(.writeValues), use: importSet)
    }

    /// `?orgUnit=CODE[&children=true]&period=P | startDate&endDate [&dataSet=FORM] [&dataElement=CODE]`.
    @Sendable func export(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        let unit = try context.required("orgUnit", in: request)
        // The route's permission passed: `unit` lies in the caller's subtree, and so does everything below it.
        var filter = DataValueStore.Filter(limit: 200_000)
        if q["children"] == "true" { filter.withinSubtreeOf = unit } else { filter.unitCode = unit }
        if let p = q["period"] { filter.period = try ReportController.period(String(p)) }
        do throws(DomainError) {
            if let d = q["startDate"] { filter.from = try LocalDate(iso: String(d)) }
            if let d = q["endDate"] { filter.to = try LocalDate(iso: String(d)) }
        } catch { throw Problem.badRequest(error) }
        var elements = q.getAll("dataElement").map { String($0) }
        if let form = q["dataSet"] {
            guard let f = try await db.read({ try await FormStore($0).form(String(form)) }) else {
                throw Problem.notFound(DomainError.unknown(.form, code: String(form)))
            }
            elements += f.indicators
        }
        let values = try await db.read { [filter] in try await DataValueStore($0).values(filter) }
            .filter { elements.isEmpty || elements.contains($0.indicatorCode) }
        let set = DataValueSet(values: values)
        let accept = request.headers[.accept] ?? ""
        if accept.contains("adx") {
            return Self.text(set.adx, type: "application/adx+xml; charset=utf-8")
        }
        if accept.contains("csv") {
            return Self.text(set.csv, type: "application/csv; charset=utf-8")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(set))))
    }

    @Sendable func importSet(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        if let scheme = q["idScheme"] ?? q["dataElementIdScheme"] ?? q["orgUnitIdScheme"], scheme.uppercased() != "CODE" {
            throw Problem.invalid([.unsupportedIdScheme])
        }
        let strategyName = q["importStrategy"].map { String($0).uppercased() } ?? "CREATE_AND_UPDATE"
        guard let strategy = DataValueSetImport.Strategy(rawValue: strategyName == "NEW_AND_UPDATES" ? "CREATE_AND_UPDATE" : strategyName) else {
            throw Problem.invalid([.unsupportedImportStrategy])
        }
        let bytes = try await request.collectBody(upTo: Self.maxBody), type = request.headers[.contentType] ?? "application/json"
        let set: DataValueSet
        do {
            if type.contains("adx") || type.contains("xml") {
                set = try DataValueSet(adx: bytes)
            } else if type.contains("csv") {
                set = try DataValueSet(csv: String(decoding: bytes, as: UTF8.self))
            } else {
                do { set = try JSONDecoder().decode(DataValueSet.self, from: Data(bytes)) } catch {
                    throw DomainError.notADataValueSet
                }
            }
        } catch let e as DomainError { throw Problem.badRequest(e) }
        let principal = caller, db = db
        let summary = try await DataValueSetImport(db, clock: clock).run(set, strategy: strategy, dryRun: ["true", "1"].contains(q["dryRun"].map(String.init) ?? ""),
                                                           by: .person(principal)) { unit in
            let ancestry = try await db.read { try await OrgUnitStore($0).ancestry(of: unit) }
            return ancestry.isEmpty || Access.allows(principal, .writeValues, onUnitWithAncestry: ancestry)
        }
        return try ImportSummaryView(summary).response(from: request, context: context)
    }

    static func text(_ s: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}

