import DXDomain
import DXStorage
import Hummingbird

/// Figures computed from the reported values.
struct AnalyticsController: Sendable {
    typealias Context = AppRequestContext
    let db: Database

    func add(to api: RouterGroup<Context>) {
        GuardedRoutes(api, db: db).get("aggregate", .api(.readValues, unit: .query("unit")), use: aggregate)
    }

    /// `GET /api/aggregate?indicator=X&unit=20&period=2025[&includeSubmitted=true][&restate=true]`.
    @Sendable func aggregate(_ request: Request, context: Context, caller: Principal) async throws -> AggregateView {
        let q = request.uri.queryParameters
        let unit = try context.required("unit", in: request), indicator = try context.required("indicator", in: request)
        let period = try ReportController.period(q["period"].map(String.init) ?? "")
        let r = try await Analytics(db).aggregate(indicator: indicator, unit: unit, period: period,
                                                  includeSubmitted: q["includeSubmitted"] == "true", restate: q["restate"] == "true")
        return AggregateView(r)
    }
}

struct AggregateView: ResponseEncodable, Sendable {
    struct Step: Encodable, Sendable {
        let from: String
        let to: String
        let period: String
        let method_vi: String
        let method_en: String
    }

    let indicator: String
    let unit: String
    let period: String
    let value: Double?
    let numerator: Double?
    let denominator: Double?
    let count: Int
    let method_vi: String
    let restated: [Step]

    init(_ r: Analytics.AggregateResult) {
        indicator = r.indicator.code
        unit = r.unit
        period = r.period.id
        value = r.aggregate.value
        numerator = r.aggregate.numerator
        denominator = r.aggregate.denominator
        count = r.aggregate.count
        method_vi = IndicatorPage.aggregation(r.indicator, .vi)
        restated = r.restated.map { Step(from: $0.from, to: $0.value.unitCode, period: $0.value.period.id, method_vi: $0.methodVi, method_en: $0.methodEn) }
    }
}
