import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// The public open-data portal (cổng dữ liệu mở): no sign-in, approved values of the
/// published indicators only. Each indicator has a stable URL, `/open-data/CODE`, with
/// `.csv` and `.json` beside it.
struct OpenDataController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        router.get("open-data", .everyone, use: index)
            .get("open-data/:indicator", .everyone, use: indicator)
    }

    /// Kept as text per version of the data, like the dashboard: the portal is the same for everyone.
    @Sendable func index(_ request: Request, context: Context) async throws -> Response {
        let db = db
        return try await Page.serve(request, context, db: db, scope: "public", today: clock.today()) {
            OpenDataPage.index(try await OpenData(db).indicators(), PagePlace(request))
        }
    }

    @Sendable func indicator(_ request: Request, context: Context) async throws -> Response {
        var code = try context.parameters.require("indicator")
        let format = [".csv", ".json"].first { code.hasSuffix($0) }
        if let format { code.removeLast(format.count) }
        let (db, q) = (db, request.uri.queryParameters)
        let load: @Sendable () async throws -> (Indicator, [DataValue], [DataValue], [String: String]) = { [code] in
            let indicator: Indicator, all: [DataValue]
            do { (indicator, all) = try await OpenData(db).values(indicator: code) } catch let e as any DomainProblems {
                throw Problem(.notFound, vi: "Không tìm thấy", en: "Not found", errors: e.problems)
            }
            let values = all.filter { v in q["unit"].map { v.unitCode == $0 } ?? true && q["period"].map { v.period.id == $0 } ?? true }
            return (indicator, values, all, try await db.read { try await OrgUnitStore($0).names() })
        }
        var response: Response
        if let format {
            let (indicator, values, _, names) = try await load()
            response = format == ".json" ? try OpenDataFile.json(indicator, values, names: names) : OpenDataFile.csv(indicator, values, names: names)
        } else {
            response = try await Page.serve(request, context, db: db, scope: "public", today: clock.today()) {
                let (indicator, values, all, names) = try await load()
                return OpenDataPage.indicator(indicator, values, all: all, names: names, PagePlace(request))
            }
        }
        // Open data may be cached by proxies on the way; it changes only when a report is approved.
        response.headers[.cacheControl] = "public, max-age=300"
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}

/// The machine-readable forms of one indicator's open data.
enum OpenDataFile {
    struct Document: Codable {
        struct Item: Codable {
            let unit: String
            let unit_name: String
            let period: String
            let value: Double?
            let numerator: Double?
            let denominator: Double?
        }
        let indicator: String
        let name_vi: String
        let name_en: String
        let unit_of_measure: String
        let aggregation: String
        let definition_vi: String?
        let values: [Item]
    }

    static func json(_ i: Indicator, _ values: [DataValue], names: [String: String]) throws -> Response {
        let doc = Document(indicator: i.code, name_vi: i.nameVi, name_en: i.nameEn, unit_of_measure: i.unitVi, aggregation: i.aggregation.rawValue,
                           definition_vi: i.definitionVi,
                           values: values.map { .init(unit: $0.unitCode, unit_name: names[$0.unitCode] ?? $0.unitCode, period: $0.period.id,
                                                      value: $0.value, numerator: $0.numerator, denominator: $0.denominator) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(doc))))
    }

    /// CSV with a point as the decimal mark (for programs; people get XLSX from the page).
    static func csv(_ i: Indicator, _ values: [DataValue], names: [String: String]) -> Response {
        let lines = ["indicator,unit,unit_name,period,value,numerator,denominator"] + values.map { v in
            [i.code, v.unitCode, names[v.unitCode] ?? v.unitCode, v.period.id,
             v.value.map(DataValueSet.Row.text) ?? "", v.numerator.map(DataValueSet.Row.text) ?? "", v.denominator.map(DataValueSet.Row.text) ?? ""]
                .map(CSVTable.field).joined(separator: ",")
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "inline; filename=\"\(i.code).csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }
}
