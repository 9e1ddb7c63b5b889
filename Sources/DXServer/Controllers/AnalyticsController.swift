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

