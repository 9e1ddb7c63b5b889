import DXDomain
import DXStorage
import Foundation
import Hummingbird

/// `/api/dataValues`, DHIS2's one value at a time: `GET ?de=&pe=&ou=[&co=]` gives the
/// value as `["42"]`; `POST` takes it in the query (`…&value=42`) or as a JSON body
/// (`{"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}`), and writes
/// it as a one-row data value set, so every rule of an import holds (`201 Created`, or
/// `409` with the conflict).
struct SingleValueController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to api: RouterGroup<Context>) {
        GuardedRoutes(api, db: db)
            .get("dataValues", .api(.readValues), use: read)
            .post("dataValues", .api(.writeValues), use: write)
    }

    struct Body: Decodable {
        var dataElement: String
        var period: String
        var orgUnit: String
        var categoryOptionCombo: String?
        var value: String?
        var comment: String?

        enum CodingKeys: String, CodingKey { case dataElement, period, orgUnit, categoryOptionCombo, value, comment }

        init(dataElement: String, period: String, orgUnit: String, categoryOptionCombo: String?, value: String?, comment: String?) {
            (self.dataElement, self.period, self.orgUnit) = (dataElement, period, orgUnit)
            (self.categoryOptionCombo, self.value, self.comment) = (categoryOptionCombo, value, comment)
        }

        init(from decoder: any Decoder) throws {
            let row = try DataValueSet.Row(from: decoder)
            self.init(dataElement: row.dataElement, period: row.period, orgUnit: row.orgUnit, categoryOptionCombo: row.categoryOptionCombo,
                      value: row.value, comment: row.comment)
        }
    }

    @Sendable func read(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters, ids = try await DHIS2Directory(db).identifiers()
        guard let de = q["de"].map(String.init), let pe = q["pe"].map(String.init), let ou = q["ou"].map(String.init) else {
            throw Problem.invalid(["de", "pe", "ou"].filter { q[Substring($0)] == nil }.map { DomainError.required($0) })
        }
        let unit = ids.code(for: ou, as: .organisationUnit)
        let indicator = ids.code(for: de, as: .dataElement)
        try await context.require(.readValues, unit: unit, db: db)
        var filter = DataValueStore.Filter(limit: 1)
        (filter.unitCode, filter.indicatorCode, filter.period) = (unit, indicator, try ReportController.period(pe))
        let combo = q["co"].map { ids.code(for: String($0), as: .categoryOptionCombo) }
        guard let v = try await db.read({ [filter] in try await DataValueStore($0).values(filter) }).first,
              let x = combo == DataValueSet.numerator ? v.numerator : (combo == DataValueSet.denominator ? v.denominator : v.value) else {
            throw Problem.notFound(DomainError(code: "no_value", vi: "Chưa có số liệu này.", en: "No such value.", kind: .notFound))
        }
        return try JSONAnswer.response([DataValueSet.Row.text(x)])
    }

    @Sendable func write(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        let body: Body
        if let de = q["de"], let pe = q["pe"], let ou = q["ou"] {
            body = Body(dataElement: String(de), period: String(pe), orgUnit: String(ou), categoryOptionCombo: q["co"].map(String.init),
                        value: q["value"].map(String.init), comment: q["comment"].map(String.init))
        } else {
            do { body = try JSONDecoder().decode(Body.self, from: Data(try await request.collectBody(upTo: 1 << 16))) }
            catch is DecodingError { throw Problem.badRequest(.notADataValue) }
        }
        let set = DataValueSet(dataValues: [.init(dataElement: body.dataElement, period: body.period, orgUnit: body.orgUnit,
                                                  categoryOptionCombo: body.categoryOptionCombo, value: body.value, comment: body.comment)])
        let (summary, sent) = try await DataValueSetImport(db, clock: clock).run(set, schemes: IdSchemes(), dryRun: false, as: caller)
        guard summary.conflicts.isEmpty else { return try ImportSummaryView(summary, sent: sent).response(for: context.dhis2) }
        return Response(status: .created)
    }
}

extension DomainError {
    static let notADataValue = DomainError(code: "malformed_json", field: "body",
        vi: "JSON không phải một giá trị dữ liệu hợp lệ (dataElement, period, orgUnit, value).",
        en: "The JSON is not a valid data value (dataElement, period, orgUnit, value).")
}
