import DXDomain
import DXStorage
import Hummingbird

/// The pages leaders and coordinators read: dashboard, unit, indicator and plan pages.
/// Each needs a signed-in reader of the unit's figures; each table on them downloads
/// as CSV or XLSX (`?table=…&format=…`).
struct DashboardController: Sendable {
    typealias Context = AppRequestContext
    let db: Database
    let clock: WallClock

    func add(to router: Router<Context>) {
        // The dashboard and an indicator's page are about the unit the reader picks (or their
        // own, or the province), a plan's page about the plan's unit: each narrows to it.
        GuardedRoutes(router, db: db)
            .get("dashboard", .page(.readValues), use: dashboard)
            .get("units/:unit", .page(.readValues, unit: .path("unit")), use: unit)
            .get("indicators/:indicator", .page(.readValues), use: indicator)
            .get("plans", .everyone, use: plans)
            .get("plans/:plan", .page(.readValues), use: plan)
    }

    @Sendable func dashboard(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let root = try await Self.root(request, caller, today: today, db: db)
        try await context.require(.readValues, unit: root, db: db)
        let (asOf, scope, db) = (try Self.asOf(request, today: today), caller.scope, db)
        return try await Page.serve(request, context, db: db, scope: scope, today: today) {
            let board = try await Dashboard.load(db, unit: root, asOf: asOf, today: today)
            return DashboardPage.build(board, units: try await Self.unitChoices(scope: scope, current: root, today: today, db: db),
                                       narrowing: .init(request), PagePlace(request))
        }
    }

    @Sendable func unit(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let code = try context.parameters.code("unit")
        let (asOf, db) = (try Self.asOf(request, today: today), db)
        return try await Page.serve(request, context, db: db, scope: caller.scope, today: today) {
            UnitPage.build(try await UnitPage.Data.load(db, unit: code, asOf: asOf, today: today), PagePlace(request))
        }
    }

    @Sendable func indicator(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let today = clock.today()
        let code = try context.parameters.code("indicator")
        let root = try await Self.root(request, caller, today: today, db: db)
        try await context.require(.readValues, unit: root, db: db)
        let (asOf, db) = (try Self.asOf(request, today: today), db)
        return try await Page.serve(request, context, db: db, scope: caller.scope, today: today) {
            IndicatorPage.build(try await IndicatorPage.Data.load(db, indicator: code, unit: root, asOf: asOf), PagePlace(request))
        }
    }

    @Sendable func plans(_ request: Request, context: Context) async throws -> Response {
        let (plans, units) = try await db.read { sql in
            (try await CatalogStore(sql).plans(), try await OrgUnitStore(sql).names())
        }
        return try PlanPage.list(plans, unitNames: units, PagePlace(request)).response(request, context: context)
    }

    @Sendable func plan(_ request: Request, context: Context, caller: Principal) async throws -> Response {
        let code = try context.parameters.code("plan")
        guard let plan = try await db.read({ try await CatalogStore($0).plans().first { $0.code == code } }) else {
            throw Problem.notFound(DomainError.unknown(.plan, code: code))
        }
        try await context.require(.readValues, unit: plan.unitCode, db: db)
        let progress = try await Analytics(db).progress(unit: plan.unitCode, asOf: try Self.asOf(request, today: clock.today()), include: { $0.planCode == code })
        return try PlanPage.build(plan, progress, PagePlace(request)).response(request, context: context)
    }
}

extension DashboardController {
    /// `?unit=` when given, else the reader's own unit, else the first province.
    static func root(_ request: Request, _ caller: Principal, today: LocalDate, db: Database) async throws -> String {
        if let unit = request.uri.queryParameters["unit"] {
            do { return try Code.parse(String(unit), field: "unit") } catch { throw Problem.notFound(error) }
        }
        if let scope = caller.scope { return scope }
        let province = try await db.read { try await OrgUnitStore($0).all().first { $0.kind == .province && $0.isActive(on: today) } }
        guard let province else {
            throw Problem(.notFound, vi: "Chưa có tỉnh nào trong danh mục", en: "No province in the catalog yet")
        }
        return province.code
    }

    /// `?period=` (e.g. 2026Q3 or 2025), else the last quarter that has ended.
    static func asOf(_ request: Request, today: LocalDate) throws -> Period {
        guard let text = request.uri.queryParameters["period"] else { return Period(type: .quarterly, containing: today).previous }
        return try ReportController.period(String(text))
    }

    /// The units a reader may pick, as a drill-down: the path from their own subtree's root to
    /// `current`, then `current`'s administrative units one level below (departments,
    /// districts, communes in use). The list grows with one unit's children, not with the country.
    /// Kept until the units change: not read again after every write of values.
    static func unitChoices(scope: String?, current: String, today: LocalDate, db: Database) async throws -> [OrgUnit] {
        try await db.derived("unit-choices|\(scope ?? "")|\(current)|\(today.iso)", reads: .structure) {
            let all = try await db.read { try await OrgUnitStore($0).all() }
            return Self.unitChoices(scope: scope, current: current, today: today, among: all)
        }
    }

    private static func unitChoices(scope: String?, current: String, today: LocalDate, among all: [OrgUnit]) -> [OrgUnit] {
        let byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var path: [OrgUnit] = []
        var next: String? = current
        while let code = next, let unit = byCode[code] {
            path.insert(unit, at: 0)
            next = code == scope ? nil : unit.parentCode
        }
        let kinds: Set<OrgUnitKind> = [.country, .province, .department, .district, .commune, .ward, .town, .specialZone]
        let order = OrgUnitKind.allCases
        let below = all.filter { $0.parentCode == current && kinds.contains($0.kind) && $0.isActive(on: today) }
            .sorted { (order.firstIndex(of: $0.kind)!, $0.name) < (order.firstIndex(of: $1.kind)!, $1.name) }
        return path + below
    }
}
