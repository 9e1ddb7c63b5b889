import DXDomain
import DXSpreadsheet
import DXStorage
import Hummingbird

/// Reading and writing reported values, each within the caller's subtree.
struct DataValueController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to group: RouterGroup<Context>) {
        // A write names its units in the body: the handler narrows to each.
        GuardedRoutes(group, db: db)
            .get("", .api(.readValues, unit: .query("unit")), use: list)
            .post("", .api(.writeValues), use: write)
    }

    /// `GET /api/data-values?unit=20&indicator=…&period=2025Q1&from=…&to=…`
    @Sendable func list(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        var filter = DataValueStore.Filter()
        filter.unitCode = request.code("unit")
        filter.withinSubtreeOf = caller.scope
        filter.indicatorCode = request.code("indicator")
        do {
            filter.period = try q["period"].map { v throws(DomainError) in try Period(String(v)) }
            filter.from = try q["from"].map { v throws(DomainError) in try LocalDate(iso: String(v)) }
            filter.to = try q["to"].map { v throws(DomainError) in try LocalDate(iso: String(v)) }
        } catch {
            throw Problem.badRequest(error)
        }
        if let limit = q["limit"].flatMap({ Int(String($0)) }) { filter.limit = max(1, min(limit, 10_000)) }
        let found = try await db.read { [filter] in try await DataValueStore($0).values(filter) }
        guard let format = TableDownload.format(request) else { return try ListResponse(found.map(ValueView.init)).response(from: request, context: context) }
        let (indicators, units) = try await db.read { sql in
            (try await CatalogStore(sql).indicators(codes: Set(found.map(\.indicatorCode))), try await OrgUnitStore(sql).find(codes: Set(found.map(\.unitCode))))
        }
        let rows: [[XLSXWriter.Cell]] = found.map { v in
            let percent = indicators[v.indicatorCode]?.valueType == .percentage
            let value: XLSXWriter.Cell = v.value.map { percent ? .percent($0) : .number($0) } ?? .empty
            return [.text(v.unitCode), .text(units[v.unitCode]?.name ?? ""), .text(v.indicatorCode), .text(indicators[v.indicatorCode]?.nameVi ?? ""),
                    .text(v.period.id), value, v.numerator.map { .number($0) } ?? .empty, v.denominator.map { .number($0) } ?? .empty,
                    .text(v.comment ?? ""), .text(v.storedBy ?? ""), .text(v.updatedAt ?? "")]
        }
        return try TableDownload(name: "Số liệu", header: ["Mã đơn vị", "Đơn vị", "Mã chỉ tiêu", "Chỉ tiêu", "Kỳ", "Giá trị", "Tử số", "Mẫu số",
                                                          "Ghi chú", "Người nhập", "Cập nhật"], rows: rows)
            .response(format, filename: "so-lieu")
    }

    /// `POST /api/data-values[?dryRun=true]` with
    /// `{"values": [{"unit", "indicator", "period", "value" | "numerator" + "denominator", "comment"}]}`.
    /// All values are written, or none (422 with every problem).
    @Sendable func write(_ request: Request, context: Context, caller: Principal) async throws -> ListResponse<ValueView> {
        let body = try await request.decodeJSON(WriteRequest.self)
        for unit in Set(body.values.map(\.unit)).sorted() {
            try await context.require(.writeValues, unit: unit, db: db)
        }
        let dryRun = request.uri.queryParameters["dryRun"] == "true"
        return ListResponse(try await DataEntry(db, clock: clock).write(body.values, by: .person(caller), dryRun: dryRun).map(ValueView.init))
    }

    struct WriteRequest: Decodable {
        let values: [DataValueInput]
    }
}
